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

/// A photographed passport whose both lines Tesseract read eight fillers
/// short (36 cells each, `…3107092<<<<<KQ4`): taken for a TD2 card, the
/// composite failed. A first line `P<` is a passport, which is TD3 only,
/// and six cells read for the empty personal number's fourteen are enough
/// when the composite then holds. The page is a dev pipeline case
/// (`c281-genuine` of
/// `scripts/gen-pipeline-corpus OUT --count 300 --seed 53 --split dev`).
#[test]
fn a_passport_read_short_of_its_fillers_on_both_lines_is_td3() {
    let Some(d) = common::read_fixture("mrz_fillers/c281-passport.jpg", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(mrz.lines[1].len(), 44, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some("E40029043"));
    assert_eq!(d.last_name.as_deref(), Some("KOWALCZYK"));
    assert_eq!(d.first_name.as_deref(), Some("LUCAS"));
    assert_eq!(d.issuing_country.as_deref(), Some("JPN"));
}
