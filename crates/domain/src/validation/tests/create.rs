//! validate_create: the seeds' example, required sections and fields, formats.

use super::*;

#[test]
fn seeds_example_gives_the_documented_expected_data() {
    let r = validate_create(&flow(), &seed_create()).unwrap();
    assert_eq!(r.vendor_reference.as_deref(), Some("REF-001"));
    assert_eq!(r.vendor_state.as_deref(), Some("TN"));
    assert_eq!(r.redirect_url, None);
    let mut want = seed_create();
    let obj = want.as_object_mut().unwrap();
    obj.remove("vendor_reference");
    obj.remove("vendor_state");
    assert_eq!(serde_json::to_value(&r.expected).unwrap(), want);
    // "Tennessee" is kept as sent, not rewritten to "TN".
    assert_eq!(
        r.expected.address.unwrap().state.as_deref(),
        Some("Tennessee")
    );
}

#[test]
fn seeds_stored_shape_validates_and_round_trips() {
    // Empty date of birth and empty proof-of-address number are kept as "".
    assert_eq!(created_json(&seed_stored()), seed_stored());
    let r = validate_create(&flow(), &seed_stored()).unwrap();
    assert_eq!(r.vendor_reference, None);
    assert_eq!(
        r.expected.person.unwrap().date_of_birth.as_deref(),
        Some("")
    );
    let poa = r.expected.documents.proof_of_address.unwrap();
    assert_eq!(poa.number.as_deref(), Some(""));
}

#[test]
fn canonical_names_and_uppercased_codes() {
    let body = with(seed_create(), "documents.photo_id.type", json!("passport"));
    let body = with(body, "documents.photo_id.country", json!("fra"));
    let body = with(
        body,
        "documents.proof_of_address.type",
        json!("  driver LICENSE "),
    );
    let body = with(body, "documents.proof_of_address.country", json!("usa"));
    let body = with(body, "address.country", json!("uSa"));
    let out = created_json(&body);
    assert_eq!(out["documents"]["photo_id"]["type"], "Passport");
    assert_eq!(out["documents"]["photo_id"]["country"], "FRA");
    assert_eq!(
        out["documents"]["proof_of_address"]["type"],
        "Driver License"
    );
    assert_eq!(out["documents"]["proof_of_address"]["country"], "USA");
    assert_eq!(out["address"]["country"], "USA");
}

#[test]
fn optional_fields_may_be_absent_or_null() {
    let body = without(without(seed_create(), "vendor_reference"), "vendor_state");
    let body = without(body, "person.date_of_birth");
    let body = without(body, "documents.proof_of_address.number");
    let r = validate_create(&flow(), &body).unwrap();
    assert_eq!(r.vendor_reference, None);
    assert_eq!(r.expected.person.as_ref().unwrap().date_of_birth, None);
    assert_eq!(r.expected.documents.proof_of_address.unwrap().number, None);
    let body = with(seed_create(), "vendor_reference", Value::Null);
    let body = with(body, "person.date_of_birth", Value::Null);
    let body = with(body, "documents.proof_of_address.number", Value::Null);
    let r = validate_create(&flow(), &body).unwrap();
    assert_eq!(r.vendor_reference, None);
    assert_eq!(r.expected.person.unwrap().date_of_birth, None);
}

#[test]
fn body_must_be_an_object() {
    for body in [json!([]), json!("x"), json!(1), Value::Null, json!(true)] {
        let e = create_errors(&body);
        assert_msg(&e, "body", "The request body must be a JSON object.");
    }
}

#[test]
fn empty_body_lists_every_required_section() {
    let e = create_errors(&json!({}));
    assert_msg(&e, "person", "The person field is required.");
    assert_msg(&e, "address", "The address field is required.");
    assert_msg(
        &e,
        "documents.photo_id",
        "The documents.photo_id field is required.",
    );
    assert_msg(
        &e,
        "documents.proof_of_address",
        "The documents.proof_of_address field is required.",
    );
    assert_eq!(e.fields().count(), 4);
    assert_eq!(
        e.message(),
        "The person field is required. (and 3 more errors)"
    );
}

