//! Reading MRZ lines without Tesseract: the MRZ is set at a fixed pitch, so
//! each line is cut into its N cells and each cell is matched against
//! templates of the 37 MRZ characters, with a small shift search and drift
//! tracking for perspective. The templates are rendered by
//! `scripts/gen-mrz-templates`: OCR-B (Debian fonts-ocr-b), which ICAO 9303
//! prescribes, and a few other monospace fonts for issuers that print the
//! MRZ in one of those (see [`font_count`]).

use std::sync::OnceLock;

use image::GrayImage;

use super::ocrb_cell::{sample, sq_dist};

static DATA: &[u8] = include_bytes!("ocrb.bin");
/// Other monospace fonts: a count byte, then one record like `ocrb.bin` each.
static MONO: &[u8] = include_bytes!("mono.bin");
/// The template order: distances in [`CellScores`] are indexed like this.
pub const CHARSET: &[u8; 37] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";

/// Per cell of a line, the least template distance of each of the 37
/// characters over the shift search (lower is better).
pub type CellScores = Vec<[f32; 37]>;

struct Templates {
    w: usize,
    h: usize,
    lsb: f32,
    rsb: f32,
    /// 37 templates of w*h ink coverage in 0..1.
    t: Vec<Vec<f32>>,
}

/// One template record (see `scripts/gen-mrz-templates`) and its length.
fn parse_set(data: &[u8]) -> Option<(Templates, usize)> {
    let (w, h) = (usize::from(*data.first()?), usize::from(*data.get(1)?));
    let lsb = f32::from(*data.get(2)?) / 255.0;
    let rsb = f32::from(*data.get(3)?) / 255.0;
    let len = 4 + 37 * w * h;
    let body = data.get(4..len)?;
    let t = body
        .chunks(w * h)
        .map(|c| c.iter().map(|&v| f32::from(v) / 255.0).collect())
        .collect();
    Some((Templates { w, h, lsb, rsb, t }, len))
}

/// The template sets: OCR-B first, then the other monospace fonts.
fn sets() -> &'static [Templates] {
    static T: OnceLock<Vec<Templates>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<Templates> = parse_set(DATA).map(|(t, _)| t).into_iter().collect();
        let n = MONO.first().copied().unwrap_or(0);
        let mut at = 1;
        for _ in 0..n {
            let Some((t, len)) = MONO.get(at..).and_then(parse_set) else {
                break;
            };
            v.push(t);
            at += len;
        }
        v
    })
}

/// How many template sets there are (OCR-B is set 0).
pub fn font_count() -> usize {
    sets().len()
}

/// Ink coverage (0 = paper, 1 = ink) per pixel, with levels estimated per
/// vertical strip so that glare and shading do not wash characters out.
fn ink_map(img: &GrayImage) -> (Vec<f32>, usize, usize) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let raw = img.as_raw();
    let strip = (h / 2).max(16);
    let mut ink = vec![0f32; w * h];
    let mut x0 = 0;
    while x0 < w {
        let x1 = (x0 + strip).min(w);
        let mut vals: Vec<u8> = Vec::with_capacity((x1 - x0) * h);
        for y in 0..h {
            vals.extend_from_slice(&raw[y * w + x0..y * w + x1]);
        }
        vals.sort_unstable();
        let dark = f32::from(vals[vals.len() / 20]);
        let light = f32::from(vals[vals.len() * 19 / 20]);
        let range = (light - dark).max(40.0);
        for y in 0..h {
            for x in x0..x1 {
                let v = (light - f32::from(raw[y * w + x])) / range;
                ink[y * w + x] = ((v - 0.25) / 0.6).clamp(0.0, 1.0);
            }
        }
        x0 = x1;
    }
    (ink, w, h)
}

