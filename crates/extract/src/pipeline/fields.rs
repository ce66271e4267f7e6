//! Mapping each reader's result onto [`ExtractedData`] fields with evidence.

use image::GrayImage;

use crate::aamva::AamvaRecord;
use crate::address::{parse_text, AddressDoc};
use crate::data::{Address, BarcodeSummary, Evidence, ExtractedData, MrzSummary, Source};
use crate::image::{decode, ops::downscale_to, DecodedImage};
use crate::kind::DocKind;
use crate::mrz::viz::VizAgreement;
use crate::mrz::{MrzFormat, MrzRead};
use crate::ocr::{self, Layout, OcrText};
use crate::pdf::PdfContent;

/// From a decoded AAMVA barcode: every field is barcode evidence, confidence 1.
pub(super) fn from_aamva(out: &mut ExtractedData, r: &AamvaRecord) {
    let ev = || Evidence::new(Source::Barcode, 1.0);
    let named = |t: bool| {
        let mut e = ev();
        if t {
            e.truncated = Some(true);
        }
        e
    };
    // What the barcode says the card is (its subfile), not what was declared:
    // the rules compare the two.
    out.document_type = Some(
        if r.subfile == "ID" {
            "ID Card"
        } else {
            "Driver License"
        }
        .to_string(),
    );
    out.set("first_name", r.first_name.clone(), named(r.truncated.first));
    out.set(
        "middle_name",
        r.middle_name.clone(),
        named(r.truncated.middle),
    );
    out.set("last_name", r.last_name.clone(), named(r.truncated.family));
    out.set("date_of_birth", r.date_of_birth.clone(), ev());
    out.set("sex", r.sex.clone(), ev());
    out.set("document_number", r.document_number.clone(), ev());
    out.set("issuing_country", r.issuing_country.clone(), ev());
    out.set("issuing_state", r.jurisdiction.clone(), ev());
    out.set("issue_date", r.issue_date.clone(), ev());
    out.set("expiry_date", r.expiry_date.clone(), ev());
    out.set_address(
        Address {
            street: r.street.clone(),
            city: r.city.clone(),
            state: r.state.clone(),
            postal_code: r.postal_code.clone(),
            country: r.issuing_country.clone(),
        },
        ev(),
    );
    out.barcode = Some(BarcodeSummary {
        format: "AAMVA".into(),
        version: r.version,
        jurisdiction: r.jurisdiction.clone(),
    });
    // The barcode decoded but lacks a core field: what it has stands.
    if r.partial {
        out.note("aamva_partial");
    }
}

/// ICAO 3-letter code, with Germany's single `D` mapped to `DEU`.
fn icao_country(code: &str) -> Option<String> {
    match code {
        "" => None,
        "D" => Some("DEU".into()),
        c => Some(c.to_string()),
    }
}

fn mrz_doc_type(r: &MrzRead) -> Option<&'static str> {
    let m = &r.mrz;
    match m.format {
        MrzFormat::TD3 if m.document_code.starts_with('P') => Some("Passport"),
        MrzFormat::TD1 if m.issuing_state == "USA" && m.document_code.starts_with('C') => {
            Some("Permanent Resident Card")
        }
        MrzFormat::TD1 if m.issuing_state == "USA" => Some("Passport Card"),
        _ => None,
    }
}

/// Whether the fields no check digit covers have the shape ICAO 9303 gives
/// them: a document code and an issuing state of letters, and a name field of
/// letters whose parts are separated by one `<` (or `<<` after the surname),
/// starting with a letter, fillers only at its end.
fn unchecked_fields_shaped(m: &crate::mrz::Mrz) -> bool {
    let upper = |c: char| c.is_ascii_uppercase();
    let (li, from) = m.format.names_field();
    let field = m.lines.get(li).and_then(|l| l.get(from..)).unwrap_or("");
    let names = field.trim_end_matches('<');
    m.document_code.starts_with(upper)
        && !m.issuing_state.is_empty()
        && m.issuing_state.chars().all(upper)
        && names.starts_with(upper)
        && names.chars().all(|c| upper(c) || c == '<')
        && !names.contains("<<<")
}

