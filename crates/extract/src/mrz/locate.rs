//! Locating the MRZ band in a photo: dark text is smeared horizontally into
//! line blobs; long, thin, parallel blobs of similar length stacked 2 or 3
//! high are the MRZ. Returns rotated rectangles in source pixels.

use image::GrayImage;

use crate::image::ops::{dark_mask, downscale_to};

/// A located band: a rotated rectangle around the MRZ lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Centre x (source pixels).
    pub cx: f32,
    /// Centre y.
    pub cy: f32,
    /// Angle of the lines (radians, clockwise in image coordinates).
    pub angle: f32,
    /// Length along the lines.
    pub width: f32,
    /// Height across the lines (all of them, with margins).
    pub height: f32,
    /// Thickness of one line (character height).
    pub line_height: f32,
    /// Number of lines found (2 or 3).
    pub lines: usize,
}

#[derive(Debug, Clone, Copy)]
struct Blob {
    cx: f32,
    cy: f32,
    angle: f32,
    len: f32,
    thick: f32,
}

const WORK_SIDE: u32 = 1000;

/// Candidate MRZ bands, best first (a second, coarser scale is tried when
/// the first finds none: large characters break into words at fine scales).
pub fn locate(img: &GrayImage) -> Vec<Band> {
    locate_with(img, false)
}

/// [`locate`] with the tall runs of the mask cut first (see
/// [`cut_tall_runs`]): the bands of an MRZ printed close to the document's
/// edge, which the plain mask joins to the document's outline.
pub fn locate_cut(img: &GrayImage) -> Vec<Band> {
    locate_with(img, true)
}

fn locate_with(img: &GrayImage, cut: bool) -> Vec<Band> {
    for side in [WORK_SIDE, WORK_SIDE * 3 / 5] {
        let bands = locate_at(img, side, cut);
        if !bands.is_empty() {
            return bands;
        }
    }
    Vec::new()
}

fn locate_at(img: &GrayImage, side: u32, cut: bool) -> Vec<Band> {
    let small = downscale_to(img, side);
    let f = img.width() as f32 / small.width().max(1) as f32;
    let (w, h) = (small.width() as usize, small.height() as usize);
    if w < 20 || h < 20 {
        return Vec::new();
    }
    let mut mask = dark_mask(&small, 16, 10);
    if cut {
        cut_tall_runs(&mut mask, w, h, w / TALL_RUN);
    }
    smear(&mut mask, w, h, (w / 60).max(3));
    let mut blobs = merge_collinear(components(&mask, w, h, w as f32 * 0.06));
    for b in &mut blobs {
        extend_blob(&mask, w, h, b);
    }
    let min_len = w as f32 * 0.22;
    let blobs: Vec<Blob> = blobs.into_iter().filter(|b| b.len >= min_len).collect();
    let mut bands = group(&blobs);
    for b in &mut bands {
        extend_along(&mask, w, h, b);
        b.cx *= f;
        b.cy *= f;
        b.width *= f;
        b.height *= f;
        b.line_height *= f;
    }
    bands
}

/// A two-line band no wider for its line height than a card's MRZ (TD1
/// bands measure 29–39 line heights on the dev pages, TD2 and MRV 35–57)
/// grown by one line above and one below, each taken for three lines. A
/// card whose first line runs close under its photo, photographed at an
/// angle, merges that line with the photo in the locator's mask: the band
/// found holds the last two lines only, which no layout reads.
pub fn grown_to_three(b: &Band) -> Vec<Band> {
    if b.lines != 2 || b.width > b.line_height * 42.0 {
        return Vec::new();
    }
    // group(): height = the lines' span + 2.6 line heights.
    let pitch = b.height - b.line_height * 2.6;
    if pitch <= b.line_height {
        return Vec::new();
    }
    let (s, c) = b.angle.sin_cos();
    // One line across (away from the lines' direction): (-sin, cos).
    [-1.0f32, 1.0]
        .into_iter()
        .map(|dir| Band {
            cx: b.cx - dir * s * pitch / 2.0,
            cy: b.cy + dir * c * pitch / 2.0,
            height: b.height + pitch,
            lines: 3,
            ..*b
        })
        .collect()
}

