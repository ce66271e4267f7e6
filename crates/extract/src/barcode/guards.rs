//! Whether a straightened crop shows a PDF417 symbol, read or not: its start
//! and stop patterns are the same in every row, so they stand as dark
//! columns the full height of the symbol on either side of the data, whose
//! columns change from row to row. Blur that defeats the decoder (it merges
//! the one-module bars) leaves the eight- and seven-module bars standing, so
//! an unreadable symbol is still known for one: the picture is a card's back,
//! and reading it as a card's front would be wasted work.

use image::GrayImage;

/// Row bands the symbol is cut into; a column is "the same in every row"
/// when these bands agree on it.
const BANDS: usize = 6;
/// Below this contrast (grey levels) between the symbol's darks and lights
/// there is nothing to judge.
const MIN_CONTRAST: f32 = 40.0;
/// A start bar is 8 modules of a symbol whose data span is (columns + 2) ×
/// 17 modules: 2–6% of the span for the 3–20 column symbols licences carry
/// (a 7-module stop bar the same); the bounds leave room for blur.
const BAR_MIN: f32 = 0.010;
const BAR_MAX: f32 = 0.070;
/// The guards lie within this share of the data span outside it.
const REACH: f32 = 0.12;
/// Share of a symbol's data columns that change between row bands: 0.78–0.94
/// measured on every licence back of both corpora, where a line of text,
/// with the gaps between its letters, gave 0.30–0.38.
const MIN_FILL: f32 = 0.6;

/// What [`measure`] found: the data span and the guard bars beside it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Guards {
    /// Width of the columns that change from row to row, in pixels.
    pub span: u32,
    /// Width of the dark bar left of the data, as a share of the span.
    pub left: f32,
    /// Width of the dark bar right of the data, as a share of the span.
    pub right: f32,
    /// Share of the span's columns that change from row to row.
    pub fill: f32,
}

impl Guards {
    /// Both guard bars stand where a PDF417's would.
    pub fn found(&self) -> bool {
        let bar = |w: f32| (BAR_MIN..=BAR_MAX).contains(&w);
        self.span > 0 && self.fill >= MIN_FILL && bar(self.left) && bar(self.right)
    }
}

/// The rows of `crop` busy with horizontal gradients in its middle half:
/// the symbol's rows.
fn symbol_rows(crop: &GrayImage) -> Option<(usize, usize)> {
    let (w, h) = (crop.width() as usize, crop.height() as usize);
    let p = crop.as_raw();
    let energy: Vec<u32> = (0..h)
        .map(|y| {
            p[y * w + w / 4..y * w + 3 * w / 4]
                .windows(2)
                .map(|d| u32::from(d[0].abs_diff(d[1])))
                .sum()
        })
        .collect();
    let max = energy.iter().copied().max()?;
    let busy = |e: &u32| *e * 2 > max;
    let top = energy.iter().position(busy)?;
    let bot = energy.iter().rposition(busy)?;
    (bot >= top + 4 * BANDS).then_some((top, bot))
}

/// Per column: the mean over the symbol's rows and the spread between the
/// band means.
fn column_stats(crop: &GrayImage, top: usize, bot: usize) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let w = crop.width() as usize;
    let p = crop.as_raw();
    // Perspective slants the bars across the rows; the middle half of the
    // rows keeps the slant within a bar's width.
    let cut = (bot - top) / 4;
    let (top, bot) = (top + cut, bot - cut);
    let bh = (bot - top + 1) / BANDS;
    let mut bands = vec![vec![0f32; w]; BANDS];
    for (b, prof) in bands.iter_mut().enumerate() {
        for y in top + b * bh..top + (b + 1) * bh {
            for (v, &px) in prof.iter_mut().zip(&p[y * w..(y + 1) * w]) {
                *v += f32::from(px);
            }
        }
        prof.iter_mut().for_each(|v| *v /= bh as f32);
        *prof = local_levels(prof);
    }
    let mean: Vec<f32> = (0..w)
        .map(|x| bands.iter().map(|b| b[x]).sum::<f32>() / BANDS as f32)
        .collect();
    let spread: Vec<f32> = (0..w)
        .map(|x| {
            let (lo, hi) = bands.iter().fold((f32::MAX, f32::MIN), |(lo, hi), b| {
                (lo.min(b[x]), hi.max(b[x]))
            });
            hi - lo
        })
        .collect();
    let mut all: Vec<f32> = bands.into_iter().flatten().collect();
    all.sort_by(f32::total_cmp);
    let levels = vec![all[all.len() / 20], all[all.len() * 19 / 20]];
    (mean, spread, levels)
}

