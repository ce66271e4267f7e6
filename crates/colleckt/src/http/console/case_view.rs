//! What the case page shows of a document, worked out from its expected data,
//! its `extracted_data` (with per-field `evidence`) and its `rules`: one row
//! per field, expected beside what was read, with the evidence's source and
//! confidence and the verdict of the rule that compared them; and, for a case
//! in Double Check, the reasons in plain words.

use super::i18n::Tr;
use colleckt_domain::{ExpectedData, Slot, Status};
use colleckt_store::{Document, HistoryEntry};
use serde_json::Value;

/// A rule verdict as shown: a CSS class and its words (never colour alone).
#[derive(Debug, Clone)]
pub struct Verdict {
    /// `pass`, `fail`, `warn` or `skip`.
    pub class: &'static str,
    /// The i18n key of the verdict's name.
    pub label: &'static str,
}

impl Verdict {
    fn of(status: &str) -> Verdict {
        match status {
            "passed" => Verdict {
                class: "pass",
                label: "verdict.passed",
            },
            "failed" => Verdict {
                class: "fail",
                label: "verdict.failed",
            },
            "warning" => Verdict {
                class: "warn",
                label: "verdict.warning",
            },
            _ => Verdict {
                class: "skip",
                label: "verdict.skipped",
            },
        }
    }
}

pub struct FieldRow {
    /// The i18n key of the field's name.
    pub label: &'static str,
    pub expected: String,
    pub extracted: String,
    /// The i18n key of the evidence's source (`source.mrz`…); empty when unknown.
    pub source: &'static str,
    /// "95 %", or empty.
    pub confidence: String,
    pub verdict: Option<Verdict>,
}

pub struct RuleRow {
    pub name: String,
    pub verdict: Verdict,
    pub message: String,
}

/// A field of the comparison: its label, the expected value, where the read
/// value sits in `extracted_data`, and the rules that judge it.
struct FieldSpec {
    label: &'static str,
    key: &'static str,
    rules: &'static [&'static str],
    /// Shown for an unread document of this slot.
    slots: &'static [Slot],
}

const BOTH: &[Slot] = &[Slot::PhotoId, Slot::ProofOfAddress];
const ID: &[Slot] = &[Slot::PhotoId];
const ADDR: &[Slot] = &[Slot::ProofOfAddress];

const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        label: "field.document_type",
        key: "document_type",
        rules: &["document_type_matches"],
        slots: BOTH,
    },
    FieldSpec {
        label: "field.first_name",
        key: "first_name",
        rules: &["first_name_matches", "name_matches"],
        slots: BOTH,
    },
    FieldSpec {
        label: "field.last_name",
        key: "last_name",
        rules: &["last_name_matches", "name_matches"],
        slots: BOTH,
    },
    FieldSpec {
        label: "field.date_of_birth",
        key: "date_of_birth",
        rules: &["date_of_birth_matches"],
        slots: ID,
    },
    FieldSpec {
        label: "field.document_number",
        key: "document_number",
        rules: &["document_number_matches"],
        slots: ID,
    },
    FieldSpec {
        label: "field.issuing_country",
        key: "issuing_country",
        rules: &["issuing_country_matches"],
        slots: ID,
    },
    FieldSpec {
        label: "field.expiry_date",
        key: "expiry_date",
        rules: &["not_expired"],
        slots: ID,
    },
    FieldSpec {
        label: "field.street",
        key: "address.street",
        rules: &["street_matches"],
        slots: ADDR,
    },
    FieldSpec {
        label: "field.city",
        key: "address.city",
        rules: &["city_matches"],
        slots: ADDR,
    },
    FieldSpec {
        label: "field.state",
        key: "address.state",
        rules: &["state_matches"],
        slots: ADDR,
    },
    FieldSpec {
        label: "field.postal_code",
        key: "address.postal_code",
        rules: &["postal_code_matches"],
        slots: ADDR,
    },
];

fn expected_value(e: &ExpectedData, slot: Slot, key: &str) -> String {
    let person = e.person.as_ref();
    let addr = e.address.as_ref();
    let doc = e.documents.get(slot);
    let v = match key {
        "document_type" => doc.map(|d| d.type_name.clone()),
        "first_name" => person.map(|p| p.first_name.clone()),
        "last_name" => person.map(|p| p.last_name.clone()),
        "date_of_birth" => person.and_then(|p| p.date_of_birth.clone()),
        "document_number" => doc.and_then(|d| d.number.clone()),
        "issuing_country" => doc.map(|d| d.country.clone()),
        "address.street" => addr.map(|a| a.street.clone()),
        "address.city" => addr.map(|a| a.city.clone()),
        "address.state" => addr.and_then(|a| a.state.clone()),
        "address.postal_code" => addr.map(|a| a.postal_code.clone()),
        _ => None,
    };
    v.unwrap_or_default()
}

