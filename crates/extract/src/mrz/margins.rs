//! Template margins of a read: how near each character's best rival came,
//! where a near tie matters (the check digits see most slips, but not one
//! between characters of equal value mod 10) and where the layout settles it.

use super::ocrb::CellScores;
use super::{debug, MrzFormat};

/// Look-alikes that the layout (a digit field, a name field) or the check
/// digits tell apart, so a near tie with them is no doubt: a digit and the
/// letters it resembles, a filler and the letters filler runs are misread as.
fn partners(c: u8) -> &'static [u8] {
    match c {
        b'0' => b"OQDUC",
        b'1' => b"ILJT",
        b'2' => b"Z",
        b'4' => b"A",
        b'5' => b"S",
        b'6' => b"G",
        b'8' => b"B",
        b'O' | b'Q' | b'D' | b'U' | b'C' => b"0",
        b'I' | b'J' | b'T' => b"1",
        b'L' => b"1<",
        b'Z' => b"2",
        b'A' => b"4",
        b'S' => b"5",
        b'G' => b"6",
        b'B' => b"8",
        b'K' | b'X' => b"<",
        b'<' => b"KXL",
        _ => b"",
    }
}

/// What the layout says about a cell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pos {
    /// Digits only (dates, check digits): the repair maps look-alike
    /// letters to digits, so a tie with one is no doubt.
    Digits,
    /// Letters and digits (document number, optional data): nothing but the
    /// check digit tells O from 0 or G from 6, and two such slips can
    /// cancel out in it (O·3 + O·7 ≡ 0·3 + 0·7 mod 10), so a letter's tie
    /// with its digit look-alike is a doubt like any other.
    Alnum,
    /// Names (no check digit): only letters and `<` are rivals.
    Name,
}

/// Whether cell `i` of line `li` holds letters and digits alike.
fn alnum(format: MrzFormat, li: usize, i: usize) -> bool {
    match format {
        MrzFormat::TD1 => li == 0 && (5..14).contains(&i),
        MrzFormat::TD3 => li == 1 && ((0..9).contains(&i) || (28..42).contains(&i)),
        _ => li == 1 && (0..9).contains(&i),
    }
}

/// Margin of character `c` in a cell: `1 - d(c) / d(nearest rival)`, where
/// `c` stands with its look-alikes when the layout or the check digit tells
/// them apart (see [`Pos`]; `<` and the letters filler runs are misread as
/// stay look-alikes everywhere: the filler repair decides those) and the
/// rivals are the other characters. Also returns the rival.
fn cell_margin(d: &[f32; 37], c: u8, pos: Pos) -> (f32, u8) {
    let cs = super::ocrb::CHARSET;
    // In a letters-and-digits field a letter that survived the repair among
    // digits (it digitizes look-alikes when the check digit allows) stands
    // against its digit look-alike; a digit there is what the layout expects.
    let strict = pos == Pos::Alnum && c.is_ascii_uppercase();
    let near = |x: u8| x == c || (partners(c).contains(&x) && !(strict && x.is_ascii_digit()));
    let own = cs
        .iter()
        .zip(d)
        .filter(|&(&x, _)| near(x))
        .map(|(_, &v)| v)
        .fold(f32::MAX, f32::min);
    let (rival, rc) = cs
        .iter()
        .zip(d)
        .filter(|&(&x, _)| !(near(x) || (pos == Pos::Name && x.is_ascii_digit())))
        .fold(
            (f32::MAX, b'<'),
            |acc, (&x, &v)| if v < acc.0 { (v, x) } else { acc },
        );
    if rival <= 0.0 || rival == f32::MAX || own == f32::MAX {
        return (0.0, rc);
    }
    ((1.0 - own / rival).clamp(0.0, 1.0), rc)
}

