//! A passport page in a monospace no reader was tuned on (Monoid), a hard
//! photo: the data line's expiry `330720` lost its `0` in the read, the
//! filler after it took the check digit's cell, and `330725<` held, a
//! filler weighing 0 like the digit the date needed; the optional field's
//! fillers read as `K` (which weighs 0 mod 10 too) kept the composite. The
//! read was trusted with an expiry five days off. A filler is a check digit
//! only over a field of fillers (ICAO 9303). The page is a dev corpus item
//! (`mrz-monoid-000-hard.jpg` of `scripts/gen-extract-corpus OUT --split dev
//! --only mrz-monoid`).

mod common;

#[test]
fn a_filler_in_a_dates_check_cell_is_no_check_digit() {
    let Some(d) = common::read_fixture("mrz_filler_digit/monoid-000-hard.jpg", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    let expiry = d.expiry_date.as_deref();
    // Trusted only with the printed expiry; an unsure read may go either way.
    assert!(
        !mrz.checks_valid || expiry == Some("2033-07-20"),
        "{:?} {expiry:?}",
        mrz.lines
    );
    assert_ne!(expiry, Some("2033-07-25"), "{:?}", mrz.lines);
}