/// A run of dark pixels down a column longer than the mask's width over
/// this is no text: an MRZ character stands about as tall as its cell is
/// wide, a 30th to a 50th of the document's width, so under a 25th of
/// the frame's even where the document fills it.
const TALL_RUN: usize = 25;

/// Clear the runs of dark pixels down a column longer than `max`. The
/// mask marks the table beside a document's edge (darker than the paper
/// next to it), and an MRZ printed close to that edge was smeared into it:
/// photographed at an angle, the lines and the document's outline made
/// one component, and no band was found, or one cut short (dev pipeline
/// pages). Not done for every picture: on pages filling the frame, a
/// card's large characters and close lines lose strokes to it, and their
/// reads changed both ways (dev MRZ pages).
fn cut_tall_runs(mask: &mut [bool], w: usize, h: usize, max: usize) {
    for x in 0..w {
        let mut y = 0;
        while y < h {
            if !mask[y * w + x] {
                y += 1;
                continue;
            }
            let start = y;
            while y < h && mask[y * w + x] {
                y += 1;
            }
            if y - start > max {
                (start..y).for_each(|r| mask[r * w + x] = false);
            }
        }
    }
}

/// Fill horizontal gaps of at most `gap` between dark pixels.
fn smear(mask: &mut [bool], w: usize, h: usize, gap: usize) {
    for y in 0..h {
        let row = &mut mask[y * w..(y + 1) * w];
        let mut last: Option<usize> = None;
        for x in 0..w {
            if row[x] {
                if let Some(l) = last {
                    if x - l > 1 && x - l <= gap + 1 {
                        row[l + 1..x].iter_mut().for_each(|p| *p = true);
                    }
                }
                last = Some(x);
            }
        }
    }
}

/// Connected components with their second moments; keep long thin ones.
fn components(mask: &[bool], w: usize, h: usize, min_len: f32) -> Vec<Blob> {
    let mut out = Vec::new();
    crate::image::components::for_each_component(mask, w, h, |pixels| {
        let (mut n, mut sx, mut sy, mut sxx, mut syy, mut sxy) =
            (0f64, 0f64, 0f64, 0f64, 0f64, 0f64);
        for &p in pixels {
            let (x, y) = ((p % w) as f64, (p / w) as f64);
            n += 1.0;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        if n < 50.0 {
            return;
        }
        let (mx, my) = (sx / n, sy / n);
        let (a, b, c) = (sxx / n - mx * mx, sxy / n - mx * my, syy / n - my * my);
        let tr = a + c;
        let det = a * c - b * b;
        let disc = (tr * tr / 4.0 - det).max(0.0).sqrt();
        let (l1, l2) = (tr / 2.0 + disc, (tr / 2.0 - disc).max(0.0));
        let len = (12.0 * l1).sqrt() as f32;
        let thick = (12.0 * l2).sqrt().max(1.0) as f32;
        let angle = (0.5 * (2.0 * b).atan2(a - c)) as f32;
        let fill = n as f32 / (len * thick).max(1.0);
        if super::debug() && len > min_len * 0.5 {
            eprintln!("blob c=({mx:.0},{my:.0}) len={len:.0} thick={thick:.1} angle={angle:.3} fill={fill:.2} n={n}");
        }
        if len >= min_len && len / thick >= 3.0 && fill > 0.45 && angle.abs() < 0.35 {
            out.push(Blob {
                cx: mx as f32,
                cy: my as f32,
                angle,
                len,
                thick,
            });
        }
    });
    out
}

/// Join pieces of one text line (a line broken at faint filler runs):
/// parallel blobs on the same axis with a small gap become one.
fn merge_collinear(mut blobs: Vec<Blob>) -> Vec<Blob> {
    let mut merged = true;
    while merged {
        merged = false;
        'outer: for i in 0..blobs.len() {
            for j in i + 1..blobs.len() {
                let (a, b) = (blobs[i], blobs[j]);
                if (a.angle - b.angle).abs() > 0.06 {
                    continue;
                }
                let (s, c) = a.angle.sin_cos();
                let along = (b.cx - a.cx) * c + (b.cy - a.cy) * s;
                let across = -(b.cx - a.cx) * s + (b.cy - a.cy) * c;
                let thick = a.thick.max(b.thick);
                let gap = along.abs() - (a.len + b.len) / 2.0;
                if across.abs() < thick * 0.5 && gap < thick * 3.0 {
                    let lo = (-a.len / 2.0).min(along - b.len / 2.0);
                    let hi = (a.len / 2.0).max(along + b.len / 2.0);
                    let mid = (lo + hi) / 2.0;
                    blobs[i] = Blob {
                        cx: a.cx + mid * c,
                        cy: a.cy + mid * s,
                        angle: (a.angle * a.len + b.angle * b.len) / (a.len + b.len),
                        len: hi - lo,
                        thick: (a.thick * a.len + b.thick * b.len) / (a.len + b.len),
                    };
                    blobs.swap_remove(j);
                    merged = true;
                    break 'outer;
                }
            }
        }
    }
    blobs
}

