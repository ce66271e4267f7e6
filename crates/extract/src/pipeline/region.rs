//! Where the text of a photographed card is: the box around the dark-on-light
//! marks of a small view, so that OCR reads the card and not the table it lies
//! on. Tesseract's page layout analysis costs in proportion to the pixels it
//! is given; a card fills half of a phone photo or less.

use image::GrayImage;

use crate::image::ops::{dark_mask, downscale_by};

/// Longest side of the view the marks are found on.
const VIEW_SIDE: u32 = 640;
/// Share of the marks left out at each edge (specks of the background).
const TRIM: f64 = 0.005;
/// Margin around the box, as a share of the frame's side.
const MARGIN: f64 = 0.03;
/// Fewer marks than this share of the view: nothing to box, read it all.
const MIN_MARKS: f64 = 0.002;
/// A box this large of the frame is not worth cropping.
const MAX_AREA: f64 = 0.8;

/// A rectangle in the frame's pixels: x, y, width, height.
pub type Rect = (u32, u32, u32, u32);

/// The bounds of the middle `1 - 2·TRIM` of `counts`' mass.
fn trimmed_bounds(counts: &[u32]) -> Option<(usize, usize)> {
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    if total == 0 {
        return None;
    }
    let cut = (total as f64 * TRIM) as u64;
    let (mut lo, mut acc) = (0, 0u64);
    for (i, &c) in counts.iter().enumerate() {
        acc += u64::from(c);
        if acc > cut {
            lo = i;
            break;
        }
    }
    let (mut hi, mut acc) = (counts.len() - 1, 0u64);
    for (i, &c) in counts.iter().enumerate().rev() {
        acc += u64::from(c);
        if acc > cut {
            hi = i;
            break;
        }
    }
    (lo <= hi).then_some((lo, hi))
}

/// The box around the text of `gray`, with a margin, or `None` when the
/// text covers most of the frame anyway (or there is none to box).
pub fn text_region(gray: &GrayImage) -> Option<Rect> {
    let (w, h) = gray.dimensions();
    let f = w.max(h).div_ceil(VIEW_SIDE).max(1);
    let small = downscale_by(gray, f);
    let (sw, sh) = (small.width() as usize, small.height() as usize);
    if sw < 8 || sh < 8 {
        return None;
    }
    let mask = dark_mask(&small, 6, 18);
    let mut cols = vec![0u32; sw];
    let mut rows = vec![0u32; sh];
    let mut marks = 0usize;
    for (i, _) in mask.iter().enumerate().filter(|(_, &m)| m) {
        cols[i % sw] += 1;
        rows[i / sw] += 1;
        marks += 1;
    }
    if (marks as f64) < MIN_MARKS * (sw * sh) as f64 {
        return None;
    }
    let (x0, x1) = trimmed_bounds(&cols)?;
    let (y0, y1) = trimmed_bounds(&rows)?;
    let (mx, my) = (
        (MARGIN * f64::from(w)) as u32,
        (MARGIN * f64::from(h)) as u32,
    );
    let left = (x0 as u32 * f).saturating_sub(mx);
    let top = (y0 as u32 * f).saturating_sub(my);
    let right = ((x1 as u32 + 1) * f + mx).min(w);
    let bottom = ((y1 as u32 + 1) * f + my).min(h);
    let (rw, rh) = (right.saturating_sub(left), bottom.saturating_sub(top));
    if rw == 0 || rh == 0 || f64::from(rw) * f64::from(rh) > MAX_AREA * f64::from(w) * f64::from(h)
    {
        return None;
    }
    Some((left, top, rw, rh))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A light card with dark bars ("text") on a mid-grey table.
    fn photo(w: u32, h: u32, card: Rect) -> GrayImage {
        let (cx, cy, cw, ch) = card;
        GrayImage::from_fn(w, h, |x, y| {
            let inside = x >= cx && x < cx + cw && y >= cy && y < cy + ch;
            if !inside {
                return Luma([90]);
            }
            let (u, v) = (x - cx, y - cy);
            let line = (v * 12 / ch) % 2 == 1 && u > cw / 10 && u < cw * 9 / 10;
            let glyph = (u * 40 / cw) % 2 == 0;
            Luma([if line && glyph { 30 } else { 235 }])
        })
    }

    #[test]
    fn boxes_the_card_not_the_table() {
        let card = (1000, 800, 1600, 1000);
        let r = text_region(&photo(4000, 3000, card)).expect("a region");
        let (x, y, w, h) = r;
        // The box holds the card's text and is much smaller than the frame.
        assert!(x <= 1000 + 160 && y <= 800 + 83, "{r:?}");
        assert!(x + w >= 1000 + 1440 && y + h >= 800 + 917, "{r:?}");
        assert!(u64::from(w) * u64::from(h) < 4000 * 3000 / 3, "{r:?}");
    }

    #[test]
    fn a_card_filling_the_frame_keeps_all_its_text() {
        // The text spans 10%–90% of the width and most rows: whatever is
        // cropped, none of it is cut.
        if let Some((x, y, w, h)) = text_region(&photo(2000, 1500, (0, 0, 2000, 1500))) {
            assert!(x <= 200 && x + w >= 1800, "{x} {w}");
            assert!(y <= 125 && y + h >= 1375, "{y} {h}");
        }
    }

    #[test]
    fn a_blank_or_tiny_frame_is_not_cropped() {
        assert_eq!(
            text_region(&GrayImage::from_pixel(2000, 1500, Luma([200]))),
            None
        );
        assert_eq!(text_region(&GrayImage::new(3, 3)), None);
    }
}
