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
use super::viz::fold_digitish;
use super::Mrz;
use crate::slip::{slips, Slip};

/// Characters of a number below which a near match could be chance.
const MIN_LEN: usize = 7;

/// Whether a line of the visual zone's text (upper case, alphanumerics
/// only) holds `number` with at most one character left out or read
/// otherwise, that character not a twin. `check` is the read's check cell
/// for the number (see [`number_check_cell`]).
pub(super) fn printed_nearly(lines: &[String], number: &str, check: Option<u8>) -> bool {
    let n = number.as_bytes();
    if n.len() < MIN_LEN {
        return false;
    }
    let twin = |c: u8| TWINS.contains(&c) || LETTER_DIGIT_TWINS.contains(&c);
    lines.iter().any(|l| {
        slips(l.as_bytes(), n).into_iter().any(|s| match s {
            Slip::Exact => true,
            // A first character left out only where the rest ends the
            // line: a read whose first cell came from a glyph before the
            // number (`C1IDEUF633575004…` for `C1DEUF633575004…`, every
            // digit holding by chance) has the printed number's last
            // character left over after it (`F6335750` in `F63357500`).
            // Nor where the cell is there, printed as a twin's look-alike
            // (see `printed_like_a_twin`): that is no character left out.
            Slip::Dropped(0) => {
                !twin(n[0])
                    && l.as_bytes().ends_with(&n[1..])
                    && !printed_like_a_twin(l.as_bytes(), n, 0)
            }
            Slip::Dropped(i) => !twin(n[i]) && !printed_like_a_twin(l.as_bytes(), n, i),
            Slip::Other(i) => {
                !twin(n[i])
                    && !printed_of_its_weight(l.as_bytes(), n, i)
                    && !printed_like_a_twin(l.as_bytes(), n, i)
                    && !check_slipped_alike(l.as_bytes(), n, i, check)
            }
            // Not seen on the dev pages this rule was measured on: left out
            // rather than trusted unmeasured.
            Slip::Added => false,
        })
    })
}

/// Whether `line` holds `n` but for cell `i`, printed as a character of
/// the same value mod 10, look-alikes folded (`HO3172475` printed where the
/// MRZ read `HA3172475`: O as 0, and A and 0 weigh alike): the zone then
/// prints the other reading of the one slip the check digit cannot see.
fn printed_of_its_weight(line: &[u8], n: &[u8], i: usize) -> bool {
    let fold = |c: u8| fold_digitish(&char::from(c).to_string()).into_bytes()[0];
    line.windows(n.len()).any(|w| {
        w[i] != n[i]
            && same_mod10(fold(w[i]), n[i])
            && w.iter()
                .zip(n)
                .enumerate()
                .all(|(k, (a, b))| k == i || a == b)
    })
}

/// Characters the zone's OCR and the MRZ engines take for one another.
const LOOK_ALIKE: &[&[u8]] = &[
    b"0ODQ", b"1ILTJ", b"2Z", b"3J", b"4A", b"5S", b"6G", b"7TZ", b"8BS",
];

/// Whether `line` holds `n` but for cell `i`, printed as a look-alike of
/// another character of the read's weight there: the zone may then print
/// the one slip the check digit cannot see. A card's `J04240090` under
/// glare was read `T04240090` (J and T weigh alike) and its zone printed
/// `304240090`: the 3 is the zone's J, not a slip of the T.
fn printed_like_a_twin(line: &[u8], n: &[u8], i: usize) -> bool {
    // Not where it looks like the read's own character as well: a zone
    // printing `128980363` for a read `T28980363` read the T as 1.
    let like_a_twin = |p: u8| {
        let groups = || LOOK_ALIKE.iter().filter(|g| g.contains(&p));
        groups().any(|g| g.iter().any(|&x| x != n[i] && same_mod10(x, n[i])))
            && !groups().any(|g| g.contains(&n[i]))
    };
    // The first cell only where it opens the line: after a label's
    // letters (`DOCUMENTNO29317879` for `K29317879`) it is the label's.
    line.windows(n.len()).enumerate().any(|(at, w)| {
        (i > 0 || at == 0)
            && w[i] != n[i]
            && like_a_twin(w[i])
            && w.iter()
                .zip(n)
                .enumerate()
                .all(|(k, (a, b))| k == i || a == b)
    })
}

