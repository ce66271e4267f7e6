//! From what the readers returned (`colleckt_extract::ExtractedData`) to what
//! the rules take (`colleckt_domain::rules::DocumentEvidence`): each field with
//! its source and confidence, dates parsed, names and addresses as read.

use colleckt_domain::rules::{DocumentEvidence, Field, Quality, ReadAddress, Source};
use colleckt_domain::Slot;
use colleckt_extract::{ExtractedData, Source as ReadSource};

fn source(s: ReadSource) -> Source {
    match s {
        ReadSource::Barcode => Source::Barcode,
        ReadSource::Mrz => Source::Mrz,
        ReadSource::Ocr => Source::Ocr,
        ReadSource::PdfText => Source::PdfText,
    }
}

/// The field's value with the evidence the readers gave for it; a value with
/// no evidence is treated as OCR (the weakest source), never as a fact.
fn field(data: &ExtractedData, key: &str, value: &Option<String>) -> Option<Field<String>> {
    let value = value.as_ref()?.trim().to_string();
    if value.is_empty() {
        return None;
    }
    let (src, conf) = data
        .evidence
        .get(key)
        .map(|e| (source(e.source), e.confidence as f32))
        .unwrap_or((Source::Ocr, 0.0));
    Some(Field::new(value, src, conf))
}

fn date(
    data: &ExtractedData,
    key: &str,
    value: &Option<String>,
) -> Option<Field<chrono::NaiveDate>> {
    let f = field(data, key, value)?;
    let d = chrono::NaiveDate::parse_from_str(&f.value, "%Y-%m-%d").ok()?;
    Some(Field::new(d, f.source, f.confidence))
}

/// Whether the front's OCR confirmed the barcode's name fields: `Some(true)`
/// when both were confirmed, `Some(false)` when one was not found on the
/// front, `None` when the front could not be read at all.
fn front_agrees(data: &ExtractedData) -> Option<bool> {
    let confirmed = |k: &str| {
        data.evidence
            .get(k)
            .is_some_and(|e| e.confirmed_by.contains(&ReadSource::Ocr))
    };
    let unconfirmed = |k: &str| {
        data.notes
            .iter()
            .any(|n| n == &format!("front_unconfirmed:{k}"))
    };
    if confirmed("last_name") && confirmed("first_name") {
        Some(true)
    } else if unconfirmed("last_name") || unconfirmed("first_name") {
        Some(false)
    } else {
        None
    }
}

fn quality(q: &colleckt_extract::image::Quality) -> Quality {
    Quality {
        width: q.width,
        height: q.height,
        sharpness: q.sharpness as f32,
        glare: q.glare as f32,
    }
}

pub struct Uploaded<'a> {
    pub slot: Slot,
    pub type_id: u32,
    pub digests: Vec<String>,
    pub data: Option<&'a ExtractedData>,
    pub ocr_available: bool,
}

pub fn evidence(
    doc: Uploaded<'_>,
    detected_type_id: impl Fn(&str) -> Option<u32>,
) -> DocumentEvidence {
    let mut ev = DocumentEvidence {
        slot: Some(doc.slot),
        type_id: doc.type_id,
        image_digests: doc.digests,
        ocr_available: doc.ocr_available,
        ..Default::default()
    };
    let Some(d) = doc.data else { return ev };
    ev.first_name = field(d, "first_name", &d.first_name);
    ev.middle_name = field(d, "middle_name", &d.middle_name);
    ev.last_name = field(d, "last_name", &d.last_name);
    ev.date_of_birth = date(d, "date_of_birth", &d.date_of_birth);
    ev.document_number = field(d, "document_number", &d.document_number);
    ev.issuing_country = field(d, "issuing_country", &d.issuing_country);
    ev.issue_date = date(d, "issue_date", &d.issue_date);
    ev.expiry_date = date(d, "expiry_date", &d.expiry_date);
    if let Some(a) = d.address.as_ref().filter(|a| !a.is_empty()) {
        let src = d
            .evidence
            .get("address.street")
            .or_else(|| d.evidence.get("address"))
            .map(|e| (source(e.source), e.confidence as f32))
            .unwrap_or((Source::Ocr, 0.0));
        ev.address = Some(Field::new(
            ReadAddress {
                street: a.street.clone().unwrap_or_default(),
                city: a.city.clone().unwrap_or_default(),
                state: a.state.clone(),
                postal_code: a.postal_code.clone(),
                country: a.country.clone(),
            },
            src.0,
            src.1,
        ));
    }
    ev.mrz_checks_valid = d.mrz.as_ref().map(|m| m.checks_valid);
    ev.barcode_matches_front = if d.barcode.is_some() {
        front_agrees(d)
    } else {
        None
    };
    ev.quality = d
        .quality
        .iter()
        .chain(d.quality_back.iter())
        .map(quality)
        .collect();
    // The readers confirm the type only when they read it from the document
    // itself (an MRZ document code, an AAMVA subfile, labelled text).
    if !d.sources.is_empty() {
        ev.detected_type_ids = d
            .document_type
            .as_deref()
            .and_then(&detected_type_id)
            .into_iter()
            .collect();
    }
    ev.readable = ev.first_name.is_some()
        || ev.last_name.is_some()
        || ev.document_number.is_some()
        || ev.address.is_some()
        || ev.mrz_checks_valid.is_some();
    ev
}
