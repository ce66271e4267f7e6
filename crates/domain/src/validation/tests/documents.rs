//! Document rules: type for the flow and slot, forbidden pairs, not acceptable
//! documents, two different types.

use super::*;

fn docs(photo: (&str, &str), poa: (&str, &str)) -> Value {
    let body = with(seed_create(), "documents.photo_id.type", json!(photo.0));
    let body = with(body, "documents.photo_id.country", json!(photo.1));
    let body = with(body, "documents.proof_of_address.type", json!(poa.0));
    with(body, "documents.proof_of_address.country", json!(poa.1))
}

#[test]
fn every_allowed_type_and_country_validates() {
    let f = flow();
    for t in &f.document_types {
        let countries = t
            .countries
            .clone()
            .unwrap_or_else(|| vec!["FRA".into(), "USA".into()]);
        for c in countries {
            let body = if t.fits(Slot::PhotoId) {
                docs((&t.name, &c), ("Lease", "USA"))
            } else {
                docs(("Passport", "USA"), (&t.name, &c))
            };
            let out = created_json(&body);
            let slot = if t.fits(Slot::PhotoId) {
                "photo_id"
            } else {
                "proof_of_address"
            };
            assert_eq!(out["documents"][slot]["type"], t.name.as_str());
            assert_eq!(out["documents"][slot]["country"], c.as_str());
        }
    }
}

#[test]
fn forbidden_pairs_are_422_on_the_type() {
    let e = create_errors(&docs(("Driver License", "FRA"), ("Lease", "USA")));
    assert_msg(
        &e,
        "documents.photo_id.type",
        "The Driver License is not accepted for country FRA.",
    );
    assert_eq!(e.fields().count(), 1);
    let e = create_errors(&docs(("Passport", "USA"), ("Driver License", "fra")));
    assert_msg(
        &e,
        "documents.proof_of_address.type",
        "The Driver License is not accepted for country FRA.",
    );
    let e = create_errors(&docs(("Matricula Consular", "USA"), ("Lease", "USA")));
    assert_msg(
        &e,
        "documents.photo_id.type",
        "The Matricula Consular is not accepted for country USA.",
    );
    let e = create_errors(&docs(
        ("Passport", "USA"),
        ("Voter Registration Card", "MEX"),
    ));
    assert_msg(
        &e,
        "documents.proof_of_address.type",
        "The Voter Registration Card is not accepted for country MEX.",
    );
    for ok in [
        docs(("NEXUS Card", "CAN"), ("Lease", "CAN")),
        docs(("NEXUS Card", "USA"), ("Lease", "USA")),
        docs(("Matricula Consular", "MEX"), ("Lease", "USA")),
        docs(("Passport", "FRA"), ("Vehicle Registration", "DEU")),
    ] {
        validate_create(&flow(), &ok).unwrap();
    }
    let e = create_errors(&docs(("NEXUS Card", "MEX"), ("Lease", "USA")));
    assert_msg(
        &e,
        "documents.photo_id.type",
        "The NEXUS Card is not accepted for country MEX.",
    );
    // An invalid country is reported on the country, not as a forbidden pair.
    let e = create_errors(&docs(("Driver License", "ZZZ"), ("Lease", "USA")));
    assert!(!e.has("documents.photo_id.type"));
    assert!(e.has("documents.photo_id.country"));
}

#[test]
fn the_same_type_twice_is_refused_on_both_fields() {
    for (a, b) in [("Driver License", "Driver License"), ("ID Card", "id card")] {
        let e = create_errors(&docs((a, "USA"), (b, "USA")));
        assert_msg(
            &e,
            "documents.photo_id.type",
            "The documents.photo_id.type and documents.proof_of_address.type must be different.",
        );
        assert_msg(
            &e,
            "documents.proof_of_address.type",
            "The documents.proof_of_address.type and documents.photo_id.type must be different.",
        );
        assert_eq!(e.fields().count(), 2);
    }
    validate_create(
        &flow(),
        &docs(("Driver License", "USA"), ("ID Card", "USA")),
    )
    .unwrap();
    validate_create(
        &flow(),
        &docs(("ID Card", "USA"), ("Driver License", "USA")),
    )
    .unwrap();
}

#[test]
fn unknown_types_list_the_valid_ones() {
    let e = create_errors(&docs(("Library Card", "USA"), ("Lease", "USA")));
    assert_msg(
        &e,
        "documents.photo_id.type",
        "The selected documents.photo_id.type is invalid. Valid Photo ID types: Passport, \
         Driver License, ID Card, Passport Card, Permanent Resident Card, Uniformed Service ID, \
         U.S. Access Card, Certificate of Naturalization, Matricula Consular, University ID, \
         NEXUS Card.",
    );
    let e = create_errors(&docs(("Passport", "USA"), ("Bank Statement", "USA")));
    assert_has(
        &e,
        "documents.proof_of_address.type",
        "The selected documents.proof_of_address.type is invalid.",
    );
    assert_has(
        &e,
        "documents.proof_of_address.type",
        "Driver License, ID Card, Lease, Mortgage",
    );
}

#[test]
fn types_of_the_wrong_slot_say_so() {
    let e = create_errors(&docs(("Passport", "USA"), ("Passport", "USA")));
    let msgs = e.get("documents.proof_of_address.type").unwrap();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].starts_with("A Passport cannot be used as Proof of Address. Valid Proof of Address types: Driver License"));
    assert!(!e.has("documents.photo_id.type"));
    let e = create_errors(&docs(("Lease", "USA"), ("Mortgage", "USA")));
    assert_has(
        &e,
        "documents.photo_id.type",
        "A Lease cannot be used as Photo ID. Valid Photo ID types: Passport,",
    );
}

#[test]
fn not_acceptable_documents_give_the_reason() {
    let e = create_errors(&docs(("Passport", "USA"), ("utility bill", "USA")));
    assert_msg(
        &e,
        "documents.proof_of_address.type",
        "A Utility Bill is not accepted: Utility bills are no longer accepted by USPS for Form 1583 (Postal Bulletin 22613).",
    );
    for name in ["Social Security Card", "Birth Certificate", "Credit Card"] {
        let e = create_errors(&docs((name, "USA"), ("Lease", "USA")));
        assert_has(
            &e,
            "documents.photo_id.type",
            &format!("A {name} is not accepted: "),
        );
    }
}
