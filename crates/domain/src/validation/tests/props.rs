//! Property tests: no JSON input makes validation panic, and what create
//! accepts stays accepted by a no-op PATCH.

use super::*;
use proptest::prelude::*;

/// Arbitrary JSON, with strings biased towards the words validation looks for.
fn any_json() -> impl Strategy<Value = Value> {
    let word = prop_oneof![
        Just("USA".to_string()),
        Just("usa".to_string()),
        Just("FRA".to_string()),
        Just("Passport".to_string()),
        Just("driver license".to_string()),
        Just("Utility Bill".to_string()),
        Just("Tennessee".to_string()),
        Just("1988-05-06".to_string()),
        Just("a@b.co".to_string()),
        Just("https://example.com/".to_string()),
        Just(String::new()),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        word.prop_map(Value::String),
    ];
    let key = prop_oneof![
        Just("person".to_string()),
        Just("address".to_string()),
        Just("documents".to_string()),
        Just("photo_id".to_string()),
        Just("proof_of_address".to_string()),
        Just("type".to_string()),
        Just("number".to_string()),
        Just("country".to_string()),
        Just("state".to_string()),
        Just("first_name".to_string()),
        Just("date_of_birth".to_string()),
        Just("status".to_string()),
        Just("comment".to_string()),
        Just("email".to_string()),
        Just("redirect_url".to_string()),
        "[a-z_]{1,12}",
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The seeds' create body with one path replaced by arbitrary JSON.
fn mutated_seed() -> impl Strategy<Value = Value> {
    let paths = prop::sample::select(vec![
        "person",
        "person.first_name",
        "person.date_of_birth",
        "address",
        "address.state",
        "address.country",
        "documents",
        "documents.photo_id",
        "documents.photo_id.type",
        "documents.photo_id.country",
        "documents.proof_of_address.type",
        "documents.proof_of_address.number",
        "vendor_reference",
        "redirect_url",
    ]);
    (paths, any_json()).prop_map(|(p, v)| with(seed_create(), p, v))
}

proptest! {
    #[test]
    fn validate_create_never_panics(body in any_json()) {
        let _ = validate_create(&flow(), &body);
    }

    #[test]
    fn validate_patch_and_actor_never_panic(body in any_json()) {
        let cur: ExpectedData = serde_json::from_value(seed_stored()).unwrap();
        let _ = validate_patch(&flow(), &cur, &body);
        let _ = validate_patch(&flow(), &ExpectedData::default(), &body);
        let _ = validate_actor(&body);
    }

    #[test]
    fn near_valid_bodies_never_panic_and_accepted_ones_are_stable(body in mutated_seed()) {
        let f = flow();
        let cur: ExpectedData = serde_json::from_value(seed_stored()).unwrap();
        let _ = validate_patch(&f, &cur, &body);
        if let Ok(r) = validate_create(&f, &body) {
            // What create accepted, fed back as a body, is accepted unchanged
            // (canonical names and uppercased codes are fixed points) …
            let again = validate_create(&f, &serde_json::to_value(&r.expected).unwrap()).unwrap();
            prop_assert_eq!(&again.expected, &r.expected);
            // … and an empty PATCH of it keeps it.
            let p = validate_patch(&f, &r.expected, &json!({"documents": {}})).unwrap();
            prop_assert_eq!(p.expected.as_ref(), Some(&r.expected));
            prop_assert!(r.expected.person.is_some() && r.expected.address.is_some());
        } else {
            let e = validate_create(&f, &body).unwrap_err();
            prop_assert!(!e.is_empty());
            prop_assert!(!e.message().is_empty());
        }
    }
}
