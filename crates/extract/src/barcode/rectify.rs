//! Straightening a located PDF417 before decoding: the symbol is resampled
//! from the full-resolution frame along its own axis (so its rows are
//! horizontal), and optionally sharpened. Decoders scan along rows whose
//! height is three modules; a tilt of 2–3° over a 2,000 px symbol already
//! drifts a scan line across several rows, which is why photographs failed.

use image::{GrayImage, Luma};

use super::locate::Region;
#[cfg(test)]
use crate::image::filter::{box_blur, sharpen};
use crate::image::ops::{crop, downscale_by};

/// Largest straightened crop, in pixels: bounds the work per attempt
/// whatever region the locator returns.
const MAX_OUT_PIXELS: f32 = 2_400_000.0;

/// Resample `region` of `img` upright with its long side about `target` px
/// (never enlarged), after correcting the locator's angle and band with the
/// symbol's own edges. Returns the crop and the angle used.
pub fn straighten(img: &GrayImage, region: &Region, target: f32) -> (GrayImage, f32) {
    // A first look with a generous band: the locator's angle comes from a
    // smeared, 5× downscaled mask, and a perspective view makes the symbol a
    // trapezoid whose rows need not be square to its bars.
    let wide = Region {
        thick: region.thick * 1.4,
        ..*region
    };
    let first = sample(img, &wide, region.angle, target);
    let Some(fit) = fit_rows(&first) else {
        return (first, region.angle);
    };
    let k = wide.len / first.width().max(1) as f32;
    let residual = fit.slope.atan();
    if residual.abs() > 6f32.to_radians() {
        return (first, region.angle);
    }
    let (s, c) = region.angle.sin_cos();
    let dv = (fit.mid - first.height() as f32 / 2.0) * k;
    let angle = region.angle + residual;
    let better = Region {
        cx: region.cx - dv * s,
        cy: region.cy + dv * c,
        angle,
        thick: (fit.thick * k * 1.3 + region.len * 0.02).min(region.thick * 1.4),
        ..*region
    };
    (sample(img, &better, angle, target), angle)
}

/// The symbol's band in a roughly levelled crop: its centre line's slope,
/// height at the centre column, and thickness.
#[derive(Debug, Clone, Copy)]
struct RowFit {
    slope: f32,
    mid: f32,
    thick: f32,
}

/// Fit the symbol's centre line: in each of a few vertical strips, the rows
/// busy with horizontal gradients (bars) span the symbol; a least-squares
/// line through the middles of those spans gives the direction of the rows
/// (the bars' own direction would not, under perspective shear).
fn fit_rows(img: &GrayImage) -> Option<RowFit> {
    const STRIPS: usize = 16;
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w < STRIPS * 4 || h < 8 {
        return None;
    }
    let p = img.as_raw();
    let sw = w / STRIPS;
    let mut pts: Vec<(f32, f32, f32)> = Vec::new();
    let mut profile = vec![0u32; h];
    // The outer strips hold quiet zone and start/stop patterns; the middle
    // ones hold data rows.
    for k in 2..STRIPS - 2 {
        let (x0, x1) = (k * sw, (k + 1) * sw);
        for (y, e) in profile.iter_mut().enumerate() {
            let row = &p[y * w + x0..y * w + x1 + 1];
            *e = row.windows(2).map(|d| u32::from(d[0].abs_diff(d[1]))).sum();
        }
        let max = profile.iter().copied().max().unwrap_or(0);
        if max < (sw as u32) * 4 {
            continue;
        }
        let Some((top, bot)) = busy_span(&profile, max) else {
            continue;
        };
        let x = (x0 + x1) as f32 / 2.0 - w as f32 / 2.0;
        pts.push((x, (top + bot) as f32 / 2.0, (bot - top + 1) as f32));
    }
    if pts.len() < 4 {
        return None;
    }
    let n = pts.len() as f32;
    let mx = pts.iter().map(|p| p.0).sum::<f32>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f32>() / n;
    let sxx: f32 = pts.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let sxy: f32 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let mut thick: Vec<f32> = pts.iter().map(|p| p.2).collect();
    thick.sort_by(f32::total_cmp);
    Some(RowFit {
        slope,
        mid: my - slope * mx,
        thick: thick[thick.len() * 3 / 4],
    })
}

