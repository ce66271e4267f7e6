//! A check digit that fails in one engine's read, mended cell by cell from
//! the other engine's read of the same band. The template reader and
//! Tesseract slip in different cells of an unseen font: Tesseract read a
//! 9 as G (`GO1113`, made `601113` by the digit class) where the templates
//! read it right and slipped in another cell (`901110`). Where the two
//! differ inside a field whose digit fails, each cell takes one reading or
//! the other, and the field is mended when exactly one such choice makes
//! its digit hold (a date also real). The choice spends the digit, so the
//! read is then trusted only where the visual zone prints its number and
//! dates (see [`super::MrzRead::decisive`]).

use super::check::holds;
use super::parse::{infer_date, parse_byte_lines, Mrz, MrzFormat};

/// At most this many differing cells in one field: 2³ choices. More
/// disagreement is two garbled reads, whose mixtures would hold a digit
/// one time in ten each.
const MAX_CELLS: usize = 3;

/// A checked field: its line, its cells and the cell of its digit.
#[derive(Clone, Copy)]
struct Field {
    line: usize,
    cells: (usize, usize),
    digit: usize,
    date: bool,
}

fn fields(format: MrzFormat) -> Vec<Field> {
    let f = |line, from, to, date| Field {
        line,
        cells: (from, to),
        digit: to,
        date,
    };
    match format {
        MrzFormat::TD1 => vec![f(0, 5, 14, false), f(1, 0, 6, true), f(1, 8, 14, true)],
        _ => vec![f(1, 0, 9, false), f(1, 13, 19, true), f(1, 21, 27, true)],
    }
}

/// The composite digit's cell: (line, cell).
fn composite(format: MrzFormat) -> Option<(usize, usize)> {
    match format {
        MrzFormat::TD1 => Some((1, 29)),
        MrzFormat::TD2 => Some((1, 35)),
        MrzFormat::TD3 => Some((1, 43)),
        MrzFormat::MrvA | MrzFormat::MrvB => None,
    }
}

/// `field`'s digit holding on `line`, and its date real for a date.
fn field_holds(line: &[u8], field: Field) -> bool {
    let (from, to) = field.cells;
    holds(&line[from..to], line[field.digit])
        && (!field.date
            || std::str::from_utf8(&line[from..to])
                .ok()
                .and_then(|d| infer_date(d, false))
                .is_some())
}

/// `line`'s field mended from `other`'s cells: the one choice of differing
/// cells that makes its digit hold, if exactly one does.
fn mend_field(line: &[u8], other: &[u8], field: Field) -> Option<Vec<u8>> {
    let (from, _) = field.cells;
    // What the cell's class allows: digits in a date and in any digit's
    // cell (`<` for a number's, which ICAO allows empty).
    let valid = |i: usize, c: u8| {
        if field.date {
            c.is_ascii_digit()
        } else if i == field.digit {
            c.is_ascii_digit() || c == b'<'
        } else {
            c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'<'
        }
    };
    let cells: Vec<usize> = (from..=field.digit)
        .filter(|&i| line[i] != other[i] && valid(i, other[i]))
        .collect();
    if cells.is_empty() || cells.len() > MAX_CELLS {
        return None;
    }
    let mut found: Option<Vec<u8>> = None;
    for mask in 1..(1u32 << cells.len()) {
        let mut cand = line.to_vec();
        for (bit, &i) in cells.iter().enumerate() {
            if mask & (1 << bit) != 0 {
                cand[i] = other[i];
            }
        }
        if field_holds(&cand, field) {
            if found.is_some() {
                return None;
            }
            found = Some(cand);
        }
    }
    found
}

/// `read` (whose check digits do not all hold) mended from `other`, a read
/// of the same band in the same layout by the other engine: every failing
/// field mended as [`mend_field`] says, then the composite digit taken
/// from `other` when only that is left. Some only when the mended read
/// holds every check digit with real dates.
pub(super) fn mend(read: &Mrz, other: &Mrz) -> Option<Mrz> {
    if read.format != other.format
        || read.checks_valid()
        || read.lines.len() != other.lines.len()
        || read
            .lines
            .iter()
            .zip(&other.lines)
            .any(|(a, b)| a.len() != b.len())
    {
        return None;
    }
    let mut lines: Vec<Vec<u8>> = read.lines.iter().map(|l| l.as_bytes().to_vec()).collect();
    let theirs: Vec<&[u8]> = other.lines.iter().map(|l| l.as_bytes()).collect();
    for field in fields(read.format) {
        let line = &lines[field.line];
        if field_holds(line, field) {
            continue;
        }
        lines[field.line] = mend_field(line, theirs[field.line], field)?;
    }
    let mut m = parse_byte_lines(&lines)?;
    if !m.checks_valid() {
        let (li, at) = composite(read.format)?;
        if lines[li][at] == theirs[li][at] {
            return None;
        }
        lines[li][at] = theirs[li][at];
        m = parse_byte_lines(&lines)?;
    }
    (m.checks_valid() && m.birth_date.is_some() && m.expiry_date.is_some() && m != *read)
        .then_some(m)
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse_lines;
    use super::*;

    fn mrz(l1: &str, l2: &str) -> Mrz {
        parse_lines(&[l1, l2]).unwrap()
    }

    const L1: &str = "P<FRASIMPSON<<HOMER<JAY<<<<<<<<<<<<<<<<<<<<<";

    #[test]
    fn a_date_slipping_in_each_engine_differently_is_mended() {
        // Tesseract: 9 read as G, made 6; the templates: 3 read as 0.
        let tess = mrz(L1, "N707287118FRA6011137M3009233<<<<<<<<<<<<<<02");
        let tpl = mrz(L1, "N707287118FPA9011107M8009200<<<<<<<<<<<<<<02");
        let m = mend(&tess, &tpl).expect("mended");
        assert_eq!(m.birth_date.as_deref(), Some("1990-11-13"));
        assert_eq!(m.lines[1], "N707287118FRA9011137M3009233<<<<<<<<<<<<<<02");
        assert!(m.checks_valid());
    }

    #[test]
    fn a_read_already_sound_or_another_layout_is_left() {
        let good = mrz(L1, "N707287118FRA9011137M3009233<<<<<<<<<<<<<<02");
        let tpl = mrz(L1, "N707287118FPA9011107M8009200<<<<<<<<<<<<<<02");
        assert!(mend(&good, &tpl).is_none());
        let td2 = mrz(
            "I<FRASIMPSON<<HOMER<JAY<<<<<<<<<<<<<",
            "N707287118FRA9011107M3009233<<<<<<<2",
        );
        let tess = mrz(L1, "N707287118FRA6011137M3009233<<<<<<<<<<<<<<02");
        assert!(mend(&tess, &td2).is_none());
    }

    #[test]
    fn no_choice_two_choices_or_too_many_cells_mend_nothing() {
        // Both engines wrong alike in the date: no choice holds.
        let tess = mrz(L1, "N707287118FRA6011137M3009233<<<<<<<<<<<<<<02");
        let tpl = mrz(L1, "N707287118FRA6011107M3009233<<<<<<<<<<<<<<02");
        assert!(mend(&tess, &tpl).is_none());
        // 901113 and 601114 each hold their digit 7: the digit cannot tell.
        let tpl = mrz(L1, "N707287118FRA9011147M3009233<<<<<<<<<<<<<<02");
        assert!(mend(&tess, &tpl).is_none());
        // Four cells apart: the two reads are garbled, not slipped.
        let tpl = mrz(L1, "N707287118FRA9855407M3009233<<<<<<<<<<<<<<02");
        assert!(mend(&tess, &tpl).is_none());
    }
}
