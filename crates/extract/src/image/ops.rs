//! Small grey-image operations the readers share: fast box downscaling,
//! cropping, rotation, Otsu thresholding.

use image::{GrayImage, Luma};

/// Downscale by an integer box filter so that the longest side is at most
/// `max_side`. Returns a copy when the image is already small enough.
pub fn downscale_to(img: &GrayImage, max_side: u32) -> GrayImage {
    let (w, h) = img.dimensions();
    let longest = w.max(h);
    if longest <= max_side || max_side == 0 {
        return img.clone();
    }
    let f = longest.div_ceil(max_side).max(1);
    downscale_by(img, f)
}

/// Downscale by an integer factor `f` (area average).
pub fn downscale_by(img: &GrayImage, f: u32) -> GrayImage {
    if f <= 1 {
        return img.clone();
    }
    let (w, h) = img.dimensions();
    let (nw, nh) = ((w / f).max(1), (h / f).max(1));
    let src = img.as_raw();
    let mut out = vec![0u8; (nw * nh) as usize];
    let mut acc = vec![0u32; nw as usize];
    let area = f * f;
    for oy in 0..nh {
        acc.iter_mut().for_each(|a| *a = 0);
        for dy in 0..f {
            let y = (oy * f + dy).min(h - 1);
            let row = &src[(y * w) as usize..((y + 1) * w) as usize];
            for (ox, a) in acc.iter_mut().enumerate() {
                let start = ox * f as usize;
                let end = (start + f as usize).min(row.len());
                *a += row[start..end].iter().map(|&v| u32::from(v)).sum::<u32>();
            }
        }
        let orow = &mut out[(oy * nw) as usize..((oy + 1) * nw) as usize];
        for (o, a) in orow.iter_mut().zip(&acc) {
            *o = (a / area) as u8;
        }
    }
    GrayImage::from_raw(nw, nh, out).unwrap_or_else(|| GrayImage::new(1, 1))
}

/// Crop a rectangle, clamped to the image.
pub fn crop(img: &GrayImage, x: u32, y: u32, w: u32, h: u32) -> GrayImage {
    let (iw, ih) = img.dimensions();
    let x = x.min(iw.saturating_sub(1));
    let y = y.min(ih.saturating_sub(1));
    let w = w.min(iw - x).max(1);
    let h = h.min(ih - y).max(1);
    image::imageops::crop_imm(img, x, y, w, h).to_image()
}

/// Rotate by a multiple of 90 degrees clockwise.
pub fn rotate(img: &GrayImage, quarter_turns: u32) -> GrayImage {
    match quarter_turns % 4 {
        1 => image::imageops::rotate90(img),
        2 => image::imageops::rotate180(img),
        3 => image::imageops::rotate270(img),
        _ => img.clone(),
    }
}

/// Rotate by a small angle (degrees, counter-clockwise positive) about the
/// centre, nearest neighbour, background white.
pub fn rotate_small(img: &GrayImage, degrees: f32) -> GrayImage {
    let (w, h) = img.dimensions();
    let (s, c) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    GrayImage::from_fn(w, h, |x, y| {
        let dx = x as f32 - cx;
        let dy = y as f32 - cy;
        let sx = c * dx - s * dy + cx;
        let sy = s * dx + c * dy + cy;
        if sx >= 0.0 && sy >= 0.0 && (sx as u32) < w && (sy as u32) < h {
            *img.get_pixel(sx as u32, sy as u32)
        } else {
            Luma([255])
        }
    })
}

/// Otsu's threshold over the whole image.
pub fn otsu(img: &GrayImage) -> u8 {
    let mut hist = [0u64; 256];
    for &p in img.as_raw() {
        hist[p as usize] += 1;
    }
    otsu_hist(&hist)
}

/// Otsu's threshold from a histogram.
pub fn otsu_hist(hist: &[u64; 256]) -> u8 {
    let total: u64 = hist.iter().sum();
    if total == 0 {
        return 128;
    }
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w_b, mut sum_b, mut best, mut best_t) = (0f64, 0f64, -1f64, 128u8);
    for (t, &c) in hist.iter().enumerate() {
        w_b += c as f64;
        if w_b == 0.0 {
            continue;
        }
        let w_f = total as f64 - w_b;
        if w_f == 0.0 {
            break;
        }
        sum_b += t as f64 * c as f64;
        let m_b = sum_b / w_b;
        let m_f = (sum_all - sum_b) / w_f;
        let between = w_b * w_f * (m_b - m_f) * (m_b - m_f);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t
}

/// Sample a rotated rectangle (centre `cx, cy`, `angle` radians, size `w x h`
/// in source pixels) into an upright image scaled by `scale`, bilinear; outside
/// the source the nearest edge pixel is repeated (a white fill would be
/// brighter than the paper, and per-region levels then take the paper next to
/// it for ink).
pub fn sample_rotated(
    img: &GrayImage,
    cx: f32,
    cy: f32,
    angle: f32,
    w: f32,
    h: f32,
    scale: f32,
) -> GrayImage {
    let (iw, ih) = img.dimensions();
    let ow = ((w * scale).round() as u32).clamp(1, 8000);
    let oh = ((h * scale).round() as u32).clamp(1, 4000);
    let (s, c) = angle.sin_cos();
    let raw = img.as_raw();
    let (mx, my) = (i64::from(iw.max(1)) - 1, i64::from(ih.max(1)) - 1);
    let px = |x: i64, y: i64| -> f32 {
        if raw.is_empty() {
            return 255.0;
        }
        let (x, y) = (x.clamp(0, mx), y.clamp(0, my));
        f32::from(raw[(y as usize) * (iw as usize) + x as usize])
    };
    GrayImage::from_fn(ow, oh, |ox, oy| {
        let u = (ox as f32 + 0.5) / scale - w / 2.0;
        let v = (oy as f32 + 0.5) / scale - h / 2.0;
        let sx = cx + u * c - v * s - 0.5;
        let sy = cy + u * s + v * c - 0.5;
        bilinear(&px, sx, sy)
    })
}

