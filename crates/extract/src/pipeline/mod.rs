//! `extract()`: decode each side once, choose the readers for the document
//! kind (or detect it), and assemble [`ExtractedData`] with evidence.

mod fields;
mod front;
mod front_labels;
mod front_layout;
mod front_reread;
mod front_stacked;
mod mrz_pictures;
mod region;

use std::path::Path;

use crate::barcode::{self, Pdf417Scan};
use crate::data::ExtractedData;
use crate::error::ExtractError;
use crate::image::{decode, quality, DecodedImage};
use crate::kind::{sniff, DocKind, FileKind, ReaderFamily};
use crate::{ocr, pdf};
use mrz_pictures::read_mrz;

/// The input of one extraction: the sides' bytes and, if known, the kind.
#[derive(Debug, Clone, Copy)]
pub struct ExtractInput<'a> {
    /// Front side (or the only page / the PDF).
    pub front: &'a [u8],
    /// Back side, for cards.
    pub back: Option<&'a [u8]>,
    /// The declared document kind; `None` detects it.
    pub kind: Option<DocKind>,
}

/// Quarter turns an OCR reader tries after the upright picture, in order,
/// while the upright one gives too little: a document photographed on its
/// side (a phone held upright over a card or page lying across, or an EXIF
/// orientation lost in a re-encode), then upside down.
const TURNS: [u32; 3] = [1, 3, 2];

/// Largest file `extract_files` reads.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Read a document. Errors only for unusable input (empty, wrong type,
/// undecodable, too large); an unreadable document is `Ok` with few fields
/// and notes saying what was not found.
pub fn extract(input: &ExtractInput) -> Result<ExtractedData, ExtractError> {
    if input.front.is_empty() {
        return Err(ExtractError::Empty);
    }
    let front_kind = sniff(input.front).ok_or(ExtractError::UnsupportedType)?;
    let mut out = ExtractedData::default();
    if front_kind == FileKind::Pdf {
        let kind = input.kind.filter(|k| k.family() == ReaderFamily::Address);
        if let Some(k) = input.kind.filter(|k| k.family() != ReaderFamily::Address) {
            out.note(format!("pdf_for_card_type:{}", k.name()));
        }
        fields::address_from_pdf(&mut out, &pdf::read_pdf(input.front)?, kind);
        return Ok(finish(out));
    }
    let front = decode(input.front)?;
    let back = match input.back.filter(|b| !b.is_empty()) {
        Some(b) => Some(decode(b)?),
        None => None,
    };
    out.quality = Some(quality(&front.gray));
    out.quality_back = back.as_ref().map(|b| quality(&b.gray));
    out.ocr_available = Some(ocr::available());
    match input.kind.map(DocKind::family) {
        Some(ReaderFamily::Aamva) => match read_barcode(&mut out, &front, back.as_ref()) {
            Barcode::Read(side) => cross_check_other_side(&mut out, side, &front, back.as_ref()),
            Barcode::NotRead {
                front_seen,
                back_seen,
            } => {
                out.note(if front_seen || back_seen {
                    "barcode_unreadable"
                } else {
                    "barcode_not_found"
                });
                match picture_side(front_seen, back_seen, &front, back.as_ref()) {
                    Some(img) => front::fields_from_front(&mut out, img),
                    None => out.note("front_missing"),
                }
            }
        },
        Some(ReaderFamily::Mrz) => {
            if !read_mrz(&mut out, &front, back.as_ref(), input.kind) {
                out.note("mrz_not_found");
            }
        }
        Some(ReaderFamily::FrontOcr) => {
            if !read_mrz(&mut out, &front, back.as_ref(), input.kind) {
                front::fields_from_front(&mut out, &front);
            }
        }
        Some(ReaderFamily::Address) => fields::address_from_image(&mut out, &front, input.kind),
        None => detect(&mut out, &front, back.as_ref()),
    }
    // The readers set the type the document itself shows (AAMVA subfile, MRZ
    // code, a titled page); the declared one only fills in when they could not.
    if out.document_type.is_none() {
        out.document_type = input.kind.map(|k| k.name().to_string());
    }
    Ok(finish(out))
}

