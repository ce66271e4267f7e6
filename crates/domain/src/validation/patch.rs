//! PATCH bodies: every field optional; what is sent is merged into the current
//! expected data per object (person, address, each document), and the merged
//! result must still pass the create rules, so a PATCH can never leave a
//! verification in a state create would refuse.

use super::create::body_error;
use super::fields::{
    email_or, is_blank, object_message, optional_string, string_or, COMMENT_MAX, TEXT_MAX,
};
use super::{data, PatchRequest, StatusChange, ValidationErrors};
use crate::{ExpectedData, Flow, Slot, Status};
use serde_json::{Map, Value};

pub(super) fn validate_patch(
    flow: &Flow,
    current: &ExpectedData,
    body: &Value,
) -> Result<PatchRequest, ValidationErrors> {
    let Some(obj) = body.as_object() else {
        return Err(body_error());
    };
    let mut errs = ValidationErrors::default();
    // absent → leave alone; null → clear; a string → set.
    let vendor_reference = obj
        .get("vendor_reference")
        .map(|v| optional_string(&mut errs, "vendor_reference", Some(v), TEXT_MAX));
    let vendor_state = obj
        .get("vendor_state")
        .map(|v| optional_string(&mut errs, "vendor_state", Some(v), TEXT_MAX));
    let status_change = status_change(&mut errs, obj);
    let touches_expected = ["person", "address", "documents"]
        .iter()
        .any(|k| obj.contains_key(*k));
    let expected = touches_expected.then(|| merged_expected(&mut errs, flow, current, obj));
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(PatchRequest {
        vendor_reference,
        vendor_state,
        status_change,
        expected,
    })
}

/// `status` with the `comment` and `email` it requires for the history entry.
fn status_change(errs: &mut ValidationErrors, obj: &Map<String, Value>) -> Option<StatusChange> {
    let v = obj.get("status").filter(|v| !v.is_null())?;
    let status = match v.as_i64() {
        Some(n) => Status::from_value(n),
        None if v.is_u64() => None,
        None => {
            errs.add("status", "The status field must be an integer.");
            return None;
        }
    };
    if status.is_none() {
        errs.add("status", "The status field must be between 1 and 8.");
    }
    let when = |field: &str| format!("The {field} field is required when status is present.");
    let comment = string_or(
        errs,
        "comment",
        obj.get("comment"),
        COMMENT_MAX,
        when("comment"),
    );
    let email = email_or(errs, "email", obj.get("email"), when("email"));
    Some(StatusChange {
        status: status?,
        comment: comment?,
        email: email?,
    })
}

/// Merges the sent sections into `current` and validates the result.
fn merged_expected(
    errs: &mut ValidationErrors,
    flow: &Flow,
    current: &ExpectedData,
    obj: &Map<String, Value>,
) -> ExpectedData {
    let mut merged = match serde_json::to_value(current) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for key in ["person", "address"] {
        if let Some(v) = obj.get(key) {
            merge_into(errs, &mut merged, key, key, v);
        }
    }
    let sent_docs = match obj.get("documents") {
        None => None,
        Some(Value::Object(d)) => Some(d),
        Some(_) => {
            errs.add("documents", object_message("documents"));
            None
        }
    };
    if let Some(d) = sent_docs {
        let docs = object_entry(&mut merged, "documents");
        for slot in Slot::ALL {
            if let Some(v) = d.get(slot.key()) {
                let path = format!("documents.{}", slot.key());
                merge_into(errs, docs, slot.key(), &path, v);
            }
        }
    }
    let data = data::expected_data(errs, flow, &merged);
    if let Some(d) = sent_docs {
        type_companions(errs, d);
    }
    data
}

/// Seeds' PATCH table: when a document's `type` changes, its `country` (and for
/// the photo ID its `number`) must come with it, since they describe the new
/// document, not the old one. Runs after the merged checks so a field already
/// reported (e.g. a blank number) is not reported twice.
fn type_companions(errs: &mut ValidationErrors, docs: &Map<String, Value>) {
    for slot in Slot::ALL {
        let Some(Value::Object(doc)) = docs.get(slot.key()) else {
            continue;
        };
        if is_blank(doc.get("type")) {
            continue;
        }
        let needed: &[&str] = match slot {
            Slot::PhotoId => &["number", "country"],
            Slot::ProofOfAddress => &["country"],
        };
        for field in needed {
            let path = format!("documents.{}.{field}", slot.key());
            if is_blank(doc.get(*field)) && !errs.has(&path) {
                errs.add(
                    &path,
                    format!(
                        "The {path} field is required when documents.{}.type is present.",
                        slot.key()
                    ),
                );
            }
        }
    }
}

/// Shallow-merges the sent object `v` into `target[key]` (only the sent keys
/// change); anything but an object is an error, including null, since a
/// section the flow requires cannot be removed.
fn merge_into(
    errs: &mut ValidationErrors,
    target: &mut Map<String, Value>,
    key: &str,
    path: &str,
    v: &Value,
) {
    let Value::Object(sent) = v else {
        errs.add(path, object_message(path));
        return;
    };
    let section = object_entry(target, key);
    for (k, val) in sent {
        section.insert(k.clone(), val.clone());
    }
}

/// `target[key]` as an object, created (or replaced, if not an object) empty.
fn object_entry<'a>(target: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let entry = target
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    match entry {
        Value::Object(m) => m,
        // Just made an object above.
        _ => unreachable!("entry was set to an object"),
    }
}
