//! Two rows read as one. Sparse-text OCR takes a bold value and the small
//! label printed right under it (`SZYMANSKI` over `LN`, a layout many
//! states use) for one tall line and reads neither (`ane`, confidence
//! 0.2). Such a box is read again as a block, which finds its rows.

use image::GrayImage;

use crate::image::ops::crop;
use crate::ocr::{self, Layout, OcrLine, OcrText};

/// A line read below this confidence may be merged rows (`seins PRIYA` for
/// `GARCIA, PRIYA` over `1,2` came at 0.63).
const DOUBT: f32 = 0.75;
/// Lines read at least this surely set the usual height.
const SURE: f32 = 0.5;
/// … when its box is this many times the usual line height.
const TALL: f32 = 1.6;
/// Boxes read again at most (each is one small Tesseract call).
const MAX_REREADS: usize = 6;
/// Margin around a box read again, in its own heights.
const PAD: f32 = 0.15;

/// Replace doubtful tall lines of `t` (read from `view`) by their rows.
pub(super) fn split_merged_rows(view: &GrayImage, t: &mut OcrText) {
    let Some(usual) = usual_height(&t.lines) else {
        return;
    };
    let mut out = Vec::with_capacity(t.lines.len());
    let mut rereads = 0;
    for line in std::mem::take(&mut t.lines) {
        let (x0, y0, x1, y1) = line.bbox;
        let h = (y1 - y0) as f32;
        if line.confidence >= DOUBT || h < usual * TALL || rereads == MAX_REREADS {
            out.push(line);
            continue;
        }
        rereads += 1;
        let pad = (h * PAD) as i32;
        let (cx, cy) = ((x0 - pad).max(0), (y0 - pad).max(0));
        let (cw, ch) = (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
        let (Ok(cw), Ok(ch)) = (u32::try_from(cw), u32::try_from(ch)) else {
            out.push(line);
            continue;
        };
        let part = crop(view, cx as u32, cy as u32, cw, ch);
        match ocr::recognize(&part, Layout::Block, "") {
            Ok(rows) if rows.lines.len() >= 2 && better(&rows.lines, &line) => {
                out.extend(rows.lines.into_iter().map(|mut r| {
                    let (a, b, c, d) = r.bbox;
                    r.bbox = (a + cx, b + cy, c + cx, d + cy);
                    r
                }));
            }
            _ => out.push(line),
        }
    }
    out.sort_by_key(|l| (l.bbox.1, l.bbox.0));
    t.lines = out;
}

/// The median height of the lines read with confidence.
fn usual_height(lines: &[OcrLine]) -> Option<f32> {
    let mut hs: Vec<i32> = lines
        .iter()
        .filter(|l| l.confidence >= SURE)
        .map(|l| l.bbox.3 - l.bbox.1)
        .filter(|&h| h > 0)
        .collect();
    if hs.len() < 3 {
        return None;
    }
    hs.sort_unstable();
    Some(hs[hs.len() / 2] as f32)
}

/// Whether the rows were read more surely than the merged line.
fn better(rows: &[OcrLine], merged: &OcrLine) -> bool {
    let least = rows.iter().map(|r| r.confidence).fold(1.0f32, f32::min);
    least > merged.confidence && rows.iter().all(|r| !r.text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, confidence: f32, bbox: (i32, i32, i32, i32)) -> OcrLine {
        OcrLine {
            text: text.into(),
            confidence,
            bbox,
            symbols: Vec::new(),
        }
    }

    #[test]
    fn the_usual_height_comes_from_sure_lines_only() {
        let lines = [
            line("A", 0.9, (0, 0, 10, 20)),
            line("B", 0.9, (0, 30, 10, 52)),
            line("C", 0.9, (0, 60, 10, 78)),
            line("merged", 0.1, (0, 90, 10, 150)),
        ];
        assert_eq!(usual_height(&lines), Some(20.0));
        assert_eq!(usual_height(&lines[2..]), None);
    }

    #[test]
    fn rows_replace_a_line_only_when_read_more_surely() {
        let merged = line("ane", 0.2, (0, 0, 100, 60));
        let rows = [
            line("SZYMANSKI", 0.9, (0, 0, 100, 30)),
            line("LN", 0.6, (0, 34, 20, 50)),
        ];
        assert!(better(&rows, &merged));
        let unsure = [
            line("SZYMANSKI", 0.9, (0, 0, 100, 30)),
            line("", 0.9, (0, 34, 20, 50)),
        ];
        assert!(!better(&unsure, &merged));
        let worse = [
            line("S", 0.1, (0, 0, 100, 30)),
            line("LN", 0.9, (0, 34, 20, 50)),
        ];
        assert!(!better(&worse, &merged));
    }
}
