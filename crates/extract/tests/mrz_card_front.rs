//! A passport card whose back prints its number in the visual zone just
//! above the MRZ: the first MRZ line touches it, and the band's crop takes
//! it, so the back's zone shows names and dates but no number. The card's
//! front prints the number; it is read when the back's zone leaves the read
//! undecided, not only when it lacks the names. The pictures are a dev
//! pipeline case (`c242-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 29 --split dev`).

use colleckt_extract::{extract, ocr, ocr_available, DocKind, ExtractInput};

fn fixture(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mrz_card_front/");
    std::fs::read(format!("{dir}{name}")).expect("fixture")
}

#[test]
fn the_front_confirms_a_number_the_back_zone_does_not_print() {
    if !ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return;
    }
    let (front, back) = (fixture("c242-front.png"), fixture("c242-back.png"));
    let d = extract(&ExtractInput {
        front: &front,
        back: Some(&back),
        kind: DocKind::from_name("Passport Card"),
    })
    .expect("extract");
    ocr::release();
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some("G79478789"));
    assert_eq!(d.last_name.as_deref(), Some("PUBLIC"));
    assert_eq!(d.first_name.as_deref(), Some("KAITO"));
    // The optional data's fillers, read as K after the number, are fillers.
    assert!(
        mrz.lines[0][15..].bytes().all(|c| c == b'<'),
        "{:?}",
        mrz.lines
    );
    let conf = |k: &str| d.evidence.get(k).map_or(0.0, |e| e.confidence);
    for k in ["first_name", "last_name", "document_number"] {
        assert!(conf(k) >= 0.9, "{k}: {:?} {:?}", d.evidence.get(k), d.notes);
    }
}
