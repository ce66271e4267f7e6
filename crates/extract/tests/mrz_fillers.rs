//! A passport page whose MRZ font has a small, thin chevron: Tesseract reads
//! the empty personal number's fillers as `<<<<<K6KKKKK<<` or a few cells
//! short (the last two digits then land early), and the names line's
//! fillers as `KKKKKKKKKRKKKRRKKK` (`mrz/fillers.rs`). Every field was read
//! right, and still no read held every check digit: the verification went
//! to a person. The page is a dev pipeline case (`c063-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 29 --split dev`).

mod common;

#[test]
fn fillers_read_as_small_chevron_look_alikes_are_put_back() {
    let Some(d) = common::read_fixture("mrz_fillers/c063-passport.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(mrz.lines[1], "A962324350ITA5009226F3412086<<<<<<<<<<<<<<02");
    assert_eq!(d.document_number.as_deref(), Some("A96232435"));
    assert_eq!(d.last_name.as_deref(), Some("VUKOVIC"));
    assert_eq!(d.first_name.as_deref(), Some("HOMER"));
    assert_eq!(d.middle_name, None);
    let conf = |k: &str| d.evidence.get(k).map_or(0.0, |e| e.confidence);
    for k in ["first_name", "last_name", "document_number"] {
        assert!(conf(k) >= 0.9, "{k}: {:?} {:?}", d.evidence.get(k), d.notes);
    }
}
