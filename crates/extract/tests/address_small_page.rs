//! A policy page small in a dim, blurred photo: its text block, levelled at
//! full resolution, has body text about 8 px high, and Tesseract read the
//! name but not the street. Enlarged twice, the block reads. The page is
//! `address-dev-009-hard.jpg` of `scripts/gen-extract-corpus OUT --split dev
//! --only address --count 60 --seed 2036`.

use colleckt_extract::{extract, DocKind, ExtractInput};

#[test]
fn a_page_small_in_a_blurred_photo_is_read_enlarged() {
    if !colleckt_extract::ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return;
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/address_small_page/policy-009-hard.jpg"
    );
    let bytes = std::fs::read(path).expect("fixture");
    let got = extract(&ExtractInput {
        front: &bytes,
        back: None,
        kind: Some(DocKind::HomeInsurancePolicy),
    })
    .expect("extract");
    assert_eq!(
        got.last_name.as_deref(),
        Some("RODRIGUEZ"),
        "{:?}",
        got.notes
    );
    let street = got.address.as_ref().and_then(|a| a.street.as_deref());
    assert_eq!(street, Some("55 OAK AVE APT 4"));
    let zip = got.address.as_ref().and_then(|a| a.postal_code.as_deref());
    assert_eq!(zip, Some("41383"));
}