/// No declared kind: AAMVA barcode → licence/ID; MRZ → passport/card;
/// otherwise an address document.
fn detect(out: &mut ExtractedData, front: &DecodedImage, back: Option<&DecodedImage>) {
    match read_barcode(out, front, back) {
        Barcode::Read(side) => return cross_check_other_side(out, side, front, back),
        // A symbol that stands but does not decode is a card's back, not an
        // address page (whose reader would only say `name_not_found`): the
        // same answer as for a declared licence.
        Barcode::NotRead {
            front_seen,
            back_seen,
        } if front_seen || back_seen => {
            out.note("barcode_unreadable");
            match picture_side(front_seen, back_seen, front, back) {
                Some(img) => front::fields_from_front(out, img),
                None => out.note("front_missing"),
            }
            return;
        }
        Barcode::NotRead { .. } => {}
    }
    if read_mrz(out, front, back, None) {
        return;
    }
    fields::address_from_image(out, front, None);
}

/// Which picture a reader found its data on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Front,
    Back,
}

/// The barcode came from one picture: the other one, if any, is the card's
/// picture side, whose OCR cross-checks it. Users swap the sides (the
/// barcode side sent as the front), so either may be the picture side.
fn cross_check_other_side(
    out: &mut ExtractedData,
    side: Side,
    front: &DecodedImage,
    back: Option<&DecodedImage>,
) {
    match (side, back) {
        (Side::Back, _) => front::cross_check(out, front),
        (Side::Front, Some(b)) => front::cross_check(out, b),
        (Side::Front, None) => {}
    }
}

/// What the licence barcode search found on the pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Barcode {
    /// Decoded on this picture.
    Read(Side),
    /// Not decoded; which pictures show a symbol all the same.
    NotRead { front_seen: bool, back_seen: bool },
}

fn read_barcode(
    out: &mut ExtractedData,
    front: &DecodedImage,
    back: Option<&DecodedImage>,
) -> Barcode {
    // The back first: that is where the barcode belongs.
    let back_scan = back.map(|b| barcode::scan_pdf417(&b.gray));
    if let Some(Pdf417Scan::Read(read)) = &back_scan {
        fields::from_aamva(out, &read.record);
        return Barcode::Read(Side::Back);
    }
    match barcode::scan_pdf417(&front.gray) {
        Pdf417Scan::Read(read) => {
            fields::from_aamva(out, &read.record);
            Barcode::Read(Side::Front)
        }
        front_scan => Barcode::NotRead {
            front_seen: matches!(front_scan, Pdf417Scan::Unreadable),
            back_seen: matches!(back_scan, Some(Pdf417Scan::Unreadable)),
        },
    }
}

/// The card's picture side when its barcode did not decode: the picture
/// that shows no symbol, since users swap the sides; none when every
/// picture given is a back (OCR of a back for a front's fields is wasted).
fn picture_side<'a>(
    front_seen: bool,
    back_seen: bool,
    front: &'a DecodedImage,
    back: Option<&'a DecodedImage>,
) -> Option<&'a DecodedImage> {
    match (front_seen, back) {
        (false, _) => Some(front),
        (true, Some(b)) if !back_seen => Some(b),
        (true, _) => None,
    }
}

fn finish(mut out: ExtractedData) -> ExtractedData {
    if out.ocr_available == Some(false) {
        out.note("ocr_unavailable");
    }
    out
}

fn read_file(path: &Path) -> Result<Vec<u8>, ExtractError> {
    let meta = std::fs::metadata(path).map_err(|source| ExtractError::Io {
        path: path.display().to_string(),
        source,
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ExtractError::FileTooLarge {
            path: path.display().to_string(),
            max_bytes: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(|source| ExtractError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// `colleckt extract FRONT [--back BACK] [--type TYPE]`: read the files and
/// return the `extracted_data` JSON.
pub fn extract_files(
    front: &Path,
    back: Option<&Path>,
    type_name: Option<&str>,
) -> Result<serde_json::Value, ExtractError> {
    let kind = match type_name {
        Some(t) => {
            Some(DocKind::from_name(t).ok_or_else(|| ExtractError::UnknownType(t.to_string()))?)
        }
        None => None,
    };
    let front_bytes = read_file(front)?;
    let back_bytes = back.map(read_file).transpose()?;
    let data = extract(&ExtractInput {
        front: &front_bytes,
        back: back_bytes.as_deref(),
        kind,
    });
    ocr::release();
    let data = data?;
    serde_json::to_value(&data).map_err(|e| ExtractError::Decode(e.to_string()))
}
