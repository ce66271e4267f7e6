//! The rules on `person`, `address` and `documents` shared by create and by a
//! PATCH's merged result: which sections a flow requires, field formats, the
//! document type for the slot, forbidden type/country pairs, and two different
//! types for photo ID and proof of address.

use super::fields::{
    iso3, optional_string, required_message, required_string, NAME_MAX, POSTAL_CODE_MAX, TEXT_MAX,
};
use super::ValidationErrors;
use crate::expected::{Address, DocumentExpectation, Documents, ExpectedData, Person};
use crate::flow::{DocumentType, Flow, Slot};
use serde_json::{Map, Value};

/// Validates the expected-data sections of `obj` (a create body, or the merged
/// JSON of a PATCH). The result is meaningful only if no error was recorded.
pub(super) fn expected_data(
    errs: &mut ValidationErrors,
    flow: &Flow,
    obj: &Map<String, Value>,
) -> ExpectedData {
    let person =
        section(errs, obj, "person", flow.supports(Slot::PhotoId)).map(|m| person(errs, m));
    let address = section(errs, obj, "address", flow.supports(Slot::ProofOfAddress))
        .map(|m| address(errs, m));

    let empty = Map::new();
    let docs = match obj.get("documents") {
        None | Some(Value::Null) => Some(&empty),
        Some(Value::Object(m)) => Some(m),
        Some(_) => {
            errs.add("documents", super::fields::object_message("documents"));
            None
        }
    };
    let mut parsed: Vec<(Slot, Parsed<'_>)> = Vec::new();
    if let Some(docs) = docs {
        for slot in Slot::ALL {
            let path = format!("documents.{}", slot.key());
            match docs.get(slot.key()) {
                None | Some(Value::Null) => {
                    if flow.supports(slot) {
                        errs.add(&path, required_message(&path));
                    }
                }
                Some(Value::Object(m)) if flow.supports(slot) => {
                    parsed.push((slot, document(errs, flow, slot, m)));
                }
                Some(Value::Object(_)) => errs.add(
                    &path,
                    format!("The {} flow does not use {path}.", flow.name),
                ),
                Some(_) => errs.add(&path, super::fields::object_message(&path)),
            }
        }
    }
    cross_checks(errs, &parsed);

    let mut documents = Documents::default();
    for (slot, p) in parsed {
        match slot {
            Slot::PhotoId => documents.photo_id = Some(p.doc),
            Slot::ProofOfAddress => documents.proof_of_address = Some(p.doc),
        }
    }
    ExpectedData {
        person,
        address,
        documents,
    }
}

/// A section object: absent/null is an error only when the flow requires it.
fn section<'a>(
    errs: &mut ValidationErrors,
    obj: &'a Map<String, Value>,
    key: &str,
    required: bool,
) -> Option<&'a Map<String, Value>> {
    match obj.get(key) {
        None | Some(Value::Null) => {
            if required {
                errs.add(key, required_message(key));
            }
            None
        }
        Some(Value::Object(m)) => Some(m),
        Some(_) => {
            errs.add(key, super::fields::object_message(key));
            None
        }
    }
}

fn person(errs: &mut ValidationErrors, m: &Map<String, Value>) -> Person {
    let first_name = required_string(errs, "person.first_name", m.get("first_name"), NAME_MAX);
    let last_name = required_string(errs, "person.last_name", m.get("last_name"), NAME_MAX);
    let path = "person.date_of_birth";
    let date_of_birth = optional_string(errs, path, m.get("date_of_birth"), TEXT_MAX);
    // "" means "unknown" and is kept as sent (the seeds echo it back).
    if let Some(d) = &date_of_birth {
        if !d.is_empty() && !super::fields::is_date(d) {
            errs.add(
                path,
                format!("The {path} field must be a valid date in the format YYYY-MM-DD."),
            );
        }
    }
    Person {
        first_name: first_name.unwrap_or_default(),
        last_name: last_name.unwrap_or_default(),
        date_of_birth,
    }
}

fn address(errs: &mut ValidationErrors, m: &Map<String, Value>) -> Address {
    let street = required_string(errs, "address.street", m.get("street"), TEXT_MAX);
    let city = required_string(errs, "address.city", m.get("city"), TEXT_MAX);
    let path = "address.state";
    let state = optional_string(errs, path, m.get("state"), TEXT_MAX);
    let postal_code = required_string(
        errs,
        "address.postal_code",
        m.get("postal_code"),
        POSTAL_CODE_MAX,
    );
    let country = iso3(errs, "address.country", m.get("country"));
    // Only a USA address has a state the pipeline can compare; it is kept as
    // sent ("Tennessee"), the comparison treats it as equal to "TN".
    if country.as_deref() == Some("USA") && !errs.has(path) {
        match state.as_deref() {
            None | Some("") => errs.add(
                path,
                format!("The {path} field is required when address.country is USA."),
            ),
            Some(s) if crate::us_state::normalize(s).is_none() => errs.add(
                path,
                format!("The {path} must be a valid US state code or name (e.g. TN or Tennessee)."),
            ),
            Some(_) => {}
        }
    }
    Address {
        street: street.unwrap_or_default(),
        city: city.unwrap_or_default(),
        state,
        postal_code: postal_code.unwrap_or_default(),
        country: country.unwrap_or_default(),
    }
}

