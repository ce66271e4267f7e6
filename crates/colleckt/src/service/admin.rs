//! What a workspace's admins do in the console (users, API tokens, webhook
//! retries, the second-factor rule), with no HTTP in sight. Every action
//! checks that the actor is an enabled admin, touches only the actor's own
//! workspace (an id of another workspace is [`AdminError::NotFound`], the
//! same as an id that does not exist, so ids cannot be probed) and writes an
//! audit row. Audit details never hold a password or secret: those are
//! returned to the caller to show once and then forgotten.

use crate::app::AppState;
use crate::bootstrap::{generate_password, hash_password};
use crate::service::webhooks::{self, RetryError};
use crate::service::ServiceError;
use colleckt_store::{AuditRecord, Delivery, SessionOrigin, StoreError, User};

/// The two console roles.
pub const ROLES: [&str; 2] = ["reviewer", "admin"];
/// Shortest password a user may choose (generated ones are longer).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest accepted: argon2 takes any length, but nobody types 1 KiB.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Why an admin or account action was refused. The console turns the first
/// two into 403/404 pages and the rest into a message on the form's page.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("only an administrator of the workspace can do this")]
    NotAdmin,
    #[error("not found in this workspace")]
    NotFound,
    #[error("the workspace would be left without an enabled administrator")]
    LastAdmin,
    #[error("not a valid email address")]
    InvalidEmail,
    #[error("the role must be reviewer or admin")]
    InvalidRole,
    #[error("the workspace already has a user with this email")]
    DuplicateEmail,
    #[error("a name of 1 to 100 printable characters is required")]
    InvalidName,
    #[error("the new password must have at least {MIN_PASSWORD_CHARS} characters")]
    WeakPassword,
    #[error("the two new passwords differ")]
    PasswordMismatch,
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("the delivery is being attempted right now")]
    InFlight,
    #[error("the code is not valid")]
    InvalidCode,
    #[error("two-step verification is already on")]
    TotpAlreadyOn,
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<StoreError> for AdminError {
    fn from(e: StoreError) -> Self {
        AdminError::Service(ServiceError::Store(e))
    }
}

pub type AdminResult<T> = Result<T, AdminError>;

/// Who acts, and from where (for the audit log).
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub user: &'a User,
    pub origin: &'a SessionOrigin,
}

impl Actor<'_> {
    fn ws(&self) -> &str {
        &self.user.workspace_id
    }

    fn admin(&self) -> AdminResult<()> {
        if self.user.role == "admin" && self.user.disabled_at.is_none() {
            Ok(())
        } else {
            Err(AdminError::NotAdmin)
        }
    }

    /// Records what this actor did; a failed write is logged, not fatal: the
    /// action already happened and refusing it now would help nobody.
    pub(crate) async fn audit(
        &self,
        state: &AppState,
        action: &str,
        target: Option<&str>,
        detail: Option<&str>,
    ) {
        let record = AuditRecord {
            workspace_id: self.ws(),
            actor: &self.user.email,
            action,
            target,
            detail,
            ip: self.origin.ip.as_deref(),
        };
        if let Err(e) = state.store.audit(&record).await {
            tracing::error!(error = %e, action, "audit log write failed");
        }
    }
}

/// A password shown once, with whom it is for.
#[derive(Debug)]
pub struct OneTimePassword {
    pub email: String,
    pub password: String,
}

/// An API token's secret, shown once.
#[derive(Debug)]
pub struct NewToken {
    pub id: String,
    pub name: String,
    pub secret: String,
}

/// argon2 is slow on purpose: off the async threads.
pub(crate) async fn hash(password: String) -> AdminResult<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?
        .map_err(|e| AdminError::Service(ServiceError::Internal(e)))
}

/// A plain `local@domain.tld`; the address is only ever a sign-in name.
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

async fn user_of(state: &AppState, actor: &Actor<'_>, id: &str) -> AdminResult<User> {
    state
        .store
        .get_user(actor.ws(), id)
        .await?
        .ok_or(AdminError::NotFound)
}

/// Refuses a change that removes `target` from the enabled admins when it is
/// the last one. Counted, then changed: two admins demoting each other at
/// the same instant could both pass, which an operator fixes with
/// `colleckt user create`; a lock for that is not worth its cost.
async fn keep_an_admin(state: &AppState, target: &User) -> AdminResult<()> {
    if target.role == "admin"
        && target.disabled_at.is_none()
        && state
            .store
            .count_active_admins(&target.workspace_id)
            .await?
            <= 1
    {
        return Err(AdminError::LastAdmin);
    }
    Ok(())
}

/// Creates a user with a generated password (returned, to show once).
pub async fn create_user(
    state: &AppState,
    actor: Actor<'_>,
    email: &str,
    role: &str,
) -> AdminResult<OneTimePassword> {
    actor.admin()?;
    let email = email.trim().to_lowercase();
    if !valid_email(&email) {
        return Err(AdminError::InvalidEmail);
    }
    if !ROLES.contains(&role) {
        return Err(AdminError::InvalidRole);
    }
    let password = generate_password();
    let hashed = hash(password.clone()).await?;
    match state
        .store
        .create_user(actor.ws(), &email, &hashed, role)
        .await
    {
        Ok(_) => {}
        Err(StoreError::Duplicate(_)) => return Err(AdminError::DuplicateEmail),
        Err(e) => return Err(e.into()),
    }
    let detail = format!("role={role}");
    actor
        .audit(state, "user_created", Some(&email), Some(&detail))
        .await;
    Ok(OneTimePassword { email, password })
}