/// Whether the smeared mask has ink on the segment across the axis at
/// `along` from (cx, cy), `half` to either side. Solid columns (a dark
/// background beyond the page edge) do not count as text.
#[allow(clippy::too_many_arguments)] // a flat probe; a struct would only rename them
fn ink_across(
    mask: &[bool],
    w: usize,
    h: usize,
    (cx, cy): (f32, f32),
    (s, c): (f32, f32),
    along: f32,
    half: f32,
) -> bool {
    let (mut n, mut on) = (0usize, 0usize);
    let mut v = -half;
    while v <= half {
        let x = cx + along * c - v * s;
        let y = cy + along * s + v * c;
        if x >= 0.0 && y >= 0.0 && (x as usize) < w && (y as usize) < h {
            n += 1;
            on += usize::from(mask[y as usize * w + x as usize]);
        }
        v += 1.0;
    }
    on > 0 && on * 20 < n * 17
}

/// Grow a span `lo..hi` along an axis over ink, while no gap exceeds
/// `max_gap` and the span stays under `max_len`.
fn grow(lo: &mut f32, hi: &mut f32, max_gap: f32, max_len: f32, ink: impl Fn(f32) -> bool) {
    for dir in [1.0f32, -1.0] {
        let start = if dir > 0.0 { *hi } else { *lo };
        let (mut last, mut pos) = (start, start);
        while (pos - last).abs() <= max_gap && *hi - *lo < max_len {
            pos += dir;
            if ink(pos) {
                last = pos;
                if dir > 0.0 {
                    *hi = hi.max(pos);
                } else {
                    *lo = lo.min(pos);
                }
            }
        }
    }
}

/// Filler runs (`<<<<`) are thin chevrons whose gaps the smear does not
/// bridge, so a line's blob can stop where its fillers begin: a TD1 card's
/// three lines all end in fillers, and the band then cut the last third of
/// every line (and the composite check digit) off, or the lines' blobs, cut at
/// different places, no longer grouped. A blob is grown over the ink of the
/// smeared mask along its axis while no gap exceeds about one character;
/// an MRZ line is at most 44 characters (about 42 character heights), so
/// growth is capped.
fn extend_blob(mask: &[bool], w: usize, h: usize, b: &mut Blob) {
    let thick = b.thick.max(1.0);
    let sc = b.angle.sin_cos();
    let (mut lo, mut hi) = (-b.len / 2.0, b.len / 2.0);
    grow(&mut lo, &mut hi, thick * 1.2, thick * 52.0, |a| {
        ink_across(mask, w, h, (b.cx, b.cy), sc, a, thick * 0.5)
    });
    let mid = (lo + hi) / 2.0;
    b.cx += mid * sc.1;
    b.cy += mid * sc.0;
    b.len = hi - lo;
    refine_axis(mask, w, h, b);
}

