//! Envelope encryption. Each verification has its own random data key, stored
//! wrapped by the master key; every PII column and every document image of that
//! verification is sealed with it (AES-256-GCM, with the record's identity as
//! associated data so ciphertexts cannot be swapped between rows). Erasing the
//! wrapped key makes all of them unreadable at once (crypto-shredding on delete).
//! Secrets that belong to no verification are sealed by a key derived from the
//! master key. Every wrapped key and master-sealed blob names its master key id,
//! so the master key can rotate while old ciphertexts stay readable.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;
use zeroize::{Zeroize, ZeroizeOnDrop};

const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("master key must be base64 of exactly 32 bytes")]
    BadMasterKey,
    #[error("ciphertext is malformed")]
    Malformed,
    #[error("ciphertext names master key {0}, which is not configured")]
    UnknownKey(String),
    #[error("decryption failed: wrong key or tampered data")]
    Tampered,
}

#[derive(Clone, Zeroize, ZeroizeOnDrop)]
struct SecretKey([u8; 32]);

/// The master key ring: the current key seals, every key opens.
#[derive(Clone)]
pub struct MasterKeys {
    current: String,
    keys: Arc<HashMap<String, SecretKey>>,
}

impl std::fmt::Debug for MasterKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MasterKeys(current={})", self.current)
    }
}

/// A verification's data key, unwrapped in memory only.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct DataKey(SecretKey);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

/// A key id is a short digest of the key: stable, and reveals nothing useful.
fn key_id(key: &[u8; 32]) -> String {
    let digest = Sha256::digest([b"colleckt-key-id:".as_slice(), key].concat());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

pub fn decode_key(b64: &str) -> Result<[u8; 32], CryptoError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| CryptoError::BadMasterKey)?;
    bytes.try_into().map_err(|_| CryptoError::BadMasterKey)
}

pub fn generate_key_b64() -> String {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    base64::engine::general_purpose::STANDARD.encode(key)
}

fn seal_with(key: &[u8; 32], plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new(key.into());
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    // Encryption with a valid key and a fresh nonce cannot fail for inputs
    // under aes-gcm's 64 GiB limit, which our size limits keep us far below.
    let ct = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .unwrap_or_default();
    let mut out = Vec::with_capacity(NONCE_LEN + ct.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    out
}

fn open_with(key: &[u8; 32], sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if sealed.len() < NONCE_LEN + 16 {
        return Err(CryptoError::Malformed);
    }
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    Aes256Gcm::new(key.into())
        .decrypt(Nonce::from_slice(nonce), Payload { msg: ct, aad })
        .map_err(|_| CryptoError::Tampered)
}

impl MasterKeys {
    /// `current` seals; `old` are earlier keys kept to open what they sealed.
    pub fn new(current: [u8; 32], old: Vec<[u8; 32]>) -> MasterKeys {
        let current_id = key_id(&current);
        let mut keys = HashMap::new();
        for k in old {
            keys.insert(key_id(&k), SecretKey(k));
        }
        keys.insert(current_id.clone(), SecretKey(current));
        MasterKeys {
            current: current_id,
            keys: Arc::new(keys),
        }
    }

    pub fn current_id(&self) -> &str {
        &self.current
    }

    fn subkey(&self, id: &str, purpose: &str) -> Result<[u8; 32], CryptoError> {
        let master = self
            .keys
            .get(id)
            .ok_or_else(|| CryptoError::UnknownKey(id.to_string()))?;
        let hk = Hkdf::<Sha256>::new(Some(b"colleckt"), &master.0);
        let mut out = [0u8; 32];
        hk.expand(purpose.as_bytes(), &mut out)
            .map_err(|_| CryptoError::BadMasterKey)?;
        Ok(out)
    }

    /// `[1][len][key id][nonce][ciphertext+tag]`, sealed by a subkey for `purpose`.
    pub fn seal(&self, purpose: &str, plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
        let id = self.current.as_bytes();
        let key = self.subkey(&self.current, purpose).unwrap_or([0u8; 32]);
        let body = seal_with(&key, plaintext, aad);
        let mut out = Vec::with_capacity(2 + id.len() + body.len());
        out.push(FORMAT_V1);
        out.push(id.len() as u8);
        out.extend_from_slice(id);
        out.extend_from_slice(&body);
        out
    }

    pub fn open(&self, purpose: &str, sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let (&version, rest) = sealed.split_first().ok_or(CryptoError::Malformed)?;
        let (&len, rest) = rest.split_first().ok_or(CryptoError::Malformed)?;
        if version != FORMAT_V1 || rest.len() < len as usize {
            return Err(CryptoError::Malformed);
        }
        let (id, body) = rest.split_at(len as usize);
        let id = std::str::from_utf8(id).map_err(|_| CryptoError::Malformed)?;
        let key = self.subkey(id, purpose)?;
        open_with(&key, body, aad)
    }

    /// A new random data key and its wrapped form for the database.
    pub fn new_data_key(&self, owner: &str) -> (DataKey, Vec<u8>) {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        let wrapped = self.seal("data-key", &key, owner.as_bytes());
        (DataKey(SecretKey(key)), wrapped)
    }

    pub fn unwrap_data_key(&self, owner: &str, wrapped: &[u8]) -> Result<DataKey, CryptoError> {
        let bytes = self.open("data-key", wrapped, owner.as_bytes())?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| CryptoError::Malformed)?;
        Ok(DataKey(SecretKey(key)))
    }

    /// HMAC-SHA256 under a derived key: signed URLs and keyed digests.
    pub fn mac(&self, purpose: &str, message: &[u8]) -> [u8; 32] {
        let key = self.subkey(&self.current, purpose).unwrap_or([0u8; 32]);
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&key).expect("HMAC takes any key length");
        mac.update(message);
        mac.finalize().into_bytes().into()
    }
}

