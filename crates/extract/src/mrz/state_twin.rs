//! An issuing state or nationality that names no state, one cell from the
//! other code, which names one: `P<LTA…` over `…ITA…` (the I of `ITA` read
//! as L, dev pipeline seed 229), `JPN` over `IPN`. A real MRZ carries only
//! real codes, so the one that names none was misread; a passport is most
//! often issued by the holder's own state, so the code one cell away is
//! the likeliest print. No check digit covers either code, which is why
//! the other code, and not a guess among the states one slip away, decides.

use super::states::is_state;
use super::{parse_lines, Mrz};

/// The code (three cells, fillers kept) at `(line, at)` of `lines`.
fn code(lines: &[String], (line, at): (usize, usize)) -> Option<&str> {
    lines.get(line)?.get(at..at + 3)
}

fn names_state(cells: &str) -> bool {
    is_state(cells.trim_end_matches('<'))
}

/// Mend `mrz`'s code that names no state from its other code (see the
/// module); returns whether it changed.
pub(crate) fn mend(mrz: &mut Mrz) -> bool {
    let fields = mrz.format.state_fields();
    let (Some(a), Some(b)) = (code(&mrz.lines, fields[0]), code(&mrz.lines, fields[1])) else {
        return false;
    };
    let one_cell_apart = a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() == 1;
    let (bad, good) = match (names_state(a), names_state(b)) {
        (false, true) => (0, b.to_string()),
        (true, false) => (1, a.to_string()),
        _ => return false,
    };
    if !one_cell_apart {
        return false;
    }
    let (line, at) = fields[bad];
    let mut lines = mrz.lines.clone();
    lines[line].replace_range(at..at + 3, &good);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    match parse_lines(&refs) {
        Ok(m) if m.checks == mrz.checks && m.document_number == mrz.document_number => {
            *mrz = m;
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mrz(lines: &[&str]) -> Mrz {
        parse_lines(lines).expect("mrz")
    }

    #[test]
    fn a_code_naming_no_state_takes_the_other_one_cell_away() {
        // Dev pipeline seed 229, c225: the issuing state's I read as L.
        let mut m = mrz(&[
            "P<LTASIMPSON<<HOMER<JAY<<<<<<<<<<<<<<<<<<<<<",
            "H427141899ITA9010015M2806181<<<<<<<<<<<<<<04",
        ]);
        assert!(mend(&mut m));
        assert_eq!(m.issuing_state, "ITA");
        assert!(m.lines[0].starts_with("P<ITASIMPSON<<HOMER"));
        // The nationality's J read as I.
        let mut m = mrz(&[
            "P<JPNSATO<<YUKI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "H427141899IPN9010015M2806181<<<<<<<<<<<<<<04",
        ]);
        assert!(mend(&mut m));
        assert_eq!(m.nationality, "JPN");
        // A passport card: the nationality on the second line.
        let mut m = mrz(&[
            "C<USAG512604680<<<<<<<<<<<<<<<",
            "9007264M2906117U5A<<<<<<<<<<<4",
            "LEMIEUX<<EMMA<LEE<<<<<<<<<<<<<",
        ]);
        let checks = m.checks;
        assert!(mend(&mut m));
        assert_eq!((m.nationality.as_str(), m.checks), ("USA", checks));
    }

    #[test]
    fn two_real_codes_or_two_slips_or_a_far_code_stay() {
        for lines in [
            // A Dutch passport of a German holder: both codes real.
            [
                "P<NLDMULLER<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                "H427141899D<<9010015F2806181<<<<<<<<<<<<<<04",
            ],
            // Neither names a state: nothing to take.
            [
                "P<LTASIMPSON<<HOMER<<<<<<<<<<<<<<<<<<<<<<<<<",
                "H427141899LTB9010015M2806181<<<<<<<<<<<<<<04",
            ],
            // Two cells apart: not one slip.
            [
                "P<XYZSIMPSON<<HOMER<<<<<<<<<<<<<<<<<<<<<<<<<",
                "H427141899ITA9010015M2806181<<<<<<<<<<<<<<04",
            ],
        ] {
            let mut m = mrz(&lines);
            let before = m.lines.clone();
            assert!(!mend(&mut m), "{lines:?}");
            assert_eq!(m.lines, before);
        }
    }
}
