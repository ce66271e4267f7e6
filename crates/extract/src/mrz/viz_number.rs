//! A printed document number that confirms the MRZ's where the check digit
//! cannot. The digit catches any single slip except one to a twin (6/G,
//! 8/S, F/P: equal value mod 10), and two slips only when they do not
//! cancel. So a visual zone that prints every character of the number as
//! read, but for one that is not a twin, leaves no slip unseen: the twins
//! are printed as read, and a single other slip would break the digit. The
//! visual zone's own OCR drops or misreads a character now and then (a
//! leading letter `K29317879` printed as `29317879`); requiring it to hold
//! the whole number would refuse such pages.

use super::tess_number::TWINS;
use crate::slip::{slips, Slip};

/// Characters of a number below which a near match could be chance.
const MIN_LEN: usize = 7;

/// Whether a line of the visual zone's text (upper case, alphanumerics
/// only) holds `number` with at most one character left out or read
/// otherwise, that character not a twin.
pub(super) fn printed_nearly(lines: &[String], number: &str) -> bool {
    let n = number.as_bytes();
    if n.len() < MIN_LEN {
        return false;
    }
    let twin = |c: u8| TWINS.contains(&c);
    lines.iter().any(|l| {
        slips(l.as_bytes(), n).into_iter().any(|s| match s {
            Slip::Exact => true,
            Slip::Dropped(i) | Slip::Other(i) => !twin(n[i]),
            // Not seen on the dev pages this rule was measured on: left out
            // rather than trusted unmeasured.
            Slip::Added => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_guarded_character_may_be_missing_or_misread() {
        let page = lines(&["SURNAME", "RODRIGUEZ", "DOCUMENTNA", "29317879"]);
        assert!(printed_nearly(&page, "K29317879"));
        assert!(printed_nearly(&lines(&["NOK29317879X"]), "K29317879"));
        assert!(printed_nearly(&lines(&["X29317879"]), "K29317879"));
        // The one character unconfirmed is a twin (8 of S/8): no.
        assert!(!printed_nearly(&lines(&["K2931779"]), "K29317879"));
        assert!(!printed_nearly(&lines(&["K29317S79"]), "K29317879"));
        // Another guarded one read otherwise: the 8 is printed as read.
        assert!(printed_nearly(&lines(&["K293178S9"]), "K29317879"));
        // Two characters off, or too short to count.
        assert!(!printed_nearly(&lines(&["X2931787X"]), "K29317879"));
        assert!(!printed_nearly(&lines(&["29317"]), "K2931"));
        assert!(!printed_nearly(&[], "K29317879"));
    }
}