/// One parsed `documents.<slot>`, with what the cross checks need.
struct Parsed<'f> {
    doc: DocumentExpectation,
    /// The flow's type, when the name is one that fits the slot.
    dtype: Option<&'f DocumentType>,
    /// The uppercased code, when it is a real ISO 3166-1 alpha-3 code.
    country: Option<String>,
}

fn document<'f>(
    errs: &mut ValidationErrors,
    flow: &'f Flow,
    slot: Slot,
    m: &Map<String, Value>,
) -> Parsed<'f> {
    let base = format!("documents.{}", slot.key());
    let type_path = format!("{base}.type");
    let dtype = required_string(errs, &type_path, m.get("type"), TEXT_MAX)
        .and_then(|name| resolve_type(errs, flow, slot, &type_path, &name));
    let number_path = format!("{base}.number");
    // The photo ID's number is what the pipeline matches; a proof of address
    // often has none, so "" is allowed and kept there.
    let number = match slot {
        Slot::PhotoId => required_string(errs, &number_path, m.get("number"), TEXT_MAX),
        Slot::ProofOfAddress => optional_string(errs, &number_path, m.get("number"), TEXT_MAX),
    };
    let country = iso3(errs, &format!("{base}.country"), m.get("country"));
    Parsed {
        doc: DocumentExpectation {
            type_name: dtype.map(|t| t.name.clone()).unwrap_or_default(),
            number,
            country: country.clone().unwrap_or_default(),
        },
        dtype,
        country,
    }
}

/// The flow's type for `name` if it may fill `slot`; otherwise records why not:
/// wrong slot, never acceptable (with the flow's reason), or unknown.
fn resolve_type<'f>(
    errs: &mut ValidationErrors,
    flow: &'f Flow,
    slot: Slot,
    path: &str,
    name: &str,
) -> Option<&'f DocumentType> {
    let valid = || {
        flow.types_for(slot)
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(t) = flow.document_type_by_name(name) {
        if t.fits(slot) {
            return Some(t);
        }
        let label = slot.label();
        errs.add(
            path,
            format!(
                "{} {} cannot be used as {label}. Valid {label} types: {}.",
                article(&t.name),
                t.name,
                valid()
            ),
        );
        return None;
    }
    if let Some(n) = flow.not_acceptable_by_name(name) {
        errs.add(
            path,
            format!(
                "{} {} is not accepted: {}",
                article(&n.name),
                n.name,
                n.reason
            ),
        );
        return None;
    }
    // Control characters were already refused, so echoing the valid names (not
    // the input) keeps the message safe to display.
    errs.add(
        path,
        format!(
            "The selected {path} is invalid. Valid {} types: {}.",
            slot.label(),
            valid()
        ),
    );
    None
}

fn article(name: &str) -> &'static str {
    match name.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o') => "An",
        _ => "A",
    }
}

/// Rules across fields: the type must be issued in the given country, and the
/// two slots need two different types (hence two different documents).
fn cross_checks(errs: &mut ValidationErrors, parsed: &[(Slot, Parsed<'_>)]) {
    for (slot, p) in parsed {
        if let (Some(t), Some(c)) = (p.dtype, &p.country) {
            if !t.allowed_in(c) {
                errs.add(
                    format!("documents.{}.type", slot.key()),
                    format!("The {} is not accepted for country {c}.", t.name),
                );
            }
        }
    }
    let id_of = |want: Slot| {
        parsed
            .iter()
            .find(|(s, _)| *s == want)
            .and_then(|(_, p)| p.dtype)
            .map(|t| t.id)
    };
    if let (Some(a), Some(b)) = (id_of(Slot::PhotoId), id_of(Slot::ProofOfAddress)) {
        if a == b {
            // The seeds put the "must differ" rule on both fields, so both get it.
            errs.add(
                "documents.photo_id.type",
                "The documents.photo_id.type and documents.proof_of_address.type must be different.",
            );
            errs.add(
                "documents.proof_of_address.type",
                "The documents.proof_of_address.type and documents.photo_id.type must be different.",
            );
        }
    }
}
