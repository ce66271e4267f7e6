//! The absolute URLs the API hands out: the widget link, its QR code and the
//! signed document image URLs (valid 30 minutes; `http::files` serves them).
//! Rendering takes a [`Links`] — the public URL and the keys — rather than
//! the whole application state, so it can be used wherever those are known.

use colleckt_store::crypto::CryptoError;
use colleckt_store::{MasterKeys, Verification};

/// How long a signed file URL stays valid.
pub const FILE_URL_TTL_SECS: i64 = 30 * 60;

/// The MAC purpose of file URLs: a signature for anything else never matches.
const PURPOSE: &str = "file-url";

#[derive(Clone, Copy)]
pub struct Links<'a> {
    /// Without a trailing slash.
    pub public_url: &'a str,
    pub keys: &'a MasterKeys,
}

fn message(document: &str, side: &str, expires: i64) -> Vec<u8> {
    format!("{document}:{side}:{expires}").into_bytes()
}

impl Links<'_> {
    pub fn widget(&self, v: &Verification) -> String {
        format!("{}/spa/v3/{}/process", self.public_url, v.session_token)
    }

    pub fn qr(&self, v: &Verification) -> String {
        format!("{}/qr/{}", self.public_url, v.session_token)
    }

    /// `/files/{document}/{side}?expires=…&signature=…`, from now for the TTL.
    pub fn signed_file(&self, document: &str, side: &str) -> Result<String, CryptoError> {
        let expires = chrono::Utc::now().timestamp() + FILE_URL_TTL_SECS;
        let mac = self.keys.mac(PURPOSE, &message(document, side, expires))?;
        let sig: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        Ok(format!(
            "{}/files/{document}/{side}?expires={expires}&signature={sig}",
            self.public_url
        ))
    }
}

/// Whether `tag` signs this file URL (constant time: `Mac::verify_slice`, so
/// the signature cannot be guessed byte by byte). Expiry is the caller's.
pub fn file_signature_valid(
    keys: &MasterKeys,
    document: &str,
    side: &str,
    expires: i64,
    tag: &[u8],
) -> bool {
    matches!(
        keys.verify_mac(PURPOSE, &message(document, side, expires), tag),
        Ok(true)
    )
}
