//! A date each engine read with one slip, in different cells: Tesseract
//! read the birth date's 9 as G (`GO1113`, so `601113`), the templates read
//! its 3 as 0 (`901110`), and each check digit failed, so the page went to
//! a person though the visual zone prints `13.11.1990`. Where the two reads
//! of the band differ inside a failing field, the one choice of cells that
//! makes its digit hold is taken (`mrz::cells_vote`); the digit is then
//! spent, and the zone printing number and dates vouches for the read. The
//! page is a dev pipeline case (`c065-name_variant` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 79 --split dev`).

mod common;

#[test]
fn a_date_each_engine_slipped_in_is_mended_from_the_other() {
    let Some(d) = common::read_fixture("mrz_cells_vote/c065-passport.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.date_of_birth.as_deref(), Some("1990-11-13"));
    assert_eq!(d.document_number.as_deref(), Some("N70728711"));
    common::assert_sure(&d, &["date_of_birth", "document_number", "last_name"]);
}
