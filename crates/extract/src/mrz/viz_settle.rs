//! The visual zone settles a document number the check digits cannot: where
//! the zone prints a character of equal value mod 10 (G/6, S/8, L/1) that
//! the MRZ read otherwise, every check digit holds both ways and only the
//! print chooses.

use super::viz::{fold_digitish, printed_rows};
use super::viz_number::{number_at, same_mod10};
use super::Mrz;

/// Letters the zone's OCR makes of printed digits (8 as S or B, 6 as G,
/// 0 as O, D, Q or U, 1 as I or T, 2 as Z): a digit printed as one of them
/// says nothing.
const LETTERS_FOR_DIGITS: &[u8] = b"SBGODQUITZ";

/// Replace the MRZ's document number by the printed one when the two differ
/// only in characters of equal value mod 10 (G/6, F/P, Q/6, S/8): every
/// check digit holds for both, so the check digits cannot choose and the
/// visual zone does.
///
/// A digit printed as a capital letter that the zone's OCR does not make of
/// digits is taken (`L46368876` printed, `146368876` read: L and 1 weigh
/// alike); other characters only when the MRZ read was not `sure` of its
/// number (see [`super::read::MrzRead::number_sure`]).
///
/// A digit printed where a Tesseract read has a letter of its weight is
/// never taken (`keep_letters`): the zone's OCR, reading a number, makes
/// digits of letters (`L02432045` printed, `102432045` read; G as 6), while
/// Tesseract reads the MRZ's plain monospace L and 1 apart. A template read
/// unsure between G and 6 is a tie of glyph shapes, which the zone settles.
///
/// A letter printed in the first cell where another reading of the MRZ
/// held it too (`prefix_seen`, see
/// [`super::viz_number::prefix_letters`]) is taken and counts as such a
/// capital: the zone and one engine saw the letter, the other engine a
/// digit of its weight, and no check digit can choose.
///
/// Returns None when nothing changed, else whether every change was such a
/// capital for a digit.
pub(super) fn settle_number(
    mrz: &mut Mrz,
    text: &str,
    sure: bool,
    keep_letters: bool,
    prefix_seen: &[u8],
) -> Option<bool> {
    let num = mrz.document_number.clone();
    let n = num.len();
    if n < 5 || num.contains(' ') {
        return None;
    }
    let (li, at) = number_at(mrz.format);
    // Per character: the same, a look-alike the check digit tells apart
    // (the VIZ's OCR read O for 0: keep the MRZ's), or of equal value mod 10
    // (take the printed one).
    let fold1 = |c: u8| fold_digitish(&char::from(c).to_string()).into_bytes()[0];
    let mut found: Option<(Vec<u8>, bool)> = None;
    // `$` as S: without it, `I | $71664258` left the window `I71664258`,
    // and the stray I settled the MRZ's S (equal weight).
    let rows = printed_rows(text);
    for raw in &rows {
        for w in raw.as_bytes().windows(n) {
            let mut new = Vec::with_capacity(n);
            let mut changed = false;
            let mut capitals_only = true;
            for (k, (&printed, m)) in w.iter().zip(num.bytes()).enumerate() {
                let v = printed.to_ascii_uppercase();
                let capital_for_digit = m.is_ascii_digit()
                    && printed.is_ascii_uppercase()
                    && (!LETTERS_FOR_DIGITS.contains(&printed)
                        || (k == 0 && prefix_seen.contains(&printed)));
                // An unsure letter in the MRZ, and what the zone printed for it.
                let unsure_letter = !sure && !m.is_ascii_digit();
                let digit_for_letter = keep_letters && v.is_ascii_digit();
                // A lower-case letter is no print of a number's capital
                // (`a 94892157` under a dev page's `U94892157`: the U
                // became an A, of equal weight).
                let lower = printed.is_ascii_lowercase();
                if v == m || fold1(v) == fold1(m) {
                    new.push(m);
                } else if same_mod10(v, m)
                    && !lower
                    && (capital_for_digit || (unsure_letter && !digit_for_letter))
                {
                    // Otherwise never a digit for a letter: the VIZ's OCR
                    // reads 8 as S and 6 as G far more often than an MRZ
                    // holds S or G among digits.
                    new.push(v);
                    changed = true;
                    capitals_only &= capital_for_digit;
                } else {
                    break;
                }
            }
            if new.len() == n && changed {
                // Two printed candidates that disagree settle nothing.
                if found.as_ref().is_some_and(|(f, _)| *f != new) {
                    return None;
                }
                found = Some((new, capitals_only));
            }
        }
    }
    let (new, capitals_only) = found?;
    let mut lines = mrz.lines.clone();
    let line = lines.get_mut(li)?;
    if line.get(at..at + n) != Some(num.as_str()) {
        return None;
    }
    line.replace_range(at..at + n, &String::from_utf8_lossy(&new));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    match super::parse_lines(&refs) {
        Ok(m) if m.checks == mrz.checks => {
            *mrz = m;
            Some(capitals_only)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_lines;
    use super::super::viz_number::prefix_letters;
    use super::*;

    fn lines(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_prefix_letter_the_zone_and_one_engine_saw_is_taken() {
        // Dev (pipeline seed 211, c125, a condensed monospace): Tesseract
        // read `614246543`, the templates `G11Z<BE<B1…`, the zone printed
        // `G14246543`; every check digit holds either way.
        let read = || {
            parse_lines(&[
                "P<JPNABERCROMBIE<MONTGOMERYSHIRE<<MAXIMILIAN",
                "6142465431JPN8909280F2912095<<<<<<<<<<<<<<08",
            ])
            .unwrap()
        };
        let witnesses = lines(&[
            "G11Z<BE<B1JPN8909280F2112093<<<<<<<<<<<<<<08",
            // Another line's G, or a line of other cells, is no witness.
            "G<JPNABERCROMBIE<MONTGOMERYSHIRE<<MAXIMILIAN",
            "S14246543<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        ]);
        let mut m = read();
        let seen = prefix_letters(&m, &witnesses);
        assert_eq!(seen, b"G");
        let zone = "Passport No.\nG14246543";
        assert_eq!(settle_number(&mut m, zone, true, true, &seen), Some(true));
        assert_eq!(m.document_number, "G14246543");
        // Unwitnessed, the zone's G may be its OCR's slip for a 6: kept.
        let mut m = read();
        assert_eq!(settle_number(&mut m, zone, true, true, &[]), None);
        assert_eq!(m.document_number, "614246543");
        // Witnessed elsewhere than the first cell: kept too.
        let mut m = read();
        let zone = "Passport No.\n61424G543";
        assert_eq!(settle_number(&mut m, zone, true, true, &seen), None);
    }

    #[test]
    fn a_lower_case_letter_settles_no_number() {
        // Dev (seed 151): the zone read `a 94892157` for `U94892157`.
        let mut m = parse_lines(&[
            "P<FRASIMPSON<<HOMER<JAY<<<<<<<<<<<<<<<<<<<<<",
            "U948921575FRA6912196F3407172<<<<<<<<<<<<<<00",
        ])
        .unwrap();
        assert_eq!(
            settle_number(&mut m, "Document no.\na 94892157", false, true, &[]),
            None
        );
        assert_eq!(m.document_number, "U94892157");
        // A capital does, as before.
        assert_eq!(
            settle_number(&mut m, "A94892157", false, true, &[]),
            Some(false)
        );
        assert_eq!(m.document_number, "A94892157");
    }

    #[test]
    fn a_heavy_s_printed_as_dollar_is_an_s() {
        // A dev page's zone read `I | $71664258` for S71664258; without `$`
        // as S the window `I71664258` settled the MRZ's S to I (equal
        // weight, 28 and 18).
        let mut m = super::super::parse_lines(&[
            "V<NLDSMITH<<LUCAS<LEE<<<<<<<<<<<<<<<<<<<<<<<",
            "S716642589NLD8605191F2712022<<<<<<<<<<<<<<<<",
        ])
        .unwrap();
        assert!(m.checks_valid());
        assert_eq!(
            settle_number(&mut m, "Document no.\nI | $71664258", false, true, &[]),
            None
        );
        assert_eq!(m.document_number, "S71664258");
        // Without the S printed, the stray I would be taken: the test above
        // fails the same way if `$` stops counting as S.
        let mut m2 = m.clone();
        assert_eq!(
            settle_number(&mut m2, "I | %71664258", false, false, &[]),
            Some(false)
        );
        assert_eq!(m2.document_number, "I71664258");
    }
}
