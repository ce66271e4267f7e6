//! Normalising AAMVA element values: dates, sex codes, names, postal codes.

/// Date order in a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// MMDDCCYY (USA, versions ≥ 2).
    Mdy,
    /// CCYYMMDD (Canada; version 1).
    Ymd,
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    (1900..=2199).contains(&y) && crate::calendar::is_real_date(y, m, d)
}

fn try_order(digits: &str, order: DateOrder) -> Option<String> {
    let n = |a: usize, b: usize| digits.get(a..b).and_then(|s| s.parse::<u32>().ok());
    let (y, m, d) = match order {
        DateOrder::Mdy => (n(4, 8)?, n(0, 2)?, n(2, 4)?),
        DateOrder::Ymd => (n(0, 4)?, n(4, 6)?, n(6, 8)?),
    };
    valid_ymd(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Parse an 8-digit AAMVA date to ISO `YYYY-MM-DD`, preferring `order` and
/// falling back to the other order when the preferred one is not a valid date
/// (years 1900–2199 make the two orders unambiguous).
pub fn parse_date(raw: &str, order: DateOrder) -> Option<String> {
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != 8 {
        return None;
    }
    let other = match order {
        DateOrder::Mdy => DateOrder::Ymd,
        DateOrder::Ymd => DateOrder::Mdy,
    };
    try_order(&digits, order).or_else(|| try_order(&digits, other))
}

/// AAMVA sex code (1/2/9, or M/F/X in version 1 and some jurisdictions) → M, F or X.
pub fn parse_sex(raw: &str) -> Option<&'static str> {
    match raw.trim().to_ascii_uppercase().as_str() {
        "1" | "M" | "MALE" => Some("M"),
        "2" | "F" | "FEMALE" => Some("F"),
        "9" | "X" | "U" | "0" => Some("X"),
        _ => None,
    }
}

/// Postal code: strips padding; US ZIP+4 with `0000` collapses to ZIP-5,
/// otherwise `12345-6789`; Canadian codes as `A1A 1A1`.
pub fn parse_postal(raw: &str) -> Option<String> {
    let s: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return match s.len() {
            9 if &s[5..] == "0000" => Some(s[..5].to_string()),
            9 => Some(format!("{}-{}", &s[..5], &s[5..])),
            5 => Some(s),
            n if n > 5 => Some(s[..5].to_string()),
            _ => None,
        };
    }
    if s.len() == 6 {
        return Some(format!("{} {}", &s[..3], &s[3..]));
    }
    Some(s)
}

/// Clean a text value: trim, collapse spaces, drop the commas some
/// jurisdictions leave at the ends of names and streets, drop AAMVA
/// "NONE"/"unavl" fillers.
pub fn clean(raw: &str) -> Option<String> {
    // Control characters (a stray NUL, a separator inside a value) are spaces.
    let spaced: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let s = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| c == ',' || c == ' ');
    let up = s.to_ascii_uppercase();
    // "NMN" is "no middle name" on several states' cards.
    if s.is_empty()
        || matches!(
            up.as_str(),
            "NONE" | "UNAVL" | "UNAVAILABLE" | "NONE NONE" | "NMN" | "N/A"
        )
    {
        None
    } else {
        Some(s.to_ascii_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_both_orders() {
        assert_eq!(
            parse_date("06061986", DateOrder::Mdy).as_deref(),
            Some("1986-06-06")
        );
        assert_eq!(
            parse_date("19861123", DateOrder::Mdy).as_deref(),
            Some("1986-11-23")
        );
        assert_eq!(
            parse_date("20011201", DateOrder::Ymd).as_deref(),
            Some("2001-12-01")
        );
        assert_eq!(
            parse_date("12012001", DateOrder::Ymd).as_deref(),
            Some("2001-12-01")
        );
        assert_eq!(parse_date("02302001", DateOrder::Mdy), None);
        assert_eq!(parse_date("0606198", DateOrder::Mdy), None);
        assert_eq!(parse_date("", DateOrder::Mdy), None);
    }

    #[test]
    fn sex_codes() {
        assert_eq!(parse_sex("1"), Some("M"));
        assert_eq!(parse_sex("2"), Some("F"));
        assert_eq!(parse_sex("9"), Some("X"));
        assert_eq!(parse_sex("F"), Some("F"));
        assert_eq!(parse_sex("Q"), None);
    }

    #[test]
    fn postal_codes() {
        assert_eq!(parse_postal("232690000  ").as_deref(), Some("23269"));
        assert_eq!(parse_postal("123459999").as_deref(), Some("12345-9999"));
        assert_eq!(parse_postal("92026").as_deref(), Some("92026"));
        assert_eq!(parse_postal("K1A0B1").as_deref(), Some("K1A 0B1"));
        assert_eq!(parse_postal("   "), None);
    }

    #[test]
    fn fillers_and_trailing_commas() {
        assert_eq!(clean(" NONE "), None);
        assert_eq!(clean("TESTER,   ").as_deref(), Some("TESTER"));
        assert_eq!(
            clean("123 ST GEORGE ST E,  ").as_deref(),
            Some("123 ST GEORGE ST E")
        );
        assert_eq!(clean(" , "), None);
        assert_eq!(clean("NMN"), None);
        assert_eq!(clean("SMITH\u{0}\u{0}").as_deref(), Some("SMITH"));
    }
}
