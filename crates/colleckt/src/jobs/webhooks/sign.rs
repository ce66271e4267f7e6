//! Standard Webhooks signing (https://www.standardwebhooks.com): the secret is
//! `whsec_` + base64 of random bytes; the signature header is
//! `v1,<base64 HMAC-SHA256 over "{id}.{timestamp}.{body}">`, keyed by the
//! decoded bytes after `whsec_`. Any Standard Webhooks library verifies it.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub const SECRET_PREFIX: &str = "whsec_";

/// A new endpoint secret: `whsec_` + base64 of 24 random bytes (192 bits).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the webhook secret is not whsec_ followed by base64")]
pub struct BadSecret;

/// The `webhook-signature` value for one attempt.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, BadSecret> {
    let key = STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).ok_or(BadSecret)?)
        .map_err(|_| BadSecret)?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|_| BadSecret)?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks reference libraries.
    #[test]
    fn matches_the_specifications_test_vector() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            signature(secret, id, 1614265330, body).unwrap(),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn secrets_are_fresh_and_well_formed() {
        let a = new_secret();
        assert!(a.starts_with("whsec_") && a.len() == 6 + 32, "{a}");
        assert_ne!(a, new_secret());
        assert!(signature(&a, "evt_1", 1, b"{}").is_ok());
        assert_eq!(signature("nope", "evt_1", 1, b"{}"), Err(BadSecret));
        assert_eq!(signature("whsec_!!!", "evt_1", 1, b"{}"), Err(BadSecret));
    }
}
