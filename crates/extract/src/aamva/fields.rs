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

/// Clean a text value: trim, collapse spaces, drop AAMVA "NONE"/"unavl" fillers.
pub fn clean(raw: &str) -> Option<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let up = s.to_ascii_uppercase();
    if s.is_empty() || up == "NONE" || up == "UNAVL" || up == "UNAVAILABLE" || up == "NONE NONE" {
        None
    } else {
        Some(s.to_ascii_uppercase())
    }
}

/// Split a version-1 `DAA` full name ("LAST,FIRST,MIDDLE[,SUFFIX]", also with `$`
/// or spaces) into (first, middle, last).
pub fn split_full_name(raw: &str) -> (Option<String>, Option<String>, Option<String>) {
    let sep = if raw.contains(',') {
        Some(',')
    } else if raw.contains('$') {
        Some('$')
    } else {
        None
    };
    let parts: Vec<String> = match sep {
        Some(c) => raw.split(c).filter_map(clean).collect(),
        None => raw.split_whitespace().filter_map(clean).collect(),
    };
    let last = parts.first().cloned();
    let first = parts.get(1).cloned();
    let middle = if parts.len() > 2 {
        let rest: Vec<&str> = parts[2..]
            .iter()
            .map(String::as_str)
            .filter(|p| !is_suffix(p))
            .collect();
        (!rest.is_empty()).then(|| rest.join(" "))
    } else {
        None
    };
    (first, middle, last)
}

/// Split version-2/3 `DCT` given names ("FIRST MIDDLE" or "FIRST,MIDDLE").
pub fn split_given(raw: &str) -> (Option<String>, Option<String>) {
    let parts: Vec<String> = raw.split([',', ' ', '$']).filter_map(clean).collect();
    let first = parts.first().cloned();
    let middle = (parts.len() > 1).then(|| parts[1..].join(" "));
    (first, middle)
}

fn is_suffix(s: &str) -> bool {
    matches!(s, "JR" | "SR" | "II" | "III" | "IV" | "V" | "JR." | "SR.")
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
    fn names() {
        assert_eq!(
            split_full_name("PUBLIC,JOHN,Q"),
            (Some("JOHN".into()), Some("Q".into()), Some("PUBLIC".into()))
        );
        assert_eq!(
            split_full_name("DOE$JANE$$JR"),
            (Some("JANE".into()), None, Some("DOE".into()))
        );
        assert_eq!(
            split_given("MICHAEL JOHN"),
            (Some("MICHAEL".into()), Some("JOHN".into()))
        );
        assert_eq!(clean(" NONE "), None);
    }
}
