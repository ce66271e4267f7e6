//! An upright TD2 page in League Mono (`mrz-league-mono-005-clean`, copied
//! from `scripts/gen-extract-corpus OUT --split dev --count 12 --only
//! mrz-league-mono`). The OCR-B templates read it upright with slips
//! (plausibility 5 of 10) and read the band turned over as garbage that
//! scored 6, which used to send Tesseract to the upside-down band: nothing
//! was read. A turned-over read now orients the page only when it fits the
//! glyphs at least as well as the upright one.

mod common;

#[test]
fn an_upright_page_is_not_turned_over_by_a_garbage_read() {
    let Some(d) = common::read_fixture("mrz_orientation/mrz-league-mono-005-clean.png", "Passport")
    else {
        return;
    };
    assert_eq!(d.document_number.as_deref(), Some("P79598070"));
    assert_eq!(d.date_of_birth.as_deref(), Some("2002-02-27"));
    assert_eq!(d.last_name.as_deref(), Some("PATEL"));
    assert_eq!(d.mrz.as_ref().map(|m| m.checks_valid), Some(true));
}
