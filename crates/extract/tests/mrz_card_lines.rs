//! A passport card whose first MRZ line sits close under the photo: in
//! the locator's mask that line merges with the photo, and the band found
//! holds the last two lines only, which no layout reads. The band grown by
//! one line (`mrz::locate::grown_to_three`) reads all three. The card is a
//! dev pipeline case (`c122-genuine` of `scripts/gen-pipeline-corpus OUT
//! --count 200 --seed 11 --split dev`); before, it came out as garbage
//! (`mrz_names_implausible`) and the verification went to a person.

mod common;

#[test]
fn a_card_mrz_whose_first_line_merges_with_the_photo_is_read_in_full() {
    let Some(d) = common::read_fixture("mrz_card_lines/c122-card-back.png", "Passport Card") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(mrz.lines.len(), 3);
    assert_eq!(d.document_number.as_deref(), Some("F07441859"));
    assert_eq!(d.date_of_birth.as_deref(), Some("1969-12-24"));
    assert_eq!(d.last_name.as_deref(), Some("GARCIA"));
    assert_eq!(d.first_name.as_deref(), Some("ROSALIND"));
    let conf = |k: &str| d.evidence.get(k).map_or(0.0, |e| e.confidence);
    assert!(
        conf("document_number") >= 0.99,
        "{:?}",
        d.evidence.get("document_number")
    );
}

/// A card photographed at about 10° with its far side smaller: Tesseract
/// read the first line without its run of fillers (`T<USAV587291355<<<`,
/// 18 cells), and lines under 20 cells were dropped as noise, so no three
/// lines were ever read together. A card's first line is kept from 15
/// cells (`mrz::repair::MIN_FIRST_TD1`). Dev pipeline case `c102-genuine`
/// of `scripts/gen-pipeline-corpus OUT --count 300 --seed 29 --split dev`.
#[test]
fn a_card_first_line_read_without_its_fillers_still_makes_three_lines() {
    let Some(d) = common::read_fixture("mrz_card_lines/c102-card-back.jpg", "Passport Card") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some("V58729135"));
    assert_eq!(d.date_of_birth.as_deref(), Some("1958-07-22"));
    assert_eq!(d.last_name.as_deref(), Some("NGUYEN"));
    assert_eq!(d.first_name.as_deref(), Some("MIRKO"));
}
