//! Validation of what integrators send (create, PATCH, action bodies), reported
//! as Laravel-style field-path errors: `{"person.first_name": ["…"]}`. Works on
//! `serde_json::Value` so a wrong type is a field error, never a parse failure.
//!
//! Every error is collected (not just the first), so an integrator fixes a
//! request in one round trip. Strings are trimmed as Laravel's `TrimStrings`
//! does, but never otherwise rewritten: `address.state` stays "Tennessee", an
//! empty `date_of_birth` stays "". Only country codes are uppercased and
//! document types put in their canonical name (the seeds' business rules).

mod create;
mod data;
mod fields;
mod patch;
#[cfg(test)]
mod tests;

use crate::{ExpectedData, Flow, Status};
use serde::Serialize;

/// Field path → messages, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ValidationErrors(pub indexmap_like::OrderedMap);

/// A tiny insertion-ordered map so the first error stays first in the message.
pub mod indexmap_like {
    use serde::ser::{Serialize, SerializeMap, Serializer};

    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct OrderedMap(pub Vec<(String, Vec<String>)>);

    impl Serialize for OrderedMap {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                m.serialize_entry(k, v)?;
            }
            m.end()
        }
    }
}

impl ValidationErrors {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        let message = message.into();
        match self.0 .0.iter_mut().find(|(k, _)| *k == field) {
            Some((_, v)) => v.push(message),
            None => self.0 .0.push((field, vec![message])),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0 .0.is_empty()
    }
    /// Whether `field` has at least one error.
    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }
    /// The messages for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&[String]> {
        self.0
             .0
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.as_slice())
    }
    /// The fields with errors, in the order they were found.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0 .0.iter().map(|(k, _)| k.as_str())
    }
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut e = Self::default();
        e.add(field, message);
        e
    }
    /// The top-level `message`: the first error, and how many more (Laravel's form).
    pub fn message(&self) -> String {
        let total: usize = self.0 .0.iter().map(|(_, v)| v.len()).sum();
        let first = self
            .0
             .0
            .first()
            .and_then(|(_, v)| v.first())
            .cloned()
            .unwrap_or_else(|| "The given data was invalid.".to_string());
        match total {
            0 | 1 => first,
            2 => format!("{first} (and 1 more error)"),
            n => format!("{first} (and {} more errors)", n - 1),
        }
    }
}

/// A valid create request.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateRequest {
    pub vendor_reference: Option<String>,
    pub vendor_state: Option<String>,
    pub redirect_url: Option<String>,
    pub expected: ExpectedData,
}

/// A valid PATCH request; `expected` is the merged result when any of
/// person/address/documents was given, else `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchRequest {
    /// `Some(None)` when the integrator sent `null` to clear it.
    pub vendor_reference: Option<Option<String>>,
    pub vendor_state: Option<Option<String>>,
    pub status_change: Option<StatusChange>,
    pub expected: Option<ExpectedData>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub status: Status,
    pub comment: String,
    pub email: String,
}

/// `{comment, email}` of approve/reject/cancel/resubmit.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorInput {
    pub comment: String,
    pub email: String,
}

/// A create body (seeds' "Create Verification" table, docs/flows.md, CONTRACT §2).
pub fn validate_create(
    flow: &Flow,
    body: &serde_json::Value,
) -> Result<CreateRequest, ValidationErrors> {
    create::validate_create(flow, body)
}

/// A PATCH body: validates what was sent, merges it into `current`, and checks
/// the merged expected data with the create rules.
pub fn validate_patch(
    flow: &Flow,
    current: &ExpectedData,
    body: &serde_json::Value,
) -> Result<PatchRequest, ValidationErrors> {
    patch::validate_patch(flow, current, body)
}

/// The `{comment, email}` body of approve, reject, cancel and resubmit.
pub fn validate_actor(body: &serde_json::Value) -> Result<ActorInput, ValidationErrors> {
    create::validate_actor(body)
}
