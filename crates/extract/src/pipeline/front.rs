//! Card fronts by OCR: cross-checking a licence front against its barcode,
//! and reading labelled fields when there is no barcode or MRZ.

use crate::address::find_dates;
use crate::data::{Address, Evidence, ExtractedData, Source};
use crate::image::DecodedImage;
use crate::ocr::{self, Layout, OcrText};

use super::{front_labels, front_layout, front_reread, region};

/// Longest side of the view Tesseract reads a front at.
const FRONT_SIDE: u32 = 1800;

/// Radius of the ground estimate when a front's light is flattened: over
/// the widest stroke of a front at [`FRONT_SIDE`] (a bold header's 8 px),
/// under a field value's height.
const FLATTEN_R: u32 = 12;

/// `img` resized by `k` (≤ 1): integer area-average steps first (cheap), then
/// one resample to the exact size. The integer step alone took a 2000 px
/// photo down to 1000 px, where Tesseract dropped leading letters of the
/// licence number and cut names short.
fn scaled(img: &image::GrayImage, k: f32) -> image::GrayImage {
    if k >= 1.0 {
        return img.clone();
    }
    let (tw, th) = (
        ((img.width() as f32 * k).round() as u32).max(1),
        ((img.height() as f32 * k).round() as u32).max(1),
    );
    let f = (img.width() / tw).min(img.height() / th).max(1);
    let step = crate::image::ops::downscale_by(img, f);
    if step.dimensions() == (tw, th) {
        return step;
    }
    image::imageops::resize(&step, tw, th, image::imageops::FilterType::Triangle)
}

/// What Tesseract reads of a front: the box around its text, at the scale
/// that makes the whole frame [`FRONT_SIDE`] long (the scale the front OCR
/// was tuned at). Cropping first spares Tesseract's layout analysis the
/// table around the card.
fn front_view(gray: &image::GrayImage) -> image::GrayImage {
    let longest = gray.width().max(gray.height());
    let k = (FRONT_SIDE as f32 / longest as f32).min(1.0);
    let view = match region::text_region(gray) {
        Some((x, y, w, h)) => scaled(&crate::image::ops::crop(gray, x, y, w, h), k),
        None => scaled(gray, k),
    };
    let Some(deg) =
        crate::address::text_skew(&view).filter(|d| d.abs() >= crate::image::ops::MIN_LEVEL_DEG)
    else {
        return view;
    };
    crate::image::ops::level(&view, deg)
}

/// The view of the picture turned by `turns` quarters (see [`front_view`]).
fn turned_view(gray: &image::GrayImage, turns: u32) -> image::GrayImage {
    if turns == 0 {
        front_view(gray)
    } else {
        front_view(&crate::image::ops::rotate(gray, turns))
    }
}

/// The reading that scores best, upright first: the turned pictures are
/// read only while the best scores under `enough`, and one replaces it
/// only by scoring more. A card that reads upright costs nothing more; one
/// that prints too little either way costs three more reads.
fn best_turn<T>(
    gray: &image::GrayImage,
    enough: usize,
    read: impl Fn(image::GrayImage) -> Option<T>,
    score: impl Fn(&T) -> usize,
) -> Option<T> {
    let mut best = read(turned_view(gray, 0));
    for turns in super::TURNS {
        let have = best.as_ref().map_or(0, &score);
        if have >= enough {
            break;
        }
        if let Some(r) = read(turned_view(gray, turns)).filter(|r| score(r) > have) {
            best = Some(r);
        }
    }
    best
}

