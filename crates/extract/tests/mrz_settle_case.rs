//! A passport whose number's U prefix Tesseract read right, while the
//! visual zone's OCR printed the number as `a 94892157`. The U and an A
//! weigh alike in the check digit, and the lower-case `a` settled the
//! MRZ's U to A: the number came out wrong and unvouched, and a genuine
//! holder went to a reviewer. A lower-case letter now settles nothing
//! (numbers are printed in capitals). The page is a dev pipeline case
//! (`c225-name_variant` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 151 --split dev`).

mod common;

#[test]
fn a_lower_case_letter_in_the_zone_does_not_change_the_number() {
    let Some(d) = common::read_fixture("mrz_settle_case/s151-c225-passport.jpg", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some("U94892157"));
    common::assert_sure(&d, &["document_number", "last_name"]);
}
