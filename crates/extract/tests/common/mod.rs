//! What the integration tests share: the committed corpus under
//! `tests/corpus` and its manifest, `expected.json`.
#![allow(dead_code)] // each test crate uses its own part of this module

use serde_json::Value;

/// The bytes of a committed corpus file.
pub fn corpus(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/");
    std::fs::read(format!("{dir}{name}")).expect("corpus file")
}

/// The manifest entry of a corpus file: `{file, reader, variant, expected, …}`.
pub fn manifest_entry(name: &str) -> Value {
    let m: Vec<Value> = serde_json::from_slice(&corpus("expected.json")).expect("manifest");
    m.into_iter()
        .find(|e| e["file"] == name)
        .expect("manifest entry")
}

/// A one-page fixture under `tests/` (`dir/file`) read as `kind` declares,
/// with Tesseract released after; None (the caller skips) without
/// Tesseract, which these pages need.
pub fn read_fixture(path: &str, kind: &str) -> Option<colleckt_extract::ExtractedData> {
    if !colleckt_extract::ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return None;
    }
    let full = format!("{}/tests/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(full).expect("fixture");
    let d = colleckt_extract::extract(&colleckt_extract::ExtractInput {
        front: &bytes,
        back: None,
        kind: colleckt_extract::DocKind::from_name(kind),
    })
    .expect("extract");
    colleckt_extract::ocr::release();
    Some(d)
}

/// A hard licence back of the corpus, blurred further: the reader's
/// perspective resampling (`barcode/quad.rs`) decodes the corpus file
/// itself now.
pub fn unreadable_back() -> Vec<u8> {
    let img = image::load_from_memory(&corpus("licence-000-hard.jpg")).expect("decode");
    let blurred = image::imageops::blur(&img.to_luma8(), BLUR_SIGMA);
    let mut png = Vec::new();
    blurred
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("encode");
    png
}
const BLUR_SIGMA: f32 = 2.5;
