//! Pages photographed on their side: a phone held upright over a passport
//! lying across, or a picture whose EXIF orientation was lost when it was
//! re-encoded. The reader turned a band upside down itself but never a
//! quarter, so every such page gave `mrz_not_found` (0 of 248 dev pages,
//! `mrz` sources of `scripts/gen-extract-corpus OUT --split dev --only mrz
//! --count 8 --seed 2036`, photo variant, turned 90° either way).
//! The passport is in OCR-B: the templates place its MRZ on the turned
//! picture, and no Tesseract is spent on the upright one. The card is in
//! Hermit, an unseen font the templates cannot place either way: the
//! upright picture is read in full, then the turned one.

mod common;

fn assert_read(path: &str, kind: &str, number: &str, surname: &str, given: &str) {
    let Some(d) = common::read_fixture(path, kind) else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some(number));
    assert_eq!(d.last_name.as_deref(), Some(surname));
    assert_eq!(d.first_name.as_deref(), Some(given));
    common::assert_sure(&d, &["document_number", "last_name", "date_of_birth"]);
}

#[test]
fn a_passport_turned_a_quarter_left_is_read() {
    assert_read(
        "mrz_sideways/passport-quarter-left.jpg",
        "passport",
        "L45070632",
        "PATEL",
        "JOSE",
    );
}

#[test]
fn a_card_in_an_unseen_font_turned_a_quarter_right_is_read() {
    assert_read(
        "mrz_sideways/card-quarter-right.jpg",
        "passport_card",
        "Y54634065",
        "VAN DYKE",
        "ZOE",
    );
}
