//! The checks of a flow (docs/flows.md, "Rules"): per-document
//! rules for the photo ID and the proof of address, rules across both, and the
//! decision. Pure: the pipeline passes in what was read and today's date.

pub mod address;
pub mod evidence;
pub mod identity;
pub mod names;
pub mod outcome;
pub mod places;
pub mod text;

pub use evidence::{DocumentEvidence, Field, Quality, ReadAddress, Source};
pub use outcome::{decide, Decision, RuleResult, RuleStatus};

use crate::{DocumentType, ExpectedData, Flow, Slot};
use chrono::NaiveDate;
use outcome::RuleStatus::*;

/// The verdicts per document (in the order given) and the overall decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub documents: Vec<Vec<RuleResult>>,
    pub decisions: Vec<Decision>,
    pub decision: Decision,
}

fn photo_id_rules(
    doc: &DocumentEvidence,
    t: &DocumentType,
    expected: &ExpectedData,
    today: NaiveDate,
) -> Vec<RuleResult> {
    let mut out = vec![identity::readable(doc)];
    if !doc.readable {
        out.push(identity::image_quality(doc, t.accepts_pdf));
        return out;
    }
    out.push(identity::type_matches(doc, &t.name));
    if let Some(e) = &expected.documents.photo_id {
        out.push(identity::country_matches(doc, &e.country));
    }
    out.push(identity::not_expired(doc, today).unwrap_or_else(|| {
        RuleResult::new(
            "not_expired",
            Skipped,
            false,
            "The expiry date could not be read.",
        )
    }));
    if let Some(p) = &expected.person {
        out.push(identity::name_part(
            "first_name_matches",
            doc,
            &p.first_name,
            doc.first_name.as_ref(),
            doc.middle_name.as_ref(),
        ));
        out.push(identity::name_part(
            "last_name_matches",
            doc,
            &p.last_name,
            doc.last_name.as_ref(),
            None,
        ));
        out.extend(identity::date_of_birth(
            doc,
            p.date_of_birth.as_deref().unwrap_or(""),
        ));
    }
    let number = expected
        .documents
        .photo_id
        .as_ref()
        .and_then(|e| e.number.as_deref());
    out.extend(identity::document_number(doc, number));
    if t.reader.starts_with("mrz") {
        out.push(identity::mrz_check_digits(doc));
    }
    if t.reader == "aamva" {
        out.push(identity::barcode_consistent(doc));
    }
    out.push(identity::image_quality(doc, t.accepts_pdf));
    out
}

fn address_rules(
    doc: &DocumentEvidence,
    t: &DocumentType,
    expected: &ExpectedData,
    today: NaiveDate,
) -> Vec<RuleResult> {
    let mut out = vec![identity::readable(doc)];
    if !doc.readable {
        out.push(identity::image_quality(doc, t.accepts_pdf));
        return out;
    }
    out.push(identity::type_matches(doc, &t.name));
    // Leases and policies without an end date are not "expired": the rule
    // applies to documents that carry an expiry or a policy period.
    out.extend(identity::not_expired(doc, today));
    if let Some(p) = &expected.person {
        out.push(identity::holder_name(doc, &p.first_name, &p.last_name));
    }
    if let Some(a) = &expected.address {
        out.extend(places::address_rules(doc, a));
    }
    out.push(identity::image_quality(doc, t.accepts_pdf));
    out
}

/// The holder's surname (or one-line name) and whether it can be trusted.
fn last_name_of(doc: &DocumentEvidence) -> Option<(&str, bool)> {
    doc.last_name
        .as_ref()
        .or(doc.full_name.as_ref())
        .map(|f| (f.value.as_str(), identity::trusted(doc, f)))
}

/// documents_distinct and holder_consistent, over the two documents.
fn across(a: &DocumentEvidence, b: &DocumentEvidence) -> Vec<RuleResult> {
    let shared_image = a.image_digests.iter().any(|d| b.image_digests.contains(d));
    let same_number = match (&a.document_number, &b.document_number) {
        (Some(x), Some(y)) => {
            let (x, y) = (
                identity::normalize_number(&x.value),
                identity::normalize_number(&y.value),
            );
            !x.is_empty() && x == y
        }
        _ => false,
    };
    let distinct = if shared_image {
        RuleResult::new(
            "documents_distinct",
            Failed,
            true,
            "The same image was uploaded for both documents.",
        )
    } else if same_number {
        RuleResult::new(
            "documents_distinct",
            Failed,
            false,
            "Both documents carry the same number: one document used twice?",
        )
    } else {
        RuleResult::new(
            "documents_distinct",
            Passed,
            true,
            "Two different documents.",
        )
    };
    let holder = match (last_name_of(a), last_name_of(b)) {
        (Some((x, sx)), Some((y, sy))) => {
            let (tx, ty) = (text::tokens(x), text::tokens(y));
            // "O'Brien" ≡ "OBRIEN", "Mary Ann" ≡ "MARYANN"; or one name holds the other's parts.
            let same = tx.concat() == ty.concat()
                || tx.iter().all(|t| ty.contains(t))
                || ty.iter().all(|t| tx.contains(t));
            let trusted = sx && sy;
            let dob = match (&a.date_of_birth, &b.date_of_birth) {
                (Some(p), Some(q)) => p.value == q.value,
                _ => true,
            };
            if same && dob {
                RuleResult::new(
                    "holder_consistent",
                    Passed,
                    trusted,
                    "Both documents name the same person.",
                )
            } else {
                RuleResult::new(
                    "holder_consistent",
                    Failed,
                    trusted,
                    "The documents name different people.",
                )
            }
            .values(Some(x.to_string()), Some(y.to_string()))
        }
        _ => RuleResult::new(
            "holder_consistent",
            Skipped,
            false,
            "A name is missing on one of the documents.",
        ),
    };
    vec![distinct, holder]
}

/// Runs every rule of `flow` on the documents read.
pub fn evaluate(
    flow: &Flow,
    expected: &ExpectedData,
    docs: &[DocumentEvidence],
    today: NaiveDate,
) -> Evaluation {
    let mut documents: Vec<Vec<RuleResult>> = docs
        .iter()
        .map(|doc| {
            let Some(t) = flow.document_type(doc.type_id) else {
                return vec![RuleResult::new(
                    "document_type_matches",
                    Failed,
                    false,
                    "Unknown document type.",
                )];
            };
            match doc.slot {
                Some(Slot::PhotoId) => photo_id_rules(doc, t, expected, today),
                Some(Slot::ProofOfAddress) => address_rules(doc, t, expected, today),
                None => vec![RuleResult::new(
                    "document_type_matches",
                    Failed,
                    false,
                    "The document fills no slot.",
                )],
            }
        })
        .collect();
    if let [a, b] = docs {
        let cross = across(a, b);
        for rules in &mut documents {
            rules.extend(cross.iter().cloned());
        }
    }
    let decisions = documents.iter().map(decide).collect();
    let decision = if documents.is_empty() {
        Decision::DoubleCheck
    } else {
        decide(documents.iter().flatten())
    };
    Evaluation {
        documents,
        decisions,
        decision,
    }
}

#[cfg(test)]
mod tests;
