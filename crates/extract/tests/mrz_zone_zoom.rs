//! A visual zone whose number Tesseract reads at one scale and not at
//! another: the page prints `L02432045` in a bold serif face, and read at
//! the zone's usual scale (MRZ-sized capitals) the leading L comes out as
//! 1, every time. L and 1 weigh alike in every check digit, so a zone
//! printing `102432045` cannot confirm Tesseract's `L02432045`, and the
//! page went to a person with every field right. A zone that leaves the
//! read undecided is read once more at twice the scale (`L.02432045`).
//! The page is a dev file of the extraction corpus (`mrz-hermit-003-clean`
//! of `scripts/gen-extract-corpus OUT --split dev --only mrz --count 20`).

mod common;

#[test]
fn a_zone_read_again_larger_prints_the_numbers_leading_l() {
    let Some(d) = common::read_fixture("mrz_zone_zoom/hermit-003.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some("L02432045"));
    common::assert_sure(&d, &["document_number"]);
}
