//! Filters shared by the readers: box blur and unsharp masking, both linear
//! in the pixel count whatever the radius (prefix sums), and a grey-level
//! top-hat that flattens the ground under dark text.

use image::{GrayImage, Luma};

/// Unsharp mask: `img + amount · (img − blur(img))`, the blur a box of
/// radius `r` applied twice (close to a Gaussian). Restores some of the
/// contrast a defocused or shaken photo took from one-module bars.
pub fn sharpen(img: &GrayImage, r: u32, amount: f32) -> GrayImage {
    let blurred = box_blur(&box_blur(img, r), r);
    let (w, h) = img.dimensions();
    let (a, b) = (img.as_raw(), blurred.as_raw());
    let out: Vec<u8> = a
        .iter()
        .zip(b)
        .map(|(&p, &q)| {
            let v = f32::from(p) + amount * (f32::from(p) - f32::from(q));
            v.round().clamp(0.0, 255.0) as u8
        })
        .collect();
    GrayImage::from_raw(w, h, out).unwrap_or_else(|| img.clone())
}

/// Separable box blur of radius `r` (edges clamped), linear in the pixels.
pub fn box_blur(img: &GrayImage, r: u32) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w == 0 || h == 0 || r == 0 {
        return img.clone();
    }
    let r = r as usize;
    let src = img.as_raw();
    let mut tmp = vec![0u8; w * h];
    let mut line = vec![0u32; w.max(h) + 1];
    // Horizontal pass, through a prefix sum of each row.
    for y in 0..h {
        let row = &src[y * w..(y + 1) * w];
        line[0] = 0;
        for (x, &v) in row.iter().enumerate() {
            line[x + 1] = line[x] + u32::from(v);
        }
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            tmp[y * w + x] = ((line[x1] - line[x0]) / (x1 - x0) as u32) as u8;
        }
    }
    let mut out = vec![0u8; w * h];
    for x in 0..w {
        line[0] = 0;
        for y in 0..h {
            line[y + 1] = line[y] + u32::from(tmp[y * w + x]);
        }
        for y in 0..h {
            let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
            out[y * w + x] = ((line[y1] - line[y0]) / (y1 - y0) as u32) as u8;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out)
        .unwrap_or_else(|| GrayImage::from_pixel(1, 1, Luma([255])))
}

/// Dark strokes on an even white ground: the black top-hat (grey closing,
/// a square of radius `r`, minus the image), inverted and stretched to its
/// 99th percentile. Strokes thinner than the square stay; shading, glare
/// and gradients wider than it go. `r` must exceed the stroke width.
pub fn black_tophat_text(img: &GrayImage, r: u32) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w == 0 || h == 0 || r == 0 {
        return img.clone();
    }
    let src = img.as_raw();
    let closed = closing(src, w, h, r as usize);
    let hat: Vec<u8> = closed
        .iter()
        .zip(src)
        .map(|(&c, &p)| c.saturating_sub(p))
        .collect();
    let mut sorted = hat.clone();
    sorted.sort_unstable();
    let top = f32::from(sorted[sorted.len() * 99 / 100].max(16));
    let out = hat
        .iter()
        .map(|&t| 255 - ((f32::from(t) / top).min(1.0) * 255.0) as u8)
        .collect();
    GrayImage::from_raw(w as u32, h as u32, out).unwrap_or_else(|| img.clone())
}