/// The document type the MRZ shows: a TD3 `P` is a passport, a US TD1 a
/// passport card or permanent resident card. TD1 document codes do not tell
/// the US cards apart reliably, so a declared TD1 card type stands; so does
/// the declared type when the MRZ says nothing (visas, other TD1/TD2 cards).
fn mrz_type(r: &MrzRead, kind: Option<DocKind>) -> Option<&'static str> {
    let td1_card = matches!(
        kind,
        Some(DocKind::PassportCard | DocKind::PermanentResidentCard | DocKind::NexusCard)
    );
    match mrz_doc_type(r) {
        Some(_) if td1_card && r.mrz.format == MrzFormat::TD1 => kind.map(DocKind::name),
        Some(t) => Some(t),
        None => kind.map(DocKind::name),
    }
}

/// Evidence the visual zone printed too (OCR confirms it).
fn seen_in_viz(mut e: Evidence, seen: bool) -> Evidence {
    if seen {
        e.confirmed_by.push(Source::Ocr);
    }
    e
}

/// Names from a fully valid MRZ whose visual zone prints them: vouched for.
pub(super) const NAMES_CONFIRMED: f64 = 0.95;
/// Names from a fully valid MRZ whose visual zone could not be read: below
/// the rules' trust threshold (0.85, `colleckt_domain`'s `MRZ_TRUSTED`), so a
/// match goes to a person and a mismatch is not a rejection.
pub(super) const NAMES_UNCONFIRMED: f64 = 0.7;
/// Names the visual zone contradicts, or misread-shaped ones.
pub(super) const NAMES_DOUBTED: f64 = 0.5;

