//! Console users: accounts (argon2 PHC hashes made by the caller), roles,
//! disabling, failed sign-ins and lockout, and the sealed TOTP secret.

use crate::ids::{new_id, now_micros};
use crate::rows::{int, opt_blob, opt_int, text};
use crate::{Store, StoreError, User};
use sqlx::any::AnyRow;

/// Master-key purpose of `users.totp_secret_enc` (AAD: the user id).
pub const TOTP_PURPOSE: &str = "totp";

const COLUMNS: &str = "id, workspace_id, email, password_hash, role, created_at, disabled_at, \
    totp_enabled_at, failed_logins, locked_until";

fn user(row: &AnyRow) -> Result<User, StoreError> {
    Ok(User {
        id: text(row, "id")?,
        workspace_id: text(row, "workspace_id")?,
        email: text(row, "email")?,
        password_hash: text(row, "password_hash")?,
        role: text(row, "role")?,
        created_at: int(row, "created_at")?,
        disabled_at: opt_int(row, "disabled_at")?,
        totp_enabled: opt_int(row, "totp_enabled_at")?.is_some(),
        failed_logins: int(row, "failed_logins")?,
        locked_until: opt_int(row, "locked_until")?,
    })
}

impl Store {
    /// `password_hash` is an argon2 PHC string made by the caller.
    pub async fn create_user(
        &self,
        workspace_id: &str,
        email: &str,
        password_hash: &str,
        role: &str,
    ) -> Result<String, StoreError> {
        let id = new_id("usr");
        let res = sqlx::query(
            "INSERT INTO users (id, workspace_id, email, password_hash, role, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(workspace_id)
        .bind(email.to_lowercase())
        .bind(password_hash)
        .bind(role)
        .bind(now_micros())
        .execute(&self.db.pool)
        .await;
        match res {
            Ok(_) => Ok(id),
            Err(e) if StoreError::is_unique_violation(&e) => Err(StoreError::Duplicate("user")),
            Err(e) => Err(e.into()),
        }
    }

    /// Every account with that email, in any workspace (sign-in asks for the
    /// workspace only when there are several).
    pub async fn users_by_email(&self, email: &str) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM users WHERE email = $1 ORDER BY created_at"
        ))
        .bind(email.trim().to_lowercase())
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(user).collect()
    }

    pub async fn get_user(&self, workspace_id: &str, id: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM users WHERE id = $1 AND workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.db.pool)
        .await?;
        row.as_ref().map(user).transpose()
    }

    pub async fn list_users(&self, workspace_id: &str) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM users WHERE workspace_id = $1 ORDER BY email"
        ))
        .bind(workspace_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(user).collect()
    }

    /// Counts a failed sign-in; the `lock_after`th in a row locks the account
    /// until `lock_until`. Returns the count so far.
    pub async fn record_failed_login(
        &self,
        user_id: &str,
        lock_after: i64,
        lock_until: i64,
    ) -> Result<i64, StoreError> {
        sqlx::query(
            "UPDATE users SET failed_logins = failed_logins + 1, \
             locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END \
             WHERE id = $3",
        )
        .bind(lock_after)
        .bind(lock_until)
        .bind(user_id)
        .execute(&self.db.pool)
        .await?;
        let row = sqlx::query("SELECT failed_logins FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&self.db.pool)
            .await?;
        int(&row, "failed_logins")
    }

    /// A successful sign-in clears the failure count and any lock.
    pub async fn record_login_success(&self, user_id: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(user_id)
            .execute(&self.db.pool)
            .await?;
        Ok(())
    }

    /// A new password (an admin's reset or the user's own change) ends every
    /// session of the user but `keep` (the session a user changed their own
    /// password from) and lifts a lock.
    pub async fn set_password(
        &self,
        workspace_id: &str,
        user_id: &str,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<bool, StoreError> {
        let res = sqlx::query(
            "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL \
             WHERE id = $2 AND workspace_id = $3",
        )
        .bind(password_hash)
        .bind(user_id)
        .bind(workspace_id)
        .execute(&self.db.pool)
        .await?;
        if res.rows_affected() == 1 {
            self.revoke_user_sessions(user_id, keep).await?;
        }
        Ok(res.rows_affected() == 1)
    }

    /// Enabled admins of the workspace: a change that would leave none is
    /// refused by the service (nobody could administer it any more).
    pub async fn count_active_admins(&self, workspace_id: &str) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM users \
             WHERE workspace_id = $1 AND role = 'admin' AND disabled_at IS NULL",
        )
        .bind(workspace_id)
        .fetch_one(&self.db.pool)
        .await?;
        int(&row, "n")
    }

    pub async fn set_role(
        &self,
        workspace_id: &str,
        user_id: &str,
        role: &str,
    ) -> Result<bool, StoreError> {
        let res = sqlx::query("UPDATE users SET role = $1 WHERE id = $2 AND workspace_id = $3")
            .bind(role)
            .bind(user_id)
            .bind(workspace_id)
            .execute(&self.db.pool)
            .await?;
        Ok(res.rows_affected() == 1)
    }

    /// Disabling ends the user's sessions at once; enabling lifts a lock too.
    pub async fn set_disabled(
        &self,
        workspace_id: &str,
        user_id: &str,
        disabled: bool,
    ) -> Result<bool, StoreError> {
        let at = disabled.then(now_micros);
        let res = sqlx::query(
            "UPDATE users SET disabled_at = $1, failed_logins = 0, locked_until = NULL \
             WHERE id = $2 AND workspace_id = $3",
        )
        .bind(at)
        .bind(user_id)
        .bind(workspace_id)
        .execute(&self.db.pool)
        .await?;
        if disabled && res.rows_affected() == 1 {
            self.revoke_user_sessions(user_id, None).await?;
        }
        Ok(res.rows_affected() == 1)
    }

    /// Stores a new, not yet confirmed TOTP secret (enrolment): the second
    /// factor is enabled only by [`Store::enable_totp`] after a valid code.
    pub async fn set_totp_secret(&self, user_id: &str, secret: &[u8]) -> Result<(), StoreError> {
        let sealed = self.keys.seal(TOTP_PURPOSE, secret, user_id.as_bytes())?;
        sqlx::query(
            "UPDATE users SET totp_secret_enc = $1, totp_enabled_at = NULL, \
             totp_last_step = NULL WHERE id = $2",
        )
        .bind(sealed)
        .bind(user_id)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    pub async fn enable_totp(&self, user_id: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE users SET totp_enabled_at = $1 \
             WHERE id = $2 AND totp_secret_enc IS NOT NULL",
        )
        .bind(now_micros())
        .bind(user_id)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// An admin's reset of a user's second factor (a lost phone).
    pub async fn clear_totp(&self, workspace_id: &str, user_id: &str) -> Result<bool, StoreError> {
        let res = sqlx::query(
            "UPDATE users SET totp_secret_enc = NULL, totp_enabled_at = NULL, \
             totp_last_step = NULL WHERE id = $1 AND workspace_id = $2",
        )
        .bind(user_id)
        .bind(workspace_id)
        .execute(&self.db.pool)
        .await?;
        Ok(res.rows_affected() == 1)
    }

    /// The user's TOTP secret, enrolled or pending.
    pub async fn totp_secret(&self, user_id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let row = sqlx::query("SELECT totp_secret_enc FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&self.db.pool)
            .await?;
        let Some(sealed) = row
            .as_ref()
            .map(|r| opt_blob(r, "totp_secret_enc"))
            .transpose()?
        else {
            return Ok(None);
        };
        sealed
            .map(|s| Ok(self.keys.open(TOTP_PURPOSE, &s, user_id.as_bytes())?))
            .transpose()
    }

    /// Accepts TOTP time step `step` once: false when it (or a later one)
    /// was already used, so an overheard code cannot be replayed.
    pub async fn accept_totp_step(&self, user_id: &str, step: i64) -> Result<bool, StoreError> {
        let res = sqlx::query(
            "UPDATE users SET totp_last_step = $1 \
             WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(&self.db.pool)
        .await?;
        Ok(res.rows_affected() == 1)
    }
}