/// A band's profile rescaled to 0–255 between the darkest and lightest
/// values within a sixteenth of the width around each column: glare that
/// lights the top of a bar more than its bottom then leaves the bar dark in
/// every band. Flat stretches (less than [`MIN_CONTRAST`] around them) come
/// out mid-grey, neither dark nor light.
fn local_levels(prof: &[f32]) -> Vec<f32> {
    let hw = (prof.len() / 16).max(8);
    (0..prof.len())
        .map(|x| {
            let win = &prof[x.saturating_sub(hw)..(x + hw + 1).min(prof.len())];
            let (lo, hi) = win
                .iter()
                .fold((f32::MAX, f32::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            if hi - lo < MIN_CONTRAST {
                127.5
            } else {
                (prof[x] - lo) / (hi - lo) * 255.0
            }
        })
        .collect()
}

/// The widest run of `dark` columns in `range` that has a light column on
/// its outer side before the crop's edge (the quiet zone), so the dark of
/// the background beyond a card is never taken for a bar.
fn bar_in(
    dark: &[bool],
    light: &[bool],
    range: std::ops::Range<usize>,
    outward_left: bool,
) -> usize {
    let mut best = 0;
    let mut x = range.start;
    while x < range.end {
        if !dark[x] {
            x += 1;
            continue;
        }
        let start = x;
        while x < range.end && dark[x] {
            x += 1;
        }
        let quiet = if outward_left {
            light[..start]
                .iter()
                .rev()
                .take(3 * (x - start) + 8)
                .any(|&l| l)
        } else {
            light[x..].iter().take(3 * (x - start) + 8).any(|&l| l)
        };
        if quiet && start > 0 && x < dark.len() {
            best = best.max(x - start);
        }
    }
    best
}

/// Measure the guard bars of a crop whose rows run horizontally.
pub fn measure(crop: &GrayImage) -> Guards {
    let (w, h) = (crop.width() as usize, crop.height() as usize);
    if w < 64 || h < 4 * BANDS {
        return Guards::default();
    }
    let Some((top, bot)) = symbol_rows(crop) else {
        return Guards::default();
    };
    let (mean, spread, levels) = column_stats(crop, top, bot);
    let (lo, hi) = (levels[0], levels[1]);
    let contrast = hi - lo;
    if contrast < MIN_CONTRAST {
        return Guards::default();
    }
    let same = |x: usize| spread[x] < 0.3 * contrast;
    let dark: Vec<bool> = (0..w)
        .map(|x| same(x) && mean[x] < lo + 0.35 * contrast)
        .collect();
    let light: Vec<bool> = (0..w)
        .map(|x| same(x) && mean[x] > lo + 0.65 * contrast)
        .collect();
    // The data: columns whose rows differ, bounded with 2% of them trimmed
    // at each end.
    let busy: Vec<usize> = (0..w).filter(|&x| spread[x] > 0.4 * contrast).collect();
    if busy.len() < w / 5 {
        return Guards::default();
    }
    let trim = busy.len() / 50;
    let (a, b) = (busy[trim], busy[busy.len() - 1 - trim]);
    let span = b - a;
    if span < w / 4 {
        return Guards::default();
    }
    let reach = (span as f32 * REACH) as usize;
    let left = bar_in(
        &dark,
        &light,
        a.saturating_sub(reach)..(a + reach / 3).min(w),
        true,
    );
    let right = bar_in(
        &dark,
        &light,
        b.saturating_sub(reach / 3)..(b + reach).min(w),
        false,
    );
    let inside = busy.iter().filter(|&&x| x >= a && x <= b).count();
    Guards {
        fill: inside as f32 / (span + 1) as f32,
        span: span as u32,
        left: left as f32 / span as f32,
        right: right as f32 / span as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::{encode_pdf417, scan_pdf417, Pdf417Scan};
    use crate::image::filter::box_blur;
    use image::Luma;
    use proptest::prelude::*;

    /// Grey levels a glare spot adds at its brightest.
    const GLARE: f32 = 220.0;
    const PAYLOAD: &str = "@\n\x1e\rANSI 636053100002DL00410150ZT01910010DLDAQD1234562\nDCSSIMPSON\nDACHOMER\nDADJAY\nDBB05061988\nDBA05062029\nDBD05062021\nDBC1\nDAG742 EVERGREEN TERRACE\nDAISPRINGFIELD\nDAJTN\nDAK920260000\nDCGUSA\nDDEN\nDDFN\nDDGN\rZTZTA1\r";

    /// A symbol on a light card on a dark table, blurred `passes` times.
    fn back(passes: usize) -> GrayImage {
        let sym = encode_pdf417(PAYLOAD, 4).expect("encode");
        let (w, h) = (sym.width() + 400, sym.height() + 500);
        let mut frame = GrayImage::from_pixel(w + 200, h + 200, Luma([60]));
        let card = GrayImage::from_pixel(w, h, Luma([215]));
        image::imageops::overlay(&mut frame, &card, 100, 100);
        image::imageops::overlay(&mut frame, &sym, 300, 450);
        (0..passes).fold(frame, |img, _| box_blur(&img, 2))
    }

    /// The scan sees a symbol there and cannot decode it.
    fn assert_unreadable(img: &GrayImage) {
        let scan = scan_pdf417(img);
        assert!(matches!(scan, Pdf417Scan::Unreadable), "{scan:?}");
    }

    #[test]
    fn a_sharp_symbol_shows_its_guards() {
        let sym = encode_pdf417(PAYLOAD, 4).expect("encode");
        let mut card = GrayImage::from_pixel(sym.width() + 80, sym.height() + 80, Luma([230]));
        image::imageops::overlay(&mut card, &sym, 40, 40);
        let g = measure(&card);
        assert!(g.found(), "{g:?}");
    }

    #[test]
    fn a_symbol_blurred_past_decoding_is_still_seen() {
        // Blur enough that the one-module bars merge and rxing gives up.
        assert_unreadable(&back(6));
    }

    #[test]
    fn a_blurred_symbol_under_glare_is_still_seen() {
        // A glare spot over the start bar, brightest at its top: the bar's
        // top is lifted towards the card's white, its bottom stays dark, so
        // the bar is no one grey level from top to bottom (as in the hard
        // corpus's licence-004, where it went from 141 to 44).
        let img = back(6);
        let sym = encode_pdf417(PAYLOAD, 4).expect("encode");
        let (x0, y0) = (300.0, 450.0);
        let (sw, sh) = (sym.width() as f32, sym.height() as f32);
        let lit = GrayImage::from_fn(img.width(), img.height(), |x, y| {
            let kx = (1.0 - (x as f32 - x0) / (0.3 * sw)).clamp(0.0, 1.0);
            let ky = ((y0 + sh - y as f32) / sh).clamp(0.0, 1.0);
            let glare = GLARE * kx * ky;
            Luma([(f32::from(img.get_pixel(x, y)[0]) + glare).min(255.0) as u8])
        });
        assert_unreadable(&lit);
    }

    #[test]
    fn lines_of_text_are_not_a_symbol() {
        // "Words": bold glyph blocks of varying width with letter and word
        // gaps, a vertical stem at each end of the line, several lines.
        let glyph = |u: u32| (u * 7919 % 13) < 8;
        let page = GrayImage::from_fn(1400, 300, |x, y| {
            let line = (y / 60) % 2 == 1;
            let (cell, word) = (x / 14, x / 140);
            let ink = line && x > 40 && x < 1360 && x % 14 < 10 && word % 5 != 4;
            let stem = line && (x / 8 == 5 || x / 8 == 169);
            Luma(if (ink && glyph(cell + y / 12)) || stem {
                [20]
            } else {
                [235]
            })
        });
        assert!(!measure(&page).found(), "{:?}", measure(&page));
        assert!(!measure(&GrayImage::from_pixel(800, 200, Luma([128]))).found());
        assert!(!measure(&GrayImage::new(10, 10)).found());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        // Any crop, however small or strange, gives a measure and no panic;
        // the share of busy columns stays a share.
        #[test]
        fn any_crop_is_measured_without_panic(
            w in 0u32..300, h in 0u32..120, seed: u64, levels in 1u8..=255,
        ) {
            let img = GrayImage::from_fn(w, h, |x, y| {
                let v = (u64::from(x) * 31 + u64::from(y) * 17) ^ seed;
                Luma([((v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8) / levels * levels])
            });
            let g = measure(&img);
            prop_assert!((0.0..=1.0).contains(&g.fill), "{g:?}");
        }
    }
}
