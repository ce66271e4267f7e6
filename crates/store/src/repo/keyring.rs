//! The master keys the database depends on. Each key that seals (or once
//! sealed) values is recorded by id and fingerprint; a process whose key ring
//! lacks an `active` one must not run: every read would fail with a 500
//! while the service looked healthy, and a fresh key would seal new data the
//! old key cannot open.

use crate::crypto::MasterKeys;
use crate::db::Db;
use crate::ids::now_micros;
use crate::rows::text;
use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedKey {
    pub key_id: String,
    pub fingerprint: String,
    /// `false` once `colleckt key rotate` moved every value off it.
    pub active: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyCheckError {
    #[error(
        "the database holds data sealed by master key {key_id} (fingerprint {}…), which is not \
         configured: the master key file is missing or wrong (an unmounted volume?). Refusing to \
         start rather than fail on every read. Mount the data directory that holds master.key, \
         or set COLLECKT_MASTER_KEY (and COLLECKT_OLD_MASTER_KEYS during a rotation); see docs/keys.md",
        short(.fingerprint)
    )]
    Missing { key_id: String, fingerprint: String },
    #[error(
        "the database holds data sealed by master key {key_id}, which is not configured \
         (wrong or missing master key); see docs/keys.md"
    )]
    Unrecorded { key_id: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn short(fingerprint: &str) -> &str {
    fingerprint.get(..16).unwrap_or(fingerprint)
}

async fn recorded(db: &Db) -> Result<Vec<RecordedKey>, StoreError> {
    let rows =
        sqlx::query("SELECT key_id, fingerprint, state FROM master_keys ORDER BY created_at")
            .fetch_all(&db.pool)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(RecordedKey {
                key_id: text(r, "key_id")?,
                fingerprint: text(r, "fingerprint")?,
                active: text(r, "state")? == "active",
            })
        })
        .collect()
}

/// Whether a database (migrated) already depends on a master key: one is
/// recorded, or it has sealed rows from before keys were recorded. A missing
/// key file over such a database is an error, not a reason to make a key.
pub async fn database_in_use(db: &Db) -> Result<bool, StoreError> {
    if !recorded(db).await?.is_empty() {
        return Ok(true);
    }
    Ok(!sealed_samples(db).await?.is_empty())
}

/// One master-sealed value of each kind, for databases from before keys were
/// recorded: the key that sealed it must be configured.
async fn sealed_samples(db: &Db) -> Result<Vec<Vec<u8>>, StoreError> {
    let mut out = vec![];
    for sql in [
        "SELECT data_key_enc AS v FROM verifications WHERE data_key_enc IS NOT NULL LIMIT 1",
        "SELECT secret_enc AS v FROM webhook_endpoints LIMIT 1",
    ] {
        if let Some(r) = sqlx::query(sql).fetch_optional(&db.pool).await? {
            if let Some(v) = crate::rows::opt_blob(&r, "v")? {
                out.push(v);
            }
        }
    }
    Ok(out)
}

impl Store {
    pub async fn recorded_keys(&self) -> Result<Vec<RecordedKey>, StoreError> {
        recorded(&self.db).await
    }

    /// Read only: every active recorded key is in this process's ring.
    /// `/readyz` runs it, so a node left with a stale key fails readiness.
    pub async fn check_keys(&self) -> Result<(), KeyCheckError> {
        let ring = self.keys.fingerprints();
        let active: Vec<RecordedKey> = self
            .recorded_keys()
            .await?
            .into_iter()
            .filter(|k| k.active)
            .collect();
        for k in &active {
            if !ring
                .iter()
                .any(|(id, fp)| *id == k.key_id && *fp == k.fingerprint)
            {
                return Err(KeyCheckError::Missing {
                    key_id: k.key_id.clone(),
                    fingerprint: k.fingerprint.clone(),
                });
            }
        }
        if active.is_empty() {
            for sample in sealed_samples(&self.db).await? {
                match MasterKeys::sealed_by(&sample) {
                    Some(id) if self.keys.contains(id) => {}
                    Some(id) => {
                        return Err(KeyCheckError::Unrecorded {
                            key_id: id.to_string(),
                        })
                    }
                    None => return Err(StoreError::Corrupt("a sealed key".into()).into()),
                }
            }
        }
        Ok(())
    }

    /// At start: check, then record the current key (and, for a database
    /// from before keys were recorded, every configured key, since old ones
    /// may have sealed its rows).
    pub async fn adopt_keys(&self) -> Result<(), KeyCheckError> {
        self.check_keys().await?;
        let first = self.recorded_keys().await?.iter().all(|k| !k.active);
        let now = now_micros();
        let mut w = self.db.begin_write().await.map_err(StoreError::from)?;
        for (id, fingerprint) in self.keys.fingerprints() {
            if id != self.keys.current_id() && !first {
                continue;
            }
            sqlx::query(
                "INSERT INTO master_keys (key_id, fingerprint, state, created_at) \
                 VALUES ($1, $2, 'active', $3) ON CONFLICT (key_id) DO UPDATE \
                 SET state = 'active', retired_at = NULL",
            )
            .bind(&id)
            .bind(&fingerprint)
            .bind(now)
            .execute(&mut *w.tx)
            .await
            .map_err(StoreError::from)?;
        }
        w.commit().await.map_err(StoreError::from)?;
        Ok(())
    }

    /// After a complete rotation: every key but the current one is no
    /// longer needed. Returns the ids retired.
    pub async fn retire_other_keys(&self) -> Result<Vec<String>, StoreError> {
        let others: Vec<String> = self
            .recorded_keys()
            .await?
            .into_iter()
            .filter(|k| k.active && k.key_id != self.keys.current_id())
            .map(|k| k.key_id)
            .collect();
        let mut w = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE master_keys SET state = 'retired', retired_at = $1 \
             WHERE key_id <> $2 AND state = 'active'",
        )
        .bind(now_micros())
        .bind(self.keys.current_id())
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(others)
    }
}
