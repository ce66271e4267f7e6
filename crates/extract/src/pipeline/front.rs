//! Card fronts by OCR: cross-checking a licence front against its barcode,
//! and reading labelled fields when there is no barcode or MRZ.

use crate::address::find_dates;
use crate::data::{ExtractedData, Source};
use crate::image::DecodedImage;
use crate::ocr::{self, Layout, OcrText};

/// Longest side of the view Tesseract reads a front at.
const FRONT_SIDE: u32 = 1800;

/// The front scaled so its longest side is at most [`FRONT_SIDE`]. An integer
/// area-average step first (cheap), then a resample to the exact size: the
/// integer step alone took a 2000 px photo down to 1000 px, where Tesseract
/// dropped leading letters of the licence number and cut names short.
fn front_view(gray: &image::GrayImage) -> image::GrayImage {
    let longest = gray.width().max(gray.height());
    if longest <= FRONT_SIDE {
        return gray.clone();
    }
    // Integer steps while at least twice the target, then one resample.
    let f = (longest / FRONT_SIDE).max(1);
    let step = crate::image::ops::downscale_by(gray, f);
    let longest = step.width().max(step.height());
    if longest <= FRONT_SIDE {
        return step;
    }
    let k = FRONT_SIDE as f32 / longest as f32;
    let (w, h) = (
        ((step.width() as f32 * k).round() as u32).max(1),
        ((step.height() as f32 * k).round() as u32).max(1),
    );
    image::imageops::resize(&step, w, h, image::imageops::FilterType::Triangle)
}

fn ocr_front(img: &DecodedImage) -> Option<OcrText> {
    let view = front_view(&img.gray);
    ocr::recognize(&view, Layout::Sparse, "").ok()
}

/// Letters and digits, upper case; `$` is Tesseract's usual reading of a
/// bold S (`$45329185`).
fn norm(s: &str) -> String {
    s.chars()
        .map(|c| if c == '$' { 'S' } else { c })
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A line's dates, with stray spaces around date separators closed up
/// (`08/07/ 1956`).
fn line_dates(line: &str) -> Vec<String> {
    let mut s = line.to_string();
    for (from, to) in [("/ ", "/"), (" /", "/")] {
        while s.contains(from) {
            s = s.replace(from, to);
        }
    }
    find_dates(&s)
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
    let dates: Vec<String> = t.lines.iter().flat_map(|l| line_dates(&l.text)).collect();
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
                if !out.evidence.contains_key(field) {
                    out.set(field, value, ev());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_view_is_close_to_the_target_size() {
        for (w, h) in [(2000u32, 1500u32), (4000, 3000), (1280, 807), (3601, 100)] {
            let v = front_view(&image::GrayImage::new(w, h));
            let longest = v.width().max(v.height());
            assert!(longest <= FRONT_SIDE, "{w}x{h} -> {longest}");
            assert!(
                longest >= FRONT_SIDE.min(w.max(h)) - 1,
                "{w}x{h} -> {longest}"
            );
        }
    }

    #[test]
    fn ocr_slips_of_bold_fronts_are_normalised() {
        assert_eq!(norm("$45329185"), "S45329185");
        assert_eq!(line_dates("08/07/ 1956"), vec!["1956-08-07".to_string()]);
    }
}
