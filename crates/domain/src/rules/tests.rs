//! Scenario tests of the whole rule set: genuine cases approve, each kind of
//! mismatch rejects on trusted evidence or goes to Double Check on OCR.

use super::*;
use crate::FlowRegistry;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn expected() -> ExpectedData {
    serde_json::from_value(serde_json::json!({
        "person": {"first_name": "Homer", "last_name": "Simpson", "date_of_birth": "1988-05-06"},
        "address": {"street": "742 Evergreen Terrace", "city": "Springfield", "state": "Tennessee",
                    "postal_code": "92026", "country": "USA"},
        "documents": {
            "photo_id": {"type": "Passport", "number": "AB123456", "country": "USA"},
            "proof_of_address": {"type": "Driver License", "number": "", "country": "USA"}
        }
    }))
    .unwrap()
}

fn quality() -> Vec<Quality> {
    vec![Quality {
        width: 3024,
        height: 4032,
        sharpness: 0.8,
        glare: 0.01,
    }]
}

fn f<T>(v: T, s: Source) -> Option<Field<T>> {
    Some(Field::new(v, s, 1.0))
}

fn passport() -> DocumentEvidence {
    DocumentEvidence {
        slot: Some(Slot::PhotoId),
        type_id: 1,
        readable: true,
        detected_type_ids: vec![1],
        first_name: f("HOMER JAY".into(), Source::Mrz),
        last_name: f("SIMPSON".into(), Source::Mrz),
        date_of_birth: f(d("1988-05-06"), Source::Mrz),
        document_number: f("AB123456".into(), Source::Mrz),
        issuing_country: f("USA".into(), Source::Mrz),
        expiry_date: f(d("2030-01-01"), Source::Mrz),
        mrz_checks_valid: Some(true),
        image_digests: vec!["p1".into()],
        quality: quality(),
        ocr_available: true,
        ..Default::default()
    }
}

fn licence() -> DocumentEvidence {
    DocumentEvidence {
        slot: Some(Slot::ProofOfAddress),
        type_id: 2,
        readable: true,
        detected_type_ids: vec![2],
        first_name: f("HOMER".into(), Source::Barcode),
        middle_name: f("JAY".into(), Source::Barcode),
        last_name: f("SIMPSON".into(), Source::Barcode),
        date_of_birth: f(d("1988-05-06"), Source::Barcode),
        document_number: f("D1234562".into(), Source::Barcode),
        issuing_country: f("USA".into(), Source::Barcode),
        expiry_date: f(d("2029-05-06"), Source::Barcode),
        address: f(
            ReadAddress {
                street: "742 EVERGREEN TER".into(),
                city: "SPRINGFIELD".into(),
                state: Some("TN".into()),
                postal_code: Some("920261234".into()),
                country: Some("USA".into()),
            },
            Source::Barcode,
        ),
        barcode_matches_front: Some(true),
        image_digests: vec!["l1".into(), "l2".into()],
        quality: quality(),
        ocr_available: true,
        ..Default::default()
    }
}

fn run(docs: &[DocumentEvidence]) -> Evaluation {
    let flows = FlowRegistry::builtin();
    evaluate(flows.get("usps1583").unwrap(), &expected(), docs, today())
}

fn rule<'a>(e: &'a Evaluation, doc: usize, name: &str) -> &'a RuleResult {
    e.documents[doc]
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no rule {name}"))
}

#[test]
fn a_genuine_passport_and_licence_are_approved() {
    let e = run(&[passport(), licence()]);
    let not_passed: Vec<_> = e
        .documents
        .iter()
        .flatten()
        .filter(|r| r.status != Passed)
        .collect();
    assert!(not_passed.is_empty(), "{not_passed:#?}");
    assert_eq!(e.decision, Decision::Approved);
    for name in [
        "document_readable",
        "document_type_matches",
        "issuing_country_matches",
        "not_expired",
        "first_name_matches",
        "last_name_matches",
        "date_of_birth_matches",
        "document_number_matches",
        "mrz_check_digits",
        "image_quality",
        "documents_distinct",
        "holder_consistent",
    ] {
        rule(&e, 0, name);
    }
    for name in [
        "document_readable",
        "document_type_matches",
        "not_expired",
        "name_matches",
        "street_matches",
        "city_matches",
        "state_matches",
        "postal_code_matches",
        "image_quality",
        "documents_distinct",
        "holder_consistent",
    ] {
        rule(&e, 1, name);
    }
    assert_eq!(
        rule(&e, 0, "first_name_matches").message,
        "The name matches (middle names forgiven)."
    );
}

