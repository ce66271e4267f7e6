//! Finding the PDF417 symbol in a photo: the densest region of strong
//! horizontal gradients (bars and spaces), as a rectangle in source pixels.

use image::GrayImage;

use crate::image::ops::downscale_to;

const WORK_SIDE: u32 = 800;

/// Candidate barcode rectangles (x, y, w, h) in source pixels, best first.
pub fn locate(img: &GrayImage) -> Vec<(u32, u32, u32, u32)> {
    let small = downscale_to(img, WORK_SIDE);
    let f = img.width() as f32 / small.width().max(1) as f32;
    let (w, h) = (small.width() as usize, small.height() as usize);
    if w < 32 || h < 32 {
        return Vec::new();
    }
    let p = small.as_raw();
    // Horizontal gradient energy, box-summed over a window.
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
    if max < 8.0 {
        return Vec::new();
    }
    let mask: Vec<bool> = energy.iter().map(|&e| e > max * 0.45).collect();
    let mut seen = vec![false; w * h];
    let mut boxes: Vec<(usize, (usize, usize, usize, usize))> = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut n, mut x0, mut y0, mut x1, mut y1) = (0usize, w, h, 0usize, 0usize);
        while let Some(q) = stack.pop() {
            let (x, y) = (q % w, q / w);
            n += 1;
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
            let mut push = |r: usize| {
                if mask[r] && !seen[r] {
                    seen[r] = true;
                    stack.push(r);
                }
            };
            if x > 0 {
                push(q - 1);
            }
            if x + 1 < w {
                push(q + 1);
            }
            if y > 0 {
                push(q - w);
            }
            if y + 1 < h {
                push(q + w);
            }
        }
        boxes.push((n, (x0, y0, x1, y1)));
    }
    boxes.sort_by_key(|b| std::cmp::Reverse(b.0));
    boxes
        .into_iter()
        .take(2)
        .filter(|(n, _)| *n >= 200)
        .map(|(_, (x0, y0, x1, y1))| {
            // Margin: a quarter of the height, and 6 % of the width, each side.
            let (bw, bh) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
            let mx = bw * 0.06 + bh * 0.25;
            let my = bh * 0.35;
            let x = ((x0 as f32 - mx).max(0.0) * f) as u32;
            let y = ((y0 as f32 - my).max(0.0) * f) as u32;
            let xe = (((x1 as f32 + 1.0 + mx) * f) as u32).min(img.width());
            let ye = (((y1 as f32 + 1.0 + my) * f) as u32).min(img.height());
            (
                x,
                y,
                xe.saturating_sub(x).max(1),
                ye.saturating_sub(y).max(1),
            )
        })
        .collect()
}
