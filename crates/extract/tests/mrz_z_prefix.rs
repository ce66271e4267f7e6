//! A passport number's letter prefix Z printed in a monospace whose Z has a
//! straight diagonal: Tesseract reads it as 7 (`781219557` for `Z81219557`),
//! the number's check digit fails, and every other field was read right.
//! The one-swap repair had no Z for a 7: a digit-to-letter table maps 2 to
//! Z, not 7. It now tries a Z for a 7 where the letter prefix stands (the
//! first cell of a document number); the digit then chose the character,
//! so the read is trusted only because the visual zone prints the number.
//! The page is a dev pipeline case (`c123-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 67 --split dev`).
//! So is a J with a top bar read as 3 (`314616161` for `J14616161`,
//! `c079-address_forms` of `--seed 79`).
//! Of `--seed 113`: `c141` read `366905665`, whose digit also holds as
//! `3669O5665` (a letter O among digits, which the digit reading itself
//! takes back), and `c050` read `311869459`, whose digit also holds as
//! `311869A59` (one letter inside the digits); a letter at the edge of
//! the digits, where a prefix stands, is the one taken.

mod common;

#[test]
fn a_z_prefix_read_as_7_is_put_back_by_the_check_digit() {
    let Some(d) = common::read_fixture("mrz_z_prefix/c123-passport.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some("Z81219557"));
    assert_eq!(d.last_name.as_deref(), Some("MUELLER"));
    common::assert_sure(&d, &["document_number"]);
}

#[test]
fn a_j_prefix_read_as_3_is_put_back_by_the_check_digit() {
    let Some(d) = common::read_fixture("mrz_z_prefix/c079-passport.png", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some("J14616161"));
    assert_eq!(d.last_name.as_deref(), Some("MUELLER"));
    common::assert_sure(&d, &["document_number", "last_name"]);
}

fn j_prefix(file: &str, number: &str, last: &str) {
    let Some(d) = common::read_fixture(&format!("mrz_z_prefix/{file}"), "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some(number));
    assert_eq!(d.last_name.as_deref(), Some(last));
    common::assert_sure(&d, &["document_number"]);
}

#[test]
fn a_j_prefix_is_taken_before_a_letter_o_among_digits() {
    j_prefix("s113-c141-passport.png", "J66905665", "MWANGI");
}

#[test]
fn a_j_prefix_is_taken_before_a_letter_inside_the_digits() {
    j_prefix("s113-c050-passport.png", "J11869459", "LEMIEUX");
}