#[test]
fn trusted_mismatches_are_rejected() {
    let mut expired = passport();
    expired.expiry_date = f(d("2026-11-01"), Source::Mrz);
    let e = run(&[expired, licence()]);
    assert_eq!(rule(&e, 0, "not_expired").status, Failed);
    assert_eq!(e.decision, Decision::Rejected);
    assert_eq!(e.decisions, vec![Decision::Rejected, Decision::Approved]);

    let mut other = passport();
    other.last_name = f("FLANDERS".into(), Source::Mrz);
    assert_eq!(run(&[other, licence()]).decision, Decision::Rejected);

    let mut moved = licence();
    moved.address.as_mut().unwrap().value.street = "744 EVERGREEN TER".into();
    let e = run(&[passport(), moved]);
    assert_eq!(rule(&e, 1, "street_matches").status, Failed);
    assert_eq!(e.decision, Decision::Rejected);

    let mut same = licence();
    same.image_digests = vec!["p1".into()];
    let e = run(&[passport(), same]);
    assert_eq!(rule(&e, 0, "documents_distinct").status, Failed);
    assert_eq!(e.decision, Decision::Rejected);
}

#[test]
fn untrusted_or_missing_evidence_goes_to_double_check() {
    // MRZ check digits broken: its fields are not trusted, even a "mismatch".
    let mut broken = passport();
    broken.mrz_checks_valid = Some(false);
    broken.last_name = f("SIMPS0N".into(), Source::Mrz);
    assert_eq!(run(&[broken, licence()]).decision, Decision::DoubleCheck);
    // OCR-only name, even matching, never approves on its own.
    let mut ocr = licence();
    ocr.first_name = f("HOMER".into(), Source::Ocr);
    assert_eq!(run(&[passport(), ocr]).decision, Decision::DoubleCheck);
    // A one-letter OCR slip is a warning.
    let mut slip = licence();
    slip.last_name = f("SLMPSON".into(), Source::Ocr);
    let e = run(&[passport(), slip]);
    assert_eq!(rule(&e, 1, "name_matches").status, Warning);
    let failed: Vec<_> = e
        .documents
        .iter()
        .flatten()
        .filter(|r| r.status == Failed && r.trusted)
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(e.decision, Decision::DoubleCheck);
    // A licence as photo ID with no OCR on this server: the front cannot be
    // cross-checked with the barcode, so it never approves alone.
    let mut exp = expected();
    exp.documents.photo_id = serde_json::from_value(serde_json::json!(
        {"type": "Driver License", "number": "D1234562", "country": "USA"}))
    .unwrap();
    exp.documents.proof_of_address = serde_json::from_value(serde_json::json!(
        {"type": "Lease", "number": "", "country": "USA"}))
    .unwrap();
    let mut dl = licence();
    dl.slot = Some(Slot::PhotoId);
    dl.barcode_matches_front = None;
    dl.ocr_available = false;
    let flows = FlowRegistry::builtin();
    let e = evaluate(flows.get("usps1583").unwrap(), &exp, &[dl.clone()], today());
    assert_eq!(rule(&e, 0, "barcode_consistent_with_front").status, Skipped);
    assert_eq!(e.decision, Decision::DoubleCheck);
    dl.barcode_matches_front = Some(true);
    let e = evaluate(flows.get("usps1583").unwrap(), &exp, &[dl], today());
    assert_eq!(e.decision, Decision::Approved);
    // Unreadable documents.
    let blank = DocumentEvidence {
        slot: Some(Slot::PhotoId),
        type_id: 1,
        quality: quality(),
        ..Default::default()
    };
    let e = run(&[blank, licence()]);
    assert_eq!(rule(&e, 0, "document_readable").status, Failed);
    assert_eq!(e.decision, Decision::DoubleCheck);
    // Blurry photo: a warning.
    let mut blurry = passport();
    blurry.quality = vec![Quality {
        width: 3024,
        height: 4032,
        sharpness: 0.05,
        glare: 0.0,
    }];
    assert_eq!(run(&[blurry, licence()]).decision, Decision::DoubleCheck);
}