/// Runs of rows with ink: (start, end) exclusive.
fn line_runs(ink: &[f32], w: usize, h: usize) -> Vec<(usize, usize)> {
    let prof: Vec<f32> = (0..h)
        .map(|y| ink[y * w..(y + 1) * w].iter().sum())
        .collect();
    let max = prof.iter().copied().fold(0.0, f32::max);
    if max <= 0.0 {
        return Vec::new();
    }
    let thr = max * 0.25;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut y = 0;
    while y < h {
        if prof[y] > thr {
            let s = y;
            while y < h && prof[y] > thr {
                y += 1;
            }
            runs.push((s, y));
        } else {
            y += 1;
        }
    }
    let tallest = runs.iter().map(|(a, b)| b - a).max().unwrap_or(0);
    runs.retain(|(a, b)| (b - a) * 2 >= tallest);
    runs
}

/// The one character height of a band's line runs (see
/// [`read_band_font`]): the tallest run's, but the next tallest's when the
/// tallest is a quarter taller and over four fifths of the lines' spacing
/// (merged with shading). A narrow font's names line (`<<ZOE<<<…`, chevrons
/// a third of a capital's height) came out 21 rows to its data line's 35,
/// 54 rows apart: cut to 21 rows, both lines read as nothing.
fn line_height(runs: &[(usize, usize)]) -> usize {
    let mut heights: Vec<usize> = runs.iter().map(|(a, b)| b - a).collect();
    heights.sort_unstable();
    let tallest = heights.last().copied().unwrap_or(0);
    let apart = runs
        .windows(2)
        .map(|p| (p[1].0 + p[1].1).saturating_sub(p[0].0 + p[0].1) / 2)
        .min()
        .unwrap_or(usize::MAX);
    match heights.len().checked_sub(2).map(|i| heights[i]) {
        Some(next) if tallest * 4 > next * 5 && tallest * 5 > apart * 4 => next,
        _ => tallest,
    }
}

/// Width (in bands) and column fill of a solid dark run beyond the page.
const SOLID_MIN: f32 = 1.2;
const SOLID_FILL: f32 = 0.85;

/// Horizontal extent of the text in a line band: solid dark runs (the
/// background beyond the page edge) are dropped, columns with ink are merged
/// across character gaps, and the longest merged run is the line.
pub(super) fn text_extent(cols: &[f32], band: f32) -> Option<(f32, f32)> {
    let w = cols.len();
    // Thin strokes count as ink: an L's foot or a chevron's tip alone sit
    // around a tenth of the band, and a gap there cut a line in two.
    let thr = band * 0.07;
    let mut ink: Vec<bool> = cols.iter().map(|&c| c > thr).collect();
    // Solid means wider than any glyph: blurred heavy glyphs (M, N, 0)
    // fill 80 % of their columns over a third of a band, and dropping them
    // with the ink touching them cut lines in two.
    let solid_min = (band * SOLID_MIN).max(2.0) as usize;
    let mut x = 0;
    while x < w {
        if cols[x] > band * SOLID_FILL {
            let s = x;
            while x < w && cols[x] > band * SOLID_FILL {
                x += 1;
            }
            if x - s >= solid_min {
                // Drop the solid run and the ink touching it.
                let mut a = s;
                while a > 0 && ink[a - 1] {
                    a -= 1;
                }
                let mut b = x;
                while b < w && ink[b] {
                    b += 1;
                }
                ink[a..b].iter_mut().for_each(|v| *v = false);
            }
        } else {
            x += 1;
        }
    }
    // Every MRZ cell holds a glyph (fillers too), so gaps inside a line stay
    // under one pitch (about 0.9 band).
    let max_gap = (band * 0.9) as usize;
    let mut best: Option<(usize, usize)> = None;
    let mut cur: Option<(usize, usize)> = None;
    for (x, &on) in ink.iter().enumerate() {
        if !on {
            continue;
        }
        cur = match cur {
            Some((s, e)) if x - e <= max_gap + 1 => Some((s, x)),
            _ => Some((x, x)),
        };
        if let Some((s, e)) = cur {
            if best.is_none_or(|(bs, be)| e - s > be - bs) {
                best = Some((s, e));
            }
        }
    }
    best.map(|(s, e)| (s as f32, e as f32 + 1.0))
}

