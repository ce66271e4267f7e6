//! Console sign-in: email and password (argon2id), lockout after repeated
//! failures, an optional second factor (TOTP), sessions stored hashed. Every
//! attempt, good or bad, goes to the audit log.

use crate::app::AppState;
use crate::service::totp;
use crate::service::{ServiceError, ServiceResult};
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use colleckt_store::{
    AuditRecord, ConsoleSession, SessionLimits, SessionOrigin, SessionStage, User, Workspace,
};
use std::sync::LazyLock;

/// Failures in a row that lock an account, and for how long.
pub const LOCK_AFTER: i64 = 5;
pub const LOCK_MICROS: i64 = 15 * 60 * 1_000_000;

/// Sessions end 12 hours after sign-in, or after 2 hours without a request.
pub const SESSION_LIMITS: SessionLimits = SessionLimits {
    absolute_micros: 12 * 3600 * 1_000_000,
    idle_micros: 2 * 3600 * 1_000_000,
};

/// A session still owing its second factor lasts 10 minutes.
const PASSWORD_STAGE_MICROS: i64 = 10 * 60 * 1_000_000;

/// Verified against when the email is unknown, so that a wrong email costs
/// the same time as a wrong password and response times reveal no accounts.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| crate::bootstrap::hash_password("not a password").unwrap_or_default());

#[derive(Debug)]
pub enum SignIn {
    /// Signed in: set this cookie secret.
    Done { user: User, secret: String },
    /// The password was right; a TOTP code is owed (or, when the workspace
    /// requires one and the user has none yet, an enrolment).
    SecondFactor { user: User, secret: String },
    /// The email has accounts in several workspaces: ask which.
    ChooseWorkspace(Vec<Workspace>),
    /// Wrong email or password (which, is not said).
    Invalid,
    /// Too many failures: locked until this time (microseconds).
    Locked { until: i64 },
}

/// Whether `password` matches the PHC `hash` (argon2 off the async threads).
pub(crate) async fn password_matches(hash: String, password: String) -> ServiceResult<bool> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| ServiceError::Internal(e.to_string()))
}

fn now() -> i64 {
    colleckt_store::ids::now_micros()
}

async fn audit(state: &AppState, ws: &str, actor: &str, action: &str, origin: &SessionOrigin) {
    let record = AuditRecord {
        workspace_id: ws,
        actor,
        action,
        ip: origin.ip.as_deref(),
        ..AuditRecord::default()
    };
    // The attempt is refused or allowed whether or not the log row lands;
    // a failing audit write is an operator's problem, logged loudly.
    if let Err(e) = state.store.audit(&record).await {
        tracing::error!(error = %e, action, "audit log write failed");
    }
}

/// Counts a failed attempt of `user` and audits it as `action`; true when it
/// locked the account.
async fn failure(
    state: &AppState,
    user: &User,
    action: &str,
    origin: &SessionOrigin,
) -> ServiceResult<bool> {
    let count = state
        .store
        .record_failed_login(&user.id, LOCK_AFTER, now() + LOCK_MICROS)
        .await?;
    audit(state, &user.workspace_id, &user.email, action, origin).await;
    Ok(count >= LOCK_AFTER)
}