#[test]
fn required_fields_inside_sections() {
    let cases = [
        (
            "person.first_name",
            "The person.first_name field is required.",
        ),
        (
            "person.last_name",
            "The person.last_name field is required.",
        ),
        ("address.street", "The address.street field is required."),
        ("address.city", "The address.city field is required."),
        (
            "address.postal_code",
            "The address.postal_code field is required.",
        ),
        ("address.country", "The address.country field is required."),
        (
            "documents.photo_id.type",
            "The documents.photo_id.type field is required.",
        ),
        (
            "documents.photo_id.number",
            "The documents.photo_id.number field is required.",
        ),
        (
            "documents.photo_id.country",
            "The documents.photo_id.country field is required.",
        ),
        (
            "documents.proof_of_address.type",
            "The documents.proof_of_address.type field is required.",
        ),
        (
            "documents.proof_of_address.country",
            "The documents.proof_of_address.country field is required.",
        ),
    ];
    for (path, msg) in cases {
        for body in [
            without(seed_create(), path),
            with(seed_create(), path, Value::Null),
            with(seed_create(), path, json!("")),
            with(seed_create(), path, json!("   ")),
        ] {
            let e = create_errors(&body);
            assert_msg(&e, path, msg);
            assert_eq!(e.fields().count(), 1, "{path}: {e:?}");
        }
    }
}

#[test]
fn collects_all_errors_at_once() {
    let body = json!({
        "vendor_reference": 5,
        "person": {"first_name": "", "last_name": ["x"], "date_of_birth": "06/05/1988"},
        "address": {"street": "1 Main St", "city": "X", "postal_code": "1", "country": "ZZZ"},
        "documents": {
            "photo_id": {"type": "Utility Bill", "number": "1", "country": "USA"},
            "proof_of_address": "Lease"
        }
    });
    let e = create_errors(&body);
    let fields: Vec<&str> = e.fields().collect();
    assert_eq!(
        fields,
        [
            "vendor_reference",
            "person.first_name",
            "person.last_name",
            "person.date_of_birth",
            "address.country",
            "documents.photo_id.type",
            "documents.proof_of_address",
        ]
    );
    assert_msg(
        &e,
        "vendor_reference",
        "The vendor_reference field must be a string.",
    );
    assert_msg(
        &e,
        "person.last_name",
        "The person.last_name field must be a string.",
    );
    assert_msg(
        &e,
        "person.date_of_birth",
        "The person.date_of_birth field must be a valid date in the format YYYY-MM-DD.",
    );
    assert_msg(
        &e,
        "address.country",
        "The address.country must be a valid ISO 3166-1 alpha-3 country code.",
    );
    assert_msg(
        &e,
        "documents.proof_of_address",
        "The documents.proof_of_address field must be an object.",
    );
    assert!(
        e.message().ends_with("(and 6 more errors)"),
        "{}",
        e.message()
    );
}

#[test]
fn wrong_json_types_are_field_errors() {
    let cases = [
        ("person.first_name", json!(42)),
        ("person.first_name", json!(true)),
        ("person.first_name", json!({"a": 1})),
        ("person.date_of_birth", json!(19880506)),
        ("address.street", json!(["742"])),
        ("address.postal_code", json!(92026)),
        ("address.state", json!(1)),
        ("documents.photo_id.number", json!(123456)),
        ("documents.photo_id.type", json!(1)),
        ("documents.photo_id.country", json!(840)),
        ("documents.proof_of_address.number", json!(1.5)),
        ("vendor_state", json!({})),
        ("redirect_url", json!(["https://x.test"])),
    ];
    for (path, v) in cases {
        let e = create_errors(&with(seed_create(), path, v));
        assert_msg(&e, path, &format!("The {path} field must be a string."));
        assert_eq!(e.fields().count(), 1, "{path}: {e:?}");
    }
    for (path, v) in [
        ("person", json!("Homer")),
        ("address", json!([])),
        ("documents", json!(1)),
        ("documents.photo_id", json!("Passport")),
    ] {
        let e = create_errors(&with(seed_create(), path, v));
        assert_msg(&e, path, &format!("The {path} field must be an object."));
    }
}

