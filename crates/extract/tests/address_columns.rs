//! Cards printed in two columns, the issuer's address first and the
//! holder's block in the right-hand column: Tesseract reads their lines
//! row by row (`Policy number 442216577 John Brown`), so before the columns
//! were taken apart the insurer's or county's address came out as the
//! holder's, with no name. The pages are `address-dev-b-011-photo.jpg` and
//! `address-dev-b-010-photo.jpg` of `scripts/gen-extract-corpus OUT --split
//! dev --only address-dev-b --count 40 --seed 2037`.

use colleckt_extract::{extract, DocKind, ExtractInput, ExtractedData};

fn read(name: &str, kind: DocKind) -> Option<ExtractedData> {
    if !colleckt_extract::ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return None;
    }
    let path = format!(
        "{}/tests/address_columns/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).expect("fixture");
    Some(
        extract(&ExtractInput {
            front: &bytes,
            back: None,
            kind: Some(kind),
        })
        .expect("extract"),
    )
}

/// (first name, last name, street, city, ZIP, issue date, expiry date).
fn fields(d: &ExtractedData) -> [Option<&str>; 7] {
    let a = d.address.as_ref();
    [
        d.first_name.as_deref(),
        d.last_name.as_deref(),
        a.and_then(|a| a.street.as_deref()),
        a.and_then(|a| a.city.as_deref()),
        a.and_then(|a| a.postal_code.as_deref()),
        d.issue_date.as_deref(),
        d.expiry_date.as_deref(),
    ]
}

#[test]
fn an_insurance_card_holders_column_is_read_apart_from_the_insurers() {
    let Some(d) = read(
        "auto-id-card-011-photo.jpg",
        DocKind::VehicleInsurancePolicy,
    ) else {
        return;
    };
    assert_eq!(
        fields(&d),
        [
            Some("JOHN"),
            Some("BROWN"),
            Some("1 MAIN ST"),
            Some("PORTLAND"),
            Some("30628"),
            Some("2025-01-01"),
            Some("2026-01-01")
        ],
        "{:?}",
        d.notes
    );
}

#[test]
fn a_voter_cards_title_is_no_heading_and_its_office_no_name() {
    let Some(d) = read("voter-card-010-photo.jpg", DocKind::VoterRegistrationCard) else {
        return;
    };
    assert_eq!(
        fields(&d),
        [
            Some("OLIVER"),
            Some("GARCIA"),
            Some("12 ELM ROAD"),
            Some("BOSTON"),
            Some("80058"),
            Some("2025-09-08"),
            Some("2026-09-08")
        ],
        "{:?}",
        d.notes
    );
}
