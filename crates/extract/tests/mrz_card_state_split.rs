//! A card's `I<DEU` read `I<KDEU` (a filler as `<K`), its fillers lost: fitted
//! as read, the shifted number `UY2255375` held its digit and the composite
//! by chance, and the code `KDE` names no state. Without the K, the code
//! is Germany's and every check digit holds on the printed number. The
//! page is `mrz-fantasque-012-hard.jpg` of `scripts/gen-extract-corpus OUT
//! --split dev --only mrz --variant hard --count 20 --seed 3001`.

mod common;

#[test]
fn a_doubled_state_letter_is_dropped_where_the_digits_say_so() {
    let Some(d) = common::read_fixture(
        "mrz_card_state_split/fantasque-012-hard.jpg",
        "Passport Card",
    ) else {
        return;
    };
    assert_eq!(d.document_number.as_deref(), Some("Y22553755"));
    assert_eq!(d.issuing_country.as_deref(), Some("DEU"));
    assert!(d.mrz.as_ref().is_some_and(|m| m.checks_valid));
}
