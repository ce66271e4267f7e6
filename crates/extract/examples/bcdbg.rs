//! Developer probe: which barcode preprocessing variants decode.

use colleckt_extract::barcode::decode_raw;
use colleckt_extract::image::ops::{downscale_to, rotate_small};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(img) = colleckt_extract::image::decode(&bytes) else {
            continue;
        };
        let mut ok = Vec::new();
        for side in [1200u32, 1600, 2400, 3200] {
            let s = downscale_to(&img.gray, side);
            for ang in [0.0f32, -3.0, 3.0, -6.0, 6.0] {
                let r = if ang == 0.0 {
                    s.clone()
                } else {
                    rotate_small(&s, ang)
                };
                let t = std::time::Instant::now();
                let hit = decode_raw(&r, false).is_some();
                if hit {
                    ok.push(format!("{side}/{ang}:{:?}", t.elapsed()));
                }
            }
        }
        for f in [1.5f32, 2.0] {
            let (w, h) = img.gray.dimensions();
            let up = image::imageops::resize(
                &img.gray,
                (w as f32 * f) as u32,
                (h as f32 * f) as u32,
                image::imageops::FilterType::CatmullRom,
            );
            for g in [false, true] {
                let t = std::time::Instant::now();
                if decode_raw(&up, g).is_some() {
                    ok.push(format!("up{f}/{g}:{:?}", t.elapsed()));
                }
            }
        }
        println!("{path}: {ok:?}");
    }
}
