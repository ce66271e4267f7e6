//! Repair OCR confusions in MRZ lines using each position's character class
//! and the check digits (O/0, I/1, B/8, S/5, Z/2, G/6, `<` read as K/X/L).

use super::check::{holds, td3_composite_holds};
use super::fillers::{composite_to_end, fix_filler_runs, fix_filler_runs_alnum};
use super::parse::{Mrz, MrzFormat};
use super::repair_check::fix_by_check;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit,
    Alpha,
    Alnum,
    Sex,
    Name,
}

fn classes(format: MrzFormat, line: usize, len: usize) -> Vec<Class> {
    use Class::*;
    let mut v = vec![Alnum; len];
    let mut set = |r: std::ops::Range<usize>, c: Class| {
        for i in r {
            if let Some(x) = v.get_mut(i) {
                *x = c;
            }
        }
    };
    match (format, line) {
        (MrzFormat::TD1, 0) => {
            set(0..1, Alpha);
            set(2..5, Alpha);
            set(14..15, Digit);
        }
        (MrzFormat::TD1, 1) => {
            set(0..7, Digit);
            set(7..8, Sex);
            set(8..15, Digit);
            set(15..18, Alpha);
            set(29..30, Digit);
        }
        (MrzFormat::TD1, _) => set(0..30, Name),
        (_, 0) => {
            set(0..1, Alpha);
            set(2..5, Alpha);
            set(5..len, Name);
        }
        (f, _) => {
            set(9..10, Digit);
            set(10..13, Alpha);
            set(13..20, Digit);
            set(20..21, Sex);
            set(21..28, Digit);
            match f {
                MrzFormat::TD3 => set(42..44, Digit),
                MrzFormat::TD2 => set(35..36, Digit),
                _ => {}
            }
        }
    }
    v
}

pub(super) fn to_digit(c: u8) -> u8 {
    match c {
        b'O' | b'Q' | b'D' | b'U' | b'C' => b'0',
        b'I' | b'L' | b'J' | b'T' => b'1',
        b'Z' => b'2',
        b'A' => b'4',
        b'S' => b'5',
        b'G' | b'b' => b'6',
        b'B' => b'8',
        b'K' | b'X' => b'<',
        c => c,
    }
}

fn to_alpha(c: u8) -> u8 {
    match c {
        b'0' => b'O',
        b'1' => b'I',
        // A Z whose diagonal is straight reads as 7 (see `repair_check::PREFIX_LOOK_ALIKES`).
        b'2' | b'7' => b'Z',
        b'4' => b'A',
        b'5' => b'S',
        b'6' => b'G',
        b'8' => b'B',
        c => c,
    }
}

fn to_sex(c: u8) -> u8 {
    match c {
        b'M' | b'H' | b'N' => b'M',
        b'F' | b'E' | b'P' => b'F',
        _ => b'<',
    }
}

/// Normalise a raw OCR line: uppercase, look-alikes of `<` mapped, anything
/// outside `A–Z 0–9 <` dropped.
pub fn clean_line(raw: &str) -> String {
    raw.chars()
        .filter_map(|c| match c {
            '«' | '‹' | '(' | '[' | '{' => Some('<'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_uppercase()),
            '<' => Some('<'),
            _ => None,
        })
        .collect()
}

fn fit(line: &str, len: usize) -> String {
    let mut s: String = line.chars().take(len).collect();
    while s.len() < len {
        s.push('<');
    }
    s
}

/// Guess the layout from line count and lengths. OCR drops characters far
/// more often than it adds them (Tesseract leaves out fillers, a 44-long
/// data line under a 35-long names line): a line over 40 is a 44-long one.
pub(super) fn guess_format(lines: &[String]) -> Option<MrzFormat> {
    let visa = lines.first().is_some_and(|l| l.starts_with('V'));
    // Passports are TD3 only (ICAO 9303 part 4; TD2 codes are A, C, I):
    // Tesseract dropped eight fillers from both lines of a photographed
    // passport, which were then 36 cells long.
    let passport = lines.first().is_some_and(|l| l.starts_with("P<"));
    let avg = lines.iter().map(String::len).sum::<usize>() / lines.len().max(1);
    let longest = lines.iter().map(String::len).max().unwrap_or(0);
    match lines.len() {
        3 => Some(MrzFormat::TD1),
        2 if avg >= 40 || longest > 40 || passport => Some(if visa {
            MrzFormat::MrvA
        } else {
            MrzFormat::TD3
        }),
        // Fillers dropped from a names line leave the data line whole
        // (`I<GBRSMITH<<CHLOE<Q<<<<<<<<` over 36 cells).
        2 if avg >= 33 || longest >= 34 => Some(if visa {
            MrzFormat::MrvB
        } else {
            MrzFormat::TD2
        }),
        _ => None,
    }
}