/// Re-fit a grown blob's axis to the ink along its whole length: the angle of
/// a blob cut short at its fillers is that of a ragged half line, and across
/// a 30- or 44-character line an error of half a degree moves the last cells
/// a quarter of a character off the row.
fn refine_axis(mask: &[bool], w: usize, h: usize, b: &mut Blob) {
    let (s, c) = b.angle.sin_cos();
    let half = b.thick.max(1.0) * 0.75;
    let (mut n, mut sa, mut sv, mut saa, mut sav) = (0f64, 0f64, 0f64, 0f64, 0f64);
    let mut a = -b.len / 2.0;
    while a <= b.len / 2.0 {
        let mut v = -half;
        while v <= half {
            let x = b.cx + a * c - v * s;
            let y = b.cy + a * s + v * c;
            if x >= 0.0
                && y >= 0.0
                && (x as usize) < w
                && (y as usize) < h
                && mask[y as usize * w + x as usize]
            {
                let (a, v) = (f64::from(a), f64::from(v));
                n += 1.0;
                sa += a;
                sv += v;
                saa += a * a;
                sav += a * v;
            }
            v += 1.0;
        }
        a += 1.0;
    }
    if n < 50.0 {
        return;
    }
    let (ma, mv) = (sa / n, sv / n);
    let var = saa / n - ma * ma;
    if var <= 0.0 {
        return;
    }
    let slope = ((sav / n - ma * mv) / var) as f32;
    let mv = mv as f32;
    b.cx -= mv * s;
    b.cy += mv * c;
    b.angle += slope.atan();
}

/// The same growth for a band (all its lines at once), then the margins.
fn extend_along(mask: &[bool], w: usize, h: usize, b: &mut Band) {
    let thick = b.line_height.max(1.0);
    let sc = b.angle.sin_cos();
    let half = (b.height / 2.0 - thick * 0.8).max(thick * 0.5);
    let (mut lo, mut hi) = (-b.width / 2.0, b.width / 2.0);
    grow(&mut lo, &mut hi, thick * 1.2, thick * 52.0, |a| {
        ink_across(mask, w, h, (b.cx, b.cy), sc, a, half)
    });
    let mid = (lo + hi) / 2.0;
    b.cx += mid * sc.1;
    b.cy += mid * sc.0;
    b.width = (hi - lo) * 1.1 + thick * 2.0;
}

/// Lines of one band are at most this many line thicknesses apart: under
/// a strong perspective a card's back spaced them 3.6 apart (dev).
const MAX_LINE_GAP: f32 = 4.0;

