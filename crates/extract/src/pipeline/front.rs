//! Card fronts by OCR: cross-checking a licence front against its barcode,
//! and reading labelled fields when there is no barcode or MRZ.

use crate::address::find_dates;
use crate::data::{ExtractedData, Source};
use crate::image::{ops::downscale_to, DecodedImage};
use crate::ocr::{self, Layout, OcrText};

fn ocr_front(img: &DecodedImage) -> Option<OcrText> {
    let view = downscale_to(&img.gray, 1800);
    ocr::recognize(&view, Layout::Sparse, "").ok()
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Compare barcode fields with the front's OCR text: agreeing fields gain
/// `confirmed_by: ["ocr"]`; fields not found give `front_unconfirmed:FIELD`.
pub(super) fn cross_check(out: &mut ExtractedData, front: &DecodedImage) {
    if !ocr::available() {
        return;
    }
    let Some(t) = ocr_front(front) else { return };
    let text = norm(&t.text());
    if text.len() < 20 {
        out.note("front_unreadable");
        return;
    }
    let dates: Vec<String> = t.lines.iter().flat_map(|l| find_dates(&l.text)).collect();
    let checks: Vec<(&str, Option<String>)> = vec![
        ("last_name", out.last_name.clone()),
        ("first_name", out.first_name.clone()),
        ("document_number", out.document_number.clone()),
        ("date_of_birth", out.date_of_birth.clone()),
    ];
    for (field, value) in checks {
        let Some(v) = value else { continue };
        let agrees = if field == "date_of_birth" {
            dates.contains(&v)
        } else {
            text.contains(&norm(&v))
        };
        if agrees {
            if let Some(e) = out.evidence.get_mut(field) {
                e.confirmed_by.push(Source::Ocr);
            }
        } else {
            out.note(format!("front_unconfirmed:{field}"));
        }
    }
    out.add_source(Source::Ocr);
}

/// Labelled fields on a card front (no barcode / MRZ): dates of birth and
/// expiry and a name, as OCR evidence with the line's confidence.
pub(super) fn fields_from_front(out: &mut ExtractedData, front: &DecodedImage) {
    if !ocr::available() {
        out.note("ocr_unavailable");
        return;
    }
    let Some(t) = ocr_front(front) else { return };
    for (i, line) in t.lines.iter().enumerate() {
        let up = line.text.to_ascii_uppercase();
        let conf = f64::from(line.confidence) * 0.9;
        let ev = || crate::data::Evidence::new(Source::Ocr, conf);
        let dates = find_dates(&line.text);
        let next_dates = || {
            t.lines
                .get(i + 1)
                .map(|l| find_dates(&l.text))
                .unwrap_or_default()
        };
        let date = dates
            .first()
            .cloned()
            .or_else(|| next_dates().first().cloned());
        if (up.contains("DOB") || up.contains("BIRTH")) && out.date_of_birth.is_none() {
            out.set("date_of_birth", date.clone(), ev());
        } else if up.contains("EXP") && out.expiry_date.is_none() {
            out.set("expiry_date", date.clone(), ev());
        } else if (up.contains("ISS") || up.contains("ISSUED")) && out.issue_date.is_none() {
            out.set("issue_date", date.clone(), ev());
        }
        for (label, field) in [
            ("SURNAME", "last_name"),
            ("LAST NAME", "last_name"),
            ("GIVEN NAMES", "first_name"),
            ("FIRST NAME", "first_name"),
        ] {
            if up.trim() == label || up.starts_with(&format!("{label}:")) {
                let value = up
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .or_else(|| {
                        t.lines
                            .get(i + 1)
                            .map(|l| l.text.trim().to_ascii_uppercase())
                    });
                let value = value.and_then(|v| v.split_whitespace().next().map(str::to_string));
                if out.evidence.get(field).is_none() {
                    out.set(field, value, ev());
                }
            }
        }
    }
}
