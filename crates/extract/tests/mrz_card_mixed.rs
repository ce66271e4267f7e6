//! A passport card no single Tesseract pass read sound: three lost the
//! number's check digit, the half-scale pass lost the dates line's first
//! digit. The first line of one with the others of another holds every
//! check digit; the read is spent, so the zone must print its number.
//! The pictures are dev pipeline case `c202-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 233 --split dev`.

mod common;

#[test]
fn lines_of_two_passes_read_the_card() {
    let Some(d) = common::read_pair(
        "mrz_card_mixed/c202-front.png",
        "mrz_card_mixed/c202-back.png",
        "Passport Card",
    ) else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some("K28793963"));
    assert_eq!(d.date_of_birth.as_deref(), Some("2005-11-28"));
    common::assert_sure(&d, &["document_number", "date_of_birth", "expiry_date"]);
}