/// Repair OCR'd MRZ lines and parse them. Lines are cleaned, fitted to the
/// layout's length, fixed per character class, then alphanumeric fields are
/// reconciled with their check digits.
pub fn repair(raw_lines: &[&str]) -> Option<Mrz> {
    repair_spent(raw_lines).map(|(m, _)| m)
}

/// The shortest first line of a card (TD1) that is read: its document
/// code, state, number and check digit (15 cells), the fillers after them
/// left out. Tesseract drops a long run of fillers whole when the card is
/// photographed at an angle (`T<USAV587291355<<<`); fitting the line to 30
/// cells puts them back, and the composite digit says whether that was
/// right. Other lines need 20 cells: shorter ones are noise.
pub const MIN_FIRST_TD1: usize = 15;

/// A short first line (see [`MIN_FIRST_TD1`]) that names its issuing
/// state: a garbage line of 16 cells held the number's digit and the
/// composite by chance (`PINTDNT303Z05`) and ended the search for the
/// card's real read.
fn short_first(l: &str) -> bool {
    l.len() >= MIN_FIRST_TD1 && l.get(2..5).is_some_and(super::states::is_state)
}

/// [`repair`], and whether the document number's check digit was spent
/// choosing one of its characters (see [`fix_by_check`]): such a number
/// holds its digit by construction, whatever it was read as (Tesseract's
/// `B30835675` for `E30835675` became `B30B35675`, every digit holding).
pub fn repair_spent(raw_lines: &[&str]) -> Option<(Mrz, bool)> {
    let read = repair_with(raw_lines, false);
    // A card's state letter read as two glyphs (see
    // `state_glyph::split_card`): the cell goes only when the card's state
    // code as read names no state, and the line without it holds every
    // check digit (ICAO's specimen code `UTO` names none, and without its
    // U would be Tonga's, failing the number's digit).
    let stateless = |m: &Mrz| !super::states::is_state(&m.issuing_state);
    if read
        .as_ref()
        .is_some_and(|(m, _)| m.format == MrzFormat::TD1 && stateless(m))
    {
        let split = repair_with(raw_lines, true)
            .filter(|(m, _)| m.format == MrzFormat::TD1 && m.checks_valid() && !stateless(m));
        if split.is_some() {
            return split;
        }
    }
    read
}

/// [`repair_spent`], a card's first line split where `card_split`.
fn repair_with(raw_lines: &[&str], card_split: bool) -> Option<(Mrz, bool)> {
    let three = raw_lines.len() == 3;
    let lines: Vec<String> = raw_lines
        .iter()
        .map(|l| clean_line(l))
        .enumerate()
        .filter(|(i, l)| l.len() >= 20 || (three && *i == 0 && short_first(l)))
        .map(|(_, l)| l)
        .collect();
    let format = guess_format(&lines)?;
    let (_, len) = format.shape();
    let mut fixed: Vec<Vec<u8>> = Vec::with_capacity(lines.len());
    // Cells of the data line read as a T, which stands for a 1 or a 7.
    let mut t_cells: Vec<usize> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let split = match (li, format) {
            (0, MrzFormat::TD1) if card_split => super::state_glyph::split_card(line, len),
            (0, _) => super::state_glyph::split(line, len),
            _ => None,
        };
        let mut s = fit(split.as_deref().unwrap_or(line), len).into_bytes();
        if li == format.dates_line() {
            t_cells = (0..s.len()).filter(|&i| s[i] == b'T').collect();
        }
        for (c, class) in s.iter_mut().zip(classes(format, li, len)) {
            *c = match class {
                Class::Digit => to_digit(*c),
                Class::Alpha | Class::Name => to_alpha(*c),
                Class::Sex => to_sex(*c),
                Class::Alnum => *c,
            };
        }
        let name_from = match (format, li) {
            (MrzFormat::TD1, 2) => Some(0),
            (MrzFormat::TD1, _) => None,
            (_, 0) => Some(5),
            _ => None,
        };
        if let Some(from) = name_from {
            fix_filler_runs(&mut s, from);
            super::fillers::names_line_end(&mut s, from);
            super::fillers::stray_letters(&mut s, from);
        } else {
            if li == 1 && matches!(format, MrzFormat::TD1 | MrzFormat::TD2) {
                composite_to_end(&mut s);
            }
            fix_filler_runs_alnum(&mut s);
        }
        fixed.push(s);
    }
    let spent = match format {
        MrzFormat::TD1 => {
            let (num, cd) = fixed[0].split_at_mut(14);
            let spent = fix_by_check(&mut num[5..14], cd[0], true);
            if let [l1, l2, ..] = &mut fixed[..] {
                super::fillers::empty_card_optional(l1, l2);
            }
            spent
        }
        _ => {
            let l2 = &mut fixed[1];
            let (num, rest) = l2.split_at_mut(9);
            let spent = fix_by_check(num, rest[0], true);
            if format == MrzFormat::TD3 {
                if !td3_composite_holds(l2) || !holds(&l2[28..42], l2[42]) {
                    if let Some(l) = super::fillers::empty_personal_number(lines[1].as_bytes(), l2)
                    {
                        *l2 = l;
                    }
                }
                // The personal number is no reported field: a swap there
                // spends nothing the caller relies on.
                // An empty personal number's digit is `<` or `0` (ICAO 9303
                // part 4, 4.2.2); another one was misread (`9` for a thin
                // `0`) when the composite digit holds over the line with a
                // `0` there. A line shifted by a lost cell (`…<<2<`) fails
                // it and is left to the later repairs.
                if l2[28..42].iter().all(|&c| c == b'<') && !matches!(l2[42], b'<' | b'0') {
                    let mut fixed = l2.clone();
                    fixed[42] = b'0';
                    if td3_composite_holds(&fixed) {
                        *l2 = fixed;
                    }
                }
                let (opt, rest) = l2.split_at_mut(42);
                fix_by_check(&mut opt[28..42], rest[0], false);
            }
            spent
        }
    };
    let parse = super::parse::parse_byte_lines;
    // Only a line every other digit vouches for: on a garbage read a date
    // made to hold would only make it look like an MRZ (and orient the page
    // by it, see `read.rs`).
    let mut dated = fixed.clone();
    if fix_dates(format, &mut dated, &t_cells) {
        if let Some(m) = parse(&dated).filter(Mrz::checks_valid) {
            return Some((m, true));
        }
    }
    parse(&fixed).map(|m| (m, spent))
}