/// From an MRZ: fields covered by a holding check digit get confidence 1
/// when the read is decisive (every digit, the composite included, or for
/// visas the visual zone printing the same number and dates). The names
/// line, document code and issuing state have no check digit: they are
/// vouched for (0.95) only when the visual zone prints the same names (`viz`,
/// None when it could not be read at all); otherwise 0.7 with
/// `mrz_names_unconfirmed`, or 0.5 with `mrz_names_viz_mismatch` when the
/// zone was legible and shows other names.
pub(super) fn from_mrz(
    out: &mut ExtractedData,
    r: &MrzRead,
    kind: Option<DocKind>,
    viz: Option<VizAgreement>,
) {
    let m = &r.mrz;
    let v = viz.unwrap_or_default();
    // A legible visual zone that prints neither the MRZ's number nor its
    // names, or neither its number nor both its dates, says the read went
    // wrong, whatever its digits hold: slips between digits 5 apart (3/8,
    // 0/5) cancel in pairs in every check digit, the composite included
    // (CY3461485 / 350311 read CY8461485 / 850811, all digits holding).
    let number_seen = v.number_seen();
    let backed = number_seen || (v.names() && v.birth_date && v.expiry_date);
    let contradicted = v.legible() && !backed;
    let all = r.decisive(number_seen, v.checked()) && !contradicted && !v.number_contested;
    if m.checks_valid() && !all {
        out.note("mrz_low_confidence");
    }
    let base = if all {
        NAMES_CONFIRMED
    } else {
        f64::from(r.ocr_confidence) * 0.8
    };
    let checked = |ok: bool, seen: bool| {
        let mut e = Evidence::new(
            Source::Mrz,
            if ok && all {
                1.0
            } else if ok {
                0.9
            } else {
                base.min(0.5)
            },
        );
        e.check_digit_valid = Some(ok);
        seen_in_viz(e, seen)
    };
    // Nothing checks the document code, issuing state and names: when they do
    // not have an MRZ's shape, they were misread and are not vouched for by
    // the check digits that hold elsewhere.
    let shaped = unchecked_fields_shaped(m);
    if !shaped {
        out.note("mrz_names_implausible");
    }
    let names_ok = v.names();
    let names_conf = if !all || !shaped {
        base.min(NAMES_DOUBTED)
    } else if names_ok {
        NAMES_CONFIRMED
    } else if v.legible() {
        out.note("mrz_names_viz_mismatch");
        NAMES_DOUBTED
    } else {
        out.note("mrz_names_unconfirmed");
        NAMES_UNCONFIRMED
    };
    // Sex and the state codes share the names' confidence: the same
    // uncovered line (TD3: line 1), or no better covered. A state code
    // that names no state gets less (below).
    let plain = || Evidence::new(Source::Mrz, names_conf);
    let name = || seen_in_viz(plain(), names_ok);
    if let Some(t) = mrz_type(r, kind) {
        out.document_type = Some(t.to_string());
    }
    let mut given = m.given_names.split_whitespace();
    let first = given.next().map(str::to_string);
    let middle: Vec<&str> = given.collect();
    out.set("first_name", first, name());
    out.set(
        "middle_name",
        (!middle.is_empty()).then(|| middle.join(" ")),
        name(),
    );
    out.set("last_name", Some(m.surname.clone()), name());
    out.set(
        "date_of_birth",
        m.birth_date.clone(),
        checked(m.checks.birth_date, v.birth_date),
    );
    out.set("sex", (m.sex != "X").then(|| m.sex.clone()), plain());
    out.set(
        "document_number",
        Some(m.document_number.clone()),
        checked(m.checks.document_number, v.document_number),
    );
    // A code that names no state (`IPN`) was misread, whatever vouches for
    // the names beside it: no check digit covers it.
    for (key, code) in [
        ("issuing_country", &m.issuing_state),
        ("nationality", &m.nationality),
    ] {
        let known = crate::mrz::is_state(code);
        if !known && !code.is_empty() {
            out.note("mrz_state_unknown");
        }
        let conf = if known {
            names_conf
        } else {
            names_conf.min(NAMES_DOUBTED)
        };
        out.set(key, icao_country(code), Evidence::new(Source::Mrz, conf));
    }
    out.set(
        "expiry_date",
        m.expiry_date.clone(),
        checked(m.checks.expiry_date, v.expiry_date),
    );
    out.mrz = Some(MrzSummary {
        format: m.format.name().to_string(),
        lines: m.lines.clone(),
        checks_valid: all,
    });
}

fn apply_address_doc(
    out: &mut ExtractedData,
    d: &AddressDoc,
    source: Source,
    conf: f64,
    kind: Option<DocKind>,
) {
    let name_conf = if d.name_labelled { conf } else { conf * 0.6 };
    let addr_conf = if d.address_labelled { conf } else { conf * 0.7 };
    out.set(
        "first_name",
        d.first_name.clone(),
        Evidence::new(source, name_conf),
    );
    out.set(
        "middle_name",
        d.middle_name.clone(),
        Evidence::new(source, name_conf),
    );
    out.set(
        "last_name",
        d.last_name.clone(),
        Evidence::new(source, name_conf),
    );
    out.set(
        "issue_date",
        d.issue_date.clone(),
        Evidence::new(source, conf),
    );
    out.set(
        "expiry_date",
        d.expiry_date.clone(),
        Evidence::new(source, conf),
    );
    out.set_address(d.address.clone(), Evidence::new(source, addr_conf));
    // The kind the text names (its title) over the declared one.
    if let Some(k) = d.kind.or(kind) {
        out.document_type = Some(k.name().to_string());
    }
    if d.last_name.is_none() {
        out.note("name_not_found");
    }
    if d.address.is_empty() {
        out.note("address_not_found");
    }
}

/// OCR a page image for an address document, whole: large pages are scaled
/// so the longest side is at most 2400 px (text stays ≥ ~20 px high on a
/// letter page).
fn ocr_page_text(img: &GrayImage) -> Option<OcrText> {
    let view = downscale_to(img, 2400);
    ocr::recognize_symbols(&view, Layout::Page, "").ok()
}

