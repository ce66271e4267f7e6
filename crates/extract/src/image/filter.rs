//! Linear filters shared by the readers: box blur and unsharp masking, both
//! linear in the pixel count whatever the radius (prefix sums).

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
