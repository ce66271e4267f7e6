//! Workspaces and API tokens (stored as SHA-256 hashes). Console users: `users.rs`.

use crate::crypto::sha256_hex;
use crate::ids::{new_id, new_secret, now_micros};
use crate::rows::{int, opt_int, text};
use crate::{ApiToken, Store, StoreError, TokenInfo, Workspace};

fn workspace(row: &sqlx::any::AnyRow) -> Result<Workspace, StoreError> {
    Ok(Workspace {
        id: text(row, "id")?,
        slug: text(row, "slug")?,
        name: text(row, "name")?,
        created_at: int(row, "created_at")?,
        require_totp: int(row, "require_totp")? != 0,
    })
}

impl Store {
    pub async fn create_workspace(&self, slug: &str, name: &str) -> Result<Workspace, StoreError> {
        let ws = Workspace {
            id: new_id("ws"),
            slug: slug.to_string(),
            name: name.to_string(),
            created_at: now_micros(),
            require_totp: false,
        };
        let res = sqlx::query(
            "INSERT INTO workspaces (id, slug, name, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&ws.id)
        .bind(&ws.slug)
        .bind(&ws.name)
        .bind(ws.created_at)
        .execute(&self.db.pool)
        .await;
        match res {
            Ok(_) => Ok(ws),
            Err(e) if StoreError::is_unique_violation(&e) => {
                Err(StoreError::Duplicate("workspace"))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn workspace_by_slug(&self, slug: &str) -> Result<Option<Workspace>, StoreError> {
        let row = sqlx::query(
            "SELECT id, slug, name, created_at, require_totp FROM workspaces WHERE slug = $1",
        )
        .bind(slug)
        .fetch_optional(&self.db.pool)
        .await?;
        row.as_ref().map(workspace).transpose()
    }

    pub async fn get_workspace(&self, id: &str) -> Result<Option<Workspace>, StoreError> {
        let row = sqlx::query(
            "SELECT id, slug, name, created_at, require_totp FROM workspaces WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await?;
        row.as_ref().map(workspace).transpose()
    }

    /// Whether every console user of the workspace must use a second factor.
    pub async fn set_require_totp(&self, id: &str, on: bool) -> Result<(), StoreError> {
        sqlx::query("UPDATE workspaces SET require_totp = $1 WHERE id = $2")
            .bind(i64::from(on))
            .bind(id)
            .execute(&self.db.pool)
            .await?;
        Ok(())
    }

    pub async fn count_workspaces(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM workspaces")
            .fetch_one(&self.db.pool)
            .await?;
        int(&row, "n")
    }

    /// Creates a token and returns (its id, the secret). Only the hash is kept.
    pub async fn create_token(
        &self,
        workspace_id: &str,
        name: &str,
    ) -> Result<(String, String), StoreError> {
        let id = new_id("tok");
        let secret = new_secret("clk_");
        sqlx::query(
            "INSERT INTO api_tokens (id, workspace_id, name, token_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(workspace_id)
        .bind(name)
        .bind(sha256_hex(secret.as_bytes()))
        .bind(now_micros())
        .execute(&self.db.pool)
        .await?;
        Ok((id, secret))
    }

    /// Returns false when no live token has that id.
    pub async fn revoke_token(&self, token_id: &str) -> Result<bool, StoreError> {
        let res = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(now_micros())
        .bind(token_id)
        .execute(&self.db.pool)
        .await?;
        Ok(res.rows_affected() == 1)
    }

    /// The workspace's tokens, newest first, revoked ones included.
    pub async fn list_tokens(&self, workspace_id: &str) -> Result<Vec<TokenInfo>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, revoked_at FROM api_tokens \
             WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(workspace_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TokenInfo {
                    id: text(r, "id")?,
                    name: text(r, "name")?,
                    created_at: int(r, "created_at")?,
                    revoked_at: opt_int(r, "revoked_at")?,
                })
            })
            .collect()
    }

    /// Revokes one of the workspace's tokens; false when it has no such live token.
    pub async fn revoke_workspace_token(
        &self,
        workspace_id: &str,
        token_id: &str,
    ) -> Result<bool, StoreError> {
        let res = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 \
             WHERE id = $2 AND workspace_id = $3 AND revoked_at IS NULL",
        )
        .bind(now_micros())
        .bind(token_id)
        .bind(workspace_id)
        .execute(&self.db.pool)
        .await?;
        Ok(res.rows_affected() == 1)
    }

    #[tracing::instrument(skip_all)]
    pub async fn authenticate_token(&self, secret: &str) -> Result<Option<ApiToken>, StoreError> {
        let row = sqlx::query(
            "SELECT id, workspace_id, name FROM api_tokens \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(sha256_hex(secret.as_bytes()))
        .fetch_optional(&self.db.pool)
        .await?;
        row.map(|r| {
            Ok(ApiToken {
                id: text(&r, "id")?,
                workspace_id: text(&r, "workspace_id")?,
                name: text(&r, "name")?,
            })
        })
        .transpose()
    }
}