/// A date whose check digit fails where a T was read: T is a 1 for the
/// character classes, but in some fonts it is a 7 with a flat head (`T1Q223`
/// for `710223`). The 7 is taken when exactly one such cell makes the date's
/// digit hold (1 and 7 differ by 6, which no weight makes a multiple of 10:
/// a right date never changes). The digit chose the cell, so the read is
/// then marked spent (see [`repair_spent`]): it is trusted only when the
/// visual zone prints it.
fn fix_dates(format: MrzFormat, lines: &mut [Vec<u8>], t_cells: &[usize]) -> bool {
    let Some(line) = lines.get_mut(format.dates_line()) else {
        return false;
    };
    let mut spent = false;
    for start in format.date_starts() {
        let (Some(field), Some(&cd)) = (line.get(start..start + 6), line.get(start + 6)) else {
            continue;
        };
        if holds(field, cd) {
            continue;
        }
        let hits: Vec<usize> = t_cells
            .iter()
            .copied()
            .filter(|&i| (start..start + 6).contains(&i) && line[i] == b'1')
            .filter(|&i| {
                let mut f = line[start..start + 6].to_vec();
                f[i - start] = b'7';
                holds(&f, cd)
            })
            .collect();
        if let [i] = hits[..] {
            line[i] = b'7';
            spent = true;
        }
    }
    spent
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn a_t_read_in_a_date_is_a_7_when_only_that_makes_its_digit_hold() {
        let l1 = "I<USAD774236053<<<<<<<<<<<<<<<";
        let l3 = "WISNIEWSKI<<JOHN<MARIE<<<<<<<<";
        let (m, spent) = repair_spent(&[l1, "T102235M2803076USA<<<<<<<<<<<8", l3]).unwrap();
        assert_eq!(m.lines[1], "7102235M2803076USA<<<<<<<<<<<8");
        assert!(m.checks_valid() && spent, "the digit chose the 7: spent");
        // A T that is a 1 (its digit holds so) stays a 1, nothing spent.
        let (m, spent) = repair_spent(&[l1, "1102233M2803076USA<<<<<<<<<<<6", l3]).unwrap();
        assert_eq!(&m.lines[1][..7], "1102233");
        let (m2, spent2) = repair_spent(&[l1, "T102233M2803076USA<<<<<<<<<<<6", l3]).unwrap();
        assert_eq!((m2.lines[1].as_str(), spent2), (m.lines[1].as_str(), spent));
    }

    #[test]
    fn a_z_prefix_read_as_7_is_a_z_when_only_that_makes_the_number_hold() {
        let l1 = "P<USAMUELLER<<YUKI<ANN<<<<<<<<<<<<<<<<<<<<<<";
        let (m, spent) =
            repair_spent(&[l1, "7812195573USA7109223F3512137<<<<<<<<<<<<<<04"]).unwrap();
        assert_eq!(m.document_number, "Z81219557");
        assert!(m.checks_valid() && spent, "the digit chose the Z: spent");
        // A 7 that is a 7 (its digit holds so) stays, and a 7 elsewhere in
        // the number is never a Z.
        let (m, spent) =
            repair_spent(&[l1, "7812195577USA7109223F3512137<<<<<<<<<<<<<<06"]).unwrap();
        assert_eq!((m.document_number.as_str(), spent), ("781219557", false));
        let (m, _) = repair_spent(&[l1, "A871219556USA7109223F3512137<<<<<<<<<<<<<<00"]).unwrap();
        assert!(!m.document_number.contains('Z'), "{}", m.document_number);
    }

    #[test]
    fn a_7_in_a_names_cell_is_a_z() {
        let m = repair(&[
            "P<ESPTANAKA<<7OE<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "Y513995604ESP0106050F3312153<<<<<<<<<<<<<<00",
        ])
        .unwrap();
        assert_eq!(m.given_names, "ZOE");
    }

    #[test]
    fn a_j_prefix_read_as_3_is_a_j_when_only_that_makes_the_number_hold() {
        let l1 = "P<GBRMUELLER<<ANNA<MARIE<<<<<<<<<<<<<<<<<<<<";
        let (m, spent) =
            repair_spent(&[l1, "3146161617GBR0105019M3407208<<<<<<<<<<<<<<06"]).unwrap();
        assert_eq!(m.document_number, "J14616161");
        assert!(m.checks_valid() && spent, "the digit chose the J: spent");
        // A number of digits whose first is a 3 stays.
        let (m, spent) =
            repair_spent(&[l1, "3146161615GBR0105019M3407208<<<<<<<<<<<<<<04"]).unwrap();
        assert_eq!((m.document_number.as_str(), spent), ("314616161", false));
    }
}

