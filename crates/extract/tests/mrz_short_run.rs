//! A narrow monospace whose names line is mostly chevrons a third of a
//! capital's height (`P<ESPTANAKA<<ZOE<<<…`): the template reader's row
//! profile found that line 21 rows high to the data line's 35, took the
//! short run for the true height and cut both lines to it, and read
//! nothing. Tesseract read the Z as L (`LOE`), which the zone (`ZOE`) did
//! not vouch for, and no template read gave the names' shape. A run a
//! quarter taller than the other is now cut down only when it is also
//! nearly as tall as the lines are apart (`mrz::ocrb`), and a 7 read in a
//! letter cell is a Z (`mrz::repair`). The page is a dev pipeline case
//! (`c003-genuine` of `scripts/gen-pipeline-corpus OUT --count 300
//! --seed 97 --split dev`).

mod common;

#[test]
fn a_names_line_of_short_chevrons_is_read_at_the_capitals_height() {
    let Some(d) = common::read_fixture("mrz_short_run/c003-passport.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.first_name.as_deref(), Some("ZOE"), "{:?}", mrz.lines);
    assert_eq!(d.last_name.as_deref(), Some("TANAKA"));
    common::assert_sure(&d, &["first_name", "last_name", "document_number"]);
}
