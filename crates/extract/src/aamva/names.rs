//! Person names in the forms jurisdictions actually encode: version-1 `DAA`
//! full names (`LAST,FIRST,MIDDLE`, `LAST, FIRST MIDDLE`, `LAST$FIRST$MIDDLE`,
//! `FIRST MIDDLE LAST`, `LAST FIRST M`), version-2/3 `DCT` given names, and
//! a first-name element that carries the middle name too.

use super::fields::clean;

/// A name split into its parts, upper-cased, fillers (`NONE`) dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Name {
    /// Given name.
    pub first: Option<String>,
    /// Middle name(s), space-separated.
    pub middle: Option<String>,
    /// Family name.
    pub last: Option<String>,
    /// Generational or academic suffix (JR, III, PH.D.).
    pub suffix: Option<String>,
}

/// Whether a name token is a suffix rather than a name.
pub fn is_suffix(token: &str) -> bool {
    let bare: String = token
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    matches!(
        bare.as_str(),
        "JR" | "SR"
            | "II"
            | "III"
            | "IV"
            | "VI"
            | "VII"
            | "VIII"
            | "1ST"
            | "2ND"
            | "3RD"
            | "4TH"
            | "5TH"
            | "PHD"
            | "MD"
            | "ESQ"
    )
}

fn tokens(s: &str) -> Vec<String> {
    s.split_whitespace().filter_map(clean).collect()
}

fn join(ts: &[String]) -> Option<String> {
    (!ts.is_empty()).then(|| ts.join(" "))
}

/// Take a trailing suffix token off.
fn take_suffix(ts: &mut Vec<String>) -> Option<String> {
    if ts.len() > 1 && ts.last().is_some_and(|t| is_suffix(t)) {
        ts.pop()
    } else {
        None
    }
}

const SEPARATORS: [char; 3] = [',', '$', '@'];

/// Split a version-1 `DAA` full name. With separators the family name comes
/// first (the standard's `LAST,FIRST,MIDDLE,SUFFIX`; the given names may share
/// one part, space-separated). With spaces only the order is not written
/// down: `family` (a separate `DAB`/`DCS` element) settles it when present;
/// otherwise a lone initial at the end reads `LAST FIRST M`, and anything
/// else the natural `FIRST [MIDDLE…] LAST` that jurisdictions such as
/// Pennsylvania encode.
pub fn split_full_name(raw: &str, family: Option<&str>) -> Name {
    if raw.contains(SEPARATORS) {
        return split_separated(raw);
    }
    let mut ts = tokens(raw);
    let suffix = take_suffix(&mut ts);
    let (first, middle, last) = orient(&ts, family);
    Name {
        first,
        middle,
        last,
        suffix,
    }
}

fn split_separated(raw: &str) -> Name {
    let mut parts = raw.split(SEPARATORS);
    let mut family = tokens(parts.next().unwrap_or(""));
    let mut given: Vec<String> = parts.flat_map(tokens).collect();
    let suffix = take_suffix(&mut given).or_else(|| take_suffix(&mut family));
    if family.is_empty() && !given.is_empty() {
        // ",JOHN,SMITH" style payloads do not occur; a missing family part
        // leaves the given names where they are.
        return Name {
            first: given.first().cloned(),
            middle: join(given.get(1..).unwrap_or(&[])),
            last: None,
            suffix,
        };
    }
    Name {
        first: given.first().cloned(),
        middle: join(given.get(1..).unwrap_or(&[])),
        last: join(&family),
        suffix,
    }
}

type Parts = (Option<String>, Option<String>, Option<String>);

fn orient(ts: &[String], family: Option<&str>) -> Parts {
    let n = ts.len();
    if n == 0 {
        return (None, None, None);
    }
    if n == 1 {
        return (None, None, Some(ts[0].clone()));
    }
    let family_first = |k: usize| (ts.get(k).cloned(), join(&ts[k + 1..]), join(&ts[..k]));
    let family_last = |k: usize| (ts.first().cloned(), join(&ts[1..n - k]), join(&ts[n - k..]));
    if let Some(fam) = family.map(tokens).filter(|f| !f.is_empty() && f.len() < n) {
        let k = fam.len();
        if ts[..k] == fam[..] {
            return family_first(k);
        }
        if ts[n - k..] == fam[..] {
            return family_last(k);
        }
    }
    let initial = |t: &String| t.chars().count() == 1;
    let initials = ts.iter().filter(|t| initial(t)).count();
    if n >= 3 && initials == 1 && ts.last().is_some_and(initial) {
        return family_first(1);
    }
    family_last(1)
}

