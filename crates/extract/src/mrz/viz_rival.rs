//! A number the visual zone prints otherwise, in a digit or two, that
//! another reading of the MRZ held too. Slips between digits five apart
//! weigh alike mod 10 in every check digit: on a dev hard page (monoid,
//! draw 3001) the number's 4 and its check digit 4 were both read as 9
//! (`U357394319` for `U357344314`), every digit, the composite included,
//! holding. The zone printed `U35734431` and two Tesseract passes over the
//! band had read `U35734431` too. The zone's OCR slips on its own, and so
//! does each pass; the same other number from both, in a sans and in the
//! MRZ's font, is no coincidence: the check digits then settle nothing.
//! Nor does a letter among digits that the zone prints as its digit (see
//! [`letter_printed_as_digit`]), nor a letter another reading held as the
//! digit of its look and weight (see [`digit_read_for_letter`]).

use super::Mrz;

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
/// only) holds a rival of `mrz`'s number (see the module) that one of the
/// `witnesses` (every line the picture's reads made) held in the number's
/// place: a reading of the same data line, as long, two thirds of its
/// other cells as read. A garbled pass that happened to slip alike is no
/// reading of the line (dev hard draw 3002: `X928703079UTO7307234<<<<<B`,
/// ten cells short, beside a zone that read `X92870307` for `X92070307`).
pub(super) fn rival_seen(mrz: &Mrz, witnesses: &[String], rows: &[String]) -> bool {
    let n = mrz.document_number.as_bytes();
    let (li, at) = super::viz_number::number_at(mrz.format);
    let Some(line) = mrz.lines.get(li).map(String::as_bytes) else {
        return false;
    };
    if n.len() < 6 || line.len() < at + n.len() + 1 {
        return false;
    }
    let printed = |r: &[u8]| {
        rows.iter()
            .any(|row| row.as_bytes().windows(r.len()).any(|x| x == r))
    };
    witnesses
        .iter()
        .map(String::as_bytes)
        .filter(|w| same_line(w, line, at, n.len()))
        .map(|w| &w[at..at + n.len()])
        .any(|r| digits_apart(r, n) && printed(r))
}

/// Whether witness `w` reads the same data line as `line`, whose number of
/// `len` cells starts at `at` (followed by its check digit): as long, and
/// two thirds of its other cells alike.
fn same_line(w: &[u8], line: &[u8], at: usize, len: usize) -> bool {
    if w.len() != line.len() || line.len() < at + len + 1 {
        return false;
    }
    let cells = (0..at).chain(at + len + 1..line.len());
    let total = cells.clone().count();
    let same = cells.filter(|&i| w[i] == line[i]).count();
    total > 0 && same * 3 >= total * 2
}

/// Whether another reading of the same cells (as long as the data line,
/// alike before the number and in its check digit) held a digit where
/// `mrz`'s number has, past its first cell, a letter of that digit's look
/// and weight (G for 6, S for 8), all else in the number alike. Every check
/// digit holds either way, and the zone's OCR prints such a digit as the
/// letter (see `viz_settle`'s `LETTERS_FOR_DIGITS`), so the zone printing
/// the letter settles nothing: on dev MRZ draw 2035 (Anonymous Pro, a hard
/// card) `A65551594` was read `AG5551594` by one Tesseract pass and
/// `A65551594` by another, and the zone printed `AG5551594`. The first cell
/// is left out: a prefix letter is what issuers print there (see
/// `viz_number::letter_seen`).
pub(super) fn digit_read_for_letter(mrz: &Mrz, witnesses: &[String]) -> bool {
    let n = mrz.document_number.as_bytes();
    let (li, at) = super::viz_number::number_at(mrz.format);
    let Some(line) = mrz.lines.get(li).map(String::as_bytes) else {
        return false;
    };
    if n.len() < 6 || line.len() <= at + n.len() || &line[at..at + n.len()] != n {
        return false;
    }
    let twin = super::viz_number::letter_for_digit;
    let end = at + n.len();
    // A reading of the same cells: as long, alike before the number and in
    // its check digit. Not two thirds of the rest: a pass that read a card's
    // fillers as 6s (`…940<<<<6666666604<`) read its number right.
    let same_cells =
        |w: &[u8]| w.len() == line.len() && w[..at] == line[..at] && w[end] == line[end];
    witnesses
        .iter()
        .map(String::as_bytes)
        .filter(|w| same_cells(w))
        .map(|w| &w[at..end])
        .any(|r| {
            r != n
                && r.iter()
                    .zip(n)
                    .enumerate()
                    .all(|(k, (&w, &c))| w == c || (k > 0 && twin(c, w)))
        })
}

