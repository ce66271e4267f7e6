//! A proof-of-address page photographed tilted, small in a 12 MP frame, on
//! a dark table, slightly out of focus: built here from the generated clean
//! render. Read as a whole frame scaled to 2400 px, its text was ~12 px high
//! and tilted, and neither the name nor the street came out; the reader now
//! levels the page's text block and reads it at full resolution.

mod common;
use colleckt_extract::{extract, DocKind, ExtractInput};
use common::corpus;
use image::{GrayImage, Luma};

/// The page rotated by `deg` about the centre of a 3000 × 4000 frame of
/// grey 60, bilinear, then blurred by a 3 × 3 box; PNG-encoded.
fn photograph(page: &GrayImage, deg: f32) -> Vec<u8> {
    let (s, c) = deg.to_radians().sin_cos();
    let (pw, ph) = (page.width() as f32, page.height() as f32);
    let frame = GrayImage::from_fn(3000, 4000, |x, y| {
        let (dx, dy) = (x as f32 - 1500.0, y as f32 - 2000.0);
        let u = dx * c + dy * s + pw / 2.0;
        let v = -dx * s + dy * c + ph / 2.0;
        if u < 0.0 || v < 0.0 || u >= pw - 1.0 || v >= ph - 1.0 {
            return Luma([60]);
        }
        let (x0, y0) = (u as u32, v as u32);
        let (fx, fy) = (u - x0 as f32, v - y0 as f32);
        let p = |x: u32, y: u32| f32::from(page.get_pixel(x, y)[0]);
        let top = p(x0, y0) * (1.0 - fx) + p(x0 + 1, y0) * fx;
        let bot = p(x0, y0 + 1) * (1.0 - fx) + p(x0 + 1, y0 + 1) * fx;
        Luma([(top * (1.0 - fy) + bot * fy) as u8])
    });
    let blurred = GrayImage::from_fn(3000, 4000, |x, y| {
        let mut sum = 0u32;
        for (dx, dy) in (0..9).map(|k| (k % 3, k / 3)) {
            let (sx, sy) = (
                (x + dx).saturating_sub(1).min(2999),
                (y + dy).saturating_sub(1).min(3999),
            );
            sum += u32::from(frame.get_pixel(sx, sy)[0]);
        }
        Luma([(sum / 9) as u8])
    });
    let mut png = Vec::new();
    blurred
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png
}

#[test]
fn a_tilted_page_small_in_the_frame_is_read() {
    if !colleckt_extract::ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return;
    }
    let page = image::load_from_memory(&corpus("address-000-clean.png"))
        .expect("page")
        .to_luma8();
    for deg in [-8.0f32, 6.0] {
        let got = extract(&ExtractInput {
            front: &photograph(&page, deg),
            back: None,
            kind: Some(DocKind::Lease),
        })
        .expect("extract");
        assert_eq!(
            got.last_name.as_deref(),
            Some("NGUYEN"),
            "{deg}°: {:?}",
            got.notes
        );
        let street = got.address.as_ref().and_then(|a| a.street.as_deref());
        assert_eq!(street, Some("55 OAK AVE APT 4"), "{deg}°");
    }
}