/// The value at `a.b` in the extracted data, as text.
fn read_value(x: &Value, key: &str) -> String {
    let v = key.split('.').try_fold(x, |v, k| v.get(k));
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn source_key(source: &str) -> &'static str {
    match source {
        "barcode" => "source.barcode",
        "mrz" => "source.mrz",
        "ocr" => "source.ocr",
        "pdf_text" => "source.pdf_text",
        _ => "",
    }
}

/// The rules list of a document, as `(name, status, message)`.
fn rules_of(doc: &Document) -> Vec<(String, String, String)> {
    let Some(Value::Array(rules)) = &doc.rules else {
        return vec![];
    };
    rules
        .iter()
        .map(|r| {
            let s = |k: &str| {
                r.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            (s("name"), s("status"), s("message"))
        })
        .collect()
}

/// One row per field that was read, that a rule judged, or (before the
/// document is read) that its slot is expected to show.
pub fn field_rows(expected: &ExpectedData, doc: &Document) -> Vec<FieldRow> {
    let extracted = doc.extracted_data.clone().unwrap_or(Value::Null);
    let rules = rules_of(doc);
    let unread = doc.extracted_data.is_none();
    FIELDS
        .iter()
        .filter_map(|f| {
            let read = read_value(&extracted, f.key);
            let rule = rules
                .iter()
                .find(|(name, _, _)| f.rules.contains(&name.as_str()));
            let shown =
                !read.is_empty() || rule.is_some() || (unread && f.slots.contains(&doc.slot));
            if !shown {
                return None;
            }
            let ev = extracted.get("evidence").and_then(|e| e.get(f.key));
            let source = ev
                .and_then(|e| e.get("source"))
                .and_then(Value::as_str)
                .map_or("", source_key);
            let confidence = ev
                .and_then(|e| e.get("confidence"))
                .and_then(Value::as_f64)
                .map(|c| format!("{:.0} %", c * 100.0))
                .unwrap_or_default();
            Some(FieldRow {
                label: f.label,
                expected: expected_value(expected, doc.slot, f.key),
                extracted: read,
                source,
                confidence,
                verdict: rule.map(|(_, status, _)| Verdict::of(status)),
            })
        })
        .collect()
}

pub fn rule_rows(doc: &Document) -> Vec<RuleRow> {
    rules_of(doc)
        .into_iter()
        .map(|(name, status, message)| RuleRow {
            name: name.replace('_', " "),
            verdict: Verdict::of(&status),
            message,
        })
        .collect()
}

/// A pipeline note (`crates/extract/README.md`) in plain words; unknown
/// notes are shown as they are.
fn note_key(note: &str) -> Option<&'static str> {
    Some(match note.split(':').next().unwrap_or(note) {
        "barcode_not_found" => "note.barcode_not_found",
        "barcode_unreadable" => "note.barcode_unreadable",
        "aamva_partial" => "note.aamva_partial",
        "front_missing" => "note.front_missing",
        "ocr_unavailable" => "note.ocr_unavailable",
        "mrz_low_confidence" => "note.mrz_low_confidence",
        "mrz_not_found" => "note.mrz_not_found",
        "front_unconfirmed" => "note.front_unconfirmed",
        "mrz_names_unconfirmed" => "note.mrz_names_unconfirmed",
        "mrz_names_viz_mismatch" => "note.mrz_names_viz_mismatch",
        _ => return None,
    })
}