/// Tesseract's sparse reading of a front's view, rows it merged split.
fn read_view(view: &image::GrayImage) -> Option<OcrText> {
    let mut t = ocr::recognize(view, Layout::Sparse, "").ok()?;
    front_reread::split_merged_rows(view, &mut t);
    Some(t)
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

/// One reading of a front, as the cross-check compares it: its text
/// normalised by [`norm`] and its dates.
struct Reading {
    text: String,
    dates: Vec<String>,
}

impl Reading {
    fn of(t: &OcrText) -> Self {
        Reading {
            text: norm(&t.text()),
            dates: t.lines.iter().flat_map(|l| line_dates(&l.text)).collect(),
        }
    }
}

/// Compare barcode fields with the front's OCR text: agreeing fields gain
/// `confirmed_by: ["ocr"]`; fields not found give `front_unconfirmed:FIELD`.
///
/// The front is read as scattered text first (labels beside values, any
/// layout); a field that reading does not print is looked for in a second
/// reading of the front as one page: read sparse, a name row under a
/// header and beside a label came out as `ee OLIVER LEE`, where the page
/// reading printed `ILLINGWORTH, OLIVER LEE`.
pub(super) fn cross_check(out: &mut ExtractedData, front: &DecodedImage) {
    if !ocr::available() {
        return;
    }
    let checks: Vec<(&str, String)> = [
        ("last_name", out.last_name.clone()),
        ("first_name", out.first_name.clone()),
        ("document_number", out.document_number.clone()),
        ("date_of_birth", out.date_of_birth.clone()),
    ]
    .into_iter()
    .filter_map(|(f, v)| v.map(|v| (f, v)))
    .collect();
    // The picture's way up is the one that prints a field of the barcode.
    let read = |view: image::GrayImage| {
        let t = read_view(&view)?;
        let first = Reading::of(&t);
        let agreed = agreement(&first, out, &checks);
        Some((view, first, agreed))
    };
    let agreeing = |r: &(image::GrayImage, Reading, Vec<bool>)| r.2.iter().filter(|a| **a).count();
    let Some((view, first, mut agreed)) = best_turn(&front.gray, 1, read, agreeing) else {
        return;
    };
    if first.text.len() < 20 {
        out.note("front_unreadable");
        return;
    }
    // A second layout analysis, then the view with its light flattened: a
    // shadow across the card left the values under it unread, Tesseract's
    // one global threshold taking their ground for ink.
    let rereads: [&dyn Fn() -> Option<OcrText>; 2] =
        [&|| ocr::recognize(&view, Layout::Page, "").ok(), &|| {
            read_view(&crate::image::filter::flatten_light(&view, FLATTEN_R))
        }];
    for reread in rereads {
        if agreed.iter().all(|a| *a) {
            break;
        }
        if let Some(t) = reread() {
            for (a, b) in agreed
                .iter_mut()
                .zip(agreement(&Reading::of(&t), out, &checks))
            {
                *a |= b;
            }
        }
    }
    for ((field, _), agrees) in checks.iter().zip(agreed) {
        if agrees {
            if let Some(e) = out.evidence.get_mut(*field) {
                e.confirmed_by.push(Source::Ocr);
            }
        } else {
            out.note(format!("front_unconfirmed:{field}"));
        }
    }
    out.add_source(Source::Ocr);
}

/// Which of `checks` (field, barcode value) one reading of the front prints.
fn agreement(r: &Reading, out: &ExtractedData, checks: &[(&str, String)]) -> Vec<bool> {
    // The number ties the front to the back; with it printed, a name one
    // OCR slip off (a glare spot: `KOWALSk;`) is the same name, where a
    // front of another card would differ in the number first.
    let printed = |v: &Option<String>| v.as_ref().is_some_and(|v| r.text.contains(&norm(v)));
    let number_seen = printed(&out.document_number);
    // And the other way: with both names printed as the barcode has them, a
    // number one slip off (`146346145` for `T46346145`, a bold T at 0.28)
    // is this card's number.
    let names_seen = printed(&out.last_name) && printed(&out.first_name);
    checks
        .iter()
        .map(|(field, v)| {
            if *field == "date_of_birth" {
                return r.dates.contains(v);
            }
            let v = norm(v);
            let slip_forgiven = if *field == "document_number" {
                names_seen && v.len() >= MIN_SLIP_NUMBER
            } else {
                number_seen
            };
            r.text.contains(&v) || (slip_forgiven && within_one_slip(&r.text, &v))
        })
        .collect()
}

/// Shortest name a one-character slip may be forgiven in: shorter names are
/// too often another name one letter off.
const MIN_SLIP_NAME: usize = 5;
/// Shortest number a one-character slip may be forgiven in.
const MIN_SLIP_NUMBER: usize = 7;

/// Whether `text` holds `name` with at most one character dropped, added or
/// read otherwise (both normalised by [`norm`]).
fn within_one_slip(text: &str, name: &str) -> bool {
    name.len() >= MIN_SLIP_NAME && !crate::slip::slips(text.as_bytes(), name.as_bytes()).is_empty()
}

/// Labelled fields on a card front (no barcode / MRZ), wherever the issuer
/// prints them: labels paired with their values by the lines' boxes, then
/// fields by shape ([`front_layout`], [`front_labels`]), as OCR evidence at
/// 0.9 × the line's confidence (lower for fields found by shape alone).
pub(super) fn fields_from_front(out: &mut ExtractedData, front: &DecodedImage) {
    if !ocr::available() {
        out.note("ocr_unavailable");
        return;
    }
    let read = |view: image::GrayImage| {
        let t = read_view(&view)?;
        let lines: Vec<front_layout::Placed> = t
            .lines
            .iter()
            .map(|l| front_layout::Placed {
                text: &l.text,
                confidence: l.confidence,
                bbox: l.bbox,
            })
            .collect();
        Some(front_layout::read_placed(&lines))
    };
    // Two fields read surely upright settle the way up.
    if let Some(f) = best_turn(&front.gray, 2, read, sure_fields) {
        apply_labels(out, &f);
    }
}

/// How many of a front's fields are read surely enough to be given.
fn sure_fields(f: &front_labels::FrontFields) -> usize {
    [
        &f.last_name,
        &f.first_name,
        &f.date_of_birth,
        &f.expiry_date,
        &f.document_number,
        &f.street,
    ]
    .iter()
    .filter(|v| v.as_ref().is_some_and(|(_, c)| *c >= MIN_FIELD_CONFIDENCE))
    .count()
}

/// Below this (the line's confidence, × 0.6 for a field found by shape), a
/// field is not given: on the dev fronts (`front-numbered`, `front-shapes`)
/// the values under it were wrong about as often as right, mostly a number
/// with its leading letter read as a digit; a wrong field costs more than a
/// missing one.
pub(super) const MIN_FIELD_CONFIDENCE: f32 = 0.4;

/// Sets what the labels gave on fields no stronger reader has filled.
fn apply_labels(out: &mut ExtractedData, f: &front_labels::FrontFields) {
    let ev = |c: f32| Evidence::new(Source::Ocr, f64::from(c) * 0.9);
    let sure = |v: &Option<(String, f32)>| v.clone().filter(|(_, c)| *c >= MIN_FIELD_CONFIDENCE);
    for (field, value) in [
        ("last_name", &f.last_name),
        ("first_name", &f.first_name),
        ("middle_name", &f.middle_name),
        ("date_of_birth", &f.date_of_birth),
        ("issue_date", &f.issue_date),
        ("expiry_date", &f.expiry_date),
        ("document_number", &f.document_number),
    ] {
        if let Some((v, c)) = sure(value) {
            if !out.evidence.contains_key(field) {
                out.set(field, Some(v), ev(c));
            }
        }
    }
    if out.address.is_none() {
        if let Some((street, c)) = &sure(&f.street) {
            let part = |p: &Option<(String, f32)>| p.as_ref().map(|(v, _)| v.clone());
            out.set_address(
                Address {
                    street: Some(street.clone()),
                    city: part(&f.city),
                    state: part(&f.state),
                    postal_code: part(&f.postal_code),
                    country: None,
                },
                ev(*c),
            );
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
    fn a_name_one_slip_off_is_found_and_short_names_are_not_forgiven() {
        let text = norm("TEXAS 4d DLN T46483802 1 KOWALSk; 2 PETER ANN");
        assert!(within_one_slip(&text, "KOWALSKI"));
        assert!(within_one_slip(&norm("KOWALSXI PETER"), "KOWALSKI"));
        assert!(within_one_slip(&norm("KOWWALSKI PETER"), "KOWALSKI"));
        assert!(!within_one_slip(&text, "KOWALCZYK"));
        assert!(!within_one_slip(&norm("1 LI 2 ANN"), "LIU"));
    }

    #[test]
    fn ocr_slips_of_bold_fronts_are_normalised() {
        assert_eq!(norm("$45329185"), "S45329185");
        assert_eq!(line_dates("08/07/ 1956"), vec!["1956-08-07".to_string()]);
    }
}