/// One line read against the templates.
struct LineRead {
    text: String,
    /// Mean best-vs-second margin.
    conf: f32,
    /// Mean distance of the best template: how well a grid fits the line.
    fit: f32,
    cells: CellScores,
}

/// Where the cells of a line lie: cell k starts at
/// `x0 + pitch·k·(1 + slope·(k − n) / (2(n − 1)))`, so that the pitch grows
/// linearly from `pitch·(1 − slope/2)` to `pitch·(1 + slope/2)` along the
/// line and the line keeps its length.
#[derive(Debug, Clone, Copy)]
struct Grid {
    x0: f32,
    pitch: f32,
    slope: f32,
    n: usize,
}

impl Grid {
    fn at(&self, k: usize) -> (f32, f32) {
        let (k, n) = (k as f32, self.n as f32);
        let d = (n - 1.0).max(1.0);
        let x = self.x0 + self.pitch * k * (1.0 + self.slope * (k - n) / (2.0 * d));
        let p = self.pitch * (1.0 + self.slope * (k - (n - 1.0) / 2.0) / d);
        (x, p)
    }
}

/// The relative change of the pitch along a line (perspective: a card
/// tilted away from the camera has its far end's characters smaller; past
/// about 8 % the uniform grid slides a whole cell mid-line, `USA` read as
/// `IFT`). Measured from the spacing of the glyph blobs in the column
/// profile: consecutive blob centres about one pitch apart, regressed on
/// their position. 0 when too few blobs separate.
pub(super) fn pitch_slope(cols: &[f32], band: f32, xs: f32, xe: f32, pitch: f32) -> f32 {
    let thr = band * 0.07;
    let mut centres: Vec<f32> = Vec::new();
    let (a, b) = (xs.max(0.0) as usize, (xe as usize).min(cols.len()));
    let mut x = a;
    while x < b {
        if cols[x] <= thr {
            x += 1;
            continue;
        }
        let (mut m, mut sum) = (0f32, 0f32);
        while x < b && cols[x] > thr {
            m += cols[x] * x as f32;
            sum += cols[x];
            x += 1;
        }
        if sum > 0.0 {
            centres.push(m / sum);
        }
    }
    let pts: Vec<(f32, f32)> = centres
        .windows(2)
        .map(|c| ((c[0] + c[1]) / 2.0, c[1] - c[0]))
        .filter(|&(_, d)| d > pitch * 0.7 && d < pitch * 1.3)
        .collect();
    if pts.len() < 8 {
        return 0.0;
    }
    let n = pts.len() as f32;
    let (mx, my) = pts
        .iter()
        .fold((0.0, 0.0), |(a, b), &(x, y)| (a + x / n, b + y / n));
    let (sxy, sxx) = pts.iter().fold((0.0, 0.0), |(a, b), &(x, y)| {
        (a + (x - mx) * (y - my), b + (x - mx) * (x - mx))
    });
    if sxx <= 0.0 {
        return 0.0;
    }
    (sxy / sxx * (xe - xs) / pitch).clamp(-MAX_SLOPE, MAX_SLOPE)
}

/// The largest pitch change along a line that is followed (a card at
/// about 40° to the camera).
const MAX_SLOPE: f32 = 0.35;
/// Slopes under this are read on the uniform grid alone.
const MIN_SLOPE: f32 = 0.03;
/// Slopes from this on are read on the tilted grid alone.
const SURE_SLOPE: f32 = 0.15;

