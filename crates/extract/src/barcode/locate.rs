//! Finding the PDF417 symbol in a photo: the densest region of strong
//! horizontal gradients (bars and spaces) on a downscaled view, with its
//! orientation (principal axis of the region) so the reader can straighten
//! it. A photographed symbol tilted by a few degrees is what defeats the
//! decoder: its rows are only three modules high, so a scan line along a
//! tilted row crosses into the next one.

use image::GrayImage;

use crate::image::ops::downscale_to;

const WORK_SIDE: u32 = 800;
/// Regions smaller than this many work pixels are noise, not a symbol.
const MIN_PIXELS: usize = 200;
/// At most this many regions are returned: the work per image stays bounded
/// whatever the picture shows.
const MAX_REGIONS: usize = 2;

/// A located symbol: a rotated rectangle in source pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// Centre x (source pixels).
    pub cx: f32,
    /// Centre y.
    pub cy: f32,
    /// Direction of the rows (radians, clockwise in image coordinates).
    pub angle: f32,
    /// Extent along the rows, margins included.
    pub len: f32,
    /// Extent across the rows, margins included.
    pub thick: f32,
    /// `len / thick` of the bare region: a PDF417 is a long band (≥ 2:1).
    pub elongation: f32,
}

impl Region {
    /// The axis-aligned box around the region (x, y, w, h), clamped to
    /// `width × height`.
    pub fn bbox(&self, width: u32, height: u32) -> (u32, u32, u32, u32) {
        let (s, c) = self.angle.sin_cos();
        let hx = (c * self.len).abs() / 2.0 + (s * self.thick).abs() / 2.0;
        let hy = (s * self.len).abs() / 2.0 + (c * self.thick).abs() / 2.0;
        let x0 = (self.cx - hx).max(0.0) as u32;
        let y0 = (self.cy - hy).max(0.0) as u32;
        let x1 = ((self.cx + hx).max(0.0) as u32).min(width);
        let y1 = ((self.cy + hy).max(0.0) as u32).min(height);
        (
            x0.min(width),
            y0.min(height),
            x1.saturating_sub(x0).max(1),
            y1.saturating_sub(y0).max(1),
        )
    }
}

/// Candidate barcode regions, largest first (at most [`MAX_REGIONS`]).
pub fn locate(img: &GrayImage) -> Vec<Region> {
    let small = downscale_to(img, WORK_SIDE);
    let f = img.width() as f32 / small.width().max(1) as f32;
    let (w, h) = (small.width() as usize, small.height() as usize);
    if w < 32 || h < 32 {
        return Vec::new();
    }
    let (energy, max) = energy(small.as_raw(), w, h);
    if max < 8.0 {
        return Vec::new();
    }
    let mask: Vec<bool> = energy.iter().map(|&e| e > max * 0.45).collect();
    let mut blobs = components(&mask, w, h);
    blobs.sort_by_key(|b| std::cmp::Reverse(b.n));
    blobs
        .into_iter()
        .take(MAX_REGIONS)
        .filter(|b| b.n >= MIN_PIXELS)
        .map(|b| b.region(f, w, h))
        .collect()
}

/// Mean horizontal gradient magnitude over a window of about 1/40 of the
/// view around each pixel (integral image: linear in the pixel count).
fn energy(p: &[u8], w: usize, h: usize) -> (Vec<f32>, f32) {
    let mut integral = vec![0u32; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u32;
        for x in 0..w {
            let g = if x + 1 < w {
                u32::from(p[y * w + x].abs_diff(p[y * w + x + 1]))
            } else {
                0
            };
            row += g;
            integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
        }
    }
    let (rx, ry) = ((w / 40).max(3), (h / 40).max(3));
    let mut energy = vec![0f32; w * h];
    let mut max = 0f32;
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(ry), (y + ry + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(rx), (x + rx + 1).min(w));
            let s = integral[y1 * (w + 1) + x1] + integral[y0 * (w + 1) + x0]
                - integral[y0 * (w + 1) + x1]
                - integral[y1 * (w + 1) + x0];
            let e = s as f32 / ((y1 - y0) * (x1 - x0)) as f32;
            energy[y * w + x] = e;
            max = max.max(e);
        }
    }
    (energy, max)
}

/// A connected region of the mask with its coordinate moments.
struct Blob {
    n: usize,
    sx: f64,
    sy: f64,
    sxx: f64,
    syy: f64,
    sxy: f64,
    pixels: Vec<(u32, u32)>,
}

