//! Field-level checks shared by every body: strings (type, trimming, length,
//! control characters), dates, country codes, emails and redirect URLs. Each
//! records its own errors under the dotted path and returns the clean value, or
//! `None` when it recorded an error.

use super::ValidationErrors;
use serde_json::Value;

pub(super) const NAME_MAX: usize = 100;
pub(super) const TEXT_MAX: usize = 255;
pub(super) const POSTAL_CODE_MAX: usize = 20;
pub(super) const COMMENT_MAX: usize = 5000;
/// RFC 5321's limit on a forward path.
pub(super) const EMAIL_MAX: usize = 254;
pub(super) const URL_MAX: usize = 2048;

pub(super) fn required_message(path: &str) -> String {
    format!("The {path} field is required.")
}

pub(super) fn object_message(path: &str) -> String {
    format!("The {path} field must be an object.")
}

/// Whether a value counts as "not given" for a required rule: absent, null or
/// a blank string (Laravel trims before `required`).
pub(super) fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}

/// Checks a value already known to be a string; returns it trimmed.
pub(super) fn text(errs: &mut ValidationErrors, path: &str, s: &str, max: usize) -> Option<String> {
    let mut ok = true;
    // Tabs and line breaks are normal in free text (comments); anything else
    // from C0/C1 (NUL, ESC, …) only ever breaks logs, terminals or PDFs.
    if s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        errs.add(
            path,
            format!("The {path} field must not contain control characters."),
        );
        ok = false;
    }
    let trimmed = s.trim();
    if trimmed.chars().nth(max).is_some() {
        errs.add(
            path,
            format!("The {path} field must not be greater than {max} characters."),
        );
        ok = false;
    }
    ok.then(|| trimmed.to_string())
}

/// A required string; `missing` is the message when it is absent or blank.
pub(super) fn string_or(
    errs: &mut ValidationErrors,
    path: &str,
    v: Option<&Value>,
    max: usize,
    missing: String,
) -> Option<String> {
    match v {
        _ if is_blank(v) => {
            errs.add(path, missing);
            None
        }
        Some(Value::String(s)) => text(errs, path, s, max),
        _ => {
            errs.add(path, format!("The {path} field must be a string."));
            None
        }
    }
}

pub(super) fn required_string(
    errs: &mut ValidationErrors,
    path: &str,
    v: Option<&Value>,
    max: usize,
) -> Option<String> {
    string_or(errs, path, v, max, required_message(path))
}

/// An optional string: absent and null give `None`, "" is kept as `Some("")`.
pub(super) fn optional_string(
    errs: &mut ValidationErrors,
    path: &str,
    v: Option<&Value>,
    max: usize,
) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => text(errs, path, s, max),
        Some(_) => {
            errs.add(path, format!("The {path} field must be a string."));
            None
        }
    }
}

/// A required ISO 3166-1 alpha-3 code, returned uppercased ("usa" → "USA").
pub(super) fn iso3(errs: &mut ValidationErrors, path: &str, v: Option<&Value>) -> Option<String> {
    iso3_or(errs, path, v, required_message(path))
}

pub(super) fn iso3_or(
    errs: &mut ValidationErrors,
    path: &str,
    v: Option<&Value>,
    missing: String,
) -> Option<String> {
    let s = string_or(errs, path, v, TEXT_MAX, missing)?;
    match crate::country::by_iso3(&s) {
        Some(c) => Some(c.iso3.to_string()),
        None => {
            errs.add(
                path,
                format!("The {path} must be a valid ISO 3166-1 alpha-3 country code."),
            );
            None
        }
    }
}

/// `YYYY-MM-DD` and a real calendar date. chrono alone would also take
/// "1988-5-6", which is not the documented format.
pub(super) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    shape && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// A required email address; `missing` is the message when absent or blank.
pub(super) fn email_or(
    errs: &mut ValidationErrors,
    path: &str,
    v: Option<&Value>,
    missing: String,
) -> Option<String> {
    let s = string_or(errs, path, v, EMAIL_MAX, missing)?;
    if is_email(&s) {
        Some(s)
    } else {
        errs.add(
            path,
            format!("The {path} field must be a valid email address."),
        );
        None
    }
}

/// A pragmatic address check: `local@domain.tld` with RFC 5322 atoms in the
/// local part (UTF-8 allowed, RFC 6531) and a dotted host name. Quoted local
/// parts and IP literals are refused: no reviewer uses them, and this email
/// lands in the audit history.
pub(super) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~-.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    local_ok && domain_ok
}

/// The optional `redirect_url`: https, or http for a loopback host (local
/// development). Returned in the URL parser's normal form so it is always safe
/// to put in a `Location` header.
pub(super) fn redirect_url(
    errs: &mut ValidationErrors,
    path: &str,
    v: Option<&Value>,
) -> Option<String> {
    let s = optional_string(errs, path, v, URL_MAX)?;
    if s.is_empty() {
        return None;
    }
    let Ok(url) = url::Url::parse(&s) else {
        errs.add(path, format!("The {path} field must be a valid URL."));
        return None;
    };
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip == std::net::Ipv4Addr::LOCALHOST,
        Some(url::Host::Ipv6(ip)) => ip == std::net::Ipv6Addr::LOCALHOST,
        None => false,
    };
    let scheme_ok = match url.scheme() {
        "https" => url.host().is_some(),
        "http" => loopback,
        _ => false,
    };
    if !scheme_ok {
        errs.add(
            path,
            format!("The {path} field must be an https URL (http is allowed only for localhost)."),
        );
        return None;
    }
    // Credentials in a redirect would be shown to the end user's browser.
    if !url.username().is_empty() || url.password().is_some() {
        errs.add(
            path,
            format!("The {path} field must not contain a user name or password."),
        );
        return None;
    }
    let normal = url.to_string();
    if normal.len() > URL_MAX {
        errs.add(
            path,
            format!("The {path} field must not be greater than {URL_MAX} characters."),
        );
        return None;
    }
    Some(normal)
}
