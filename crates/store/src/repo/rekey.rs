//! Re-wrapping under a new master key (`colleckt key rotate`): every column
//! that holds a value sealed by the master key is read in batches of rows,
//! each value is opened with whichever key sealed it and sealed again with
//! the current key, and written back only if nobody changed it meanwhile.
//! Values already under the current key are skipped unopened, so a rotation
//! that stopped half-way simply runs again. Everything else (PII, images,
//! payloads) is sealed by per-verification data keys and is not touched:
//! re-wrapping a data key re-keys all of it.

use crate::crypto::{MasterKeys, DATA_KEY_PURPOSE};
use crate::rows::{opt_blob, text};
use crate::{Store, StoreError};
use std::collections::BTreeMap;

/// A column of master-sealed values, its primary key and how its values
/// were sealed (purpose and associated data).
#[derive(Debug)]
pub struct SealedColumn {
    pub table: &'static str,
    pub column: &'static str,
    pub pk: &'static [&'static str],
    pub purpose: &'static str,
    pub aad: fn(&[String]) -> String,
}

impl SealedColumn {
    pub fn name(&self) -> String {
        format!("{}.{}", self.table, self.column)
    }
}

fn first(pk: &[String]) -> String {
    pk.first().cloned().unwrap_or_default()
}

fn idempotency_owner(pk: &[String]) -> String {
    match pk {
        [workspace, key] => crate::repo::idempotency::idempotency_key_owner(workspace, key),
        _ => String::new(),
    }
}

/// Every column sealed by the master key. A new one must be listed here, or
/// rotation would leave it under the old key (the key check would then
/// still require that key, so nothing becomes unreadable silently).
pub const SEALED_COLUMNS: &[SealedColumn] = &[
    SealedColumn {
        table: "verifications",
        column: "data_key_enc",
        pk: &["id"],
        purpose: DATA_KEY_PURPOSE,
        aad: first,
    },
    SealedColumn {
        table: "webhook_endpoints",
        column: "secret_enc",
        pk: &["id"],
        purpose: crate::repo::webhooks::SECRET_PURPOSE,
        aad: first,
    },
    SealedColumn {
        table: "delivery_attempts",
        column: "response_enc",
        pk: &["id"],
        purpose: crate::repo::webhook_deliveries::RESPONSE_PURPOSE,
        aad: first,
    },
    // Responses are sealed with the verification's data key or, without a
    // verification, with a key of their own wrapped here.
    SealedColumn {
        table: "idempotency_keys",
        column: "wrapped_key",
        pk: &["workspace_id", "idem_key"],
        purpose: DATA_KEY_PURPOSE,
        aad: idempotency_owner,
    },
    SealedColumn {
        table: "users",
        column: "totp_secret_enc",
        pk: &["id"],
        purpose: crate::repo::users::TOTP_PURPOSE,
        aad: first,
    },
];

/// What a pass over one column did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RekeyCount {
    pub scanned: u64,
    pub resealed: u64,
    /// Values no configured key opens (or not master-sealed at all).
    pub failed: u64,
}

struct Batch {
    last: Option<Vec<String>>,
    count: RekeyCount,
}

impl Store {
    /// One batch of `col` after primary key `after`: re-seals what is not
    /// under the current key. `last` is `None` at the end of the table.
    async fn rekey_batch(
        &self,
        col: &SealedColumn,
        after: Option<&[String]>,
        limit: i64,
    ) -> Result<Batch, StoreError> {
        let pk = col.pk.join(", ");
        let n = col.pk.len();
        let cursor = match after {
            Some(_) => format!(
                "AND ({pk}) > ({})",
                (1..=n)
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => String::new(),
        };
        let sql = format!(
            "SELECT {pk}, {c} AS sealed FROM {t} WHERE {c} IS NOT NULL {cursor} \
             ORDER BY {pk} LIMIT {limit}",
            c = col.column,
            t = col.table,
        );
        let mut q = sqlx::query(&sql);
        for v in after.unwrap_or_default() {
            q = q.bind(v.clone());
        }
        let rows = q.fetch_all(&self.db.pool).await?;
        let mut count = RekeyCount::default();
        let mut updates = vec![];
        let mut last = None;
        for r in &rows {
            let key: Vec<String> = col
                .pk
                .iter()
                .map(|c| text(r, c))
                .collect::<Result<_, _>>()?;
            let sealed = opt_blob(r, "sealed")?.unwrap_or_default();
            count.scanned += 1;
            match self
                .keys
                .reseal(col.purpose, &sealed, (col.aad)(&key).as_bytes())
            {
                Ok(Some(new)) => updates.push((key.clone(), sealed, new)),
                Ok(None) => {}
                Err(e) => {
                    count.failed += 1;
                    tracing::warn!(column = %col.name(), error = %e, "a sealed value could not be opened");
                }
            }
            last = Some(key);
        }
        if !updates.is_empty() {
            let pk_match = col
                .pk
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ${}", i + 3))
                .collect::<Vec<_>>()
                .join(" AND ");
            let update = format!(
                "UPDATE {t} SET {c} = $1 WHERE {c} = $2 AND {pk_match}",
                t = col.table,
                c = col.column
            );
            let mut w = self.db.begin_write().await?;
            for (key, old, new) in updates {
                let mut q = sqlx::query(&update).bind(new).bind(old);
                for v in key {
                    q = q.bind(v);
                }
                // No row: deleted or changed meanwhile; its new value (if
                // any) was sealed with the current key already.
                count.resealed += q.execute(&mut *w.tx).await?.rows_affected();
            }
            w.commit().await?;
        }
        if (rows.len() as i64) < limit {
            last = None;
        }
        Ok(Batch { last, count })
    }

    /// Re-seals every master-sealed value under the current key, `batch`
    /// rows at a time, reporting each column's totals to `progress`.
    pub async fn rekey_all(
        &self,
        batch: i64,
        mut progress: impl FnMut(&SealedColumn, &RekeyCount),
    ) -> Result<RekeyCount, StoreError> {
        let mut total = RekeyCount::default();
        for col in SEALED_COLUMNS {
            let mut count = RekeyCount::default();
            let mut after: Option<Vec<String>> = None;
            loop {
                let b = self
                    .rekey_batch(col, after.as_deref(), batch.max(1))
                    .await?;
                count.scanned += b.count.scanned;
                count.resealed += b.count.resealed;
                count.failed += b.count.failed;
                progress(col, &count);
                match b.last {
                    Some(last) => after = Some(last),
                    None => break,
                }
            }
            total.scanned += count.scanned;
            total.resealed += count.resealed;
            total.failed += count.failed;
        }
        Ok(total)
    }

    /// How many values of each sealed column each master key sealed
    /// (`colleckt key status`).
    pub async fn sealed_census(&self) -> Result<BTreeMap<(String, String), u64>, StoreError> {
        let mut out = BTreeMap::new();
        for col in SEALED_COLUMNS {
            let sql = format!(
                "SELECT {c} AS sealed FROM {t} WHERE {c} IS NOT NULL",
                c = col.column,
                t = col.table
            );
            for r in sqlx::query(&sql).fetch_all(&self.db.pool).await? {
                let sealed = opt_blob(&r, "sealed")?.unwrap_or_default();
                let id = MasterKeys::sealed_by(&sealed).unwrap_or("(unreadable)");
                *out.entry((col.name(), id.to_string())).or_insert(0) += 1;
            }
        }
        Ok(out)
    }
}
