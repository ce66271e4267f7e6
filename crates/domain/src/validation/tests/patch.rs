//! validate_patch: partial merges, vendor fields, status changes, conditional
//! requirements, and the create rules on the merged result.

use super::*;

fn current() -> ExpectedData {
    serde_json::from_value(seed_stored()).unwrap()
}

fn patch(body: Value) -> PatchRequest {
    validate_patch(&flow(), &current(), &body).unwrap_or_else(|e| panic!("{body}: {e:?}"))
}

fn patch_errors(body: Value) -> ValidationErrors {
    match validate_patch(&flow(), &current(), &body) {
        Ok(r) => panic!("accepted {body}: {r:?}"),
        Err(e) => e,
    }
}

fn merged(body: Value) -> Value {
    serde_json::to_value(patch(body).expected.expect("expected data")).unwrap()
}

#[test]
fn seeds_example_merges_person_and_keeps_the_rest() {
    let r = patch(json!({
        "vendor_reference": "REF-002",
        "person": {"first_name": "Homer J.", "last_name": "Simpson", "date_of_birth": "1988-05-06"}
    }));
    assert_eq!(r.vendor_reference, Some(Some("REF-002".into())));
    assert_eq!(r.vendor_state, None);
    assert_eq!(r.status_change, None);
    let want = with(seed_stored(), "person.first_name", json!("Homer J."));
    let want = with(want, "person.date_of_birth", json!("1988-05-06"));
    assert_eq!(serde_json::to_value(r.expected.unwrap()).unwrap(), want);
}

#[test]
fn partial_sections_keep_their_other_keys() {
    let out = merged(json!({"person": {"first_name": "Marge"}}));
    assert_eq!(
        out["person"],
        json!({"first_name": "Marge", "last_name": "Simpson", "date_of_birth": ""})
    );
    let out = merged(json!({"address": {"city": "Shelbyville"}}));
    assert_eq!(out["address"]["city"], "Shelbyville");
    assert_eq!(out["address"]["state"], "Tennessee");
    assert_eq!(out["address"]["street"], "742 Evergreen Terrace");
    let out = merged(json!({"documents": {"proof_of_address": {"number": "X1"}}}));
    assert_eq!(
        out["documents"]["proof_of_address"],
        json!({"type": "Driver License", "number": "X1", "country": "USA"})
    );
    assert_eq!(
        out["documents"]["photo_id"],
        seed_stored()["documents"]["photo_id"]
    );
    // Null clears an optional key.
    let out = merged(json!({"person": {"date_of_birth": null}}));
    assert_eq!(out["person"]["date_of_birth"], Value::Null);
    assert_eq!(merged(json!({"documents": {}})), seed_stored());
    assert_eq!(merged(json!({"person": {}})), seed_stored());
}

#[test]
fn nothing_expected_sent_means_no_expected() {
    let r = patch(json!({}));
    assert_eq!(
        r,
        PatchRequest {
            vendor_reference: None,
            vendor_state: None,
            status_change: None,
            expected: None
        }
    );
    let r = patch(json!({"vendor_state": null, "vendor_reference": "  R  ", "unknown": 1}));
    assert_eq!(r.vendor_state, Some(None));
    assert_eq!(r.vendor_reference, Some(Some("R".into())));
    assert_eq!(r.expected, None);
    let e = patch_errors(json!({"vendor_reference": 1, "vendor_state": "x".repeat(256)}));
    assert!(e.has("vendor_reference") && e.has("vendor_state"));
    assert_msg(
        &patch_errors(json!([])),
        "body",
        "The request body must be a JSON object.",
    );
}

#[test]
fn merged_values_are_validated() {
    let e = patch_errors(json!({"person": {"first_name": ""}}));
    assert_msg(
        &e,
        "person.first_name",
        "The person.first_name field is required.",
    );
    let e = patch_errors(json!({"person": {"last_name": 7}}));
    assert_msg(
        &e,
        "person.last_name",
        "The person.last_name field must be a string.",
    );
    let e = patch_errors(json!({"person": {"date_of_birth": "1988-13-01"}}));
    assert!(e.has("person.date_of_birth"));
    for key in ["person", "address", "documents"] {
        for v in [Value::Null, json!("x"), json!([1])] {
            let e = patch_errors(json!({key: v}));
            assert_msg(&e, key, &format!("The {key} field must be an object."));
        }
    }
    let e = patch_errors(json!({"documents": {"photo_id": null}}));
    assert_msg(
        &e,
        "documents.photo_id",
        "The documents.photo_id field must be an object.",
    );
}

#[test]
fn countries_are_uppercased_and_state_follows_the_merged_country() {
    let out = merged(json!({"address": {"country": "can", "state": null}}));
    assert_eq!(out["address"]["country"], "CAN");
    assert_eq!(out["address"]["state"], Value::Null);
    let e = patch_errors(json!({"address": {"state": null}}));
    assert_msg(
        &e,
        "address.state",
        "The address.state field is required when address.country is USA.",
    );
    let e = patch_errors(json!({"address": {"state": "Narnia"}}));
    assert!(e.has("address.state"));
    // Moving to the USA from elsewhere needs a state (the old one is kept here).
    let mut cur = current();
    let a = cur.address.as_mut().unwrap();
    a.country = "CAN".into();
    a.state = None;
    let e = validate_patch(&flow(), &cur, &json!({"address": {"country": "usa"}})).unwrap_err();
    assert!(e.has("address.state"));
    let r = validate_patch(
        &flow(),
        &cur,
        &json!({"address": {"country": "usa", "state": "tn"}}),
    )
    .unwrap();
    let a = r.expected.unwrap().address.unwrap();
    assert_eq!(
        (a.country.as_str(), a.state.as_deref()),
        ("USA", Some("tn"))
    );
}

