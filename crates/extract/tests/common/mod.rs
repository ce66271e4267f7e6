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
    read_sides(path, None, kind)
}

/// A card's two pictures under `tests/` (`dir/file` each), read as
/// [`read_fixture`] reads one.
pub fn read_pair(front: &str, back: &str, kind: &str) -> Option<colleckt_extract::ExtractedData> {
    read_sides(front, Some(back), kind)
}

fn read_sides(
    front: &str,
    back: Option<&str>,
    kind: &str,
) -> Option<colleckt_extract::ExtractedData> {
    if !colleckt_extract::ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return None;
    }
    let read = |p: &str| {
        std::fs::read(format!("{}/tests/{p}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
    };
    let (front, back) = (read(front), back.map(read));
    let d = colleckt_extract::extract(&colleckt_extract::ExtractInput {
        front: &front,
        back: back.as_deref(),
        kind: colleckt_extract::DocKind::from_name(kind),
    })
    .expect("extract");
    colleckt_extract::ocr::release();
    Some(d)
}

/// Each of `fields` vouched for: evidence at confidence 0.9 or more.
pub fn assert_sure(d: &colleckt_extract::ExtractedData, fields: &[&str]) {
    for k in fields {
        let conf = d.evidence.get(*k).map_or(0.0, |e| e.confidence);
        assert!(conf >= 0.9, "{k}: {:?} {:?}", d.evidence.get(*k), d.notes);
    }
}

/// The front confirms every barcode field it is checked against: no
/// `front_unconfirmed` note, and OCR among each field's sources.
pub fn assert_front_confirms(d: &colleckt_extract::ExtractedData) {
    let unconfirmed: Vec<&String> = d
        .notes
        .iter()
        .filter(|n| n.starts_with("front_unconfirmed"))
        .collect();
    assert!(unconfirmed.is_empty(), "{unconfirmed:?}");
    for field in [
        "first_name",
        "last_name",
        "document_number",
        "date_of_birth",
    ] {
        let e = d.evidence.get(field).expect(field);
        assert!(
            e.confirmed_by.contains(&colleckt_extract::Source::Ocr),
            "{field}: {e:?}"
        );
    }
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