/// Read one line of `n` characters between rows `y0..y1`: on the uniform
/// grid, and when the glyph spacing shows perspective also on a grid that
/// follows it; the grid whose cells match their templates better wins.
fn read_line(
    ink: &[f32],
    w: usize,
    h: usize,
    y0: usize,
    y1: usize,
    n: usize,
    t: &Templates,
) -> Option<LineRead> {
    let band = (y1 - y0) as f32;
    let cols: Vec<f32> = (0..w)
        .map(|x| (y0..y1).map(|y| ink[y * w + x]).sum())
        .collect();
    let (xs, xe) = text_extent(&cols, band)?;
    let pitch = (xe - xs) / (n as f32 - t.lsb - t.rsb);
    // OCR-B's advance is about 0.9 of the line height: reject wrong counts.
    if pitch < 4.0 || pitch < band * 0.6 || pitch > band * 1.25 {
        return None;
    }
    let slope = pitch_slope(&cols, band, xs, xe, pitch);
    if super::debug() {
        eprintln!("line y={y0}..{y1} w={w} extent={xs}..{xe} pitch={pitch:.1} slope={slope:.3}");
    }
    let uniform = Grid {
        x0: xs - t.lsb * pitch,
        pitch,
        slope: 0.0,
        n,
    };
    if slope.abs() < MIN_SLOPE {
        return Some(read_cells(ink, w, h, y0, band, uniform, t));
    }
    let p0 = pitch * (1.0 - slope / 2.0);
    let tilted = read_cells(
        ink,
        w,
        h,
        y0,
        band,
        Grid {
            x0: xs - t.lsb * p0,
            slope,
            ..uniform
        },
        t,
    );
    // A weak slope may be the noise of blobs that merged or split: the
    // uniform grid is read too and the better fit wins. Past SURE_SLOPE the
    // tilted grid always fitted better on the bench corpus.
    if slope.abs() >= SURE_SLOPE {
        return Some(tilted);
    }
    let flat = read_cells(ink, w, h, y0, band, uniform, t);
    Some(if tilted.fit < flat.fit { tilted } else { flat })
}

/// Match every cell of a grid against the templates.
fn read_cells(
    ink: &[f32],
    w: usize,
    h: usize,
    y0: usize,
    band: f32,
    grid: Grid,
    t: &Templates,
) -> LineRead {
    // The template band spans the tallest glyphs; lines without digits are a
    // little shorter, so the cell is taken slightly taller and shifted.
    let ch = band * 1.06;
    let base_y = y0 as f32 - band * 0.04;
    let n = grid.n;
    let mut cell = vec![0f32; t.w * t.h];
    let mut text = String::with_capacity(n);
    let mut drift = 0f32;
    let mut score_sum = 0f32;
    let mut fit_sum = 0f32;
    let mut scores: CellScores = Vec::with_capacity(n);
    for k in 0..n {
        let (x, pitch) = grid.at(k);
        let mut best = (f32::MAX, 0usize, 0f32);
        let mut dmin = [f32::MAX; 37];
        let mut second = f32::MAX;
        for dxi in -3i32..=3 {
            let dx = dxi as f32 * 0.07 * pitch;
            for dyi in -1i32..=1 {
                let dy = dyi as f32 * 0.05 * band;
                sample(
                    ink,
                    w,
                    h,
                    x + drift + dx,
                    base_y + dy,
                    pitch,
                    ch,
                    t.w,
                    t.h,
                    &mut cell,
                );
                for (ci, tpl) in t.t.iter().enumerate() {
                    let d = sq_dist(tpl, &cell);
                    dmin[ci] = dmin[ci].min(d);
                    if d < best.0 {
                        if best.1 != ci {
                            second = best.0;
                        }
                        best = (d, ci, dx);
                    } else if d < second && ci != best.1 {
                        second = d;
                    }
                }
            }
        }
        // Follow perspective slowly; filler runs must not walk the grid away.
        drift = (drift * 0.8 + best.2 * 0.5).clamp(-0.25 * pitch, 0.25 * pitch);
        text.push(char::from(CHARSET[best.1]));
        let margin = if second.is_finite() && second > 0.0 {
            1.0 - best.0 / second
        } else {
            1.0
        };
        score_sum += margin.clamp(0.0, 1.0);
        fit_sum += best.0;
        scores.push(dmin);
    }
    LineRead {
        text,
        conf: score_sum / n as f32,
        fit: fit_sum / n as f32,
        cells: scores,
    }
}

