//! A long surname (`ABERCROMBIE-MONTGOMERYSHIRE`) photographed: Tesseract
//! read each M as N, the templates slipped elsewhere, and the zone read as
//! one block garbled the name (`ABERCROMAic MONTGOMERYsHipe`), so the cell
//! vote between the engines had no printed word to choose. The zone read
//! levelled printed it whole; the names are now mended with the words of
//! every reading of the zone once the first alone did not do
//! (`mrz::names_mend`). The page is a dev pipeline case (`c285-name_variant`
//! of `scripts/gen-pipeline-corpus OUT --count 300 --seed 97 --split dev`).

mod common;

#[test]
fn names_are_mended_with_the_words_of_every_zone_reading() {
    let Some(d) = common::read_fixture("mrz_zone_words/c285-passport.jpg", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(
        d.last_name.as_deref(),
        Some("ABERCROMBIE MONTGOMERYSHIRE"),
        "{:?}",
        mrz.lines
    );
    assert_eq!(d.first_name.as_deref(), Some("MAXIMILIAN"));
    common::assert_sure(&d, &["first_name", "last_name"]);
}
