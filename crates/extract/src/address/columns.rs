//! A page printed in two columns, read row by row: Tesseract's layout
//! analysis joins the columns' lines when they share a baseline (an
//! insurance card's `Policy number 442216577` beside `John Brown`), so the
//! holder's block comes out mixed with the insurer's. Where the glyphs of
//! several lines leave a wide gap at one place across the page, the
//! columns are taken apart and read one after the other.

use crate::ocr::OcrLine;

/// A gap between two glyphs of a line at least this many line heights wide
/// parts columns (a word space is about a third of one).
const GUTTER_HEIGHTS: f32 = 2.0;

/// A run of a line's text between column gaps, and where it starts.
#[derive(Debug, PartialEq)]
struct Segment {
    left: i32,
    text: String,
}

/// `line` cut at its column gaps. Its glyphs (spaces left out) must match
/// its text's other characters one to one; otherwise the line stays whole.
fn segments(line: &OcrLine) -> Vec<Segment> {
    let whole = || {
        vec![Segment {
            left: line.bbox.0,
            text: line.text.trim().to_string(),
        }]
    };
    let glyphs = &line.symbols;
    if glyphs.len() != line.text.chars().filter(|c| !c.is_whitespace()).count() {
        return whole();
    }
    let height = (line.bbox.3 - line.bbox.1).max(1) as f32;
    let mut out: Vec<Segment> = Vec::new();
    let mut k = 0usize;
    for c in line.text.chars() {
        if c.is_whitespace() {
            if let Some(s) = out.last_mut() {
                s.text.push(' ');
            }
            continue;
        }
        let g = glyphs[k];
        let gap = k > 0 && (g.left - glyphs[k - 1].right) as f32 >= GUTTER_HEIGHTS * height;
        if out.is_empty() || gap {
            out.push(Segment {
                left: g.left,
                text: String::new(),
            });
        }
        if let Some(s) = out.last_mut() {
            s.text.push(c);
        }
        k += 1;
    }
    for s in &mut out {
        s.text = s.text.trim().to_string();
    }
    if out.is_empty() {
        return whole();
    }
    out
}

/// The text of a two-column page, the left column's lines before the right
/// column's; None when no column gap recurs at one place in two lines or
/// more.
pub fn by_columns(lines: &[OcrLine]) -> Option<String> {
    let rows: Vec<Vec<Segment>> = lines.iter().map(segments).collect();
    let mut heights: Vec<i32> = lines.iter().map(|l| l.bbox.3 - l.bbox.1).collect();
    heights.sort_unstable();
    let tolerance = (*heights.get(heights.len() / 2)?).max(1);
    // Where the columns after a gap start; the gutter is the place most of
    // them agree on (within a line height), two lines at least.
    let mut starts: Vec<i32> = rows
        .iter()
        .flat_map(|r| r.iter().skip(1).map(|s| s.left))
        .collect();
    starts.sort_unstable();
    let (count, at) = starts
        .iter()
        .map(|&a| {
            let n = starts
                .iter()
                .filter(|&&b| (b - a).abs() <= tolerance)
                .count();
            (n, a)
        })
        .max_by_key(|&(n, a)| (n, -a))?;
    if count < 2 {
        return None;
    }
    let boundary = at - tolerance;
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for s in rows.into_iter().flatten() {
        if s.text.is_empty() {
            continue;
        }
        if s.left >= boundary {
            right.push(s.text);
        } else {
            left.push(s.text);
        }
    }
    if left.is_empty() || right.is_empty() {
        return None;
    }
    left.extend(right);
    Some(left.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::Glyph;

    /// A line of `text` at `left`, glyphs 10 px wide, spaces 8 px, and
    /// `gap` px more after the character at `gap_after` (a char index).
    fn line(text: &str, left: i32, top: i32, gap_at: Option<(usize, i32)>) -> OcrLine {
        let mut x = left;
        let mut symbols = Vec::new();
        for (i, c) in text.chars().enumerate() {
            if let Some((at, gap)) = gap_at {
                if i == at {
                    x += gap;
                }
            }
            if c == ' ' {
                x += 8;
                continue;
            }
            symbols.push(Glyph {
                ch: c,
                confidence: 0.9,
                left: x,
                right: x + 10,
            });
            x += 12;
        }
        OcrLine {
            text: text.into(),
            confidence: 0.9,
            bbox: (left, top, x, top + 24),
            symbols,
        }
    }

    #[test]
    fn two_columns_read_row_by_row_are_taken_apart() {
        let lines = [
            line("AUTO INSURANCE CARD", 50, 0, None),
            line("Summit Co, 400 Summit Blvd, Denver, CO 80202", 50, 40, None),
            line("Insured", 600, 80, None),
            // The right column starts at 600 on these rows.
            line(
                "Policy 44221 John Brown",
                50,
                120,
                Some((13, 600 - 50 - 13 * 12)),
            ),
            line(
                "Effective 01/01/2025 1 Main St",
                50,
                160,
                Some((21, 600 - 50 - 21 * 12)),
            ),
            line(
                "Expires 01/01/2026 Portland, OR 30628",
                50,
                200,
                Some((19, 600 - 50 - 19 * 12)),
            ),
        ];
        let text = by_columns(&lines).expect("two columns");
        assert_eq!(
            text,
            "AUTO INSURANCE CARD\nSummit Co, 400 Summit Blvd, Denver, CO 80202\nPolicy 44221\n\
             Effective 01/01/2025\nExpires 01/01/2026\nInsured\nJohn Brown\n1 Main St\n\
             Portland, OR 30628"
        );
    }

    #[test]
    fn one_column_or_one_wide_gap_is_no_page_of_columns() {
        let lines = [
            line("RESIDENTIAL LEASE", 50, 0, None),
            line("Tenant: Marge Simpson", 50, 40, None),
            line("Rent      $1,450.00", 50, 80, Some((4, 200))),
        ];
        assert_eq!(by_columns(&lines), None);
        assert_eq!(by_columns(&lines[..2]), None);
        assert_eq!(by_columns(&[]), None);
    }

    #[test]
    fn glyphs_that_do_not_match_the_text_leave_the_line_whole() {
        let mut l = line("John Brown", 50, 0, Some((5, 300)));
        l.symbols.pop();
        assert_eq!(segments(&l).len(), 1);
        let l = line("John Brown", 50, 0, Some((5, 300)));
        assert_eq!(segments(&l).len(), 2);
    }
}
