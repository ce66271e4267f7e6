//! Unit tests of the flow model, the embedded usps1583 flow and flow loading.

use super::*;

fn usps() -> Flow {
    FlowRegistry::builtin().get("usps1583").unwrap().clone()
}

#[test]
fn slot_keys_and_labels() {
    assert_eq!(Slot::PhotoId.key(), "photo_id");
    assert_eq!(Slot::ProofOfAddress.key(), "proof_of_address");
    assert_eq!(Slot::PhotoId.label(), "Photo ID");
    assert_eq!(Slot::ProofOfAddress.label(), "Proof of Address");
    for s in Slot::ALL {
        assert_eq!(Slot::from_key(s.key()), Some(s));
        // The serde name is the API key too.
        assert_eq!(serde_json::to_value(s).unwrap(), s.key());
    }
    assert_eq!(Slot::from_key("Photo_ID"), None);
    assert_eq!(Slot::from_key(""), None);
}

/// id, name, slots, sides, countries, accepts_pdf, reader: docs/flows.md's table.
type Row = (
    u32,
    &'static str,
    &'static [Slot],
    Sides,
    Option<&'static [&'static str]>,
    bool,
    &'static str,
);

#[test]
fn usps1583_matches_flows_md() {
    let f = usps();
    assert_eq!(f.name, "USPS 1583");
    assert_eq!(f.ttl_days, 30);
    assert_eq!(f.slots, vec![Slot::PhotoId, Slot::ProofOfAddress]);
    assert_eq!(f.document_types.len(), 18);
    use Sides::*;
    use Slot::*;
    let any: Option<&[&str]> = None;
    #[rustfmt::skip]
    let table: [Row; 18] = [
        (1, "Passport", &[PhotoId], Front, any, false, "mrz_td3"),
        (2, "Driver License", &[PhotoId, ProofOfAddress], FrontBack, Some(&["USA"]), false, "aamva"),
        (3, "ID Card", &[PhotoId, ProofOfAddress], FrontBack, Some(&["USA"]), false, "aamva"),
        (4, "Passport Card", &[PhotoId], FrontBack, Some(&["USA"]), false, "mrz_td1"),
        (5, "Permanent Resident Card", &[PhotoId], FrontBack, Some(&["USA"]), false, "mrz_td1"),
        (6, "Uniformed Service ID", &[PhotoId], FrontBack, Some(&["USA"]), false, "ocr_front"),
        (7, "U.S. Access Card", &[PhotoId], FrontBack, Some(&["USA"]), false, "ocr_front"),
        (8, "Certificate of Naturalization", &[PhotoId], Front, Some(&["USA"]), false, "ocr_front"),
        (9, "Matricula Consular", &[PhotoId], FrontBack, Some(&["MEX"]), false, "ocr_front"),
        (10, "University ID", &[PhotoId], Front, Some(&["USA"]), false, "ocr_front"),
        (11, "NEXUS Card", &[PhotoId], FrontBack, Some(&["USA", "CAN"]), false, "ocr_front_mrz"),
        (12, "Lease", &[ProofOfAddress], Front, any, true, "address_document"),
        (13, "Mortgage", &[ProofOfAddress], Front, any, true, "address_document"),
        (14, "Deed of Trust", &[ProofOfAddress], Front, any, true, "address_document"),
        (15, "Home Insurance Policy", &[ProofOfAddress], Front, any, true, "address_document"),
        (16, "Vehicle Insurance Policy", &[ProofOfAddress], Front, any, true, "address_document"),
        (17, "Vehicle Registration", &[ProofOfAddress], Front, any, false, "address_document"),
        (18, "Voter Registration Card", &[ProofOfAddress], Front, Some(&["USA"]), false, "address_document"),
    ];
    for (t, (id, name, slots, sides, countries, pdf, reader)) in f.document_types.iter().zip(table)
    {
        assert_eq!(t.id, id);
        assert_eq!(t.name, name);
        assert_eq!(t.slots, slots, "{name}");
        assert_eq!(t.sides, sides, "{name}");
        assert_eq!(
            t.countries,
            countries.map(|c| c.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
            "{name}"
        );
        assert_eq!(t.accepts_pdf, pdf, "{name}");
        assert_eq!(t.reader, reader, "{name}");
        assert_eq!(t.needs_back(), sides == FrontBack);
        assert_eq!(f.document_type(id), Some(t));
    }
    let na: Vec<&str> = f.not_acceptable.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        na,
        [
            "Social Security Card",
            "Birth Certificate",
            "Credit Card",
            "Utility Bill"
        ]
    );
    assert!(f
        .not_acceptable_by_name("utility bill")
        .unwrap()
        .reason
        .contains("22613"));
}

#[test]
fn lookups_are_case_insensitive() {
    let f = usps();
    assert_eq!(f.document_type_by_name("driver license").unwrap().id, 2);
    assert_eq!(
        f.document_type_by_name("  DRIVER   LICENSE ").unwrap().id,
        2
    );
    assert_eq!(f.document_type_by_name("u.s. access card").unwrap().id, 7);
    assert!(f.document_type_by_name("Drivers License").is_none());
    assert!(f.document_type_by_name("").is_none());
    assert!(f.document_type(0).is_none());
    assert!(f.document_type(19).is_none());
    assert!(f.supports(Slot::PhotoId) && f.supports(Slot::ProofOfAddress));
    let poa: Vec<u32> = f.types_for(Slot::ProofOfAddress).map(|t| t.id).collect();
    assert_eq!(poa, [2, 3, 12, 13, 14, 15, 16, 17, 18]);
}