/// Group parallel blobs of similar length into 2- or 3-line bands.
fn group(blobs: &[Blob]) -> Vec<Band> {
    let mut sorted = blobs.to_vec();
    sorted.sort_by(|a, b| a.cy.total_cmp(&b.cy));
    let mut bands = Vec::new();
    for i in 0..sorted.len() {
        let mut members = vec![sorted[i]];
        for cand in sorted.iter().skip(i + 1) {
            let Some(prev) = members.last().copied() else {
                break;
            };
            let first = members[0];
            // Distance across the lines.
            let (s, c) = first.angle.sin_cos();
            let across = -(cand.cx - prev.cx) * s + (cand.cy - prev.cy) * c;
            let along = ((cand.cx - prev.cx) * c + (cand.cy - prev.cy) * s).abs();
            let similar = (cand.len / first.len) > 0.6 && (cand.len / first.len) < 1.6;
            // Against the line above, not the first: under a strong
            // perspective a card's three lines leaned -0.13, -0.16 and
            // -0.19 rad (dev pipeline seed 211, c222).
            let parallel = (cand.angle - prev.angle).abs() < 0.05;
            if across > prev.thick * 1.1
                && across < prev.thick * MAX_LINE_GAP
                && along < first.len * 0.15
                && similar
                && parallel
            {
                members.push(*cand);
                if members.len() == 3 {
                    break;
                }
            } else if across > prev.thick * MAX_LINE_GAP {
                break;
            }
        }
        if members.len() < 2 {
            continue;
        }
        let n = members.len() as f32;
        let angle = members.iter().map(|m| m.angle).sum::<f32>() / n;
        let thick = members.iter().map(|m| m.thick).sum::<f32>() / n;
        // Union of the members' extents along the lines.
        let (s, c) = angle.sin_cos();
        let (ox, oy) = (members[0].cx, members[0].cy);
        let along = |m: &Blob| (m.cx - ox) * c + (m.cy - oy) * s;
        let lo = members
            .iter()
            .map(|m| along(m) - m.len / 2.0)
            .fold(f32::MAX, f32::min);
        let hi = members
            .iter()
            .map(|m| along(m) + m.len / 2.0)
            .fold(f32::MIN, f32::max);
        let across_mid = members
            .iter()
            .map(|m| -(m.cx - ox) * s + (m.cy - oy) * c)
            .sum::<f32>()
            / n;
        let mid = (lo + hi) / 2.0;
        let cx = ox + mid * c - across_mid * s;
        let cy = oy + mid * s + across_mid * c;
        let len = hi - lo;
        let first = members[0];
        let last = members[members.len() - 1];
        let span = ((last.cx - first.cx).powi(2) + (last.cy - first.cy).powi(2)).sqrt();
        bands.push(Band {
            cx,
            cy,
            angle,
            // Bare text length: `extend_along` adds the margins.
            width: len,
            height: span + thick * 2.6,
            line_height: thick,
            lines: members.len(),
        });
    }
    // Longer first, then lower. A 3-line group counts a sixth longer, so
    // that it comes before the 2-line groups it contains (a TD1 card); no
    // more, so that a printed zone of labels over values, three lines of
    // it, does not come before a wider 2-line MRZ below it.
    let key = |b: &Band| {
        let w = if b.lines == 3 {
            b.width * 7.0 / 6.0
        } else {
            b.width
        };
        (w as i64, b.cy as i64)
    };
    bands.sort_by_key(|b| std::cmp::Reverse(key(b)));
    bands.truncate(4);
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cy: f32, len: f32) -> Blob {
        Blob {
            cx: 20.0 + len / 2.0,
            cy,
            angle: 0.0,
            len,
            thick: 12.0,
        }
    }

    #[test]
    fn a_wider_two_line_mrz_comes_before_a_printed_zone_of_three_lines() {
        // Labels over values above (three similar lines), the MRZ below.
        let blobs = [line(100.0, 700.0), line(130.0, 560.0), line(160.0, 720.0)]
            .into_iter()
            .chain([line(600.0, 900.0), line(630.0, 900.0)])
            .collect::<Vec<_>>();
        let bands = group(&blobs);
        assert_eq!((bands[0].lines, bands[0].cy.round()), (2, 615.0));
    }

    #[test]
    fn a_td1_block_comes_before_the_two_line_groups_inside_it() {
        let blobs = [line(500.0, 600.0), line(530.0, 590.0), line(560.0, 600.0)];
        let bands = group(&blobs);
        assert_eq!(bands[0].lines, 3);
        assert!(bands.iter().skip(1).all(|b| b.lines == 2));
    }

    #[test]
    fn a_card_band_missing_a_line_grows_one_line_either_way() {
        // The last two lines of a TD1 card: 30 px apart, 360 px long.
        let two = group(&[line(530.0, 360.0), line(560.0, 360.0)])[0];
        let grown = grown_to_three(&two);
        assert_eq!(grown.len(), 2);
        let three = group(&[line(500.0, 360.0), line(530.0, 360.0), line(560.0, 360.0)])[0];
        assert!((grown[0].cy - three.cy).abs() < 0.5, "{grown:?} {three:?}");
        assert!((grown[0].height - three.height).abs() < 0.5);
        assert!((grown[1].cy - (three.cy + 30.0)).abs() < 0.5);
        assert!(grown.iter().all(|b| b.lines == 3 && b.width == two.width));
        // A passport's two 44-character lines are too wide for a card's.
        let td3 = group(&[line(530.0, 700.0), line(560.0, 700.0)])[0];
        assert!(grown_to_three(&td3).is_empty());
    }

    #[test]
    fn runs_down_a_column_longer_than_the_limit_are_cut() {
        let (w, h) = (3, 40);
        let mut mask = vec![false; w * h];
        // Column 0: an edge's run of 30; column 1: two strokes of 8; column
        // 2: a run of exactly the limit.
        (0..30).for_each(|y| mask[y * w] = true);
        (2..10).chain(20..28).for_each(|y| mask[y * w + 1] = true);
        (5..25).for_each(|y| mask[y * w + 2] = true);
        cut_tall_runs(&mut mask, w, h, 20);
        assert!((0..h).all(|y| !mask[y * w]));
        assert_eq!((0..h).filter(|&y| mask[y * w + 1]).count(), 16);
        assert_eq!((0..h).filter(|&y| mask[y * w + 2]).count(), 20);
    }
}