/// Whether `line` holds `n` but for cell `i`, printed as a character the
/// read mistook in the check cell too: the printed number's own check
/// digit is the printed character, and the read's check cell holds the
/// read's character.
/// A font's 1 read as 4 in both cells (`X31065344` with check digit 1, read
/// `X34065344` with 4) makes a read whose digit holds; the zone printing
/// the 1 is then the other reading of one confusion, not a confirmation of
/// the 4.
fn check_slipped_alike(line: &[u8], n: &[u8], i: usize, check: Option<u8>) -> bool {
    let Some(c) = check else { return false };
    line.windows(n.len()).any(|w| {
        w[i] != n[i]
            && c == n[i]
            && super::check::check_digit(w) == Some(w[i])
            && w.iter()
                .zip(n)
                .enumerate()
                .all(|(k, (a, b))| k == i || a == b)
    })
}

/// The read's check cell for the document number: the cell after a number
/// of at most nine characters (a longer TD1 number overflows into the
/// optional data, with its check digit at its end: not looked at).
pub(super) fn number_check_cell(mrz: &Mrz) -> Option<u8> {
    let (li, at) = number_at(mrz.format);
    if mrz.document_number.len() > 9 {
        return None;
    }
    mrz.lines.get(li)?.as_bytes().get(at + 9).copied()
}

/// Whether a line of the visual zone's text holds another number than
/// `number` that differs from it only in twins (6/G, 8/S, F/P): the
/// zone's OCR then read the same print both ways (`G04019411` and
/// `604019411` in two passes), and it confirms neither reading, since the
/// check digit cannot tell them apart either.
pub(super) fn printed_as_twin(lines: &[String], number: &str) -> bool {
    let n = number.as_bytes();
    let twin_of =
        |a: u8, b: u8| a != b && TWINS.contains(&a) && TWINS.contains(&b) && same_mod10(a, b);
    n.len() >= MIN_LEN
        && lines.iter().any(|l| {
            l.as_bytes()
                .windows(n.len())
                .any(|w| w != n && w.iter().zip(n).all(|(&a, &b)| a == b || twin_of(a, b)))
        })
}

/// Whether another reading of the picture (see
/// [`super::MrzRead::witnesses`]) held `number` with a letter where it
/// holds a digit the letter looks like and weighs alike mod 10 (G/6, S/8,
/// L/1), in its first cell (where a
/// prefix letter stands), and the four cells after it alike (see
/// [`PREFIX_RUN`]): the
/// templates read `L89741910` where Tesseract read `189741910`, one
/// Tesseract pass read `G85076077` where the others read `685076077`. Every
/// check digit holds either way, and the zone's OCR, reading a number,
/// makes digits of such letters (it printed `189741910` and `685076077`),
/// so its printing the digit confirms nothing.
pub(super) fn letter_seen(witnesses: &[String], number: &str) -> bool {
    let n = number.as_bytes();
    // Only in the first cell, where a prefix letter stands. Further in, the
    // letter was the witness's slip on the dev pages: the templates read
    // `C24GG8817` for a visa's `C24668817` and `MG5226813` for a card's
    // `M65226813`.
    n.len() >= MIN_LEN
        && witnesses.iter().any(|l| {
            l.as_bytes()
                .windows(n.len())
                .any(|w| letter_for_digit(w[0], n[0]) && w[1..PREFIX_RUN] == n[1..PREFIX_RUN])
        })
}

/// How much of the number a witness must hold, from its letter on: the
/// letter and the four cells after it as the read has them, not the whole
/// number. A hard dev page's
/// template read held `L9497IWB4` where Tesseract read `194971348` and the
/// zone's OCR printed `194971348` too, every check digit holding: the
/// templates had the letter and the digits after it, then garbage.
const PREFIX_RUN: usize = 5;

/// Whether a letter was seen where the read's number has a digit of its
/// weight, where a prefix stands (see [`letter_seen`]): by another reading
/// of the MRZ, or by one of the zone's OCR passes (`rows`, upper case). Each pass
/// confirms alone what it printed, so one that printed `604019411`
/// confirmed the 6 though two others printed `G04019411`.
pub(super) fn twin_letter_seen(r: &super::MrzRead, rows: &[String]) -> bool {
    let n = &r.mrz.document_number;
    letter_seen(&r.witnesses, n) || letter_seen(rows, n)
}

