//! A card (TD1) in a monospace no reader was tuned on (Monoid), a clean
//! page: the second line's composite digit, a `0` in its last cell, came
//! out as a filler, every other check digit holding. A filler weighs 0 in
//! the composite cell (nothing follows it, so no shifted field put it
//! there), and the card reads with every check digit holding. The page is
//! a dev corpus item (`mrz-monoid-016-clean.png` of
//! `scripts/gen-extract-corpus OUT --split dev --only mrz --count 20
//! --seed 2030`).

mod common;

#[test]
fn a_composite_zero_read_as_a_filler_still_holds() {
    let Some(d) =
        common::read_fixture("mrz_composite_filler/monoid-016-clean.png", "Passport Card")
    else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some("H22783235"));
    assert_eq!(d.date_of_birth.as_deref(), Some("1990-05-23"));
    assert_eq!(d.expiry_date.as_deref(), Some("2034-08-07"));
}
