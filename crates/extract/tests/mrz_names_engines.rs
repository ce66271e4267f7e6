//! Names a template read garbles, mended from Tesseract's read of the same
//! band and vouched for by the visual zone (`mrz::second_read::reread_names`).
//! Both pages are dev pipeline cases (`scripts/gen-pipeline-corpus OUT
//! --count 300 --seed 67 --split dev`):
//!
//! - `c081`: the templates read `BOORN` (a J as O) and Tesseract `BIJORN`
//!   (a J as two glyphs) for a printed `BJORN`. Neither was printed, so
//!   neither was vouched for. Tesseract's part one letter off the zone's
//!   word, the template read cutting that part into as many cells as the
//!   word has, is the zone's word (`mrz::names_shape`).
//! - `c183`: the templates read every checked field right (`J30371936`) and
//!   the names line as garbage (`T<FEXBBOVN<<YOLANOA`); Tesseract read the
//!   names and state right but the number's J as 3, its digit failing. Its
//!   dates are the template read's: the same band, whose names and codes
//!   (no check digit covers them) are taken for the zone to vouch for.
//! - `c061` (`--seed 53`): Tesseract read `SIQBHANKLEE` (O as Q, a filler
//!   as K), the templates `STOBFAN<LEE` (I as T, H as F), for a printed
//!   `SIOBHAN LEE`: each cell was read right by one engine
//!   (`mrz::names_vote`).
//! - `c103` (`--seed 79`, a photo): Tesseract read `PRILYA` for `PRIYA`.
//!   The template read of 44 cells had the names' shape, but lost to the
//!   36-cell read of the same band (whose data line read better), and only
//!   the kept read's names were lent; every template read of the band now
//!   lends its names field (`mrz::read`, `Reads::made`).

mod common;

fn names_read_right(file: &str, last: &str, first: &str, country: &str) {
    let Some(d) = common::read_fixture(&format!("mrz_names_engines/{file}"), "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.last_name.as_deref(), Some(last), "{:?}", mrz.lines);
    assert_eq!(d.first_name.as_deref(), Some(first), "{:?}", mrz.lines);
    assert_eq!(d.issuing_country.as_deref(), Some(country));
    common::assert_sure(&d, &["first_name", "last_name"]);
}

#[test]
fn a_name_each_engine_slips_once_elsewhere_is_the_zones_word() {
    names_read_right("c081-passport.png", "ERIKSSON", "BJORN", "ITA");
}

#[test]
fn names_come_from_a_read_of_the_band_whose_number_slipped() {
    names_read_right("c183-passport.png", "BROWN", "YOLANDA", "MEX");
}

#[test]
fn names_each_engine_slipped_in_other_cells_are_the_zones_words() {
    names_read_right("c061-passport.png", "TANAKA", "SIOBHAN", "FRA");
}

#[test]
fn every_template_width_read_lends_its_names_shape() {
    names_read_right("c103-passport.jpg", "GRIFFIN", "PRIYA", "USA");
}
