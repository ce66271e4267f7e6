//! A passport whose number opens with a letter of a digit's weight
//! (`G14246543`), its MRZ in a condensed monospace: Tesseract read the G as
//! 6, the OCR-B templates read the G (and garbled the rest), and the visual
//! zone prints `G14246543`. Every check digit holds either way. The zone
//! and one engine saw the letter where the prefix stands, so it is taken.
//! The page is a dev pipeline case (`c125-name_variant` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 211 --split dev`).

mod common;

#[test]
fn a_prefix_letter_seen_by_the_zone_and_one_engine_is_taken() {
    let Some(d) = common::read_fixture("mrz_prefix_letter/c125-clean.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some("G14246543"));
    assert_eq!(d.date_of_birth.as_deref(), Some("1989-09-28"));
    common::assert_sure(&d, &["document_number", "date_of_birth"]);
}
