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
/// The purpose (and so the derived key) under which data keys are wrapped.
pub const DATA_KEY_PURPOSE: &str = "data-key";

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
    #[error("encryption failed")]
    Seal,
    #[error("key derivation failed")]
    Derive,
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

/// A key id is a short digest of the key: stable, and reveals nothing useful.
/// The fingerprint is a longer, separate digest the database records, so a
/// wrong key is told apart from the right one beyond any doubt.
pub fn key_fingerprint(key: &[u8; 32]) -> String {
    let digest = Sha256::digest([b"colleckt-key-fingerprint:".as_slice(), key].concat());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn seal_with(key: &[u8; 32], plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let cipher = Aes256Gcm::new(key.into());
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    // Only past aes-gcm's 64 GiB limit can this fail; it is an error all the
    // same, never an empty ciphertext stored as if it were one.
    let ct = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| CryptoError::Seal)?;
    let mut out = Vec::with_capacity(NONCE_LEN + ct.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
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

    /// Whether the ring holds the key with this id.
    pub fn contains(&self, id: &str) -> bool {
        self.keys.contains_key(id)
    }

    /// Every key in the ring as `(id, fingerprint)`, the current one first.
    pub fn fingerprints(&self) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = self
            .keys
            .iter()
            .map(|(id, k)| (id.clone(), key_fingerprint(&k.0)))
            .collect();
        all.sort_by_key(|(id, _)| (id != &self.current, id.clone()));
        all
    }

    /// The id of the master key that sealed `sealed` (read from its header,
    /// without opening it); `None` when it is not a master-sealed value.
    pub fn sealed_by(sealed: &[u8]) -> Option<&str> {
        let (&version, rest) = sealed.split_first()?;
        let (&len, rest) = rest.split_first()?;
        if version != FORMAT_V1 || len == 0 || rest.len() < len as usize + NONCE_LEN + 16 {
            return None;
        }
        std::str::from_utf8(&rest[..len as usize]).ok()
    }

    /// Opens a master-sealed value with whichever key sealed it and seals it
    /// again with the current key (`None` when it already uses the current
    /// key): how `colleckt key rotate` moves every value to the new key.
    pub fn reseal(
        &self,
        purpose: &str,
        sealed: &[u8],
        aad: &[u8],
    ) -> Result<Option<Vec<u8>>, CryptoError> {
        if MasterKeys::sealed_by(sealed) == Some(self.current.as_str()) {
            return Ok(None);
        }
        let plain = zeroize::Zeroizing::new(self.open(purpose, sealed, aad)?);
        self.seal(purpose, &plain, aad).map(Some)
    }

    fn subkey(&self, id: &str, purpose: &str) -> Result<[u8; 32], CryptoError> {
        let master = self
            .keys
            .get(id)
            .ok_or_else(|| CryptoError::UnknownKey(id.to_string()))?;
        let hk = Hkdf::<Sha256>::new(Some(b"colleckt"), &master.0);
        let mut out = [0u8; 32];
        hk.expand(purpose.as_bytes(), &mut out)
            .map_err(|_| CryptoError::Derive)?;
        Ok(out)
    }

    /// `[1][len][key id][nonce][ciphertext+tag]`, sealed by a subkey for `purpose`.
    pub fn seal(
        &self,
        purpose: &str,
        plaintext: &[u8],
        aad: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let id = self.current.as_bytes();
        let key = zeroize::Zeroizing::new(self.subkey(&self.current, purpose)?);
        let body = seal_with(&key, plaintext, aad)?;
        let mut out = Vec::with_capacity(2 + id.len() + body.len());
        out.push(FORMAT_V1);
        out.push(id.len() as u8);
        out.extend_from_slice(id);
        out.extend_from_slice(&body);
        Ok(out)
    }

    pub fn open(&self, purpose: &str, sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let (&version, rest) = sealed.split_first().ok_or(CryptoError::Malformed)?;
        let (&len, rest) = rest.split_first().ok_or(CryptoError::Malformed)?;
        if version != FORMAT_V1 || rest.len() < len as usize {
            return Err(CryptoError::Malformed);
        }
        let (id, body) = rest.split_at(len as usize);
        let id = std::str::from_utf8(id).map_err(|_| CryptoError::Malformed)?;
        let key = zeroize::Zeroizing::new(self.subkey(id, purpose)?);
        open_with(&key, body, aad)
    }

    /// A new random data key and its wrapped form for the database.
    pub fn new_data_key(&self, owner: &str) -> Result<(DataKey, Vec<u8>), CryptoError> {
        let mut key = DataKey(SecretKey([0u8; 32]));
        rand::rngs::OsRng.fill_bytes(&mut key.0 .0);
        let wrapped = self.seal(DATA_KEY_PURPOSE, &key.0 .0, owner.as_bytes())?;
        Ok((key, wrapped))
    }

    pub fn unwrap_data_key(&self, owner: &str, wrapped: &[u8]) -> Result<DataKey, CryptoError> {
        let bytes =
            zeroize::Zeroizing::new(self.open(DATA_KEY_PURPOSE, wrapped, owner.as_bytes())?);
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| CryptoError::Malformed)?;
        Ok(DataKey(SecretKey(key)))
    }

    fn hmac(&self, purpose: &str, message: &[u8]) -> Result<Hmac<Sha256>, CryptoError> {
        let key = zeroize::Zeroizing::new(self.subkey(&self.current, purpose)?);
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_slice())
            .map_err(|_| CryptoError::Derive)?;
        mac.update(message);
        Ok(mac)
    }

    /// HMAC-SHA256 under a derived key: signed URLs and keyed digests.
    pub fn mac(&self, purpose: &str, message: &[u8]) -> Result<[u8; 32], CryptoError> {
        Ok(self.hmac(purpose, message)?.finalize().into_bytes().into())
    }

    /// Checks a MAC in constant time (`Mac::verify_slice`): a forged
    /// signature cannot be found byte by byte from response times.
    pub fn verify_mac(
        &self,
        purpose: &str,
        message: &[u8],
        tag: &[u8],
    ) -> Result<bool, CryptoError> {
        Ok(self.hmac(purpose, message)?.verify_slice(tag).is_ok())
    }
}