#[test]
fn lengths_and_control_characters() {
    let long = |n: usize| json!("x".repeat(n));
    let ok = with(seed_create(), "person.first_name", long(100));
    let ok = with(ok, "address.postal_code", long(20));
    let ok = with(ok, "vendor_reference", long(255));
    // Multi-byte characters count once.
    let ok = with(ok, "person.last_name", json!("é".repeat(100)));
    validate_create(&flow(), &ok).unwrap();
    for (path, max) in [
        ("person.first_name", 100),
        ("person.last_name", 100),
        ("address.street", 255),
        ("address.city", 255),
        ("address.postal_code", 20),
        ("vendor_reference", 255),
        ("vendor_state", 255),
        ("documents.photo_id.number", 255),
        ("documents.proof_of_address.number", 255),
    ] {
        let e = create_errors(&with(seed_create(), path, long(max + 1)));
        assert_msg(
            &e,
            path,
            &format!("The {path} field must not be greater than {max} characters."),
        );
    }
    let e = create_errors(&with(seed_create(), "address.street", long(5_000_000)));
    assert_has(&e, "address.street", "255 characters");
    for bad in [
        "Ho\u{0}mer",
        "Ho\u{1b}[31mmer",
        "Ho\u{7f}mer",
        "Ho\u{85}mer",
    ] {
        let e = create_errors(&with(seed_create(), "person.first_name", json!(bad)));
        assert_msg(
            &e,
            "person.first_name",
            "The person.first_name field must not contain control characters.",
        );
    }
    // Surrounding whitespace is trimmed, inner tabs/newlines are whitespace.
    let out = created_json(&with(
        seed_create(),
        "address.street",
        json!("  742\tEvergreen\n "),
    ));
    assert_eq!(out["address"]["street"], "742\tEvergreen");
}

#[test]
fn date_of_birth_formats() {
    for ok in ["1988-05-06", "2000-02-29", ""] {
        let out = created_json(&with(seed_create(), "person.date_of_birth", json!(ok)));
        assert_eq!(out["person"]["date_of_birth"], ok);
    }
    for bad in [
        "1988-5-6",
        "1988-02-30",
        "1900-02-29",
        "88-05-06",
        "1988/05/06",
        "1988-05-06T00:00:00",
        "x",
    ] {
        let e = create_errors(&with(seed_create(), "person.date_of_birth", json!(bad)));
        assert_has(&e, "person.date_of_birth", "YYYY-MM-DD");
    }
}

#[test]
fn address_state_rules() {
    for (state, kept) in [
        ("TN", "TN"),
        ("tn", "tn"),
        ("Tennessee", "Tennessee"),
        (" new york ", "new york"),
        ("PR", "PR"),
    ] {
        let out = created_json(&with(seed_create(), "address.state", json!(state)));
        assert_eq!(out["address"]["state"], kept);
    }
    let req = "The address.state field is required when address.country is USA.";
    for body in [
        without(seed_create(), "address.state"),
        with(seed_create(), "address.state", Value::Null),
        with(seed_create(), "address.state", json!(" ")),
        // The country is uppercased before the rule applies.
        without(
            with(seed_create(), "address.country", json!("usa")),
            "address.state",
        ),
    ] {
        assert_msg(&create_errors(&body), "address.state", req);
    }
    let e = create_errors(&with(seed_create(), "address.state", json!("Ontario")));
    assert_has(&e, "address.state", "valid US state code or name");
    // Outside the USA the state is optional and free text.
    let body = with(seed_create(), "address.country", json!("CAN"));
    let out = created_json(&without(body.clone(), "address.state"));
    assert_eq!(out["address"]["state"], Value::Null);
    let out = created_json(&with(body, "address.state", json!("Ontario")));
    assert_eq!(out["address"]["state"], "Ontario");
}