impl Blob {
    /// The rotated rectangle: principal axis of the pixels, extents along
    /// and across it, in source pixels, with margins for the quiet zone and
    /// the window the energy was smeared over.
    fn region(&self, f: f32, w: usize, h: usize) -> Region {
        let n = self.n as f64;
        let (mx, my) = (self.sx / n, self.sy / n);
        let cxx = self.sxx / n - mx * mx;
        let cyy = self.syy / n - my * my;
        let cxy = self.sxy / n - mx * my;
        let mut angle = (0.5 * (2.0 * cxy).atan2(cxx - cyy)) as f32;
        // Rows run left to right: keep the axis within ±45° of horizontal
        // (the locator only sees vertical bars anyway).
        if angle > std::f32::consts::FRAC_PI_4 {
            angle -= std::f32::consts::FRAC_PI_2;
        } else if angle < -std::f32::consts::FRAC_PI_4 {
            angle += std::f32::consts::FRAC_PI_2;
        }
        let (s, c) = angle.sin_cos();
        let (mut u0, mut u1, mut v0, mut v1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for &(x, y) in &self.pixels {
            let (dx, dy) = (x as f32 - mx as f32, y as f32 - my as f32);
            let u = dx * c + dy * s;
            let v = -dx * s + dy * c;
            u0 = u0.min(u);
            u1 = u1.max(u);
            v0 = v0.min(v);
            v1 = v1.max(v);
        }
        let (bl, bt) = (u1 - u0 + 1.0, v1 - v0 + 1.0);
        // The mask is the symbol dilated by the energy window; the margins
        // add a quiet zone back so the start and stop patterns are whole.
        let (rx, ry) = ((w / 40).max(3) as f32, (h / 40).max(3) as f32);
        let len = bl + bl * 0.08 + bt * 0.5;
        let thick = bt + bt * 0.5;
        let (ucen, vcen) = ((u0 + u1) / 2.0, (v0 + v1) / 2.0);
        let cx = mx as f32 + ucen * c - vcen * s;
        let cy = my as f32 + ucen * s + vcen * c;
        Region {
            cx: (cx + 0.5) * f,
            cy: (cy + 0.5) * f,
            angle,
            len: len * f,
            thick: thick * f,
            elongation: (bl - 2.0 * rx).max(1.0) / (bt - 2.0 * ry).max(1.0),
        }
    }
}

fn components(mask: &[bool], w: usize, h: usize) -> Vec<Blob> {
    let mut blobs = Vec::new();
    crate::image::components::for_each_component(mask, w, h, |pixels| {
        let mut b = Blob {
            n: 0,
            sx: 0.0,
            sy: 0.0,
            sxx: 0.0,
            syy: 0.0,
            sxy: 0.0,
            pixels: Vec::with_capacity(pixels.len()),
        };
        for &q in pixels {
            let (x, y) = (q % w, q / w);
            let (fx, fy) = (x as f64, y as f64);
            b.n += 1;
            b.sx += fx;
            b.sy += fy;
            b.sxx += fx * fx;
            b.syy += fy * fy;
            b.sxy += fx * fy;
            b.pixels.push((x as u32, y as u32));
        }
        blobs.push(b);
    });
    blobs
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// Vertical bars in a band tilted by `deg` degrees on a grey page.
    fn tilted_band(deg: f32) -> GrayImage {
        crate::image::test_scenes::tilted(1200, 800, deg, |u, v| {
            let inside = u.abs() < 400.0 && v.abs() < 80.0;
            let bar = ((u + 400.0) as i32 / 5) % 3 == 0;
            if inside && bar {
                20
            } else {
                210
            }
        })
    }

    #[test]
    fn finds_the_band_and_its_tilt() {
        for deg in [-8.0f32, 0.0, 5.0] {
            let r = locate(&tilted_band(deg));
            let r = r.first().expect("a region");
            assert!(
                (r.angle.to_degrees() - deg).abs() < 1.0,
                "{deg}: {}",
                r.angle.to_degrees()
            );
            assert!((r.cx - 600.0).abs() < 30.0 && (r.cy - 400.0).abs() < 30.0);
            assert!(r.len > 800.0 && r.thick > 160.0, "{r:?}");
            assert!(r.elongation > 2.0, "{r:?}");
        }
    }

    #[test]
    fn flat_or_tiny_images_have_no_region() {
        assert!(locate(&GrayImage::from_pixel(900, 600, Luma([128]))).is_empty());
        assert!(locate(&GrayImage::new(10, 10)).is_empty());
    }
}
