//! TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second factor
//! authenticator apps speak. Pure: the caller passes the time.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

pub const STEP_SECS: i64 = 30;
const DIGITS: u32 = 6;

/// A new 160-bit secret (RFC 4226's recommended length).
pub fn new_secret() -> Vec<u8> {
    let mut s = vec![0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut s);
    s
}

/// The HOTP value of `counter` (RFC 4226 §5.3), `DIGITS` digits.
pub fn hotp(secret: &[u8], counter: u64) -> u32 {
    let Ok(mut mac) = <Hmac<Sha1> as Mac>::new_from_slice(secret) else {
        return u32::MAX; // unreachable: HMAC takes keys of any length
    };
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h[19] & 0x0f);
    let bin = (u32::from(h[offset]) & 0x7f) << 24
        | u32::from(h[offset + 1]) << 16
        | u32::from(h[offset + 2]) << 8
        | u32::from(h[offset + 3]);
    bin % 10u32.pow(DIGITS)
}

/// The time step a code typed at `now_secs` is checked against.
pub fn step_at(now_secs: i64) -> i64 {
    now_secs.div_euclid(STEP_SECS)
}

/// The step `code` is valid for, allowing one step of clock drift either
/// way; `None` for a wrong or malformed code. Compared in constant time.
pub fn verify(secret: &[u8], code: &str, now_secs: i64) -> Option<i64> {
    use subtle::ConstantTimeEq;
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_at(now_secs);
    let mut found = None;
    for step in [now - 1, now, now + 1] {
        let Ok(counter) = u64::try_from(step) else {
            continue;
        };
        let expected = format!("{:06}", hotp(secret, counter));
        if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) {
            found = Some(step);
        }
    }
    found
}

/// RFC 4648 base32 without padding: how authenticator apps take secrets.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The `otpauth://` URI an authenticator app scans.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        base32(secret),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc4226_hotp_vectors() {
        let expected = [
            755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
        ];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(RFC_SECRET, counter as u64), *code, "counter {counter}");
        }
    }

    #[test]
    fn rfc6238_sha1_vectors_last_six_digits() {
        // RFC 6238 appendix B (8 digits); a 6-digit code is its last six.
        for (t, code) in [
            (59, "287082"),
            (1111111109, "081804"),
            (1111111111, "050471"),
            (1234567890, "005924"),
            (2000000000, "279037"),
        ] {
            assert_eq!(verify(RFC_SECRET, code, t), Some(step_at(t)), "t={t}");
        }
    }

    #[test]
    fn drift_of_one_step_is_allowed_and_no_more() {
        let now = 1_700_000_000;
        let code = format!("{:06}", hotp(RFC_SECRET, (step_at(now) - 1) as u64));
        assert_eq!(verify(RFC_SECRET, &code, now), Some(step_at(now) - 1));
        let old = format!("{:06}", hotp(RFC_SECRET, (step_at(now) - 2) as u64));
        assert_eq!(verify(RFC_SECRET, &old, now), None);
    }

    #[test]
    fn malformed_codes_are_refused() {
        for code in ["", "12345", "1234567", "abcdef", "12 34 5x"] {
            assert_eq!(verify(RFC_SECRET, code, 59), None, "{code:?}");
        }
        assert_eq!(verify(RFC_SECRET, "287 082", 59), Some(1));
    }

    #[test]
    fn base32_matches_rfc4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(RFC_SECRET), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