#[test]
fn address_documents_from_pdf_text_can_approve() {
    let mut exp = expected();
    exp.documents.proof_of_address = serde_json::from_value(serde_json::json!(
        {"type": "Lease", "number": "", "country": "USA"}))
    .unwrap();
    let lease = DocumentEvidence {
        slot: Some(Slot::ProofOfAddress),
        type_id: 12,
        readable: true,
        detected_type_ids: vec![12],
        full_name: f("Tenant: Homer J. Simpson".into(), Source::PdfText),
        address: f(
            ReadAddress {
                street: "742 Evergreen Terrace".into(),
                city: "Springfield".into(),
                state: Some("TN".into()),
                postal_code: Some("92026".into()),
                country: None,
            },
            Source::PdfText,
        ),
        image_digests: vec!["pdf".into()],
        ocr_available: true,
        ..Default::default()
    };
    let flows = FlowRegistry::builtin();
    let e = evaluate(
        flows.get("usps1583").unwrap(),
        &exp,
        &[passport(), lease],
        today(),
    );
    let not_passed: Vec<_> = e
        .documents
        .iter()
        .flatten()
        .filter(|r| r.status != Passed)
        .collect();
    assert!(not_passed.is_empty(), "{not_passed:#?}");
    assert_eq!(e.decision, Decision::Approved);
}

#[test]
fn mrz_names_the_reader_does_not_vouch_for_do_not_reject() {
    // Line 2's check digits hold but line 1 was misread (no digit covers it):
    // the extractor gives the names a low confidence; a mismatch on them is
    // for a person to look at, not a rejection.
    let mut misread = passport();
    misread.last_name = Some(Field::new("ITL IFLRIT".into(), Source::Mrz, 0.5));
    misread.issuing_country = Some(Field::new("IJO".into(), Source::Mrz, 0.5));
    let e = run(&[misread, licence()]);
    assert_eq!(rule(&e, 0, "last_name_matches").status, Failed);
    assert_eq!(e.decision, Decision::DoubleCheck);
    // The same mismatch read with confidence is a fact.
    let mut other = passport();
    other.last_name = Some(Field::new("FLANDERS".into(), Source::Mrz, 0.9));
    assert_eq!(run(&[other, licence()]).decision, Decision::Rejected);
}

#[test]
fn holder_consistent_forgives_apostrophes_and_spaces() {
    for (a, b) in [("OBRIEN", "O'BRIEN"), ("VAN DYKE", "VANDYKE")] {
        let mut p = passport();
        p.last_name = f(a.into(), Source::Mrz);
        let mut l = licence();
        l.last_name = f(b.into(), Source::Barcode);
        let e = run(&[p, l]);
        assert_eq!(rule(&e, 0, "holder_consistent").status, Passed, "{a} / {b}");
    }
    let mut l = licence();
    l.last_name = f("FLANDERS".into(), Source::Barcode);
    assert_eq!(
        rule(&run(&[passport(), l]), 0, "holder_consistent").status,
        Failed
    );
}

#[test]
fn mrz_readings_no_check_digit_settles_do_not_reject() {
    // A state code that names no state was misread, however sure the names.
    let mut misread = passport();
    misread.issuing_country = Some(Field::new("UZA".into(), Source::Mrz, 0.95));
    let e = run(&[misread, licence()]);
    let r = rule(&e, 0, "issuing_country_matches");
    assert_eq!((r.status, r.trusted), (Failed, false));
    assert_eq!(e.decision, Decision::DoubleCheck);
    let mut other = passport();
    other.issuing_country = Some(Field::new("CAN".into(), Source::Mrz, 0.95));
    assert_eq!(run(&[other, licence()]).decision, Decision::Rejected);

    // G and 6 weigh alike in every check digit: the read cannot tell
    // AB12345G from the expected AB123456.
    let mut twin = passport();
    twin.document_number = f("AB12345G".into(), Source::Mrz);
    let e = run(&[twin, licence()]);
    assert_eq!(rule(&e, 0, "document_number_matches").status, Warning);
    assert_eq!(e.decision, Decision::DoubleCheck);
    let mut another = passport();
    another.document_number = f("AB123457".into(), Source::Mrz);
    let e = run(&[another, licence()]);
    assert_eq!(rule(&e, 0, "document_number_matches").status, Failed);
    assert_eq!(e.decision, Decision::Rejected);
}