/// The check-digit fields of the data lines, check digit included: (line,
/// first, end).
fn checked_fields(format: MrzFormat) -> &'static [(usize, usize, usize)] {
    match format {
        MrzFormat::TD1 => &[(0, 5, 15), (1, 0, 7), (1, 8, 15)],
        MrzFormat::TD3 => &[(1, 0, 10), (1, 13, 20), (1, 21, 28), (1, 28, 43)],
        _ => &[(1, 0, 10), (1, 13, 20), (1, 21, 28)],
    }
}

/// (checked, unchecked) margins of a template read, over the repaired lines.
///
/// Checked: per check-digit field, the least margin once the check digit has
/// covered one near tie (it catches any single slip whose values differ by
/// other than a multiple of 10; a tie with such a rival counts in full).
/// Unchecked: the least margin over the document code and issuing state and
/// the names up to one filler past their last letter.
#[cfg(test)]
pub(crate) fn margins_for_test(
    format: MrzFormat,
    lines: &[String],
    cells: &[CellScores],
) -> (f32, f32) {
    let m = margins(format, lines, cells);
    (m.checked, m.unchecked)
}

/// The document number's tie margin against check-blind rivals, for tests.
#[cfg(test)]
pub(crate) fn number_margin_for_test(
    format: MrzFormat,
    lines: &[String],
    cells: &[CellScores],
) -> f32 {
    margins(format, lines, cells).number
}

/// The margins of a template read (see [`MrzRead`]).
pub(super) struct Margins {
    pub checked: f32,
    pub unchecked: f32,
    pub number: f32,
}

pub(super) fn margins(format: MrzFormat, lines: &[String], cells: &[CellScores]) -> Margins {
    let at = |li: usize, i: usize| -> Option<(u8, &[f32; 37])> {
        Some((*lines.get(li)?.as_bytes().get(i)?, cells.get(li)?.get(i)?))
    };
    let mut checked = 1f32;
    let mut number = 1f32;
    for (fi, &(li, a, b)) in checked_fields(format).iter().enumerate() {
        let mut ms: Vec<f32> = Vec::with_capacity(b - a);
        for i in a..b {
            let Some((c, d)) = at(li, i) else { continue };
            let pos = if alnum(format, li, i) {
                Pos::Alnum
            } else {
                Pos::Digits
            };
            let (m, rival) = cell_margin(d, c, pos);
            if debug() && m < 0.2 {
                eprintln!("cell {li}:{i} {} vs {} m={m:.3}", c as char, rival as char);
            }
            let blind = match (super::char_value(c), super::char_value(rival)) {
                (Some(x), Some(y)) => x % 10 == y % 10,
                _ => true,
            };
            if blind {
                checked = checked.min(m);
                // The number field (the first one) without its check digit.
                if fi == 0 && i + 1 < b {
                    number = number.min(m);
                }
            }
            ms.push(m);
        }
        ms.sort_by(f32::total_cmp);
        if let Some(&second) = ms.get(1) {
            checked = checked.min(second);
            // Two slips in the number can cancel in its check digit, and
            // the composite does not see it: the number opens the composite
            // (TD1, TD2, TD3), so its characters weigh there as in their own
            // check (N24480393 read N24AB9393 held every digit). Dates sit
            // off that phase in the composite, where such a pair breaks it.
            if fi == 0 {
                number = number.min(second);
            }
        }
    }
    let mut unchecked = 1f32;
    let names_line = if format == MrzFormat::TD1 { 2 } else { 0 };
    let names_from = if format == MrzFormat::TD1 { 0 } else { 5 };
    if let Some(line) = lines.get(names_line) {
        let end = line
            .bytes()
            .rposition(|c| c != b'<')
            .map_or(0, |p| (p + 2).min(line.len()));
        let cells_at = (names_from..end)
            .map(|i| (names_line, i))
            .chain((0..5).map(|i| (0, i)));
        for (li, i) in cells_at {
            if let Some((c, d)) = at(li, i) {
                unchecked = unchecked.min(cell_margin(d, c, Pos::Name).0);
            }
        }
    }
    Margins {
        checked,
        unchecked,
        number,
    }
}