pub async fn set_role(
    state: &AppState,
    actor: Actor<'_>,
    user_id: &str,
    role: &str,
) -> AdminResult<()> {
    actor.admin()?;
    let target = user_of(state, &actor, user_id).await?;
    if !ROLES.contains(&role) {
        return Err(AdminError::InvalidRole);
    }
    if target.role == role {
        return Ok(());
    }
    keep_an_admin(state, &target).await?;
    state.store.set_role(actor.ws(), &target.id, role).await?;
    let detail = format!("role={role}");
    actor
        .audit(
            state,
            "user_role_changed",
            Some(&target.email),
            Some(&detail),
        )
        .await;
    Ok(())
}

/// Disabling ends the user's sessions at once (the store does it in the
/// same call); enabling also lifts a lockout.
pub async fn set_disabled(
    state: &AppState,
    actor: Actor<'_>,
    user_id: &str,
    disabled: bool,
) -> AdminResult<()> {
    actor.admin()?;
    let target = user_of(state, &actor, user_id).await?;
    if disabled {
        keep_an_admin(state, &target).await?;
    }
    state
        .store
        .set_disabled(actor.ws(), &target.id, disabled)
        .await?;
    let action = if disabled {
        "user_disabled"
    } else {
        "user_enabled"
    };
    actor.audit(state, action, Some(&target.email), None).await;
    Ok(())
}

/// A new generated password (returned, to show once); the user's sessions end.
pub async fn reset_password(
    state: &AppState,
    actor: Actor<'_>,
    user_id: &str,
) -> AdminResult<OneTimePassword> {
    actor.admin()?;
    let target = user_of(state, &actor, user_id).await?;
    let password = generate_password();
    let hashed = hash(password.clone()).await?;
    state
        .store
        .set_password(actor.ws(), &target.id, &hashed, None)
        .await?;
    actor
        .audit(state, "user_password_reset", Some(&target.email), None)
        .await;
    Ok(OneTimePassword {
        email: target.email,
        password,
    })
}

/// Removes a user's second factor (a lost phone); they enrol again at their
/// next sign-in if the workspace requires one.
pub async fn reset_totp(state: &AppState, actor: Actor<'_>, user_id: &str) -> AdminResult<()> {
    actor.admin()?;
    let target = user_of(state, &actor, user_id).await?;
    state.store.clear_totp(actor.ws(), &target.id).await?;
    actor
        .audit(state, "user_totp_reset", Some(&target.email), None)
        .await;
    Ok(())
}

/// Whether every user of the workspace must sign in with a second factor.
pub async fn set_require_totp(state: &AppState, actor: Actor<'_>, on: bool) -> AdminResult<()> {
    actor.admin()?;
    state.store.set_require_totp(actor.ws(), on).await?;
    let detail = if on { "on" } else { "off" };
    actor
        .audit(state, "workspace_require_totp", None, Some(detail))
        .await;
    Ok(())
}

/// A new API token; its secret is returned once and only its hash is kept.
pub async fn create_token(state: &AppState, actor: Actor<'_>, name: &str) -> AdminResult<NewToken> {
    actor.admin()?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(AdminError::InvalidName);
    }
    let (id, secret) = state.store.create_token(actor.ws(), name).await?;
    actor
        .audit(state, "token_created", Some(&id), Some(name))
        .await;
    Ok(NewToken {
        id,
        name: name.to_string(),
        secret,
    })
}

pub async fn revoke_token(state: &AppState, actor: Actor<'_>, token_id: &str) -> AdminResult<()> {
    actor.admin()?;
    if !state
        .store
        .revoke_workspace_token(actor.ws(), token_id)
        .await?
    {
        return Err(AdminError::NotFound);
    }
    actor
        .audit(state, "token_revoked", Some(token_id), None)
        .await;
    Ok(())
}

/// The same retry as `POST /api/v1/webhooks/{id}/deliveries/{id}/retry`.
pub async fn retry_delivery(
    state: &AppState,
    actor: Actor<'_>,
    endpoint_id: &str,
    delivery_id: &str,
) -> AdminResult<Delivery> {
    actor.admin()?;
    let d = webhooks::retry_delivery(state, actor.ws(), endpoint_id, delivery_id)
        .await
        .map_err(|e| match e {
            RetryError::EndpointNotFound | RetryError::DeliveryNotFound => AdminError::NotFound,
            RetryError::InFlight => AdminError::InFlight,
            RetryError::Store(e) => e.into(),
        })?;
    actor
        .audit(
            state,
            "webhook_delivery_retried",
            Some(delivery_id),
            Some(endpoint_id),
        )
        .await;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.co", "first.last+x@mail.example.com"] {
            assert!(valid_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "@b.co", "a@b", "a@.b", "a@b.", "a b@c.de", "a@b@c.de",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
    }
}
