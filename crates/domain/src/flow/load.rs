//! Reading a flow file: JSON into a [`Flow`], then the checks serde cannot make
//! (unique ids and names, known slots and countries), so an operator's typo in
//! `COLLECKT_FLOWS_DIR` stops the server at start instead of surfacing as odd 422s.

use super::{name_key, Flow};
use std::collections::HashSet;

#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error("flow file {file}: {message}")]
    Invalid { file: String, message: String },
}

const FLOW_KEYS: &[&str] = &[
    "slug",
    "name",
    "slots",
    "document_types",
    "not_acceptable",
    "ttl_days",
];
const TYPE_KEYS: &[&str] = &[
    "id",
    "name",
    "slots",
    "sides",
    "countries",
    "accepts_pdf",
    "reader",
];

/// Parses and checks one flow file; country codes come out uppercased.
pub(super) fn parse_flow(file: &str, text: &str) -> Result<Flow, FlowError> {
    let fail = |message: String| FlowError::Invalid {
        file: file.to_string(),
        message,
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| fail(format!("invalid JSON: {e}")))?;
    check_unknown_keys(&value).map_err(fail)?;
    let mut flow: Flow =
        serde_json::from_value(value).map_err(|e| fail(format!("invalid flow: {e}")))?;
    for t in &mut flow.document_types {
        if let Some(list) = &mut t.countries {
            for c in list.iter_mut() {
                *c = c.trim().to_ascii_uppercase();
            }
        }
    }
    check_flow(&flow).map_err(fail)?;
    Ok(flow)
}

/// Serde ignores unknown keys; a misspelt `"countires"` would silently mean "any
/// country", so unknown keys are refused.
fn check_unknown_keys(value: &serde_json::Value) -> Result<(), String> {
    let obj = value.as_object().ok_or("a flow must be a JSON object")?;
    if let Some(k) = obj.keys().find(|k| !FLOW_KEYS.contains(&k.as_str())) {
        return Err(format!("unknown key \"{k}\""));
    }
    if let Some(types) = obj.get("document_types").and_then(|v| v.as_array()) {
        for t in types.iter().filter_map(|t| t.as_object()) {
            if let Some(k) = t.keys().find(|k| !TYPE_KEYS.contains(&k.as_str())) {
                return Err(format!("unknown key \"{k}\" in a document type"));
            }
        }
    }
    Ok(())
}

fn check_flow(flow: &Flow) -> Result<(), String> {
    let slug_ok = !flow.slug.is_empty()
        && flow.slug.len() <= 64
        && flow
            .slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !slug_ok {
        return Err(format!(
            "slug \"{}\" must be 1-64 characters of a-z, 0-9, - and _",
            flow.slug
        ));
    }
    if flow.name.trim().is_empty() {
        return Err("name must not be empty".into());
    }
    if flow.slots.is_empty() {
        return Err("slots must not be empty".into());
    }
    if flow.slots.iter().collect::<HashSet<_>>().len() != flow.slots.len() {
        return Err("slots must not repeat".into());
    }
    if flow.ttl_days == 0 {
        return Err("ttl_days must be at least 1".into());
    }
    if flow.document_types.is_empty() {
        return Err("document_types must not be empty".into());
    }
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for t in &flow.document_types {
        let label = format!("document type {} (\"{}\")", t.id, t.name);
        if !ids.insert(t.id) {
            return Err(format!("document type id {} is used twice", t.id));
        }
        if t.name.trim().is_empty() {
            return Err(format!("document type {} has an empty name", t.id));
        }
        if !names.insert(name_key(&t.name)) {
            return Err(format!("document type name \"{}\" is used twice", t.name));
        }
        if t.reader.trim().is_empty() {
            return Err(format!("{label} has an empty reader"));
        }
        if t.slots.is_empty() {
            return Err(format!("{label} fills no slot"));
        }
        if let Some(slot) = t.slots.iter().find(|s| !flow.slots.contains(s)) {
            return Err(format!(
                "{label} fills slot {} which the flow does not use",
                slot.key()
            ));
        }
        match &t.countries {
            Some(list) if list.is_empty() => {
                return Err(format!(
                    "{label} has an empty countries list (use null for any country)"
                ));
            }
            Some(list) => {
                if let Some(bad) = list.iter().find(|c| crate::country::by_iso3(c).is_none()) {
                    return Err(format!(
                        "{label}: \"{bad}\" is not an ISO 3166-1 alpha-3 code"
                    ));
                }
            }
            None => {}
        }
    }
    for slot in &flow.slots {
        if !flow.document_types.iter().any(|t| t.fits(*slot)) {
            return Err(format!("no document type fills slot {}", slot.key()));
        }
    }
    for n in &flow.not_acceptable {
        if n.name.trim().is_empty() || n.reason.trim().is_empty() {
            return Err("not_acceptable entries need a name and a reason".into());
        }
        if names.contains(&name_key(&n.name)) {
            return Err(format!(
                "\"{}\" is both a document type and not acceptable",
                n.name
            ));
        }
    }
    Ok(())
}