#[cfg(test)]
mod short_first_line_tests {
    use super::*;

    #[test]
    fn a_passport_read_short_on_both_lines_is_td3() {
        let lines = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
        let short = lines(
            "P<JPNKOWALCZYK<<LUCAS<MARIE<<<<<<<<<",
            "E400290430JPN7705197M3107092<<<<<KQ4",
        );
        assert_eq!(guess_format(&short), Some(MrzFormat::TD3));
        let card = lines(
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        );
        assert_eq!(guess_format(&card), Some(MrzFormat::TD2));
    }

    #[test]
    fn chevrons_read_as_two_glyphs_each_are_an_empty_personal_number() {
        // The garbled run keeps the composite by chance (6s worth 0 in it)
        // but not the personal number's digit: repaired all the same.
        let m = repair(&[
            "P<MEXMOREAU<<THANDIWE<LEE<<<<<<<<<<<<KKKKKK",
            "V601453365MEX8303165M3311075<<<<<6<6<6<6<<<<<O8",
        ])
        .expect("TD3");
        assert_eq!(m.lines[1], "V601453365MEX8303165M3311075<<<<<<<<<<<<<<08");
        assert!(m.checks_valid());
    }

    #[test]
    fn a_card_first_line_read_without_its_fillers_is_fitted() {
        let m = repair(&[
            "T<USAV587291355<<<",
            "5807226F3009026USA<<<<<<<<<<<2",
            "NGUYEN<<MIRKO<LEE<<<<<<<<<<<<",
        ])
        .expect("TD1");
        assert_eq!(m.lines[0], "T<USAV587291355<<<<<<<<<<<<<<<");
        assert_eq!(m.document_number, "V58729135");
        assert!(m.checks_valid());
        // A short line naming no state: not a card's first line.
        assert!(repair(&[
            "PINTDNT303Z05<<<",
            "7507014M3112168NLD<<<<<<<<<<<4",
            "SIMPSON<<EMMA<JAY<<<<<<<<<<<<<",
        ])
        .is_none_or(|m| m.format != MrzFormat::TD1));
        // Shorter than code, state, number and digit: not a line.
        assert!(repair(&[
            "T<USAV5872913",
            "5807226F3009026USA<<<<<<<<<<<2",
            "NGUYEN<<MIRKO<LEE<<<<<<<<<<<<",
        ])
        .is_none_or(|m| m.format != MrzFormat::TD1));
        // Only a card's first line may be short: a short last line is not.
        assert!(repair(&[
            "I<USAV587291355<<<<<<<<<<<<<<<",
            "5807226F3009026USA<<<<<<<<<<<2",
            "NGUYEN<<MIRKO",
        ])
        .is_none_or(|m| m.format != MrzFormat::TD1));
    }
}
