//! A licence back whose barcode is too blurred to decode is still known for
//! a back: its start and stop bars stand. Before, the extractor took such a
//! picture for the card's front and ran the front's OCR on it (160 ms of
//! Tesseract for nothing), and when the user had swapped the sides it never
//! read the real front at all.

mod common;
use colleckt_extract::barcode::{scan_pdf417, Pdf417Scan};
use colleckt_extract::image::decode;
use colleckt_extract::{extract, DocKind, ExtractInput, ExtractedData, Source};
use common::{corpus, unreadable_back};

/// A licence read from these pictures.
fn licence(front: &[u8], back: Option<&[u8]>) -> ExtractedData {
    extract(&ExtractInput {
        front,
        back,
        kind: Some(DocKind::DriverLicense),
    })
    .expect("extract")
}

fn has_note(got: &ExtractedData, note: &str) -> bool {
    got.notes.iter().any(|n| n == note)
}

fn scan(name: &str) -> Pdf417Scan {
    scan_bytes(&corpus(name))
}

fn scan_bytes(bytes: &[u8]) -> Pdf417Scan {
    scan_pdf417(&decode(bytes).expect("decode").gray)
}

#[test]
fn a_blurred_back_shows_a_symbol_that_does_not_decode() {
    let got = scan_bytes(&unreadable_back());
    assert!(matches!(got, Pdf417Scan::Unreadable), "{got:?}");
}

#[test]
fn pictures_without_a_symbol_are_never_taken_for_backs() {
    // Every picture of the committed corpus that holds no PDF417: passport
    // and TD1 pages (whose MRZ lines are long, busy bands), address pages,
    // and a licence front with its name, number and address lines.
    let m: Vec<serde_json::Value> =
        serde_json::from_slice(&corpus("expected.json")).expect("manifest");
    let mut names: Vec<String> = m
        .iter()
        .filter(|e| e["reader"] != "licence")
        .filter_map(|e| e["file"].as_str().map(str::to_string))
        .filter(|f| !f.ends_with(".pdf"))
        .collect();
    names.push("licence-front-photo-front.jpg".into());
    assert!(names.len() >= 15, "{names:?}");
    for name in names {
        let got = scan(&name);
        assert!(matches!(got, Pdf417Scan::Absent), "{name}: {got:?}");
    }
}

#[test]
fn a_lone_unreadable_back_is_not_read_as_a_front() {
    let got = licence(&unreadable_back(), None);
    assert!(has_note(&got, "barcode_unreadable"), "{:?}", got.notes);
    assert!(has_note(&got, "front_missing"), "{:?}", got.notes);
    assert!(!has_note(&got, "barcode_not_found"), "{:?}", got.notes);
    assert!(got.evidence.is_empty(), "{:?}", got.evidence);
}

#[test]
fn with_the_sides_swapped_the_picture_side_is_read() {
    if !colleckt_extract::ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return;
    }
    // The unreadable back sent as the front, the real front as the back.
    let (back, front) = (unreadable_back(), corpus("licence-front-photo-front.jpg"));
    let got = licence(&back, Some(&front));
    assert!(has_note(&got, "barcode_unreadable"), "{:?}", got.notes);
    let dob = got
        .evidence
        .get("date_of_birth")
        .expect("a date of birth read");
    assert_eq!(dob.source, Source::Ocr);
    // The same as the picture side gives when sent the right way round.
    let alone = licence(&front, None);
    assert!(alone.date_of_birth.is_some(), "{alone:?}");
    assert_eq!(got.date_of_birth, alone.date_of_birth);
    assert_eq!(got.expiry_date, alone.expiry_date);
}
