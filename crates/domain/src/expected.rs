//! What the integrator expects to find on the documents: the `expected_data`
//! object of the seeds, kept as the integrator sent it (country codes uppercased,
//! document types in their canonical name).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default)]
    pub documents: Documents,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`, or empty/absent when the integrator does not know it.
    #[serde(default)]
    pub date_of_birth: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub city: String,
    /// As sent: a USPS code or a full state name ("Tennessee" ≡ "TN").
    #[serde(default)]
    pub state: Option<String>,
    pub postal_code: String,
    /// ISO 3166-1 alpha-3, uppercased.
    pub country: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Documents {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_id: Option<DocumentExpectation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_of_address: Option<DocumentExpectation>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentExpectation {
    /// The canonical document type name of the flow ("Driver License").
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(default)]
    pub number: Option<String>,
    /// ISO 3166-1 alpha-3, uppercased.
    pub country: String,
}

impl Documents {
    pub fn get(&self, slot: crate::Slot) -> Option<&DocumentExpectation> {
        match slot {
            crate::Slot::PhotoId => self.photo_id.as_ref(),
            crate::Slot::ProofOfAddress => self.proof_of_address.as_ref(),
        }
    }
}