/// The run of busy rows (over half the strip's peak gradient energy) that
/// holds the most energy, bridging gaps shorter than a twentieth of the
/// crop: a symbol's rows are contiguous and all dense, while printed text
/// beside it (a licence back's "CLASS D" lines) is set off by blank paper
/// and would bend the fit if its rows counted.
fn busy_span(profile: &[u32], max: u32) -> Option<(usize, usize)> {
    let gap = (profile.len() / 20).max(2);
    let mut best: Option<(u64, usize, usize)> = None;
    let mut run: Option<(u64, usize, usize)> = None;
    for (y, &e) in profile.iter().enumerate() {
        if e * 2 <= max {
            continue;
        }
        run = match run {
            Some((sum, top, bot)) if y - bot <= gap => Some((sum + u64::from(e), top, y)),
            done => {
                if done.is_some_and(|d| best.is_none_or(|b| d.0 > b.0)) {
                    best = done;
                }
                Some((u64::from(e), y, y))
            }
        };
    }
    if run.is_some_and(|d| best.is_none_or(|b| d.0 > b.0)) {
        best = run;
    }
    best.map(|(_, top, bot)| (top, bot))
}

fn sample(img: &GrayImage, region: &Region, angle: f32, target: f32) -> GrayImage {
    let mut scale = (target / region.len.max(1.0)).min(1.0);
    let area = region.len * region.thick * scale * scale;
    if area > MAX_OUT_PIXELS {
        scale *= (MAX_OUT_PIXELS / area).sqrt();
    }
    // Only the region's bounding box is read; bilinear sampling below half
    // size would alias the bars, so an integer box downscale of that box
    // comes first and keeps every source pixel in the average.
    let spun = Region { angle, ..*region };
    let (bx, by, bw, bh) = spun.bbox(img.width(), img.height());
    let boxed = crop(img, bx, by, bw, bh);
    let f = (1.0 / scale / 1.5).floor().max(1.0) as u32;
    let small = downscale_by(&boxed, f);
    let k = 1.0 / f as f32;
    resample(
        &small,
        (region.cx - bx as f32) * k,
        (region.cy - by as f32) * k,
        angle,
        (region.len * k, region.thick * k),
        scale * f as f32,
    )
}

