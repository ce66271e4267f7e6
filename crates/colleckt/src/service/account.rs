//! What any signed-in user does to their own account: change the password,
//! see and end their sessions, and turn on a second factor. Every change is
//! audited; a user only ever reaches their own rows (queries are keyed by the
//! actor's user id).

use crate::app::AppState;
use crate::service::admin::{
    hash, Actor, AdminError, AdminResult, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS,
};
use crate::service::sign_in::{password_matches, LOCK_AFTER, LOCK_MICROS, SESSION_LIMITS};
use crate::service::totp;
use colleckt_store::ids::now_micros;
use colleckt_store::ConsoleSession;

/// Changes the actor's password; every other session of theirs ends (a
/// password change is what one does after a suspected compromise).
pub async fn change_password(
    state: &AppState,
    actor: Actor<'_>,
    current_session: &str,
    current: &str,
    new: &str,
    confirm: &str,
) -> AdminResult<()> {
    if current.len() > MAX_PASSWORD_CHARS
        || !password_matches(actor.user.password_hash.clone(), current.to_string()).await?
    {
        // Counted like a failed sign-in: a borrowed session must not become
        // an unlimited password oracle.
        state
            .store
            .record_failed_login(&actor.user.id, LOCK_AFTER, now_micros() + LOCK_MICROS)
            .await?;
        actor
            .audit(state, "password_change_failed", None, None)
            .await;
        return Err(AdminError::WrongPassword);
    }
    let chars = new.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        return Err(AdminError::WeakPassword);
    }
    if new != confirm {
        return Err(AdminError::PasswordMismatch);
    }
    let hashed = hash(new.to_string()).await?;
    state
        .store
        .set_password(
            &actor.user.workspace_id,
            &actor.user.id,
            &hashed,
            Some(current_session),
        )
        .await?;
    actor.audit(state, "password_changed", None, None).await;
    Ok(())
}

/// The actor's live sessions, newest first.
pub async fn sessions(state: &AppState, actor: Actor<'_>) -> AdminResult<Vec<ConsoleSession>> {
    Ok(state
        .store
        .list_console_sessions(&actor.user.id, SESSION_LIMITS)
        .await?)
}

/// Ends one of the actor's own sessions (another's id is not found).
pub async fn revoke_session(
    state: &AppState,
    actor: Actor<'_>,
    session_id: &str,
) -> AdminResult<()> {
    if !state
        .store
        .revoke_console_session(&actor.user.id, session_id)
        .await?
    {
        return Err(AdminError::NotFound);
    }
    actor
        .audit(state, "session_revoked", Some(session_id), None)
        .await;
    Ok(())
}

/// Starts setting up a second factor: a new secret, stored unconfirmed
/// (sign-in ignores it until [`confirm_totp`] enables it). Refused when one
/// is already on, so a stolen session cannot swap the user's authenticator.
pub async fn start_totp(state: &AppState, actor: Actor<'_>) -> AdminResult<()> {
    if actor.user.totp_enabled {
        return Err(AdminError::TotpAlreadyOn);
    }
    state
        .store
        .set_totp_secret(&actor.user.id, &totp::new_secret())
        .await?;
    Ok(())
}

/// The pending secret to show (with its `otpauth://` URI for the QR code),
/// or `None` when setup was not started or is already done.
pub async fn pending_totp(state: &AppState, actor: Actor<'_>) -> AdminResult<Option<Vec<u8>>> {
    if actor.user.totp_enabled {
        return Ok(None);
    }
    Ok(state.store.totp_secret(&actor.user.id).await?)
}

/// Confirms the pending secret with a code from the authenticator; on
/// success the second factor is on from the next sign-in. The code's time
/// step is used up, like at sign-in, so it cannot be replayed there.
pub async fn confirm_totp(state: &AppState, actor: Actor<'_>, code: &str) -> AdminResult<()> {
    let Some(secret) = pending_totp(state, actor).await? else {
        return Err(AdminError::InvalidCode);
    };
    let now_secs = now_micros() / 1_000_000;
    let accepted = match totp::verify(&secret, code, now_secs) {
        Some(step) => state.store.accept_totp_step(&actor.user.id, step).await?,
        None => false,
    };
    if !accepted {
        actor.audit(state, "totp_setup_failed", None, None).await;
        return Err(AdminError::InvalidCode);
    }
    state.store.enable_totp(&actor.user.id).await?;
    actor.audit(state, "totp_enabled", None, None).await;
    Ok(())
}
