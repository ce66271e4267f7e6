//! Holder-name search over sealed data: each word of the expected first and
//! last name, normalised, is stored as a keyed digest (HMAC under a subkey of
//! the master key, bound to the workspace), so the console can find "jane
//! doe" with an index lookup instead of decrypting every row. The digests
//! reveal only equality of whole words within a workspace. Rows are
//! (re)indexed after every write of expected data, and at start for any row
//! indexed under another master key (`terms_key`) or not at all.

use crate::rows::text;
use crate::{Store, StoreError, Verification};

const TERM_PURPOSE: &str = "holder-term";
/// More words than this in a query are ignored (a name has few words).
pub const MAX_QUERY_WORDS: usize = 6;

/// Lowercase words of letters and digits, common Latin accents folded, so
/// "José  O'Neil-Smith" gives `jose`, `o`, `neil`, `smith`.
pub fn name_words(text: &str) -> Vec<String> {
    let folded: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .collect();
    let mut words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(64).collect())
        .collect();
    words.sort();
    words.dedup();
    words
}

fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ñ' | 'ń' => 'n',
        'ç' | 'ć' | 'č' => 'c',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        c => c,
    }
}

impl Store {
    /// The stored form of one word of a holder's name in a workspace.
    pub fn holder_term(&self, workspace_id: &str, word: &str) -> Result<String, StoreError> {
        let mac = self
            .keys
            .mac(TERM_PURPOSE, format!("{workspace_id}\n{word}").as_bytes())?;
        Ok(mac[..16].iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The terms a search for `query` must all match (empty: no name filter).
    pub fn holder_query_terms(
        &self,
        workspace_id: &str,
        query: &str,
    ) -> Result<Vec<String>, StoreError> {
        name_words(query)
            .iter()
            .take(MAX_QUERY_WORDS)
            .map(|w| self.holder_term(workspace_id, w))
            .collect()
    }

    /// Replaces the verification's terms with those of its expected name,
    /// unless the row has changed since `v` was read.
    pub async fn index_holder(&self, v: &Verification) -> Result<(), StoreError> {
        let words = v
            .expected
            .person
            .as_ref()
            .map(|p| name_words(&format!("{} {}", p.first_name, p.last_name)))
            .unwrap_or_default();
        let terms = words
            .iter()
            .map(|w| self.holder_term(&v.workspace_id, w))
            .collect::<Result<Vec<_>, _>>()?;
        let mut w = self.db.begin_write().await?;
        // Guarded by the version the names were read at: an indexer holding
        // an older copy (the sweep, racing a rename) writes nothing, so stale
        // terms can never overwrite newer ones.
        let res =
            sqlx::query("UPDATE verifications SET terms_key = $1 WHERE id = $2 AND version = $3")
                .bind(self.keys.current_id())
                .bind(&v.id)
                .bind(v.version)
                .execute(&mut *w.tx)
                .await?;
        if res.rows_affected() != 1 {
            return Ok(());
        }
        sqlx::query("DELETE FROM holder_terms WHERE verification_id = $1")
            .bind(&v.id)
            .execute(&mut *w.tx)
            .await?;
        for term in &terms {
            sqlx::query(
                "INSERT INTO holder_terms (verification_id, workspace_id, term) \
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(&v.id)
            .bind(&v.workspace_id)
            .bind(term)
            .execute(&mut *w.tx)
            .await?;
        }
        w.commit().await?;
        Ok(())
    }

    /// Up to `limit` live verifications whose terms are missing or were made
    /// under another master key.
    pub async fn unindexed_holders(&self, limit: i64) -> Result<Vec<Verification>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT id FROM verifications WHERE deleted_at IS NULL \
             AND (terms_key IS NULL OR terms_key <> $1) ORDER BY id LIMIT {}",
            limit.clamp(1, 10_000)
        ))
        .bind(self.keys.current_id())
        .fetch_all(&self.db.pool)
        .await?;
        let ids = rows
            .iter()
            .map(|r| text(r, "id"))
            .collect::<Result<Vec<_>, _>>()?;
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.live_verifications(&refs).await
    }
}

#[cfg(test)]
mod tests {
    use super::name_words;

    #[test]
    fn words_are_folded_split_and_unique() {
        assert_eq!(
            name_words("José  O'Neil-Smith"),
            ["jose", "neil", "o", "smith"]
        );
        assert_eq!(name_words("ÅSA åsa"), ["asa"]);
        assert!(name_words(" -- ").is_empty());
    }
}
