//! Tesseract's other slip in a data line: one glyph read as two (a bold
//! slab-serif `I` as `1I`: `J1155870151IND…` for `J115587015IND…`). The
//! line comes out one cell too long, fitting it cuts its last cell, and
//! every field after the extra glyph is shifted, so check digits fail on a
//! read that holds every other character.
//!
//! Dropping a cell is far less freedom than putting one back (see
//! [`super::doubled`]): there is no character to choose, only one of ~45
//! places. A line is taken when exactly one of those drops holds every
//! check digit with real dates, without a look-alike swap chosen on top.
//! On 20,000 random TD3 data lines with a random character put in anywhere
//! this gave the line back (57 %) or nothing, never another line (see the
//! test).

use super::doubled::{data_lines, number_end};
use super::repair::{clean_line, guess_format, repair_spent};
use super::states::is_state;
use super::Mrz;
use crate::ocr::Glyph;

/// Two glyphs spanning at most this many character pitches share a cell.
const NARROW: f32 = 1.2;

/// The index of the first of the one pair of neighbouring glyphs, in a
/// line one glyph longer than `len`, that together span about one cell
/// (None: no such pair, or several).
pub(super) fn narrow_pair(glyphs: &[Glyph], len: usize) -> Option<usize> {
    let (first, last) = (glyphs.first()?, glyphs.last()?);
    if glyphs.len() != len + 1 || last.right <= first.left {
        return None;
    }
    // In f32: no box arithmetic may overflow, whatever Tesseract returns.
    let pitch = (last.right as f32 - first.left as f32) / len as f32;
    let mut pairs = glyphs
        .windows(2)
        .enumerate()
        .filter(|(_, w)| (w[1].right as f32 - w[0].left as f32) <= NARROW * pitch)
        .map(|(i, _)| i);
    match (pairs.next(), pairs.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// The one reading of `raw_lines` with a cell dropped from a data line one
/// cell too long that holds every check digit with real dates (of several,
/// the one whose state codes name states), and whether the drop fell in the
/// document number (its check digit then chose where its characters go, as
/// in [`repair_spent`]); None when no drop or more than one distinct
/// reading does. With Tesseract's `glyphs` of each line, a pair of glyphs
/// sharing one cell (see [`narrow_pair`]) tells several readings apart: a
/// number whose 7 dropped (`Y93693056` + `1`) held its digit and the
/// composite as well as the right drop of the `1` in `1IND`.
pub(super) fn drop_one(raw_lines: &[&str], glyphs: &[&[Glyph]]) -> Option<(Mrz, bool)> {
    let lines: Vec<String> = raw_lines.iter().map(|l| clean_line(l)).collect();
    let format = guess_format(&lines)?;
    let (count, len) = format.shape();
    if lines.len() != count {
        return None;
    }
    // Every distinct reading, with whether its drop was at the hint.
    let mut found: Vec<(Mrz, bool, bool)> = Vec::new();
    for &li in data_lines(format) {
        let line = &lines[li];
        if line.len() != len + 1 {
            continue;
        }
        // Glyph indices are line indices only when nothing was cleaned away.
        let hint = glyphs
            .get(li)
            .filter(|g| g.len() == line.len())
            .and_then(|g| narrow_pair(g, len));
        for i in 0..line.len() {
            let mut set = lines.clone();
            set[li].remove(i);
            let refs: Vec<&str> = set.iter().map(String::as_str).collect();
            let Some((m, spent)) = repair_spent(&refs) else {
                continue;
            };
            if spent || !m.checks_valid() || m.birth_date.is_none() || m.expiry_date.is_none() {
                continue;
            }
            let at_hint = hint.is_some_and(|k| i == k || i == k + 1);
            match found.iter_mut().find(|(f, _, _)| f.lines == m.lines) {
                Some(f) => f.2 |= at_hint,
                None => found.push((m, (li, i) < number_end(format), at_hint)),
            }
        }
    }
    // Drops beside the nationality differ there alone (`IND` and `IID`
    // from `1IND`): the one naming a state. Of other readings, the one
    // whose drop split a pair of glyphs sharing a cell.
    if found.len() > 1 {
        found.retain(|(m, _, _)| is_state(&m.nationality) && is_state(&m.issuing_state));
    }
    if found.len() > 1 {
        found.retain(|(_, _, at_hint)| *at_hint);
    }
    match found.len() {
        1 => found.pop().map(|(m, spent, _)| (m, spent)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::random_td3_data_line;
    use super::*;

    const L1: &str = "P<INDQUARMBY<<GRACE<ANN<<<<<<<<<<<<<<<<<<<<<";

    #[test]
    fn a_glyph_read_as_two_is_one() {
        // Dev, seed 79: the I of IND read as `1I`.
        let (m, spent) =
            drop_one(&[L1, "J1155870151IND5201260M3001123<<<<<<<<<<<<<<04"], &[]).expect("read");
        assert!(!spent, "the drop fell after the number");
        assert_eq!(m.lines[1], "J115587015IND5201260M3001123<<<<<<<<<<<<<<04");
        assert_eq!(m.document_number, "J11558701");
        // A line of the right length, or two too long: nothing to drop.
        assert!(drop_one(&[L1, "J115587015IND5201260M3001123<<<<<<<<<<<<<<04"], &[]).is_none());
        assert!(drop_one(&[L1, "J1155870151IND5201260M3001123<<<<<<<<<<<<<<<04"], &[]).is_none());
    }

    /// On 20,000 random TD3 data lines with a random character put in
    /// anywhere: the drop gives the line back or nothing, never another
    /// line holding every check digit (it gives the line back for 57 %).
    #[test]
    fn a_drop_gives_the_line_or_nothing() {
        let mut seed = 11u64;
        let mut rnd = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let l1 = "P<NLDDOE<<JANE<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<";
        let charset = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
        let (mut right, mut n) = (0, 0);
        for _ in 0..20_000 {
            let l2 = random_td3_data_line(&mut rnd, "NLD");
            let mut long = l2.clone();
            long.insert(rnd(45) as usize, charset[rnd(37) as usize] as char);
            n += 1;
            if let Some((m, _)) = drop_one(&[l1, &long], &[]) {
                assert_eq!(m.lines[1], l2, "from {long}");
                right += 1;
            }
        }
        assert!(right * 10 >= n * 5, "{right} of {n}");
    }

    fn boxes(line: &str, shared: usize) -> Vec<Glyph> {
        // 27 px a cell; glyphs `shared` and `shared + 1` in one cell.
        line.chars()
            .enumerate()
            .map(|(i, ch)| {
                let cell = if i > shared { i - 1 } else { i } as i32;
                let left = 100 + 27 * cell + if i == shared + 1 { 13 } else { 0 };
                let width = if i == shared || i == shared + 1 {
                    9
                } else {
                    22
                };
                Glyph {
                    ch,
                    confidence: 0.9,
                    left,
                    right: left + width,
                }
            })
            .collect()
    }

    #[test]
    fn a_pair_of_glyphs_in_one_cell_is_where_the_drop_goes() {
        // Dev, seed 79: dropping the number's 7 also held every digit;
        // Tesseract's `1` and `I` of `1IND` share a cell.
        let l1 = "P<INDHADDAD<<LUDMILA<<<<<<<<<<<<<<<";
        let l2 = "Y9369307561IND9411254M3306172<<<<<<<<<<<<<<08";
        assert!(drop_one(&[l1, l2], &[]).is_none(), "two drops hold");
        let g = boxes(l2, 10);
        assert_eq!(narrow_pair(&g, 44), Some(10));
        let (m, spent) = drop_one(&[l1, l2], &[&[], &g]).expect("read");
        assert_eq!(m.document_number, "Y93693075");
        assert!(!spent);
        // Evenly spaced boxes: no pair shares a cell.
        assert_eq!(narrow_pair(&boxes(l2, 99), 44), None);
    }
}