impl DataKey {
    /// `[1][nonce][ciphertext+tag]`; the master key id lives in the wrapped key.
    pub fn seal(&self, plaintext: &[u8], aad: &str) -> Vec<u8> {
        let mut out = vec![FORMAT_V1];
        out.extend_from_slice(&seal_with(&self.0 .0, plaintext, aad.as_bytes()));
        out
    }

    pub fn open(&self, sealed: &[u8], aad: &str) -> Result<Vec<u8>, CryptoError> {
        match sealed.split_first() {
            Some((&FORMAT_V1, body)) => open_with(&self.0 .0, body, aad.as_bytes()),
            _ => Err(CryptoError::Malformed),
        }
    }
}

/// SHA-256, hex: how API and session tokens are stored.
pub fn sha256_hex(input: &[u8]) -> String {
    Sha256::digest(input)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> MasterKeys {
        MasterKeys::new([7u8; 32], vec![])
    }

    #[test]
    fn data_key_round_trip_and_aad_binding() {
        let mk = keys();
        let (dk, wrapped) = mk.new_data_key("ver_1");
        let sealed = dk.seal(b"Homer Simpson", "expected:ver_1");
        assert!(!sealed.windows(5).any(|w| w == b"Homer"));
        let dk2 = mk.unwrap_data_key("ver_1", &wrapped).unwrap();
        assert_eq!(
            dk2.open(&sealed, "expected:ver_1").unwrap(),
            b"Homer Simpson"
        );
        assert!(matches!(
            dk2.open(&sealed, "expected:ver_2"),
            Err(CryptoError::Tampered)
        ));
        assert!(mk.unwrap_data_key("ver_2", &wrapped).is_err());
    }

    #[test]
    fn rotation_keeps_old_ciphertexts_readable() {
        let old = keys();
        let sealed = old.seal("secret", b"whsec", b"wh_1");
        let rotated = MasterKeys::new([9u8; 32], vec![[7u8; 32]]);
        assert_eq!(rotated.open("secret", &sealed, b"wh_1").unwrap(), b"whsec");
        let resealed = rotated.seal("secret", b"whsec", b"wh_1");
        assert!(matches!(
            old.open("secret", &resealed, b"wh_1"),
            Err(CryptoError::UnknownKey(_))
        ));
    }

    #[test]
    fn malformed_inputs_are_errors_not_panics() {
        let mk = keys();
        for bad in [
            &b""[..],
            &[1u8],
            &[1u8, 200],
            &[2u8, 0, 0],
            &[1u8, 0, 1, 2, 3],
        ] {
            assert!(mk.open("p", bad, b"").is_err());
        }
        let (dk, _) = mk.new_data_key("v");
        assert!(dk.open(&[], "x").is_err());
        assert!(dk.open(&[1, 2, 3], "x").is_err());
    }
}
