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

/// The first indices of the pairs of neighbouring glyphs, in a line
/// `extra` glyphs longer than `len`, that each span about one cell: one
/// pair per extra glyph, else None (no such pairs, or more of them).
pub(super) fn narrow_pairs(glyphs: &[Glyph], len: usize, extra: usize) -> Option<Vec<usize>> {
    let (first, last) = (glyphs.first()?, glyphs.last()?);
    if extra == 0 || glyphs.len() != len + extra || last.right <= first.left {
        return None;
    }
    // In f32: no box arithmetic may overflow, whatever Tesseract returns.
    let pitch = (last.right as f32 - first.left as f32) / len as f32;
    let pairs: Vec<usize> = glyphs
        .windows(2)
        .enumerate()
        .filter(|(_, w)| (w[1].right as f32 - w[0].left as f32) <= NARROW * pitch)
        .map(|(i, _)| i)
        .collect();
    (pairs.len() == extra).then_some(pairs)
}

/// The cells to drop from a line of `n` cells to leave `len`: each one of a
/// line one cell too long, each pair (the first before the second) of a
/// line two too long (both glyphs of a cell read as two: `0` as `OQ` and,
/// further on, `3` as `38`); none otherwise.
fn drops(n: usize, len: usize) -> Vec<(usize, Option<usize>)> {
    match n.checked_sub(len) {
        Some(1) => (0..n).map(|i| (i, None)).collect(),
        Some(2) => (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, Some(j))))
            .collect(),
        _ => Vec::new(),
    }
}

/// The one reading of `raw_lines` with a cell dropped from a data line one
/// cell too long (or two cells from one two too long) that holds every check digit with real dates (of several,
/// the one whose state codes name states), and whether the drop fell in the
/// document number (its check digit then chose where its characters go, as
/// in [`repair_spent`]); None when no drop or more than one distinct
/// reading does. With Tesseract's `glyphs` of each line, a pair of glyphs
/// sharing one cell (see [`narrow_pairs`]) tells several readings apart: a
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
        // Glyph indices are line indices only when nothing was cleaned away.
        let hint = glyphs
            .get(li)
            .filter(|g| g.len() == line.len())
            .and_then(|g| narrow_pairs(g, len, line.len().saturating_sub(len)));
        for (i, j) in drops(line.len(), len) {
            let mut set = lines.clone();
            if let Some(j) = j {
                set[li].remove(j);
            }
            set[li].remove(i);
            let refs: Vec<&str> = set.iter().map(String::as_str).collect();
            let Some((m, spent)) = repair_spent(&refs) else {
                continue;
            };
            if spent || !m.checks_valid() || m.birth_date.is_none() || m.expiry_date.is_none() {
                continue;
            }
            // Every drop splits a pair of glyphs sharing a cell.
            let in_pair = |d: usize| {
                hint.as_ref()
                    .is_some_and(|h| h.iter().any(|&k| d == k || d == k + 1))
            };
            let at_hint = in_pair(i) && j.is_none_or(in_pair);
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
        // A line of the right length, or three too long: nothing to drop.
        assert!(drop_one(&[L1, "J115587015IND5201260M3001123<<<<<<<<<<<<<<04"], &[]).is_none());
        assert!(drop_one(
            &[L1, "J1155870151IND5201260M3001123<<<<<<<<<<<<<<<<04"],
            &[]
        )
        .is_none());
    }

    /// Lines given back, of `n` random TD3 data lines with `extra`
    /// random characters put in anywhere; asserts that no other line is
    /// ever given.
    fn given_back(n: usize, extra: u64, mut seed: u64) -> usize {
        let mut rnd = |k: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % k
        };
        let l1 = "P<NLDDOE<<JANE<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<";
        let charset = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
        let mut right = 0;
        for _ in 0..n {
            let l2 = random_td3_data_line(&mut rnd, "NLD");
            let mut long = l2.clone();
            for k in 0..extra {
                long.insert(rnd(45 + k) as usize, charset[rnd(37) as usize] as char);
            }
            if let Some((m, _)) = drop_one(&[l1, &long], &[]) {
                assert_eq!(m.lines[1], l2, "from {long}");
                right += 1;
            }
        }
        right
    }

    /// On 20,000 random TD3 data lines with a random character put in
    /// anywhere: the drop gives the line back or nothing, never another
    /// line holding every check digit (it gives the line back for 57 %).
    #[test]
    fn a_drop_gives_the_line_or_nothing() {
        let right = given_back(20_000, 1, 11);
        assert!(right * 10 >= 20_000 * 5, "{right} of 20000");
    }

    /// The same with two characters put in, 5,000 lines: the two drops
    /// give the line back (a third) or nothing, never another line.
    #[test]
    fn two_drops_give_the_line_or_nothing() {
        let right = given_back(5_000, 2, 23);
        assert!(right * 10 >= 5_000 * 3, "{right} of 5000");
    }

    #[test]
    fn two_glyphs_read_as_four_are_two() {
        // Dev, seed 113: the number's check digit 0 read as `OQ`, the
        // expiry's 3 as `38`.
        let l1 = "P<NLDSMITH<<ILLYA<<<<<<<<<<<<<<<<<<<<<<<<<<<";
        let l2 = "W74199888OQNLD5203220M28111438<<<<<<<<<<<<<<06";
        // Dropping the W and the Q holds every digit too.
        assert!(drop_one(&[l1, l2], &[]).is_none(), "two readings hold");
        let g = boxes_sharing(l2, &[9, 28]);
        assert_eq!(narrow_pairs(&g, 44, 2), Some(vec![9, 28]));
        let (m, _) = drop_one(&[l1, l2], &[&[], &g]).expect("read");
        assert_eq!(m.lines[1], "W741998880NLD5203220M2811143<<<<<<<<<<<<<<06");
    }

    fn boxes(line: &str, shared: usize) -> Vec<Glyph> {
        boxes_sharing(line, &[shared])
    }

    fn boxes_sharing(line: &str, shared: &[usize]) -> Vec<Glyph> {
        // 27 px a cell; glyphs `k` and `k + 1` in one cell for each shared `k`.
        line.chars()
            .enumerate()
            .map(|(i, ch)| {
                let cell = (i - shared.iter().filter(|&&k| i > k).count()) as i32;
                let second = shared.iter().any(|&k| i == k + 1);
                let left = 100 + 27 * cell + if second { 13 } else { 0 };
                let width = if second || shared.contains(&i) { 9 } else { 22 };
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
        assert_eq!(narrow_pairs(&g, 44, 1), Some(vec![10]));
        let (m, spent) = drop_one(&[l1, l2], &[&[], &g]).expect("read");
        assert_eq!(m.document_number, "Y93693075");
        assert!(!spent);
        // Evenly spaced boxes: no pair shares a cell.
        assert_eq!(narrow_pairs(&boxes(l2, 99), 44, 1), None);
    }
}
