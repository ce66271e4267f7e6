//! Two slips that cancel in every check digit, caught by the zone and
//! another pass reading the same other number. A passport in Monoid under
//! hard light: Tesseract's chosen pass read `U357394319` for
//! `U357344314` (4 as 9, twice; the composite holds too), the zone printed
//! `U35734431`, and another pass read `U35734431` as well. The page is
//! `mrz-monoid-010-hard.jpg` of `scripts/gen-extract-corpus OUT --split dev
//! --only mrz --variant hard --count 20 --seed 3001`.

mod common;

#[test]
fn a_number_the_zone_and_a_pass_read_otherwise_is_not_trusted() {
    let Some(d) = common::read_fixture("mrz_rival/monoid-010-hard.jpg", "Passport") else {
        return;
    };
    let right = number_right_or_untrusted(&d, "U35734431");
    assert!(!d.mrz.as_ref().is_some_and(|m| m.checks_valid) || right);
}

/// A visa (no composite) whose `J05929881` was read `3O5929881`: J as 3
/// and 0 as O cancel in the number's digit, and the zone's `305929881`
/// matched it with O and 0 folded. A letter among digits that the zone
/// prints as its digit confirms nothing. The page is
/// `mrz-monoid-004-hard.jpg` of `scripts/gen-extract-corpus OUT --split dev
/// --only mrz --count 8 --seed 2034`.
#[test]
fn a_letter_among_digits_the_zone_prints_as_a_digit_is_not_trusted() {
    let Some(d) = common::read_fixture("mrz_rival/visa-monoid-004-hard.jpg", "Passport") else {
        return;
    };
    number_right_or_untrusted(&d, "J05929881");
}

/// A card whose `A65551594` one Tesseract pass read `AG5551594` (6 as G,
/// of equal weight) and another `A65551594`; the zone printed `AG5551594`,
/// as the zone's OCR prints a 6. A letter past the first cell that another
/// reading held as its digit is not trusted on the zone's word. The page is
/// `mrz-anonymous-pro-007-hard.jpg` of `scripts/gen-extract-corpus OUT
/// --split dev --only mrz --count 8 --jobs 1 --seed 2035`.
#[test]
fn a_letter_another_pass_read_as_its_digit_is_not_trusted() {
    let Some(d) =
        common::read_fixture("mrz_rival/card-anonymous-pro-007-hard.jpg", "Passport Card")
    else {
        return;
    };
    number_right_or_untrusted(&d, "A65551594");
}

/// Asserts that the number read is `number` or is not trusted (confidence
/// below 0.99); returns whether it is `number`.
fn number_right_or_untrusted(d: &colleckt_extract::ExtractedData, number: &str) -> bool {
    let ev = d.evidence.get("document_number").expect("number evidence");
    let right = d.document_number.as_deref() == Some(number);
    assert!(
        right || ev.confidence < 0.99,
        "{:?} trusted at {}",
        d.document_number,
        ev.confidence
    );
    right
}