/// Whether the zone (`rows`, as for [`rival_seen`]) prints `number` with a
/// digit where the number has a letter of that digit's look (O for 0, S
/// for 5: see [`super::viz::fold_digitish`]) between two digits, all else
/// alike. A letter there is the MRZ reading's slip far more often than the
/// print (issuers keep look-alikes out of their numbers), and the check
/// digit cannot be trusted to have chosen it: on dev MRZ draw 2034 a visa's
/// `J059298817` was read `3O59298817`, J as 3 and 0 as O cancelling in the
/// weighted sum, and the zone's `305929881` confirmed it, O and 0 folded.
pub(super) fn letter_printed_as_digit(rows: &[String], number: &str) -> bool {
    let n = number.as_bytes();
    let digit = |i: usize| n.get(i).is_some_and(u8::is_ascii_digit);
    let inner: Vec<usize> = (1..n.len().saturating_sub(1))
        .filter(|&i| n[i].is_ascii_uppercase() && digit(i - 1) && digit(i + 1))
        .collect();
    if inner.is_empty() {
        return false;
    }
    let folded = super::viz::fold_digitish(number);
    let f = folded.as_bytes();
    let printed_digits = |w: &[u8]| {
        w != n
            && (0..n.len()).all(|i| {
                if inner.contains(&i) {
                    w[i] == n[i] || (w[i].is_ascii_digit() && w[i] == f[i])
                } else {
                    w[i] == n[i]
                }
            })
    };
    rows.iter()
        .flat_map(|r| r.as_bytes().windows(n.len()))
        .any(printed_digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    fn td3(data: &str) -> Mrz {
        super::super::parse_lines(&["P<GBRERIKSSON<<GRACE<ANN<<<<<<<<<<<<<<<<<<<<", data])
            .expect("mrz")
    }

    #[test]
    fn a_number_the_zone_and_another_pass_read_alike_contests_the_read() {
        // Dev hard MRZ draw 3001, monoid: the read and what was printed.
        let m = td3("U357394319GBR8111270M3204119659973119<<<<<22");
        let witnesses = strings(&[
            "U357394319GBR8111278M32049119659973119<<<<<22",
            "U35734431559R8111272M3224119659973119<<<<<22",
        ]);
        let rows = strings(&["ERIKSSON", "GRACEANN", "27111981", "U35734431"]);
        assert!(rival_seen(&m, &witnesses, &rows));
    }

    #[test]
    fn a_letter_among_digits_printed_as_its_digit_contests_the_read() {
        // Dev MRZ draw 2034, a Monoid visa: `J05929881` read `3O5929881`.
        let rows = strings(&["PATEL", "GRACEQ", "22031977", "305929881"]);
        assert!(letter_printed_as_digit(&rows, "3O5929881"));
        // Printed with the letter, a prefix letter, no letter: nothing.
        assert!(!letter_printed_as_digit(
            &strings(&["3O5929881"]),
            "3O5929881"
        ));
        assert!(!letter_printed_as_digit(
            &strings(&["605929881"]),
            "G05929881"
        ));
        assert!(!letter_printed_as_digit(
            &strings(&["305929881"]),
            "305929881"
        ));
        // Another digit printed there is another matter (see rival_seen).
        assert!(!letter_printed_as_digit(
            &strings(&["375929881"]),
            "3O5929881"
        ));
    }

    #[test]
    fn a_slip_of_one_reader_alone_or_a_letter_or_far_number_does_not() {
        let m = td3("U357394319GBR8111270M3204119659973119<<<<<22");
        let witnesses = strings(&["U357394319GBR8111278M32049119659973119<<<<<22"]);
        // The zone alone prints the other number.
        assert!(!rival_seen(&m, &witnesses, &strings(&["U35734431"])));
        // Printed as read.
        assert!(!rival_seen(&m, &witnesses, &strings(&["U35739431"])));
        // A pass ten cells short that slipped alike reads no data line.
        let short = strings(&["U357344319GBR81112704119659973<<<<22"]);
        assert!(!rival_seen(&m, &short, &strings(&["U35734431"])));
        // A letter for a digit is the zone's OCR (see `viz_number`), and
        // three cells apart is no slip.
        let m = td3("635739431<GBR8111270M3204119659973119<<<<<22");
        let witnesses = strings(&["G35739431<GBR8111270M3204119659973119<<<<<22"]);
        assert!(!rival_seen(&m, &witnesses, &strings(&["G35739431"])));
        let far = strings(&["U12349431<GBR8111270M3204119659973119<<<<<22"]);
        assert!(!rival_seen(&m, &far, &strings(&["U12349431"])));
    }

    #[test]
    fn a_digit_another_pass_read_for_a_letter_of_its_weight_contests() {
        // Dev MRZ draw 2035: a card's `A65551594` read `AG5551594`; another
        // pass read the number right and the card's fillers as 6s.
        let card = |l1: &str| {
            super::super::parse_lines(&[
                l1,
                "8904023M2807203FRA<<<<<<<<<<<0",
                "VAN<DYKE<<YUKI<JAY<<<<<<<<<<<<",
            ])
            .expect("mrz")
        };
        let m = card("C1FRAAG55515940<<<<<<<<<<<<<<<");
        let pass = strings(&["C1FRAA655515940<<<<6666666604<"]);
        assert!(digit_read_for_letter(&m, &pass));
        // A letter in the first cell is a prefix; a digit of another weight,
        // another check digit, or another line's cells are no such reading.
        let m0 = card("C1FRAG655515940<<<<<<<<<<<<<<<");
        assert!(!digit_read_for_letter(
            &m0,
            &strings(&["C1FRA6655515940<<<<<<<<<<<<<<<"])
        ));
        assert!(!digit_read_for_letter(
            &m,
            &strings(&["C1FRAA755515940<<<<<<<<<<<<<<<"])
        ));
        assert!(!digit_read_for_letter(
            &m,
            &strings(&["C1FRAA655515941<<<<<<<<<<<<<<<"])
        ));
        assert!(!digit_read_for_letter(&m, &strings(&["C1FRAA65551594"])));
        assert!(!digit_read_for_letter(
            &m,
            &strings(&["8904023M2807203FRA<<<<<<<<<<<0"])
        ));
        // The read's own digits as read: nothing to contest.
        assert!(!digit_read_for_letter(
            &m,
            &strings(&["C1FRAAG55515940<<<<<<<<<<<<<<<"])
        ));
    }
}
