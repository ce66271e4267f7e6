//! A names line Tesseract read with a letter inserted (`SITOBHAN` for
//! `SIOBHAN`), mended by the two other readings of the page: the visual
//! zone prints `SIOBHAN`, and the template read, whose letters slip in this
//! unseen font, cuts the given name into seven cells (`mrz/names_shape.rs`).
//! The page is a dev pipeline case (`c021-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 200 --seed 11 --split dev`).
//! Before the mend its names came out at confidence 0.5: the verification
//! went to a person although every field had been read.

mod common;

#[test]
fn an_inserted_letter_in_the_names_line_is_mended_by_the_zone_and_the_template_cells() {
    let Some(d) = common::read_fixture("mrz_names_shape/c021-passport.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some("D15695376"));
    assert_eq!(d.last_name.as_deref(), Some("THORNBURY"));
    assert_eq!(d.first_name.as_deref(), Some("SIOBHAN"));
    assert_eq!(d.middle_name.as_deref(), Some("LEE"));
    let conf = |k: &str| d.evidence.get(k).map_or(0.0, |e| e.confidence);
    for k in ["first_name", "last_name"] {
        assert!(conf(k) >= 0.9, "{k}: {:?} {:?}", d.evidence.get(k), d.notes);
    }
}