/// Bilinear resampling of a rotated rectangle (centre, angle, size in
/// `img` pixels) into an upright image scaled by `scale`; outside `img` the
/// nearest edge pixel is repeated. Like `ops::sample_rotated`, but stepping
/// along each output row incrementally: this runs on every attempt.
fn resample(
    img: &GrayImage,
    cx: f32,
    cy: f32,
    angle: f32,
    (w, h): (f32, f32),
    scale: f32,
) -> GrayImage {
    let (iw, ih) = (img.width() as usize, img.height() as usize);
    let ow = ((w * scale).round() as u32).clamp(1, 8000);
    let oh = ((h * scale).round() as u32).clamp(1, 4000);
    if iw == 0 || ih == 0 {
        return GrayImage::from_pixel(ow, oh, Luma([255]));
    }
    let (s, c) = angle.sin_cos();
    let raw = img.as_raw();
    let (mx, my) = ((iw - 1) as f32, (ih - 1) as f32);
    let mut out = vec![0u8; ow as usize * oh as usize];
    let (dx, dy) = (c / scale, s / scale);
    for (oy, row) in out.chunks_exact_mut(ow as usize).enumerate() {
        let u = 0.5 / scale - w / 2.0;
        let v = (oy as f32 + 0.5) / scale - h / 2.0;
        let mut sx = cx + u * c - v * s - 0.5;
        let mut sy = cy + u * s + v * c - 0.5;
        for o in row.iter_mut() {
            let (x, y) = (sx.clamp(0.0, mx), sy.clamp(0.0, my));
            let (x0, y0) = (x as usize, y as usize);
            let (fx, fy) = (x - x0 as f32, y - y0 as f32);
            let (x1, y1) = ((x0 + 1).min(iw - 1), (y0 + 1).min(ih - 1));
            let p = |xx: usize, yy: usize| f32::from(raw[yy * iw + xx]);
            let top = p(x0, y0) + (p(x1, y0) - p(x0, y0)) * fx;
            let bot = p(x0, y1) + (p(x1, y1) - p(x0, y1)) * fx;
            *o = (top + (bot - top) * fy + 0.5) as u8;
            sx += dx;
            sy += dy;
        }
    }
    GrayImage::from_raw(ow, oh, out).unwrap_or_else(|| GrayImage::from_pixel(1, 1, Luma([255])))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vertical bars of pseudo-random widths in a band tilted by `deg`
    /// degrees, centred at (300, 150) on a grey page.
    fn band(deg: f32) -> GrayImage {
        crate::image::test_scenes::tilted(600, 300, deg, |u, v| {
            let m = (u + 1000.0) as u32 / 3;
            let dark =
                u.abs() < 240.0 && v.abs() < 40.0 && (m.wrapping_mul(2_654_435_761) >> 29) & 1 == 1;
            if dark {
                25
            } else {
                215
            }
        })
    }

    fn bars(deg: f32) -> GrayImage {
        let (s, c) = deg.to_radians().sin_cos();
        GrayImage::from_fn(400, 200, |x, y| {
            let (dx, dy) = (x as f32 - 200.0, y as f32 - 100.0);
            let u = dx * c + dy * s;
            Luma([if ((u + 1000.0) as i32 / 4) % 2 == 0 {
                30
            } else {
                220
            }])
        })
    }

    #[test]
    fn straightening_levels_a_tilted_symbol() {
        for (deg, off) in [(3.0f32, 0.0f32), (-4.0, 12.0)] {
            let img = band(deg);
            // The locator's guess: 2° off and a little off-centre.
            let region = Region {
                cx: 300.0,
                cy: 150.0 + off,
                angle: (deg - 2.0).to_radians(),
                len: 520.0,
                thick: 110.0,
                elongation: 6.0,
            };
            let (crop, angle) = straighten(&img, &region, 1000.0);
            assert!(
                (angle.to_degrees() - deg).abs() < 0.5,
                "{deg}: {}",
                angle.to_degrees()
            );
            let fit = fit_rows(&crop).expect("band");
            assert!(fit.slope.abs() < 0.01, "{fit:?}");
            assert!(
                (fit.mid - crop.height() as f32 / 2.0).abs() < 4.0,
                "{fit:?}"
            );
            assert!((70.0..100.0).contains(&fit.thick), "{fit:?}");
        }
    }

    #[test]
    fn text_below_one_end_of_the_symbol_does_not_bend_the_rows() {
        // A level symbol, and lines of "text" (short dark dashes) under its
        // left half after a blank gap, as on a licence back.
        let img = GrayImage::from_fn(800, 240, |x, y| {
            let symbol = (60..740).contains(&x) && (40..120).contains(&y);
            let text = (60..400).contains(&x) && (150..200).contains(&y) && (y / 8) % 2 == 0;
            let dark =
                (symbol && (x.wrapping_mul(2_654_435_761) >> 29) & 1 == 1) || (text && x % 4 < 2);
            Luma([if dark { 25 } else { 215 }])
        });
        let fit = fit_rows(&img).expect("band");
        assert!(fit.slope.abs() < 0.01, "{fit:?}");
        assert!((fit.mid - 79.5).abs() < 3.0, "{fit:?}");
        assert!(busy_span(&[0, 9, 10, 9, 0, 0, 0, 0, 0, 0, 0, 0, 8], 10) == Some((1, 3)));
    }

    #[test]
    fn a_featureless_crop_has_no_rows() {
        assert!(fit_rows(&GrayImage::from_pixel(400, 100, Luma([200]))).is_none());
        assert!(fit_rows(&GrayImage::new(3, 3)).is_none());
    }

    #[test]
    fn sharpening_raises_contrast_and_keeps_size() {
        let soft = box_blur(&bars(0.0), 2);
        let sharp = sharpen(&soft, 2, 2.0);
        assert_eq!(sharp.dimensions(), soft.dimensions());
        let spread = |i: &GrayImage| {
            let v = i.as_raw();
            v.iter().max().copied().unwrap_or(0) - v.iter().min().copied().unwrap_or(0)
        };
        assert!(spread(&sharp) > spread(&soft));
        assert_eq!(box_blur(&GrayImage::new(0, 0), 2).dimensions(), (0, 0));
    }
}
