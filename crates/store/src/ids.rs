//! Opaque, unguessable identifiers and secrets: `ver_…`, `doc_…`, tokens.

use rand::distributions::Alphanumeric;
use rand::{Rng, RngCore};

/// `prefix_` + 24 base62 characters (~143 bits): unguessable and URL-safe.
pub fn new_id(prefix: &str) -> String {
    let body: String = rand::rngs::OsRng
        .sample_iter(&Alphanumeric)
        .take(24)
        .map(char::from)
        .collect();
    format!("{prefix}_{body}")
}

/// A bearer secret: `prefix` + 43 base64url characters (256 bits).
pub fn new_secret(prefix: &str) -> String {
    use base64::Engine as _;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Microseconds since the Unix epoch: the unit of every stored timestamp.
pub fn now_micros() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_prefixed_and_distinct() {
        let a = super::new_id("ver");
        let b = super::new_id("ver");
        assert!(a.starts_with("ver_") && a.len() == 28);
        assert_ne!(a, b);
        assert_eq!(super::new_secret("clk_").len(), 4 + 43);
    }
}
