//! A passport page photographed at an angle and lit unevenly: the visual
//! zone's rows no longer run with the MRZ band, and its right half is in
//! shade. Read along the band, the zone printed `ABERCRO` (global
//! threshold) or `ABE CROM` / `BIE MONTGOMERy` (local): the surname
//! `ABERCROMBIE MONTGOMERYSHIRE` was never confirmed and the names stayed
//! at confidence 0.5. The zone is now also read turned level by its own
//! text lines (`mrz/zone_read.rs`). The page is a dev pipeline case
//! (`c285-name_variant` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 29 --split dev`).

mod common;

#[test]
fn a_zone_leaning_against_the_band_is_read_level() {
    let Some(d) = common::read_fixture("mrz_zone_level/c285-passport.jpg", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.last_name.as_deref(), Some("ABERCROMBIE MONTGOMERYSHIRE"));
    assert_eq!(d.first_name.as_deref(), Some("MAXIMILIAN"));
    let conf = |k: &str| d.evidence.get(k).map_or(0.0, |e| e.confidence);
    for k in ["first_name", "last_name"] {
        assert!(conf(k) >= 0.9, "{k}: {:?} {:?}", d.evidence.get(k), d.notes);
    }
}