#[test]
fn forbidden_pairs() {
    let f = usps();
    let t = |n: &str| f.document_type_by_name(n).unwrap();
    assert!(t("Driver License").allowed_in("USA"));
    assert!(t("Driver License").allowed_in("usa"));
    assert!(!t("Driver License").allowed_in("FRA"));
    assert!(!t("Matricula Consular").allowed_in("USA"));
    assert!(t("Matricula Consular").allowed_in("MEX"));
    assert!(t("NEXUS Card").allowed_in("CAN"));
    assert!(t("NEXUS Card").allowed_in("USA"));
    assert!(!t("NEXUS Card").allowed_in("MEX"));
    assert!(t("Passport").allowed_in("FRA"));
    assert!(t("Lease").allowed_in("DEU"));
    // "any" still means a real code.
    assert!(!t("Passport").allowed_in("XXX"));
    assert!(!t("Passport").allowed_in(""));
}

#[test]
fn registry_get_and_all() {
    let r = FlowRegistry::builtin();
    assert_eq!(r.all().len(), 1);
    assert!(r.get("usps1583").is_some());
    assert!(r.get("USPS1583").is_none());
    assert!(r.get("").is_none());
}

fn minimal(slug: &str, name: &str) -> String {
    format!(
        r#"{{"slug":"{slug}","name":"{name}","slots":["photo_id"],"ttl_days":7,
        "document_types":[{{"id":1,"name":"Passport","slots":["photo_id"],"sides":"front",
        "countries":["fra"],"accepts_pdf":false,"reader":"mrz_td3"}}],"not_acceptable":[]}}"#
    )
}

#[test]
fn with_sources_adds_and_replaces() {
    let r = FlowRegistry::builtin()
        .with_sources(vec![
            ("a.json".into(), minimal("other", "Other")),
            ("b.json".into(), minimal("usps1583", "Replaced")),
        ])
        .unwrap();
    assert_eq!(r.all().len(), 2);
    assert_eq!(r.get("usps1583").unwrap().name, "Replaced");
    let other = r.get("other").unwrap();
    assert_eq!(other.ttl_days, 7);
    // Countries are uppercased on load.
    assert_eq!(
        other.document_types[0].countries,
        Some(vec!["FRA".to_string()])
    );
    assert!(FlowRegistry::builtin()
        .with_sources(vec![])
        .unwrap()
        .get("usps1583")
        .is_some());
}

fn load_err(text: &str) -> String {
    match FlowRegistry::builtin().with_sources(vec![("x.json".into(), text.to_string())]) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn with_sources_rejects_bad_files() {
    assert!(load_err("not json").starts_with("flow file x.json: invalid JSON"));
    assert!(load_err("[]").contains("JSON object"));
    assert!(load_err(&minimal("", "X")).contains("slug"));
    assert!(load_err(&minimal("Bad Slug", "X")).contains("slug"));
    assert!(load_err(&minimal("ok", " ")).contains("name must not be empty"));
    let base = minimal("ok", "Ok");
    let cases = [
        (base.replace("\"ttl_days\":7", "\"ttl_days\":0"), "ttl_days"),
        (
            base.replace("\"slots\":[\"photo_id\"],\"ttl", "\"slots\":[],\"ttl"),
            "slots must not be empty",
        ),
        (base.replace("\"fra\"", "\"zzz\""), "not an ISO 3166-1"),
        (base.replace("[\"fra\"]", "[]"), "empty countries"),
        (
            base.replace("\"reader\":\"mrz_td3\"", "\"reader\":\"\""),
            "empty reader",
        ),
        (
            base.replace("\"name\":\"Passport\"", "\"name\":\"\""),
            "empty name",
        ),
        (
            base.replace("\"countries\"", "\"countires\""),
            "unknown key",
        ),
        (base.replace("\"slug\"", "\"slugg\""), "unknown key"),
        (
            base.replace("\"sides\":\"front\"", "\"sides\":\"back\""),
            "invalid flow",
        ),
        (
            base.replace(
                "\"slots\":[\"photo_id\"],\"sides\"",
                "\"slots\":[\"proof_of_address\"],\"sides\"",
            ),
            "does not use",
        ),
        (
            base.replace(
                "\"not_acceptable\":[]",
                "\"not_acceptable\":[{\"name\":\"passport\",\"reason\":\"r\"}]",
            ),
            "both a document type",
        ),
    ];
    for (text, want) in cases {
        let e = load_err(&text);
        assert!(e.contains(want), "{want:?} not in {e:?}");
    }
    let twice = base.replace(
        "\"not_acceptable\"",
        "\"document_types\":[],\"not_acceptable\"",
    );
    assert!(load_err(&twice).contains("document_types must not be empty"));
    let dup_ids = usps_json().replace("\"id\": 2,", "\"id\": 1,");
    assert!(load_err(&dup_ids).contains("id 1 is used twice"));
    let dup_names = usps_json()
        .replace("\"ID Card\"", "\"id card \"")
        .replace("\"Driver License\"", "\"ID CARD\"");
    assert!(load_err(&dup_names).contains("used twice"));
    let e = FlowRegistry::builtin()
        .with_sources(vec![
            ("a.json".into(), minimal("s", "A")),
            ("b.json".into(), minimal("s", "B")),
        ])
        .unwrap_err()
        .to_string();
    assert!(e.contains("b.json") && e.contains("a.json"), "{e}");
}

fn usps_json() -> String {
    BUILTIN_SOURCES[0].1.to_string()
}