#[test]
fn a_new_type_needs_its_number_and_country() {
    let e = patch_errors(json!({"documents": {"photo_id": {"type": "Passport"}}}));
    assert_msg(
        &e,
        "documents.photo_id.number",
        "The documents.photo_id.number field is required when documents.photo_id.type is present.",
    );
    assert_msg(
        &e,
        "documents.photo_id.country",
        "The documents.photo_id.country field is required when documents.photo_id.type is present.",
    );
    let e = patch_errors(json!({"documents": {"proof_of_address": {"type": "Lease"}}}));
    assert_msg(
        &e,
        "documents.proof_of_address.country",
        "The documents.proof_of_address.country field is required when documents.proof_of_address.type is present.",
    );
    // The seeds' PATCH table does not require proof_of_address.number.
    assert!(!e.has("documents.proof_of_address.number"));
    let out =
        merged(json!({"documents": {"proof_of_address": {"type": "lease", "country": "gbr"}}}));
    assert_eq!(
        out["documents"]["proof_of_address"],
        json!({"type": "Lease", "number": "", "country": "GBR"})
    );
    let out = merged(
        json!({"documents": {"photo_id": {"type": "passport", "number": "P1", "country": "fra"}}}),
    );
    assert_eq!(
        out["documents"]["photo_id"],
        json!({"type": "Passport", "number": "P1", "country": "FRA"})
    );
    // A blank number is reported once, not twice.
    let e = patch_errors(
        json!({"documents": {"photo_id": {"type": "Passport", "number": "", "country": "USA"}}}),
    );
    assert_eq!(e.get("documents.photo_id.number").unwrap().len(), 1);
    // Without a type, number and country may change alone.
    let out = merged(json!({"documents": {"photo_id": {"number": "NEW1"}}}));
    assert_eq!(out["documents"]["photo_id"]["number"], "NEW1");
}

#[test]
fn create_rules_apply_to_the_merged_documents() {
    // A country change alone can make the kept type a forbidden pair.
    let e = patch_errors(json!({"documents": {"photo_id": {"country": "FRA"}}}));
    assert_msg(
        &e,
        "documents.photo_id.type",
        "The ID Card is not accepted for country FRA.",
    );
    // Same type as the other (kept) slot.
    let e = patch_errors(
        json!({"documents": {"photo_id": {"type": "Driver License", "number": "D1", "country": "USA"}}}),
    );
    assert!(e.has("documents.photo_id.type") && e.has("documents.proof_of_address.type"));
    let e = patch_errors(
        json!({"documents": {"proof_of_address": {"type": "Utility Bill", "country": "USA"}}}),
    );
    assert_has(
        &e,
        "documents.proof_of_address.type",
        "A Utility Bill is not accepted",
    );
    let e = patch_errors(
        json!({"documents": {"photo_id": {"type": "Lease", "number": "1", "country": "USA"}}}),
    );
    assert_has(&e, "documents.photo_id.type", "cannot be used as Photo ID");
    let e = patch_errors(json!({"documents": {"photo_id": {"country": "zz"}}}));
    assert!(e.has("documents.photo_id.country"));
}

#[test]
fn status_needs_comment_and_email() {
    let r = patch(json!({"status": 5, "comment": " Please recheck. ", "email": "some@email.com"}));
    assert_eq!(
        r.status_change,
        Some(StatusChange {
            status: Status::DoubleCheck,
            comment: "Please recheck.".into(),
            email: "some@email.com".into()
        })
    );
    assert_eq!(r.expected, None);
    for n in 1..=8 {
        let r = patch(json!({"status": n, "comment": "c", "email": "a@b.co"}));
        assert_eq!(r.status_change.unwrap().status.value(), n);
    }
    let e = patch_errors(json!({"status": 3}));
    assert_msg(
        &e,
        "comment",
        "The comment field is required when status is present.",
    );
    assert_msg(
        &e,
        "email",
        "The email field is required when status is present.",
    );
    let e = patch_errors(json!({"status": 3, "comment": "", "email": "not-an-email"}));
    assert!(e.has("comment"));
    assert_msg(
        &e,
        "email",
        "The email field must be a valid email address.",
    );
    for bad in [json!(0), json!(9), json!(-1), json!(u64::MAX)] {
        let e = patch_errors(json!({"status": bad, "comment": "c", "email": "a@b.co"}));
        assert_msg(&e, "status", "The status field must be between 1 and 8.");
    }
    for bad in [json!("5"), json!(5.5), json!(5.0), json!([5]), json!(true)] {
        let e = patch_errors(json!({"status": bad, "comment": "c", "email": "a@b.co"}));
        assert_msg(&e, "status", "The status field must be an integer.");
    }
    let e = patch_errors(json!({"status": 4, "comment": "x".repeat(5001), "email": "a@b.co"}));
    assert_has(&e, "comment", "5000 characters");
    // Without a status, comment and email are not needed (nor looked at).
    assert_eq!(
        patch(json!({"comment": 1, "status": null})).status_change,
        None
    );
    // Status and data together.
    let r = patch(
        json!({"status": 8, "comment": "hold", "email": "a@b.co", "person": {"first_name": "Bart"}}),
    );
    assert_eq!(r.status_change.unwrap().status, Status::Hold);
    assert_eq!(r.expected.unwrap().person.unwrap().first_name, "Bart");
}
