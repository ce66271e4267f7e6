//! Pages photographed on their side: a phone held upright over a passport
//! lying across, or a picture whose EXIF orientation was lost when it was
//! re-encoded. The reader turned a band upside down itself but never a
//! quarter, so every such page gave `mrz_not_found` (0 of 248 dev pages,
//! `mrz` sources of `scripts/gen-extract-corpus OUT --split dev --only mrz
//! --count 8 --seed 2036`, photo variant, turned 90° either way).
//! The passport is in OCR-B: the templates place its MRZ on the turned
//! picture, and no Tesseract is spent on the upright one. The card is in
//! Hermit, an unseen font the templates cannot place either way: the way
//! whose picture shows an MRZ-long band, here the turned one, is read in
//! full first, and the other way not at all once that read holds.

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

/// Whether the locator finds an MRZ-long band on a fixture turned
/// `quarters` clockwise, where the templates place no MRZ.
fn mrz_band(path: &str, quarters: u32) -> bool {
    let bytes =
        std::fs::read(format!("{}/tests/{path}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
    let gray = image::load_from_memory(&bytes).expect("image").to_luma8();
    let gray = colleckt_extract::image::ops::rotate(&gray, quarters);
    match colleckt_extract::mrz::read::read_mrz_placed(&gray) {
        Ok(reads) => panic!(
            "the templates placed an MRZ: {:?}",
            reads.first().map(|r| &r.mrz.lines)
        ),
        Err(pass) => pass.has_mrz_band(),
    }
}

/// The band tells the reader which way to read first: the card on its side
/// shows none as given, and one turned a further quarter right, as the
/// reader turns a picture (upside down then, which the reader undoes).
#[test]
fn a_card_on_its_side_shows_its_mrz_band_only_turned() {
    assert!(!mrz_band("mrz_sideways/card-quarter-right.jpg", 0));
    assert!(mrz_band("mrz_sideways/card-quarter-right.jpg", 1));
}

/// A degraded card the right way up (dev hard draw, seed 3004, monofur):
/// its MRZ unreadable, its band found upright and not on its side, so the
/// reader does not read it again turned (0.7 s of Tesseract for nothing).
#[test]
fn a_degraded_upright_card_shows_its_mrz_band_only_upright() {
    assert!(mrz_band("mrz_sideways/degraded-upright.jpg", 0));
    assert!(!mrz_band("mrz_sideways/degraded-upright.jpg", 1));
}
