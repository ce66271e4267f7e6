//! Two-sided documents uploaded with their sides swapped: the widget cannot
//! make a user photograph the "front" first, so the reader must not care
//! which side came as which. A licence whose barcode side came as the front
//! still gives its barcode, and its picture side (sent as the back) still
//! cross-checks it; a passport card or permanent resident card whose MRZ side
//! came as the front still gives its MRZ.

mod common;
use colleckt_extract::{extract, DocKind, ExtractInput, ExtractedData, Source};
use common::{corpus, manifest_entry};
use serde_json::Value;

fn read(front: &[u8], back: &[u8], kind: Option<DocKind>) -> ExtractedData {
    extract(&ExtractInput {
        front,
        back: Some(back),
        kind,
    })
    .expect("extract")
}

/// The licence of `licence-front-photo-{front,back}.jpg` (a generated
/// front render and its PDF417 back, photographed).
fn assert_licence_read_and_cross_checked(got: &ExtractedData, what: &str) {
    assert!(got.barcode.is_some(), "{what}: no barcode: {:?}", got.notes);
    assert_eq!(
        got.evidence.get("last_name").map(|e| e.source),
        Some(Source::Barcode),
        "{what}"
    );
    if !colleckt_extract::ocr_available() {
        eprintln!("{what}: cross-check skipped: Tesseract not available");
        return;
    }
    // The cross-check ran on the picture side: every field it checks is
    // either confirmed by OCR or named in a `front_unconfirmed` note.
    let confirmed: Vec<&str> = [
        "first_name",
        "last_name",
        "document_number",
        "date_of_birth",
    ]
    .into_iter()
    .filter(|f| {
        got.evidence
            .get(*f)
            .is_some_and(|e| e.confirmed_by.contains(&Source::Ocr))
    })
    .collect();
    assert_eq!(
        confirmed.len(),
        4,
        "{what}: confirmed {confirmed:?}, notes {:?}",
        got.notes
    );
}

#[test]
fn licence_with_its_barcode_side_sent_as_the_front() {
    let face = corpus("licence-front-photo-front.jpg");
    let barcode = corpus("licence-front-photo-back.jpg");
    // The usual order first, so a failure below is about the order alone.
    let usual = read(&face, &barcode, Some(DocKind::DriverLicense));
    assert_licence_read_and_cross_checked(&usual, "usual order");
    for kind in [Some(DocKind::DriverLicense), Some(DocKind::IdCard), None] {
        let swapped = read(&barcode, &face, kind);
        assert_licence_read_and_cross_checked(&swapped, &format!("swapped, {kind:?}"));
        assert_eq!(swapped.last_name, usual.last_name);
        assert_eq!(swapped.document_number, usual.document_number);
        assert_eq!(swapped.date_of_birth, usual.date_of_birth);
    }
}

#[test]
fn card_with_its_mrz_side_sent_as_the_front() {
    if !colleckt_extract::ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return;
    }
    let mrz_side = corpus("td1-000-clean.png");
    // A card's picture side with no MRZ (a generated ID front render).
    let picture_side = corpus("licence-front-photo-front.jpg");
    let want = expected_fields("td1-000-clean.png");
    for kind in [
        Some(DocKind::PassportCard),
        Some(DocKind::PermanentResidentCard),
        None,
    ] {
        for (front, back, order) in [
            (&picture_side, &mrz_side, "usual"),
            (&mrz_side, &picture_side, "swapped"),
        ] {
            let got = read(front, back, kind);
            let mrz = got
                .mrz
                .as_ref()
                .unwrap_or_else(|| panic!("{order}, {kind:?}: no MRZ: {:?}", got.notes));
            assert!(mrz.checks_valid, "{order}, {kind:?}: {mrz:?}");
            for field in ["document_number", "last_name", "date_of_birth"] {
                let have = serde_json::to_value(&got).expect("json")[field].clone();
                assert_eq!(have, want[field], "{order}, {kind:?}: {field}");
            }
        }
    }
}

fn expected_fields(name: &str) -> Value {
    manifest_entry(name)["expected"].clone()
}

/// Neither picture reads with confidence: the better of the two unsure reads
/// is kept, whichever picture came first. (Two different documents' hard
/// photos stand in for a card's two sides: `td1-000-hard.jpg` stood in
/// until its MRZ read with every check digit holding.) "Better" is what
/// each picture gives alone: the read with the most check digits holding
/// (on a tie, either).
#[test]
fn of_two_unsure_mrz_reads_the_better_is_kept() {
    let a = corpus("passport-001-hard.jpg");
    let b = corpus("td1-001-hard.jpg");
    let alone = |x: &[u8]| {
        extract(&ExtractInput {
            front: x,
            back: None,
            kind: Some(DocKind::PassportCard),
        })
        .expect("extract")
    };
    let holding = |d: &ExtractedData| {
        d.evidence
            .values()
            .filter(|e| e.check_digit_valid == Some(true))
            .count()
    };
    let (ra, rb) = (alone(&a), alone(&b));
    for r in [&ra, &rb] {
        assert!(
            r.mrz.as_ref().is_some_and(|m| !m.checks_valid),
            "{:?}",
            r.mrz
        );
    }
    let best = holding(&ra).max(holding(&rb));
    for (front, back, order) in [(&a, &b, "a first"), (&b, &a, "b first")] {
        let out = read(front, back, Some(DocKind::PassportCard));
        assert!(
            out.mrz.as_ref().is_some_and(|m| !m.checks_valid),
            "{order}: {:?}",
            out.mrz
        );
        // One picture's read, whole (not a mix of the two), and one with
        // the most check digits holding.
        let from = [&ra, &rb].into_iter().find(|r| {
            r.document_number == out.document_number && r.date_of_birth == out.date_of_birth
        });
        assert!(from.is_some(), "{order}: {out:?}");
        assert_eq!(holding(&out), best, "{order}: {out:?}");
    }
}
