//! Tesseract's systematic loss in a data line: a doubled glyph read once
//! ("3403277" → "340327": its LSTM's CTC decoding merges two equal
//! characters with no blank between them). The line comes out one short,
//! the padding lands at its end, and every field after the loss is shifted,
//! so check digits fail on a read that holds every other character.
//!
//! The merged pair leaves one glyph box two cells wide; the lost character
//! is a copy of that glyph or of a neighbour. Only those copies are tried,
//! and a reading is taken when exactly one of them holds every check digit.
//! Choosing among ~40 positions instead would be unsafe: on random lines
//! with one character dropped anywhere it gave a wrong line holding every
//! check digit for 1 drop in 5 (`measure` in the tests).

use super::parse::MrzFormat;
use super::repair::{clean_line, guess_format, repair_spent};
use super::Mrz;
use crate::ocr::Glyph;

/// A glyph box at least this many character pitches wide holds two cells.
const WIDE: f32 = 1.6;

/// The index of the one glyph of a line one character short of `len` whose
/// box spans two cells (None: no such glyph, or several).
pub(super) fn wide_glyph(glyphs: &[Glyph], len: usize) -> Option<usize> {
    let (first, last) = (glyphs.first()?, glyphs.last()?);
    if glyphs.len() + 1 != len || last.right <= first.left {
        return None;
    }
    // In f32: no box arithmetic may overflow, whatever Tesseract returns.
    let width = |l: i32, r: i32| r as f32 - l as f32;
    let pitch = width(first.left, last.right) / len as f32;
    let mut wide = glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| width(g.left, g.right) >= WIDE * pitch)
        .map(|(i, _)| i);
    match (wide.next(), wide.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// The lines that carry check digits, per layout (the names line has none,
/// and a loss there shifts nothing that is checked).
pub(super) fn data_lines(format: MrzFormat) -> &'static [usize] {
    match format {
        MrzFormat::TD1 => &[0, 1],
        _ => &[1],
    }
}

/// Where the document number and its check digit end, as (line, column):
/// a copy before that chose where the number's characters go.
pub(super) fn number_end(format: MrzFormat) -> (usize, usize) {
    match format {
        MrzFormat::TD1 => (0, 15),
        _ => (1, 10),
    }
}

/// [`repair_spent`] of Tesseract's lines, with the glyphs of each: when the
/// check digits fail and a one-short data line has a two-cell glyph, the
/// one copy of it or of a neighbour that makes every check digit hold; and
/// for a one-long data line, the one cell to drop (see
/// [`super::inserted`]).
pub(super) fn repair_read(lines: &[&str], glyphs: &[&[Glyph]]) -> Option<(Mrz, bool)> {
    let first = repair_spent(lines);
    if first.as_ref().is_some_and(|(m, _)| m.checks_valid()) {
        return first;
    }
    let near: Vec<Option<usize>> = lines
        .iter()
        .zip(glyphs)
        .map(|(l, g)| {
            let len = clean_line(l).len();
            // Glyph indices are line indices only when nothing was cleaned away.
            (g.len() == len).then(|| wide_glyph(g, len + 1)).flatten()
        })
        .collect();
    redouble(lines, &near)
        .or_else(|| super::inserted::drop_one(lines, glyphs))
        .or(first)
}

/// The one reading, with a character copied next to the hinted glyph of a
/// one-short data line (`near`, per line), whose check digits all hold;
/// and whether the copy fell in the document number (its check digit then
/// chose where its characters go, as in [`repair_spent`]).
pub(super) fn redouble(raw_lines: &[&str], near: &[Option<usize>]) -> Option<(Mrz, bool)> {
    let lines: Vec<String> = raw_lines.iter().map(|l| clean_line(l)).collect();
    let format = guess_format(&lines)?;
    let (count, len) = format.shape();
    if lines.len() != count {
        return None;
    }
    let mut found: Option<(Mrz, bool)> = None;
    for &li in data_lines(format) {
        let line = lines[li].as_bytes();
        let Some(k) = near.get(li).copied().flatten() else {
            continue;
        };
        if line.len() + 1 != len {
            continue;
        }
        let mut tried: Vec<Vec<u8>> = Vec::new();
        for i in k.saturating_sub(1)..(k + 2).min(line.len()) {
            let mut cand = line[..=i].to_vec();
            cand.extend_from_slice(&line[i..]);
            if tried.contains(&cand) {
                continue;
            }
            tried.push(cand.clone());
            let mut set = lines.clone();
            set[li] = String::from_utf8_lossy(&cand).into_owned();
            let refs: Vec<&str> = set.iter().map(String::as_str).collect();
            let Some((m, spent)) = repair_spent(&refs) else {
                continue;
            };
            // A look-alike swap chosen by the number's check digit on top
            // of a chosen copy is one freedom too many; a shift that makes
            // a date of the 30th month is no reading.
            if spent || !m.checks_valid() || m.birth_date.is_none() || m.expiry_date.is_none() {
                continue;
            }
            // Copies whose lines differ only in an empty personal number's
            // digit (`<<<2`, `<<02`: ICAO allows `<` and `0`) agree.
            if found.as_ref().is_some_and(|(f, _)| spelt(f) != spelt(&m)) {
                return None;
            }
            found = Some((m, (li, i) < number_end(format)));
        }
    }
    found
}

/// A read's lines with a TD3 personal number's check digit `<` spelt `0`.
fn spelt(m: &Mrz) -> Vec<String> {
    let mut lines = m.lines.clone();
    if m.format == MrzFormat::TD3 {
        if let Some(l) = lines.get_mut(1) {
            if l.get(42..43) == Some("<") {
                l.replace_range(42..43, "0");
            }
        }
    }
    lines
}
