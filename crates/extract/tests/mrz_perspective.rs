//! A passport card's back photographed at a strong angle (the dev `tilt`
//! camera): under the perspective its three MRZ lines lean differently
//! (-0.13, -0.16 and -0.19 rad), the first and last too far apart to be
//! taken for one band, so only the run of fillers at the right was found
//! and nothing was read. Lines are now compared with the one above them.
//! The visual zone beside it, at the same angle and under a glare spot,
//! was read `KOWATSKI`, `KOWALSIG`, `KOWATSII` by the zone's passes: none
//! printed the surname whole, between them every letter of it. The card
//! is a dev pipeline case (`c222-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 211 --split dev`).

mod common;

#[test]
fn a_card_back_at_a_strong_angle_is_read_and_its_names_confirmed() {
    let Some(d) = common::read_fixture("mrz_perspective/c222-tilt-back.jpg", "Passport Card")
    else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some("H57537530"));
    assert_eq!(d.last_name.as_deref(), Some("KOWALSKI"));
    assert_eq!(d.first_name.as_deref(), Some("GRACE"));
    common::assert_sure(&d, &["document_number", "last_name", "first_name"]);
}