/// Split version-2/3 `DCT` given names ("FIRST MIDDLE", "FIRST,MIDDLE"), or
/// a `DAC` that carries the middle name too, into first and middle.
pub fn split_given(raw: &str) -> (Option<String>, Option<String>) {
    let parts: Vec<String> = raw.split([',', ' ', '$']).filter_map(clean).collect();
    let first = parts.first().cloned();
    (first, join(parts.get(1..).unwrap_or(&[])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(first: &str, middle: &str, last: &str, suffix: &str) -> Name {
        let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Name {
            first: o(first),
            middle: o(middle),
            last: o(last),
            suffix: o(suffix),
        }
    }

    #[test]
    fn standard_comma_form() {
        assert_eq!(
            split_full_name("SMITH,JOHN,P", None),
            n("JOHN", "P", "SMITH", "")
        );
        assert_eq!(
            split_full_name("PUBLIC,JOHN,Q,JR", None),
            n("JOHN", "Q", "PUBLIC", "JR")
        );
        assert_eq!(
            split_full_name("CORTEZ,PABLO,,JR", None),
            n("PABLO", "", "CORTEZ", "JR")
        );
        assert_eq!(
            split_full_name("WANG,CHUNG", None),
            n("CHUNG", "", "WANG", "")
        );
    }

    #[test]
    fn comma_then_spaced_given_names() {
        // Oregon and Louisiana: the middle name shares the given-name part.
        assert_eq!(
            split_full_name("SMITH, MARY JONES", None),
            n("MARY", "JONES", "SMITH", "")
        );
        assert_eq!(
            split_full_name("JONES,MARCIA MOTORIST", None),
            n("MARCIA", "MOTORIST", "JONES", "")
        );
        assert_eq!(
            split_full_name("CORTEZ,PABLO,LUIS RODRIGUEZ,JR", None),
            n("PABLO", "LUIS RODRIGUEZ", "CORTEZ", "JR")
        );
        assert_eq!(
            split_full_name("SMITH,MARY,ROBINS,", None),
            n("MARY", "ROBINS", "SMITH", "")
        );
        assert_eq!(
            split_full_name("MORALES MARTIZ,RICK", None),
            n("RICK", "", "MORALES MARTIZ", "")
        );
    }

    #[test]
    fn dollar_and_at_separators() {
        assert_eq!(
            split_full_name("DOE$JANE$$JR", None),
            n("JANE", "", "DOE", "JR")
        );
        assert_eq!(
            split_full_name("LEE@ANN@MARIE", None),
            n("ANN", "MARIE", "LEE", "")
        );
    }

    #[test]
    fn spaces_only_natural_order() {
        // Pennsylvania version 1.
        assert_eq!(
            split_full_name("JOHN P SMITH", None),
            n("JOHN", "P", "SMITH", "")
        );
        assert_eq!(
            split_full_name("JOHN ROBERT LEE JOHNSON SMITH", None),
            n("JOHN", "ROBERT LEE JOHNSON", "SMITH", "")
        );
        assert_eq!(
            split_full_name("JOHN SMITH JR", None),
            n("JOHN", "", "SMITH", "JR")
        );
    }

    #[test]
    fn spaces_only_family_first() {
        assert_eq!(
            split_full_name("SMITH JOHN P", None),
            n("JOHN", "P", "SMITH", "")
        );
        // A separate family-name element settles the order.
        assert_eq!(
            split_full_name("DOE JANE ANN", Some("DOE")),
            n("JANE", "ANN", "DOE", "")
        );
        assert_eq!(
            split_full_name("JANE ANN VAN DYKE", Some("VAN DYKE")),
            n("JANE", "ANN", "VAN DYKE", "")
        );
    }

    #[test]
    fn given_names() {
        assert_eq!(
            split_given("MICHAEL JOHN"),
            (Some("MICHAEL".into()), Some("JOHN".into()))
        );
        assert_eq!(
            split_given("MARY,ANN   "),
            (Some("MARY".into()), Some("ANN".into()))
        );
        assert_eq!(split_given("LUIS "), (Some("LUIS".into()), None));
        assert!(is_suffix("PH.D."));
        assert!(!is_suffix("SMITH"));
    }
}