/// OCR of the page's text block, levelled at full resolution (see
/// [`crate::address::text_block`]; `enlarged`, see
/// [`crate::address::text_block_enlarged`]).
fn ocr_text_block(img: &GrayImage, enlarged: bool) -> Option<OcrText> {
    let (block, _) = if enlarged {
        crate::address::text_block_enlarged(img)?
    } else {
        crate::address::text_block(img)?
    };
    ocr::recognize_symbols(&block, Layout::Page, "").ok()
}

/// An address document from one OCR read: its lines as Tesseract ordered
/// them, or its columns one after the other (see
/// [`crate::address::by_columns`]) when that finds as much or more.
fn address_reading(t: &OcrText) -> (AddressDoc, f64) {
    let conf = f64::from(t.mean_confidence());
    let rows = parse_text(&t.text());
    let columns = crate::address::by_columns(&t.lines).map(|c| parse_text(&c));
    match columns {
        Some(c) if found(&c) >= found(&rows) && found(&c) > 0 => (c, conf),
        _ => (rows, conf),
    }
}

/// How much of what an address document must give was found.
fn found(d: &AddressDoc) -> usize {
    usize::from(d.last_name.is_some()) + usize::from(d.address.street.is_some())
}

/// Address document from a photo or scan: the levelled text block first;
/// then, while a read misses the name or the street, the block enlarged (a
/// page small in the frame) and the whole frame (a page the block finder
/// misjudged), keeping whichever read found most.
pub(super) fn address_from_image(
    out: &mut ExtractedData,
    img: &DecodedImage,
    kind: Option<DocKind>,
) {
    if !ocr::available() {
        out.note("ocr_unavailable");
        if let Some(k) = kind {
            out.document_type = Some(k.name().to_string());
        }
        return;
    }
    let mut best = ocr_text_block(&img.gray, false).map(|t| address_reading(&t));
    let fallbacks: [&dyn Fn() -> Option<OcrText>; 2] =
        [&|| ocr_text_block(&img.gray, true), &|| {
            ocr_page_text(&img.gray)
        }];
    for read in fallbacks {
        if best.as_ref().is_some_and(|(d, _)| found(d) >= 2) {
            break;
        }
        if let Some((doc, c)) = read().map(|t| address_reading(&t)) {
            if best.as_ref().is_none_or(|(d, _)| found(&doc) > found(d)) {
                best = Some((doc, c));
            }
        }
    }
    // The page turned (see [`super::TURNS`]): its block only, the reads
    // above having told whatever the enlarged block or the frame could.
    for turns in super::TURNS {
        if best.as_ref().is_some_and(|(d, _)| found(d) >= 2) {
            break;
        }
        let turned = crate::image::ops::rotate(&img.gray, turns);
        if let Some((doc, c)) = ocr_text_block(&turned, false).map(|t| address_reading(&t)) {
            if best.as_ref().is_none_or(|(d, _)| found(&doc) > found(d)) {
                best = Some((doc, c));
            }
        }
    }
    match best {
        Some((doc, conf)) => apply_address_doc(out, &doc, Source::Ocr, conf, kind),
        None => out.note("ocr_failed"),
    }
}

/// Address document from a PDF: the text layer first, else OCR of its images.
pub(super) fn address_from_pdf(out: &mut ExtractedData, pdf: &PdfContent, kind: Option<DocKind>) {
    if pdf.has_text() {
        apply_address_doc(out, &parse_text(&pdf.text()), Source::PdfText, 1.0, kind);
        return;
    }
    out.note("pdf_no_text_layer");
    out.ocr_available = Some(ocr::available());
    for jpeg in &pdf.jpeg_images {
        if let Ok(img) = decode(jpeg) {
            out.quality = Some(crate::image::quality(&img.gray));
            address_from_image(out, &img, kind);
            return;
        }
    }
    if let Some(k) = kind {
        out.document_type = Some(k.name().to_string());
    }
}

#[cfg(test)]
#[path = "fields_tests.rs"]
mod tests;
