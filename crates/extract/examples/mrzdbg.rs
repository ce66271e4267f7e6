//! Developer probe: dump located MRZ band crops and template reads.

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(img) = colleckt_extract::image::decode(&bytes) else {
            continue;
        };
        for (i, b) in colleckt_extract::mrz::locate(&img.gray).iter().enumerate() {
            let scale = (30.0 / b.line_height.max(1.0)).clamp(0.2, 4.0);
            let c = colleckt_extract::image::ops::sample_rotated(
                &img.gray, b.cx, b.cy, b.angle, b.width, b.height, scale,
            );
            let _ = c.save(format!("/tmp/xt/crop_{i}.png"));
            let n = if b.lines >= 3 { 30 } else { 44 };
            println!(
                "{path} band {i}: {b:?} -> {:?}",
                colleckt_extract::mrz::read_band(&c, b.lines, n)
            );
        }
    }
}
