//! Name matching as docs/flows.md forgives it: case, accents, hyphens and spaces,
//! middle names, MRZ truncation; a one-letter OCR slip is only a warning.

use super::evidence::Source;
use super::text::{edit_distance, tokens};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    Exact,
    /// Equal once a known difference is forgiven (the reason is shown).
    Forgiven(&'static str),
    /// One letter off on OCR: a person should look.
    Slip,
    Mismatch,
}

impl NameMatch {
    pub fn is_match(&self) -> bool {
        matches!(self, NameMatch::Exact | NameMatch::Forgiven(_))
    }
}

fn joined(t: &[String]) -> String {
    t.concat()
}

/// `small`'s tokens appear, in order, at the start of `big`'s.
fn is_prefix(small: &[String], big: &[String]) -> bool {
    !small.is_empty() && small.len() < big.len() && big.starts_with(small)
}

/// Compares one name part (given names or surname) as read against expected.
pub fn compare(expected: &str, read: &str, source: Source) -> NameMatch {
    let e = tokens(expected);
    let r = tokens(read);
    if e.is_empty() || r.is_empty() {
        return NameMatch::Mismatch;
    }
    let (ej, rj) = (joined(&e), joined(&r));
    if ej == rj {
        return NameMatch::Exact;
    }
    // "Homer" expected, "HOMER JAY" read (or the other way round).
    if is_prefix(&e, &r) || is_prefix(&r, &e) {
        return NameMatch::Forgiven("middle names");
    }
    // MRZ name fields are cut at the line's end.
    if source == Source::Mrz && rj.len() >= 2 && ej.starts_with(&rj) {
        return NameMatch::Forgiven("MRZ truncation");
    }
    if source == Source::Ocr && (edit_distance(&ej, &rj) == 1 || edit_distance(&e[0], &r[0]) == 1) {
        return NameMatch::Slip;
    }
    NameMatch::Mismatch
}

/// Whether a one-line holder name ("SIMPSON, HOMER J") names this person:
/// the surname and the first given name both appear.
pub fn full_name_matches(first: &str, last: &str, read: &str, source: Source) -> NameMatch {
    let r = tokens(read);
    let f = tokens(first);
    let l = tokens(last);
    if r.is_empty() || f.is_empty() || l.is_empty() {
        return NameMatch::Mismatch;
    }
    let rj = joined(&r);
    let has_last = rj.contains(&joined(&l));
    let has_first = r.iter().any(|t| *t == f[0]);
    if has_last && has_first {
        return NameMatch::Exact;
    }
    if source == Source::Ocr {
        let near = |want: &str| r.iter().any(|t| edit_distance(t, want) <= 1);
        if (has_last || near(&joined(&l))) && (has_first || near(&f[0])) {
            return NameMatch::Slip;
        }
    }
    NameMatch::Mismatch
}

#[cfg(test)]
mod tests {
    use super::*;
    use Source::*;

    #[test]
    fn forgives_what_flows_md_forgives() {
        assert_eq!(compare("José", "JOSE", Barcode), NameMatch::Exact);
        assert_eq!(compare("Mary-Ann", "MARY ANN", Mrz), NameMatch::Exact);
        assert_eq!(compare("Maryann", "MARY-ANN", Mrz), NameMatch::Exact);
        assert_eq!(
            compare("Homer", "HOMER JAY", Barcode),
            NameMatch::Forgiven("middle names")
        );
        assert_eq!(
            compare("Homer Jay", "HOMER", Mrz),
            NameMatch::Forgiven("middle names")
        );
        assert_eq!(
            compare("Bartholomew", "BARTHOLOM", Mrz),
            NameMatch::Forgiven("MRZ truncation")
        );
    }

    #[test]
    fn slips_and_mismatches() {
        assert_eq!(compare("Simpson", "SLMPSON", Ocr), NameMatch::Slip);
        assert_eq!(compare("Simpson", "SLMPSON", Barcode), NameMatch::Mismatch);
        assert_eq!(
            compare("Bartholomew", "BARTHOLOM", Ocr),
            NameMatch::Mismatch
        );
        assert_eq!(compare("Homer", "MARGE", Mrz), NameMatch::Mismatch);
        assert_eq!(compare("Homer", "", Mrz), NameMatch::Mismatch);
        assert!(!compare("Homer", "HOMERO", Barcode).is_match());
    }

    #[test]
    fn one_line_holder_names() {
        assert_eq!(
            full_name_matches("Homer", "Simpson", "SIMPSON, HOMER J", PdfText),
            NameMatch::Exact
        );
        assert_eq!(
            full_name_matches("Homer", "Simpson", "Mr. Homer J. Simpson", PdfText),
            NameMatch::Exact
        );
        assert_eq!(
            full_name_matches("Homer", "Simpson", "HOMER SLMPSON", Ocr),
            NameMatch::Slip
        );
        assert_eq!(
            full_name_matches("Homer", "Simpson", "Marge Simpson", PdfText),
            NameMatch::Mismatch
        );
    }
}
