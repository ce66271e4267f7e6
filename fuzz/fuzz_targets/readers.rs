//! The readers on any pixels: PDF417 location, straightening and decoding,
//! and MRZ location and template reading, on a grey image built from the
//! input (size from its first four bytes, pixels tiled from the rest) —
//! never a panic, bounded work. OCR is off so that each run stays fast; the
//! Tesseract calls get the same crops either way.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    std::env::set_var("COLLECKT_OCR", "off");
    if data.len() < 5 {
        return;
    }
    let w = 16 + u32::from(u16::from_le_bytes([data[0], data[1]])) % 1009;
    let h = 16 + u32::from(u16::from_le_bytes([data[2], data[3]])) % 1009;
    let px = &data[4..];
    let img = image::GrayImage::from_fn(w, h, |x, y| {
        image::Luma([px[((y * w + x) as usize) % px.len()]])
    });
    let _ = colleckt_extract::barcode::read_pdf417(&img);
    let _ = colleckt_extract::mrz::read_mrz(&img);
});