/// Why a case is in Double Check, in plain words: who or what sent it there,
/// then every rule that did not pass cleanly, then the readers' notes.
pub fn reasons(t: Tr, status: Status, history: &[HistoryEntry], docs: &[Document]) -> Vec<String> {
    if status != Status::DoubleCheck {
        return vec![];
    }
    let mut out = vec![];
    if let Some(h) = history.iter().find(|h| h.to_status == Status::DoubleCheck) {
        let by_person = h.actor != "system" && h.actor != "end-user";
        let comment = h.comment.clone().unwrap_or_default();
        if by_person {
            out.push(format!("{} {}: {}", t.s("why.sent_by"), h.actor, comment));
        } else if !comment.is_empty() && docs.iter().all(|d| d.rules.is_none()) {
            out.push(comment);
        }
    }
    for d in docs {
        let slot = t.s(slot_key(d.slot));
        for (name, status, message) in rules_of(d) {
            let key = match status.as_str() {
                "failed" => "why.failed",
                "warning" => "why.warning",
                "skipped" => "why.skipped",
                _ => continue,
            };
            let message = if message.is_empty() {
                name.replace('_', " ")
            } else {
                message
            };
            out.push(format!("{slot}: {} — {message}", t.s(key)));
        }
        let notes = d
            .extracted_data
            .as_ref()
            .and_then(|x| x.get("notes"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for n in notes.iter().filter_map(Value::as_str) {
            match note_key(n) {
                Some(k) => out.push(format!("{slot}: {}", t.s(k))),
                None => out.push(format!("{slot}: {n}")),
            }
        }
    }
    if out.is_empty() {
        out.push(t.s("why.unknown").to_string());
    }
    out.dedup();
    out
}

pub fn slot_key(slot: Slot) -> &'static str {
    match slot {
        Slot::PhotoId => "slot.photo_id",
        Slot::ProofOfAddress => "slot.proof_of_address",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::console::i18n::Lang;
    use colleckt_store::{DocStatus, StoredFile};
    use serde_json::json;

    fn doc(slot: Slot, extracted: Option<Value>, rules: Option<Value>) -> Document {
        let file = StoredFile {
            key: "k".into(),
            mime: "image/jpeg".into(),
            digest: "d".into(),
        };
        Document {
            id: "doc_1".into(),
            verification_id: "ver_1".into(),
            slot,
            type_id: 1,
            country: "USA".into(),
            status: DocStatus::DoubleCheck,
            front: file,
            back: None,
            extracted_data: extracted,
            rules,
            decisions: vec![],
            created_at: 0,
            updated_at: 0,
        }
    }

    fn expected() -> ExpectedData {
        serde_json::from_value(json!({
            "person": {"first_name": "Homer", "last_name": "Simpson", "date_of_birth": "1988-05-06"},
            "address": {"street": "742 Evergreen Terrace", "city": "Springfield", "state": "TN",
                        "postal_code": "92026", "country": "USA"},
            "documents": {"photo_id": {"type": "Passport", "number": "AB123456", "country": "USA"}}
        }))
        .unwrap()
    }

    #[test]
    fn rows_pair_expected_with_read_values_evidence_and_verdicts() {
        let d = doc(
            Slot::PhotoId,
            Some(json!({
                "first_name": "HOMER", "last_name": "SIMPSON", "document_number": "AB123456",
                "evidence": {"first_name": {"source": "mrz", "confidence": 0.7},
                             "document_number": {"source": "mrz", "confidence": 1.0}},
                "notes": ["mrz_names_unconfirmed", "something_new"]
            })),
            Some(json!([
                {"name": "first_name_matches", "status": "warning", "message": "Names unconfirmed."},
                {"name": "document_number_matches", "status": "passed", "message": "Matches."},
                {"name": "date_of_birth_matches", "status": "failed", "message": "Differs."}
            ])),
        );
        let rows = field_rows(&expected(), &d);
        let row = |label: &str| rows.iter().find(|r| r.label == label).expect(label);
        let first = row("field.first_name");
        assert_eq!(
            (first.expected.as_str(), first.extracted.as_str()),
            ("Homer", "HOMER")
        );
        assert_eq!(
            (first.source, first.confidence.as_str()),
            ("source.mrz", "70 %")
        );
        assert_eq!(first.verdict.as_ref().unwrap().class, "warn");
        assert_eq!(
            row("field.document_number").verdict.as_ref().unwrap().class,
            "pass"
        );
        // Judged but not read: still shown, with its failing verdict.
        let dob = row("field.date_of_birth");
        assert_eq!(
            (dob.extracted.as_str(), dob.verdict.as_ref().unwrap().class),
            ("", "fail")
        );
        // Neither read nor judged: not shown for a read document.
        assert!(rows.iter().all(|r| r.label != "field.street"));

        let why = reasons(Tr(Lang::En), Status::DoubleCheck, &[], &[d]);
        assert!(
            why.iter().any(|r| r.contains("a check failed — Differs.")),
            "{why:?}"
        );
        assert!(why
            .iter()
            .any(|r| r.contains("a check needs a look — Names unconfirmed.")));
        assert!(
            why.iter().any(|r| r.contains("could not be confirmed")),
            "{why:?}"
        );
        assert!(why.iter().any(|r| r.ends_with("something_new")));
        assert!(reasons(Tr(Lang::En), Status::Approved, &[], &[]).is_empty());
    }

    #[test]
    fn an_unread_document_shows_its_slots_fields() {
        let rows = field_rows(&expected(), &doc(Slot::ProofOfAddress, None, None));
        let labels: Vec<_> = rows.iter().map(|r| r.label).collect();
        assert!(labels.contains(&"field.street") && labels.contains(&"field.postal_code"));
        assert!(!labels.contains(&"field.date_of_birth"));
        assert!(rows
            .iter()
            .all(|r| r.verdict.is_none() && r.extracted.is_empty()));
        let why = reasons(Tr(Lang::En), Status::DoubleCheck, &[], &[]);
        assert_eq!(why.len(), 1, "a generic reason when nothing else is known");
    }
}
