//! Tests of create, PATCH and action validation, against the seeds' examples
//! and docs/flows.md, plus property tests that no input panics.

mod actor;
mod create;
mod documents;
mod fields;
mod patch;
mod props;

use super::*;
use crate::{FlowRegistry, Slot};
use serde_json::{json, Value};

fn flow() -> Flow {
    FlowRegistry::builtin().get("usps1583").unwrap().clone()
}

/// The seeds' "Create Verification" example request.
fn seed_create() -> Value {
    json!({
        "vendor_reference": "REF-001",
        "vendor_state": "TN",
        "person": {"first_name": "Homer", "last_name": "Simpson", "date_of_birth": "1988-05-06"},
        "address": {
            "street": "742 Evergreen Terrace", "city": "Springfield", "state": "Tennessee",
            "postal_code": "92026", "country": "USA"
        },
        "documents": {
            "photo_id": {"type": "Passport", "number": "AB123456", "country": "USA"},
            "proof_of_address": {"type": "Driver License", "number": "DL789012", "country": "USA"}
        }
    })
}

/// The expected data the seeds show on GET/list/submit (empty DOB and number).
fn seed_stored() -> Value {
    json!({
        "person": {"first_name": "Homer", "last_name": "Simpson", "date_of_birth": ""},
        "address": {
            "street": "742 Evergreen Terrace", "city": "Springfield", "state": "Tennessee",
            "postal_code": "92026", "country": "USA"
        },
        "documents": {
            "photo_id": {"type": "ID Card", "number": "AB123456", "country": "USA"},
            "proof_of_address": {"type": "Driver License", "number": "", "country": "USA"}
        }
    })
}

/// Sets `path` (dotted) in `body` to `v`, creating objects on the way.
fn with(mut body: Value, path: &str, v: Value) -> Value {
    let mut cur = &mut body;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        if !cur.get(*p).is_some_and(Value::is_object) {
            cur[*p] = json!({});
        }
        cur = cur.get_mut(*p).unwrap();
    }
    cur[parts[parts.len() - 1]] = v;
    body
}

/// Removes `path` (dotted) from `body`.
fn without(mut body: Value, path: &str) -> Value {
    let mut cur = &mut body;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        cur = cur.get_mut(*p).unwrap();
    }
    cur.as_object_mut().unwrap().remove(parts[parts.len() - 1]);
    body
}

fn create_errors(body: &Value) -> ValidationErrors {
    match validate_create(&flow(), body) {
        Ok(r) => panic!("accepted {body}: {r:?}"),
        Err(e) => e,
    }
}

/// Asserts `field` has a message equal to `want`.
#[track_caller]
fn assert_msg(errs: &ValidationErrors, field: &str, want: &str) {
    let msgs = errs
        .get(field)
        .unwrap_or_else(|| panic!("no error on {field}: {errs:?}"));
    assert!(
        msgs.iter().any(|m| m == want),
        "{field}: {msgs:?} lacks {want:?}"
    );
}

/// Asserts `field` has a message containing `part`.
#[track_caller]
fn assert_has(errs: &ValidationErrors, field: &str, part: &str) {
    let msgs = errs
        .get(field)
        .unwrap_or_else(|| panic!("no error on {field}: {errs:?}"));
    assert!(
        msgs.iter().any(|m| m.contains(part)),
        "{field}: {msgs:?} lacks {part:?}"
    );
}

/// The create result as JSON, for comparing with the seeds' `expected_data`.
fn created_json(body: &Value) -> Value {
    let r = validate_create(&flow(), body).unwrap_or_else(|e| panic!("{body}: {e:?}"));
    serde_json::to_value(r.expected).unwrap()
}