/// The letters another reading of the MRZ held in the number's first cell
/// where the read has a digit of their weight that looks like them (G/6,
/// S/8, L/1): a reading of the same data line (most of its other cells as
/// read), whatever it made of the number's other cells. The templates
/// read a condensed font's `G14246543` as `G11Z<BE<B1…` and Tesseract as
/// `614246543`: the number's letter was seen, by one engine.
pub(super) fn prefix_letters(mrz: &Mrz, witnesses: &[String]) -> Vec<u8> {
    let (li, at) = number_at(mrz.format);
    let Some(line) = mrz.lines.get(li).map(String::as_bytes) else {
        return Vec::new();
    };
    let Some(&m) = line.get(at).filter(|c| c.is_ascii_digit()) else {
        return Vec::new();
    };
    // The data line's other cells: before the number and after its digit.
    let rest = |w: &[u8]| {
        let cells = (0..at).chain(at + 10..line.len());
        let n = cells.clone().count();
        let same = cells.filter(|&i| w[i] == line[i]).count();
        n > 0 && same * 3 >= n * 2
    };
    let mut out = Vec::new();
    for w in witnesses.iter().map(String::as_bytes) {
        let Some(&a) = w.get(at) else { continue };
        if w.len() == line.len() && letter_for_digit(a, m) && rest(w) && !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// Whether letter `a` may be another reading of digit `b`: of its weight
/// mod 10 and a look-alike (G for 6, S for 8, L for 1). A letter of the
/// weight that looks nothing like the digit (K or U for 0, E for 4) is a
/// reading's garbage, not another reading of the print.
pub(super) fn letter_for_digit(a: u8, b: u8) -> bool {
    let looks_alike = |set: &[u8]| set.contains(&a) && set.contains(&b);
    a.is_ascii_uppercase()
        && b.is_ascii_digit()
        && same_mod10(a, b)
        && (looks_alike(TWINS) || looks_alike(LETTER_DIGIT_TWINS))
}

pub(super) fn same_mod10(a: u8, b: u8) -> bool {
    super::char_value(a)
        .zip(super::char_value(b))
        .is_some_and(|(x, y)| x % 10 == y % 10)
}

/// L and 1 weigh alike in every check digit (21 and 1) and the zone's OCR
/// reads a printed L as 1 in a number: one of them left unconfirmed leaves
/// a slip unseen, as a 6/G or 8/S twin would.
const LETTER_DIGIT_TWINS: &[u8] = b"L1";

/// Where the document number sits in the MRZ lines: (line, first cell).
pub(super) fn number_at(format: super::MrzFormat) -> (usize, usize) {
    match format {
        super::MrzFormat::TD1 => (0, 5),
        _ => (1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_lines;
    use super::super::viz::compare;
    use super::*;

    fn lines(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_guarded_character_may_be_missing_or_misread() {
        let page = lines(&["SURNAME", "RODRIGUEZ", "DOCUMENTNA", "29317879"]);
        assert!(printed_nearly(&page, "K29317879", None));
        assert!(printed_nearly(&lines(&["NOK29317879X"]), "K29317879", None));
        assert!(printed_nearly(&lines(&["X29317879"]), "K29317879", None));
        // The one character unconfirmed is a twin (8 of S/8, L of L/1): no.
        assert!(!printed_nearly(&lines(&["K2931779"]), "K29317879", None));
        assert!(!printed_nearly(&lines(&["102432045"]), "L02432045", None));
        assert!(!printed_nearly(&lines(&["K29317S79"]), "K29317879", None));
        // Another guarded one read otherwise: the 8 is printed as read.
        assert!(printed_nearly(&lines(&["K293178S9"]), "K29317879", None));
        // Two characters off, or too short to count.
        assert!(!printed_nearly(&lines(&["X2931787X"]), "K29317879", None));
        assert!(!printed_nearly(&lines(&["29317"]), "K2931", None));
        assert!(!printed_nearly(&[], "K29317879", None));
    }

    #[test]
    fn a_first_character_left_out_counts_only_where_the_rest_ends_the_line() {
        // Dev (seed 2030, League Mono card, screen): the read took a glyph
        // before the number for its first cell, `UF6335750`; the zone
        // printed `F63357500`, whose `F6335750` is all but the U.
        assert!(!printed_nearly(&lines(&["F63357500"]), "UF6335750", None));
        assert!(!printed_nearly(
            &lines(&["DOCUMENTNOF63357500"]),
            "UF6335750",
            None
        ));
        assert!(printed_nearly(
            &lines(&["DOCUMENTNO29317879"]),
            "K29317879",
            None
        ));
    }

    #[test]
    fn a_letter_another_read_saw_for_a_digit_of_its_weight_is_seen() {
        let seen = lines(&[
            "V<GBRMUELLER<<JOSF<JAY<<<<<<<<<<<<<<",
            "L897419108QBR8112082M2809126<<<<<<<<",
        ]);
        assert!(letter_seen(&seen, "189741910"));
        assert!(letter_seen(
            &lines(&["G850760776FRA6GO05214F3003079<<<"]),
            "685076077"
        ));
        // The same number, a letter of another weight, or a digit seen
        // where the number has a letter: none of them.
        assert!(!letter_seen(&lines(&["189741910"]), "189741910"));
        assert!(!letter_seen(&lines(&["I89741910"]), "189741910"));
        assert!(!letter_seen(&lines(&["189741910"]), "L89741910"));
        // A letter of the digit's weight that is no look-alike of it.
        assert!(!letter_seen(&lines(&["V89741910"]), "189741910"));
        assert!(!letter_seen(&lines(&["Q85076077"]), "685076077"));
        assert!(letter_seen(&lines(&["S85076077"]), "885076077"));
        // The letter and the four digits after it, then garbage: the
        // templates' read of a hard dev page (fira-code, seed 2036) whose
        // Tesseract read and zone both had `194971348`.
        assert!(letter_seen(
            &lines(&["L9497IWB46BMQ04H5M1W<18300N689<<<6IB<<<<<<<<"]),
            "194971348"
        ));
        // A cell otherwise among those four: another number, not a reading
        // of this one.
        assert!(!letter_seen(&lines(&["L89751910"]), "189741910"));
        // Letters further in: the witness's slip, not a prefix.
        assert!(!letter_seen(&lines(&["C24GG8817"]), "C24668817"));
        assert!(!letter_seen(&lines(&["MG5226813"]), "M65226813"));
    }

    #[test]
    fn a_character_printed_like_a_twin_of_the_read_confirms_nothing() {
        // Dev (pipeline seed 191, c222): `J04240090` read `T04240090`,
        // printed `304240090` (the zone's J).
        assert!(!printed_nearly(&lines(&["304240090"]), "T04240090", None));
        // A 7 is no look-alike of J or 9: the T stands confirmed by the rest.
        assert!(printed_nearly(&lines(&["704240090"]), "T04240090", None));
        // Dev (seed 2032): a 1 looks like J and like the read's T alike.
        assert!(printed_nearly(&lines(&["128980363"]), "T28980363", None));
    }

    #[test]
    fn a_zone_printing_the_digit_the_check_cell_also_lost_confirms_nothing() {
        // Dev (seed 2031, Hermit visa, screen): X31065344 with check digit
        // 1 was read X34065344 with 4, the font's 1 read as 4 in both
        // cells; the zone printed X31065344.
        let m = parse_lines(&[
            "V<UTOERIKSSON<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<",
            "X340653444UTO7408122F1204159<<<<<<<<<<<<<<<<",
        ])
        .unwrap();
        assert_eq!(m.document_number, "X34065344");
        let check = number_check_cell(&m);
        assert_eq!(check, Some(b'4'));
        assert!(!printed_nearly(&lines(&["X31065344"]), "X34065344", check));
        // Without the check cell's slip matching, the one other character
        // is a slip the digit would have caught, as before.
        assert!(printed_nearly(
            &lines(&["X31065344"]),
            "X34065344",
            Some(b'7')
        ));
        assert!(printed_nearly(&lines(&["X34065544"]), "X34065344", check));
    }

    #[test]
    fn a_zone_printing_another_reading_of_the_slip_confirms_nothing() {
        // Dev TD2: the MRZ read HA3172475, the zone printed HO3172475 (O as
        // 0; A and 0 weigh alike). One slip, but the check digit holds both.
        assert!(!printed_nearly(&lines(&["HO3172475"]), "HA3172475", None));
        assert!(!printed_nearly(&lines(&["H03172475"]), "HA3172475", None));
        // A slip of another weight is one the check digit would have seen.
        assert!(printed_nearly(&lines(&["HB3172475"]), "HA3172475", None));
    }

    #[test]
    fn a_number_printed_both_ways_of_a_twin_is_not_confirmed() {
        // Dev: the zone's OCR read the printed G04019411 as 604019411 in
        // one pass; the MRZ read 6 and its digit holds either way.
        let m = parse_lines(&[
            "V<UTOERIKSSON<<NOAH<ANN<<<<<<<<<<<<<<<<<<<<<",
            "6040194110UTO0510268M2709178<<<<<<<<<<<<<<<<",
        ])
        .unwrap();
        let text = "ERIKSSON\nNOAH ANN\nG04019411\n26.10.2005\n604019411";
        let a = compare(text, &m);
        assert!(
            !a.document_number && !a.number_exact && !a.number_nearly,
            "{a:?}"
        );
        assert!(a.birth_date && a.names());
        // Printed one way only, it confirms.
        let a = compare("ERIKSSON\nNOAH ANN\n604019411", &m);
        assert!(a.document_number && a.number_exact);
    }
}
