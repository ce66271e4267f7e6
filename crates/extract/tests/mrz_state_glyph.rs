//! A J in the issuing state read as two glyphs (`P<JIPNPATEL` for
//! `P<JPNPATEL`) on a names line whose fillers Tesseract also lost, so the
//! line came out of the right length and nothing said a glyph was doubled.
//! The state code named no state and the surname read `NPATEL`. With one
//! cell of the code dropped, the code names a state and the surname is the
//! word the visual zone prints (`mrz::state_glyph::mend`). The page is a dev
//! pipeline case (`c023-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 79 --split dev`).

mod common;

#[test]
fn a_state_letter_read_as_two_glyphs_is_one_when_the_zone_prints_the_surname() {
    let Some(d) = common::read_fixture("mrz_state_glyph/c023-passport.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.issuing_country.as_deref(), Some("JPN"));
    assert_eq!(d.last_name.as_deref(), Some("PATEL"));
    assert_eq!(d.first_name.as_deref(), Some("LOIS"));
    common::assert_sure(&d, &["last_name", "first_name", "issuing_country"]);
}
