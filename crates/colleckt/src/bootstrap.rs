//! First run and operator commands that create accounts: the `default`
//! workspace with one API token and one console admin, printed once.

use crate::app::AppState;
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use colleckt_store::StoreError;

pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn generate_password() -> String {
    colleckt_store::ids::new_secret("")
        .chars()
        .take(20)
        .collect()
}

/// When no workspace exists: create `default`, a token and an admin; returns
/// the lines to print once.
pub async fn first_run(state: &AppState) -> Result<Option<Vec<String>>, StoreError> {
    if state.store.count_workspaces().await? > 0 {
        return Ok(None);
    }
    let ws = match state.store.create_workspace("default", "Default").await {
        Ok(ws) => ws,
        // Another node won the race to bootstrap.
        Err(StoreError::Duplicate(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let (_, token) = state.store.create_token(&ws.id, "first-run").await?;
    let password = generate_password();
    let hash = hash_password(&password).map_err(StoreError::Corrupt)?;
    state
        .store
        .create_user(&ws.id, "admin@localhost", &hash, "admin")
        .await?;
    Ok(Some(vec![
        "First run: created workspace `default`. These are shown only once:".into(),
        format!("  API token:      {token}"),
        "  Console login:  admin@localhost".into(),
        format!("  Password:       {password}"),
    ]))
}