#[test]
fn invalid_country_codes() {
    for bad in ["US", "XXX", "United States", "U S", "8400"] {
        for path in [
            "address.country",
            "documents.photo_id.country",
            "documents.proof_of_address.country",
        ] {
            let e = create_errors(&with(seed_create(), path, json!(bad)));
            assert_msg(
                &e,
                path,
                &format!("The {path} must be a valid ISO 3166-1 alpha-3 country code."),
            );
        }
    }
}

#[test]
fn unknown_top_level_and_nested_fields_are_ignored() {
    let body = with(seed_create(), "extra", json!({"anything": [1, 2]}));
    let body = with(body, "person.middle_name", json!("Jay"));
    let body = with(body, "documents.other_slot", json!({"type": "x"}));
    let out = created_json(&body);
    assert!(out["person"].get("middle_name").is_none());
}

#[test]
fn redirect_url_rules() {
    for (sent, kept) in [
        (
            "https://example.com/done?x=1",
            "https://example.com/done?x=1",
        ),
        ("https://example.com", "https://example.com/"),
        ("http://localhost:3000/cb", "http://localhost:3000/cb"),
        ("http://127.0.0.1/cb", "http://127.0.0.1/cb"),
        ("http://[::1]:8080/", "http://[::1]:8080/"),
    ] {
        let r =
            validate_create(&flow(), &with(seed_create(), "redirect_url", json!(sent))).unwrap();
        assert_eq!(r.redirect_url.as_deref(), Some(kept));
    }
    for empty in [Value::Null, json!("")] {
        let r = validate_create(&flow(), &with(seed_create(), "redirect_url", empty)).unwrap();
        assert_eq!(r.redirect_url, None);
    }
    for bad in [
        "http://example.com/",
        "ftp://example.com/",
        "javascript:alert(1)",
        "https://",
        "not a url",
        "/relative",
        "http://localhost.evil.com/",
        "http://127.0.0.2/",
        "https://user:pw@example.com/",
    ] {
        let e = create_errors(&with(seed_create(), "redirect_url", json!(bad)));
        assert!(e.has("redirect_url"), "{bad}");
    }
    let long = format!("https://example.com/{}", "a".repeat(2048));
    let e = create_errors(&with(seed_create(), "redirect_url", json!(long)));
    assert_has(&e, "redirect_url", "2048 characters");
}

#[test]
fn flows_without_a_slot_do_not_require_its_sections() {
    let mut f = flow();
    f.slots = vec![Slot::PhotoId];
    f.document_types.retain(|t| t.fits(Slot::PhotoId));
    for t in &mut f.document_types {
        t.slots = vec![Slot::PhotoId];
    }
    let body = without(
        without(seed_create(), "address"),
        "documents.proof_of_address",
    );
    let r = validate_create(&f, &body).unwrap();
    assert!(r.expected.address.is_none());
    assert!(r.expected.documents.proof_of_address.is_none());
    // An address is still checked if sent; a document for an unused slot is refused.
    let e =
        validate_create(&f, &with(body.clone(), "address", json!({"street": "x"}))).unwrap_err();
    assert!(e.has("address.city"));
    let e = validate_create(&f, &seed_create()).unwrap_err();
    assert_msg(
        &e,
        "documents.proof_of_address",
        "The USPS 1583 flow does not use documents.proof_of_address.",
    );
    // And a photo-ID-only body on the full flow lacks the proof-of-address parts.
    let e = create_errors(&body);
    assert!(e.has("address") && e.has("documents.proof_of_address"));
}