/// Read `lines` MRZ lines of `n` characters from a deskewed crop of the band.
/// Returns the lines and a confidence (mean best-vs-second template margin).
pub fn read_band(img: &GrayImage, lines: usize, n: usize) -> Option<(Vec<String>, f32)> {
    read_band_scored(img, lines, n).map(|(l, c, _)| (l, c))
}

/// [`read_band`] with every cell's template distances, per line.
pub fn read_band_scored(
    img: &GrayImage,
    lines: usize,
    n: usize,
) -> Option<(Vec<String>, f32, Vec<CellScores>)> {
    read_band_font(img, lines, n, 0).map(|r| (r.lines, r.conf, r.cells))
}

/// A band read against one template set.
pub struct BandRead {
    /// The lines.
    pub lines: Vec<String>,
    /// Mean best-vs-second margin.
    pub conf: f32,
    /// Mean distance of the best templates: how well the font fits.
    pub fit: f32,
    /// Every cell's template distances, per line.
    pub cells: Vec<CellScores>,
}

/// Read a band against template set `font` (0: OCR-B, see [`font_count`]).
pub fn read_band_font(img: &GrayImage, lines: usize, n: usize, font: usize) -> Option<BandRead> {
    let t = sets().get(font)?;
    let (ink, w, h) = ink_map(img);
    let runs = line_runs(&ink, w, h);
    if super::debug() {
        eprintln!("runs {runs:?}");
    }
    if runs.len() < lines {
        return None;
    }
    // Take the last `lines` runs (the MRZ is the bottom of the crop's text).
    let take = &runs[runs.len() - lines..];
    // All lines share one character height. A names line with long filler
    // runs has a row profile dominated by the chevrons' middle rows, so its
    // run comes out shorter than the capitals (E lost its bottom bar and read
    // as F, the whole line slid): each run is widened about its centre to
    // the tallest one. But a run a quarter taller than the next tallest and
    // over four fifths of the lines' spacing has merged with the shading of
    // a page edge below or above it (the whole band then read at 1.7 times
    // its height, td1-006-hard): the next tallest sets the height (see
    // [`line_height`]), and the tall run keeps its inkiest rows.
    let height = line_height(take);
    let row = |y: usize| ink[y * w..(y + 1) * w].iter().sum::<f32>();
    let take: Vec<(usize, usize)> = take
        .iter()
        .map(|&(a, b)| {
            if b - a > height {
                let best = (a..=b - height)
                    .max_by(|&p, &q| {
                        let sum = |s: usize| (s..s + height).map(row).sum::<f32>();
                        sum(p).total_cmp(&sum(q))
                    })
                    .unwrap_or(a);
                return (best, best + height);
            }
            let grow = height - (b - a);
            let a2 = a.saturating_sub(grow / 2);
            (a2, (a2 + height).min(h))
        })
        .collect();
    let mut out = Vec::with_capacity(lines);
    let mut cells = Vec::with_capacity(lines);
    let (mut conf, mut fit) = (0.0, 0.0);
    for &(y0, y1) in &take {
        let r = read_line(&ink, w, h, y0, y1, n, t)?;
        out.push(r.text);
        cells.push(r.cells);
        conf += r.conf;
        fit += r.fit;
    }
    Some(BandRead {
        lines: out,
        conf: conf / lines as f32,
        fit: fit / lines as f32,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::line_height;

    #[test]
    fn a_short_names_run_takes_the_data_lines_height_unless_that_merged() {
        // Dev, seed 97: chevrons 21 rows, capitals 35, 54 rows apart.
        assert_eq!(line_height(&[(29, 50), (76, 111)]), 35);
        // Three lines 40 apart, the last run merged with shading below.
        assert_eq!(line_height(&[(10, 32), (50, 72), (90, 130)]), 22);
        assert_eq!(line_height(&[(10, 32), (50, 74)]), 24);
    }
}
