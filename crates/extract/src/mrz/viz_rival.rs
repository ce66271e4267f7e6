//! A number the visual zone prints otherwise, in a digit or two, that
//! another reading of the MRZ held too. Slips between digits five apart
//! weigh alike mod 10 in every check digit: on a dev hard page (monoid,
//! draw 3001) the number's 4 and its check digit 4 were both read as 9
//! (`U357394319` for `U357344314`), every digit, the composite included,
//! holding. The zone printed `U35734431` and two Tesseract passes over the
//! band had read `U35734431` too. The zone's OCR slips on its own, and so
//! does each pass; the same other number from both, in a sans and in the
//! MRZ's font, is no coincidence: the check digits then settle nothing.

/// Most cells a rival may differ in: more is another document's number.
const MAX_CELLS: usize = 2;

/// Whether `w` is `n` with one or two digits read as other digits.
fn digits_apart(w: &[u8], n: &[u8]) -> bool {
    let mut cells = 0;
    for (&a, &b) in w.iter().zip(n) {
        if a != b {
            if !(a.is_ascii_digit() && b.is_ascii_digit()) {
                return false;
            }
            cells += 1;
        }
    }
    (1..=MAX_CELLS).contains(&cells)
}

/// Whether a row the zone printed (`rows`, upper case, letters and digits
/// only) holds a rival of `number` (see the module) that one of the
/// `witnesses` (every line the picture's reads made) holds as well.
pub(super) fn rival_seen(witnesses: &[String], rows: &[String], number: &str) -> bool {
    let n = number.as_bytes();
    if n.len() < 6 {
        return false;
    }
    rows.iter()
        .flat_map(|r| r.as_bytes().windows(n.len()))
        .filter(|w| digits_apart(w, n))
        .any(|w| {
            witnesses
                .iter()
                .any(|l| l.as_bytes().windows(n.len()).any(|x| x == w))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_number_the_zone_and_another_pass_read_alike_contests_the_read() {
        // Dev hard MRZ draw 3001, monoid: the read and what was printed.
        let witnesses = strings(&[
            "U357394319GBR8111278M32049119659973119<<<<<22",
            "U35734431559R8111272M3224119659973119<<<<<22",
        ]);
        let rows = strings(&["ERIKSSON", "GRACEANN", "27111981", "U35734431"]);
        assert!(rival_seen(&witnesses, &rows, "U35739431"));
    }

    #[test]
    fn a_slip_of_one_reader_alone_or_a_letter_or_far_number_does_not() {
        let witnesses = strings(&["U357394319GBR8111278M32049119659973119<<<<<22"]);
        // The zone alone prints the other number.
        let rows = strings(&["U35734431"]);
        assert!(!rival_seen(&witnesses, &rows, "U35739431"));
        // Printed as read.
        let rows = strings(&["U35739431"]);
        assert!(!rival_seen(&witnesses, &rows, "U35739431"));
        // A letter for a digit is the zone's OCR (see `viz_number`), and
        // three cells apart is no slip.
        let witnesses = strings(&["G35739431", "U12349431"]);
        let rows = strings(&["G35739431", "U12349431"]);
        assert!(!rival_seen(&witnesses, &rows, "635739431"));
        assert!(!rival_seen(&witnesses, &rows, "U35739431"));
    }
}