/// The bilinear blend of `px` (a pixel lookup that decides what lies
/// outside the image) at `(sx, sy)`, pixel centres at whole numbers.
pub fn bilinear(px: &impl Fn(i64, i64) -> f32, sx: f32, sy: f32) -> Luma<u8> {
    let (x0, y0) = (floor_i64(sx), floor_i64(sy));
    let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
    let top = px(x0, y0) * (1.0 - fx) + px(x0 + 1, y0) * fx;
    let bot = px(x0, y0 + 1) * (1.0 - fx) + px(x0 + 1, y0 + 1) * fx;
    Luma([round_u8(top * (1.0 - fy) + bot * fy)])
}

// The build targets baseline x86-64, which has no rounding instruction:
// `f32::floor` and `f32::round` are library calls, a tenth of an MRZ
// page's time in the band resampling. These give the same values.

/// `v.floor() as i64`.
fn floor_i64(v: f32) -> i64 {
    let t = v as i64;
    if (t as f32) > v {
        t - 1
    } else {
        t
    }
}

/// `v.round().clamp(0.0, 255.0) as u8` (halves away from zero).
fn round_u8(v: f32) -> u8 {
    let t = v as i64;
    let r = if v - t as f32 >= 0.5 {
        t.saturating_add(1)
    } else if v - t as f32 <= -0.5 {
        t.saturating_sub(1)
    } else {
        t
    };
    r.clamp(0, 255) as u8
}

/// Mark pixels darker than their local mean (window `2r+1`) by more than
/// `offset`: a cheap adaptive threshold for text.
pub fn dark_mask(img: &GrayImage, r: u32, offset: i32) -> Vec<bool> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let raw = img.as_raw();
    let mut integral = vec![0u64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u64;
        for x in 0..w {
            row += u64::from(raw[y * w + x]);
            integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
        }
    }
    let r = r as usize;
    let mut out = vec![false; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            let sum = integral[y1 * (w + 1) + x1] + integral[y0 * (w + 1) + x0]
                - integral[y0 * (w + 1) + x1]
                - integral[y1 * (w + 1) + x0];
            let n = ((y1 - y0) * (x1 - x0)) as i64;
            let mean = (sum as i64) / n.max(1);
            out[y * w + x] = i64::from(raw[y * w + x]) < mean - i64::from(offset);
        }
    }
    out
}

/// Text photographed tilted by more than this is levelled before it is
/// read: Tesseract's own line finding copes with a degree or so, and at
/// 8° a card's rows ran into one another (names and the number lost).
pub const MIN_LEVEL_DEG: f32 = 1.5;

/// `img` turned by `deg` degrees about its centre, into a box that holds
/// the whole turned picture (no corner cut off).
pub fn level(img: &GrayImage, deg: f32) -> GrayImage {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let (s, c) = deg.to_radians().sin_cos();
    let (bw, bh) = (w * c.abs() + h * s.abs(), w * s.abs() + h * c.abs());
    sample_rotated(img, w / 2.0, h / 2.0, deg.to_radians(), bw, bh, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_round_match_the_library() {
        let mut v = -300.0f32;
        while v < 300.0 {
            assert_eq!(floor_i64(v), v.floor() as i64, "{v}");
            assert_eq!(round_u8(v), v.round().clamp(0.0, 255.0) as u8, "{v}");
            v += 0.0625 + v.abs() * 1e-4;
        }
        for v in [
            0.5,
            1.5,
            254.5,
            255.5,
            -0.5,
            0.49999997,
            f32::NAN,
            1e30,
            -1e30,
        ] {
            assert_eq!(round_u8(v), v.round().clamp(0.0, 255.0) as u8, "{v}");
        }
    }

    #[test]
    fn downscale_averages() {
        let img = GrayImage::from_fn(8, 4, |x, _| Luma([if x % 2 == 0 { 0 } else { 200 }]));
        let d = downscale_by(&img, 2);
        assert_eq!(d.dimensions(), (4, 2));
        assert!(d.as_raw().iter().all(|&p| p == 100));
        assert_eq!(downscale_to(&img, 4).dimensions(), (4, 2));
    }

    #[test]
    fn crop_clamps() {
        let img = GrayImage::new(10, 10);
        assert_eq!(crop(&img, 8, 8, 100, 100).dimensions(), (2, 2));
        assert_eq!(crop(&img, 50, 50, 5, 5).dimensions(), (1, 1));
    }

    #[test]
    fn otsu_splits_two_levels() {
        let img = GrayImage::from_fn(10, 10, |x, _| Luma([if x < 5 { 20 } else { 220 }]));
        let t = otsu(&img);
        assert!((20..220).contains(&t));
    }
}