/// Dark strokes on an unevenly lit ground: each pixel divided by the
/// ground around it (grey closing, a square of radius `r`, which fills
/// strokes narrower than the square), so a shadow or a glare across a
/// line leaves the ground white and the strokes as dark, relative to it,
/// as in the light. Unlike [`black_tophat_text`], strokes keep their
/// shape and relative shade: only the light is taken out. `r` must exceed
/// the stroke width.
pub fn flatten_light(img: &GrayImage, r: u32) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w == 0 || h == 0 || r == 0 {
        return img.clone();
    }
    let src = img.as_raw();
    // Closing, then a blur as wide so the ground estimate has no steps.
    let closed = closing(src, w, h, r as usize);
    let closed = GrayImage::from_raw(w as u32, h as u32, closed).unwrap_or_else(|| img.clone());
    let ground = box_blur(&closed, r);
    let out = src
        .iter()
        .zip(ground.as_raw())
        .map(|(&p, &g)| (u32::from(p) * 255 / u32::from(g.max(p).max(1))) as u8)
        .collect();
    GrayImage::from_raw(w as u32, h as u32, out).unwrap_or_else(|| img.clone())
}

/// Grey closing by a square of radius `r`: dark features narrower than
/// the square filled with the ground around them.
fn closing(src: &[u8], w: usize, h: usize, r: usize) -> Vec<u8> {
    let square = |img: &[u8], pick: fn(u8, u8) -> u8| {
        extreme(&extreme(img, w, h, r, true, pick), w, h, r, false, pick)
    };
    square(&square(src, u8::max), u8::min)
}

/// A running max or min (`pick`) over a window of radius `r` along rows
/// (`horizontal`) or columns, edges clamped.
fn extreme(
    src: &[u8],
    w: usize,
    h: usize,
    r: usize,
    horizontal: bool,
    pick: fn(u8, u8) -> u8,
) -> Vec<u8> {
    let mut out = vec![0u8; w * h];
    let (outer, inner) = if horizontal { (h, w) } else { (w, h) };
    let at = |o: usize, i: usize| if horizontal { o * w + i } else { i * w + o };
    for o in 0..outer {
        for i in 0..inner {
            let (a, b) = (i.saturating_sub(r), (i + r + 1).min(inner));
            out[at(o, i)] = (a..b).map(|j| src[at(o, j)]).reduce(pick).unwrap_or(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_hat_keeps_strokes_and_drops_shading() {
        // A left-to-right shadow (60 to 230) with a 3-pixel dark bar at x 20.
        let img = GrayImage::from_fn(60, 30, |x, _| {
            let ground = 60 + x * 170 / 59;
            Luma([if (20..23).contains(&x) {
                (ground as u8).saturating_sub(50)
            } else {
                ground as u8
            }])
        });
        let out = black_tophat_text(&img, 5);
        // The ground is even white, darkest shadow included; the bar is dark.
        // (Within `r` of the image's edge a ramp is not flattened: the
        // window there sees one side only.)
        for x in [6u32, 12, 30, 40, 53] {
            assert!(
                out.get_pixel(x, 15)[0] >= 240,
                "x={x}: {}",
                out.get_pixel(x, 15)[0]
            );
        }
        assert!(
            out.get_pixel(21, 15)[0] <= 30,
            "{}",
            out.get_pixel(21, 15)[0]
        );
    }

    #[test]
    fn flattened_light_keeps_a_stroke_as_dark_as_its_ground_makes_it() {
        // A left-to-right shadow (70 to 230) with 3-pixel bars at half
        // their ground's brightness, one in the shade and one in the light.
        let img = GrayImage::from_fn(120, 40, |x, _| {
            let ground = 70 + x * 160 / 119;
            Luma([if (30..33).contains(&x) || (90..93).contains(&x) {
                (ground / 2) as u8
            } else {
                ground as u8
            }])
        });
        let out = flatten_light(&img, 12);
        // The ground is white, in the shade as in the light.
        for x in [10u32, 50, 70, 110] {
            assert!(
                out.get_pixel(x, 20)[0] >= 235,
                "x={x}: {}",
                out.get_pixel(x, 20)[0]
            );
        }
        // Both bars come out alike: about half the white.
        let (a, b) = (out.get_pixel(31, 20)[0], out.get_pixel(91, 20)[0]);
        assert!(
            (100..=150).contains(&a) && (100..=150).contains(&b),
            "{a} {b}"
        );
        assert!(a.abs_diff(b) <= 12, "{a} {b}");
    }
}
