//! A passport card whose MRZ font has a small, thin chevron: Tesseract reads
//! the first line's empty optional data as `<<<<<<6<K66666<`, so the
//! composite digit fails though number, dates and names were read right,
//! and the verification went to a person. A run of chevron look-alikes
//! there becomes fillers when the composite then holds, with the number's
//! and both dates' digits (`mrz::fillers::empty_card_optional`). The
//! pictures are dev pipeline cases (`c202-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 67 --split dev`, and
//! `c262-genuine` of `--seed 79`, whose run `<<666666KKKKKK<` has two
//! literal fillers only).

mod common;

#[test]
fn a_cards_optional_data_read_as_chevrons_is_fillers() {
    let Some(d) = common::read_pair(
        "mrz_card_optional/c202-front.png",
        "mrz_card_optional/c202-back.png",
        "Passport Card",
    ) else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(mrz.lines[0], "T<USAH372575372<<<<<<<<<<<<<<<");
    assert_eq!(d.document_number.as_deref(), Some("H37257537"));
    assert_eq!(d.last_name.as_deref(), Some("MUELLER"));
    assert_eq!(d.first_name.as_deref(), Some("ZOE"));
}

#[test]
fn a_run_of_mostly_6_and_k_with_two_fillers_is_fillers_too() {
    let Some(d) = common::read_pair(
        "mrz_card_optional/c262-front.png",
        "mrz_card_optional/c262-back.png",
        "Passport Card",
    ) else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some("X30017617"));
    assert_eq!(d.last_name.as_deref(), Some("BROWN"));
    assert_eq!(d.first_name.as_deref(), Some("MARGE"));
    common::assert_sure(&d, &["document_number", "date_of_birth", "last_name"]);
}