/// Checks the password of the account `email` has (in workspace `slug` when
/// there are several) and opens a session.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    slug: Option<&str>,
    origin: &SessionOrigin,
) -> ServiceResult<SignIn> {
    let mut users = state.store.users_by_email(email).await?;
    if users.len() > 1 {
        let mut workspaces = vec![];
        for u in &users {
            if let Some(ws) = state.store.get_workspace(&u.workspace_id).await? {
                workspaces.push(ws);
            }
        }
        match slug.filter(|s| !s.is_empty()) {
            None => return Ok(SignIn::ChooseWorkspace(workspaces)),
            Some(slug) => {
                let id = workspaces
                    .iter()
                    .find(|w| w.slug == slug)
                    .map(|w| w.id.clone());
                users.retain(|u| Some(&u.workspace_id) == id.as_ref());
            }
        }
    }
    let Some(user) = users.into_iter().next() else {
        password_matches(DUMMY_HASH.clone(), password.to_string()).await?;
        return Ok(SignIn::Invalid);
    };
    if user.locked_until.is_some_and(|t| t > now()) {
        audit(
            state,
            &user.workspace_id,
            &user.email,
            "sign_in_locked",
            origin,
        )
        .await;
        return Ok(SignIn::Locked {
            until: user.locked_until.unwrap_or_default(),
        });
    }
    let matches = password_matches(user.password_hash.clone(), password.to_string()).await?;
    if !matches || user.disabled_at.is_some() {
        if matches {
            audit(
                state,
                &user.workspace_id,
                &user.email,
                "sign_in_disabled",
                origin,
            )
            .await;
            return Ok(SignIn::Invalid);
        }
        if failure(state, &user, "sign_in_failed", origin).await? {
            return Ok(SignIn::Locked {
                until: now() + LOCK_MICROS,
            });
        }
        return Ok(SignIn::Invalid);
    }
    let ws = state
        .store
        .get_workspace(&user.workspace_id)
        .await?
        .ok_or_else(|| ServiceError::Internal("user without workspace".into()))?;
    if user.totp_enabled || ws.require_totp {
        let limits = SessionLimits {
            absolute_micros: PASSWORD_STAGE_MICROS,
            idle_micros: PASSWORD_STAGE_MICROS,
        };
        let (_, secret) = state
            .store
            .create_console_session(&user, SessionStage::Password, origin, limits)
            .await?;
        audit(
            state,
            &user.workspace_id,
            &user.email,
            "sign_in_password",
            origin,
        )
        .await;
        return Ok(SignIn::SecondFactor { user, secret });
    }
    state.store.record_login_success(&user.id).await?;
    let (_, secret) = state
        .store
        .create_console_session(&user, SessionStage::Full, origin, SESSION_LIMITS)
        .await?;
    audit(state, &user.workspace_id, &user.email, "sign_in", origin).await;
    Ok(SignIn::Done { user, secret })
}

/// The outcome of a second-factor code.
#[derive(Debug)]
pub enum SecondFactor {
    /// Signed in: a new session (the half-signed-in one is ended).
    Done {
        secret: String,
    },
    Invalid,
    Locked {
        until: i64,
    },
}

/// Checks `code` for a session at the password stage. `enrolling`: the user
/// is confirming a new secret (shown on the enrolment page), which this
/// enables on success.
pub async fn second_factor(
    state: &AppState,
    session: &ConsoleSession,
    user: &User,
    code: &str,
    origin: &SessionOrigin,
) -> ServiceResult<SecondFactor> {
    if user.locked_until.is_some_and(|t| t > now()) {
        return Ok(SecondFactor::Locked {
            until: user.locked_until.unwrap_or_default(),
        });
    }
    let secret = state.store.totp_secret(&user.id).await?;
    let now_secs = now() / 1_000_000;
    let step = secret.and_then(|s| totp::verify(&s, code, now_secs));
    let accepted = match step {
        Some(step) => state.store.accept_totp_step(&user.id, step).await?,
        None => false,
    };
    if !accepted {
        if failure(state, user, "second_factor_failed", origin).await? {
            state
                .store
                .revoke_console_session(&user.id, &session.id)
                .await?;
            return Ok(SecondFactor::Locked {
                until: now() + LOCK_MICROS,
            });
        }
        return Ok(SecondFactor::Invalid);
    }
    if !user.totp_enabled {
        state.store.enable_totp(&user.id).await?;
        audit(
            state,
            &user.workspace_id,
            &user.email,
            "totp_enabled",
            origin,
        )
        .await;
    }
    state.store.record_login_success(&user.id).await?;
    // A new session id on the change of privilege (no fixation).
    state
        .store
        .revoke_console_session(&user.id, &session.id)
        .await?;
    let (_, secret) = state
        .store
        .create_console_session(user, SessionStage::Full, origin, SESSION_LIMITS)
        .await?;
    audit(state, &user.workspace_id, &user.email, "sign_in", origin).await;
    Ok(SecondFactor::Done { secret })
}

/// The secret a user at the password stage enrols with: made and stored
/// (unconfirmed) on first sight, the same one on a reload.
pub async fn enrolment_secret(state: &AppState, user: &User) -> ServiceResult<Vec<u8>> {
    if let Some(secret) = state.store.totp_secret(&user.id).await? {
        return Ok(secret);
    }
    let secret = totp::new_secret();
    state.store.set_totp_secret(&user.id, &secret).await?;
    Ok(secret)
}

pub async fn sign_out(
    state: &AppState,
    session: &ConsoleSession,
    user: &User,
    origin: &SessionOrigin,
) -> ServiceResult<()> {
    state
        .store
        .revoke_console_session(&user.id, &session.id)
        .await?;
    audit(state, &user.workspace_id, &user.email, "sign_out", origin).await;
    Ok(())
}
