//! A names line the template reader slips on while its checked cells are
//! sure: a B612 Mono card (`mrz-b612-mono-008-clean`, copied from
//! `scripts/gen-extract-corpus OUT --split dev --count 12 --only
//! mrz-b612-mono`) whose `KOWALSKI` the OCR-B templates read `KOWALSKT`.
//! The visual zone prints `KOWALSKI`; Tesseract's read of the same band
//! agrees with it, so the names are read right and vouched for.

mod common;

#[test]
fn a_template_slip_in_a_name_is_read_again_and_vouched_for_by_the_zone() {
    let Some(d) = common::read_fixture("mrz_names/mrz-b612-mono-008-clean.png", "Passport Card")
    else {
        return;
    };
    assert_eq!(d.last_name.as_deref(), Some("KOWALSKI"));
    assert_eq!(d.first_name.as_deref(), Some("LI"));
    assert_eq!(d.document_number.as_deref(), Some("F20030947"));
    let conf = |k: &str| d.evidence.get(k).map_or(0.0, |e| e.confidence);
    assert!(
        conf("last_name") >= 0.9,
        "{:?}",
        d.evidence.get("last_name")
    );
    assert!(conf("document_number") >= 0.99);
    assert!(
        !d.notes.iter().any(|n| n.starts_with("mrz_names")),
        "{:?}",
        d.notes
    );
}
