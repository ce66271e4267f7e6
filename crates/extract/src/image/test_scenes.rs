//! Synthetic scenes for the readers' unit tests: a pattern drawn in the
//! coordinates of a frame rotated about its centre, as a tilted photo shows it.

use image::{GrayImage, Luma};

/// A `w × h` image whose pixel at (x, y) is `paint(u, v)`, with (u, v) the
/// pixel's offset from the centre rotated by `-deg` (so a pattern drawn
/// level in (u, v) appears tilted by `deg`).
pub(crate) fn tilted(w: u32, h: u32, deg: f32, paint: impl Fn(f32, f32) -> u8) -> GrayImage {
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    GrayImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        Luma([paint(dx * c + dy * s, -dx * s + dy * c)])
    })
}
