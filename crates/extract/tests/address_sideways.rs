//! Address pages photographed on their side (the page's top to the left):
//! Tesseract read their lines as garbage and the reader gave
//! `name_not_found` (0 of 24 dev photos and clean shots turned this way;
//! turned the other way, Tesseract's own vertical-text handling read 10 of
//! 12). The turned page is read when the upright reads miss the name or
//! the street (`pipeline/fields.rs`). The pages are `address-dev-000-photo`
//! and `address-dev-b-002-photo` of `scripts/gen-extract-corpus OUT --split
//! dev --only address-dev,address-dev-b --count 6 --seed 2036`, turned.

mod common;

#[test]
fn a_lease_turned_a_quarter_is_read() {
    let Some(d) = common::read_fixture("address_sideways/lease-quarter-left.jpg", "Lease") else {
        return;
    };
    let a = d.address.as_ref().expect("address");
    assert_eq!(d.first_name.as_deref(), Some("SOFIA"));
    assert_eq!(d.last_name.as_deref(), Some("PUBLIC"));
    assert_eq!(a.street.as_deref(), Some("900 LAKE SHORE DR UNIT 12B"));
    assert_eq!(a.city.as_deref(), Some("BOSTON"));
    assert_eq!(a.postal_code.as_deref(), Some("50903"));
    assert_eq!(d.issue_date.as_deref(), Some("2025-12-27"));
}

#[test]
fn a_voter_card_turned_a_quarter_is_read() {
    let Some(d) = common::read_fixture(
        "address_sideways/voter-card-quarter-left.jpg",
        "Voter Registration Card",
    ) else {
        return;
    };
    let a = d.address.as_ref().expect("address");
    assert_eq!(d.first_name.as_deref(), Some("NOAH"));
    assert_eq!(d.last_name.as_deref(), Some("OKAFOR"));
    assert_eq!(a.street.as_deref(), Some("2300 WEST BROAD STREET"));
    assert_eq!(a.city.as_deref(), Some("SPRINGFIELD"));
    assert_eq!(a.postal_code.as_deref(), Some("95186"));
}
