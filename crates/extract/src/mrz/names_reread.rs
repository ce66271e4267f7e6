//! The names line read again by the other engine when the visual zone
//! prints other names. No check digit covers that line, so a template read
//! sure of every checked cell can still carry a slip in a name (`KOWALSKT`
//! for `KOWALSKI`: a thin T and I differ in a few pixels of another font)
//! and the visual zone rightly refuses it. Tesseract's LSTM slips
//! elsewhere: its read of the same band is taken for the names when it is
//! the same document (every checked field alike, every check digit
//! holding) and the visual zone prints its names. The names are then
//! vouched for as any others: by the zone agreeing with an MRZ reading.

use image::GrayImage;

use super::read::{sound, tesseract_band, MrzRead};
use super::viz::compare;
use super::Mrz;

/// The fields a check digit covers, and the layout: two reads alike in
/// these read the same document.
fn checked(m: &Mrz) -> impl PartialEq + '_ {
    (
        m.format,
        &m.document_number,
        &m.birth_date,
        &m.expiry_date,
        &m.nationality,
    )
}

/// Take Tesseract's names for a template read when `zone_text` (the visual
/// zone's OCR) prints them and not the read's own; returns whether the
/// names changed.
pub(super) fn reread_names(img: &GrayImage, r: &mut MrzRead, zone_text: &str) -> bool {
    if r.engine == "tesseract" {
        return false;
    }
    let Some(place) = r.place else {
        return false;
    };
    let Some(second) = tesseract_band(img, &place) else {
        return false;
    };
    if !sound(&second)
        || checked(&second) != checked(&r.mrz)
        || !compare(zone_text, &second).names()
    {
        return false;
    }
    // The names line: TD1's third; otherwise the first, whose document code
    // and issuing state stay as the first read had them.
    let (li, from) = r.mrz.format.names_field();
    if let (Some(line), Some(new)) = (r.mrz.lines.get_mut(li), second.lines.get(li)) {
        if let (Some(head), Some(tail)) = (line.get(..from), new.get(from..)) {
            *line = format!("{head}{tail}");
        }
    }
    r.mrz.surname = second.surname;
    r.mrz.given_names = second.given_names;
    true
}
