//! A licence front photographed tilted (a dev `photo`, `front-numbered-003`
//! of `scripts/gen-extract-corpus OUT --split dev --only front-numbered
//! --count 20`): read as photographed, its rows ran into one another and
//! the names and the number came out at most in part (3 of 5 fields). The
//! front is levelled first (`pipeline/front.rs`, the page skew of
//! `address::text_skew`), and every labelled field is read.

mod common;

#[test]
fn a_tilted_front_is_levelled_before_it_is_read() {
    let Some(d) =
        common::read_fixture("front_level/front-numbered-003-photo.jpg", "Driver License")
    else {
        return;
    };
    assert_eq!(d.first_name.as_deref(), Some("MOHAMMED"));
    assert_eq!(d.last_name.as_deref(), Some("NGUYEN"));
    assert_eq!(d.document_number.as_deref(), Some("S85194696"));
    assert_eq!(d.date_of_birth.as_deref(), Some("1958-08-10"));
    assert_eq!(d.expiry_date.as_deref(), Some("2030-01-19"));
}