impl DataKey {
    /// `[1][nonce][ciphertext+tag]`; the master key id lives in the wrapped key.
    pub fn seal(&self, plaintext: &[u8], aad: &str) -> Result<Vec<u8>, CryptoError> {
        let mut out = vec![FORMAT_V1];
        out.extend_from_slice(&seal_with(&self.0 .0, plaintext, aad.as_bytes())?);
        Ok(out)
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
        let (dk, wrapped) = mk.new_data_key("ver_1").unwrap();
        let sealed = dk.seal(b"Homer Simpson", "expected:ver_1").unwrap();
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
        let sealed = old.seal("secret", b"whsec", b"wh_1").unwrap();
        let rotated = MasterKeys::new([9u8; 32], vec![[7u8; 32]]);
        assert_eq!(rotated.open("secret", &sealed, b"wh_1").unwrap(), b"whsec");
        let resealed = rotated.seal("secret", b"whsec", b"wh_1").unwrap();
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
        let (dk, _) = mk.new_data_key("v").unwrap();
        assert!(dk.open(&[], "x").is_err());
        assert!(dk.open(&[1, 2, 3], "x").is_err());
    }

    #[test]
    fn reseal_moves_a_value_to_the_current_key_once() {
        let old = keys();
        let sealed = old.seal("secret", b"whsec", b"wh_1").unwrap();
        assert_eq!(MasterKeys::sealed_by(&sealed), Some(old.current_id()));
        let rotated = MasterKeys::new([9u8; 32], vec![[7u8; 32]]);
        let moved = rotated.reseal("secret", &sealed, b"wh_1").unwrap().unwrap();
        assert_eq!(MasterKeys::sealed_by(&moved), Some(rotated.current_id()));
        assert!(rotated.reseal("secret", &moved, b"wh_1").unwrap().is_none());
        let only_new = MasterKeys::new([9u8; 32], vec![]);
        assert_eq!(only_new.open("secret", &moved, b"wh_1").unwrap(), b"whsec");
        assert!(rotated.reseal("secret", &sealed, b"wh_2").is_err());
        assert_eq!(MasterKeys::sealed_by(b"\x01"), None);
    }

    #[test]
    fn macs_verify_in_constant_time_and_reject_forgeries() {
        let mk = keys();
        let tag = mk.mac("file-url", b"doc:front:1").unwrap();
        assert!(mk.verify_mac("file-url", b"doc:front:1", &tag).unwrap());
        let mut forged = tag;
        forged[31] ^= 1;
        assert!(!mk.verify_mac("file-url", b"doc:front:1", &forged).unwrap());
        assert!(!mk
            .verify_mac("file-url", b"doc:front:1", &tag[..16])
            .unwrap());
        assert!(!mk.verify_mac("file-url", b"doc:front:2", &tag).unwrap());
    }
}
