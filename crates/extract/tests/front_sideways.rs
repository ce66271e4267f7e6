//! Licence fronts photographed on their side or upside down (a phone held
//! upright over a card lying across; an EXIF orientation lost in a
//! re-encode). Read only upright, such a front printed nothing: its labelled
//! fields were not found, and beside a barcode every field came out
//! `front_unconfirmed`, sending a genuine licence to review. The turned
//! pictures are read when the upright one gives too little, and the way up
//! is the one that gives the most (`pipeline/front.rs`, `best_turn`).
//! The pictures are the fixtures of `front_level.rs` and `front_cross_check.rs`
//! turned.

mod common;

#[test]
fn a_front_turned_a_quarter_right_gives_its_labelled_fields() {
    let Some(d) = common::read_fixture("front_sideways/front-quarter-right.jpg", "Driver License")
    else {
        return;
    };
    assert_eq!(d.first_name.as_deref(), Some("MOHAMMED"));
    assert_eq!(d.last_name.as_deref(), Some("NGUYEN"));
    assert_eq!(d.document_number.as_deref(), Some("S85194696"));
    assert_eq!(d.date_of_birth.as_deref(), Some("1958-08-10"));
    assert_eq!(d.expiry_date.as_deref(), Some("2030-01-19"));
}

fn assert_confirms(front: &str) {
    let front = format!("front_sideways/{front}");
    let back = "corpus/licence-front-photo-back.jpg";
    let Some(got) = common::read_pair(&front, back, "Driver License") else {
        return;
    };
    common::assert_front_confirms(&got);
}

#[test]
fn a_front_turned_a_quarter_left_confirms_the_barcode() {
    assert_confirms("front-quarter-left.jpg");
}

#[test]
fn an_upside_down_front_confirms_the_barcode() {
    assert_confirms("front-upside-down.jpg");
}
