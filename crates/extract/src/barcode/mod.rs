//! PDF417 reading with `rxing`. The whole frame goes to the decoder first
//! (`frame`: a quiet zone around a tight crop, ~1600 px for a photo), as
//! any well-kept reader would read it. What that misses, the locator finds
//! on a downscaled view (bars give a dense band of horizontal gradients),
//! straightened from the full-resolution frame along its own axis and
//! decoded, with a sharpened copy as the one retry; a symbol tilted off the
//! image axes takes this path before the whole frame, which it would only
//! slow down. Other scales of the frame are tried only when the locator
//! found nothing shaped like a symbol, so the work per image stays a
//! handful of decoder calls whatever the image shows. A payload is accepted
//! only if it parses as AAMVA.

mod frame;
pub mod guards;
mod locate;
mod quad;
mod rectify;

pub use locate::{locate, Region};
pub use rectify::straighten;

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use image::GrayImage;
use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::pdf417::PDF417Reader;
use rxing::{BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Luma8LuminanceSource, Reader};

use crate::aamva::{self, AamvaRecord};
use crate::image::filter::sharpen;
use crate::image::ops::downscale_to;

/// A decoded licence barcode.
#[derive(Debug, Clone)]
pub struct BarcodeRead {
    /// The raw payload.
    pub payload: String,
    /// The parsed AAMVA record.
    pub record: AamvaRecord,
    /// Which attempt succeeded (for the bench and logs).
    pub attempt: &'static str,
}

/// Decode every PDF417 symbol rxing finds in `img` at this scale; return the
/// raw texts. Never panics (a panic inside the decoder counts as "not found").
pub fn decode_raw(img: &GrayImage, global: bool) -> Option<String> {
    let (w, h) = img.dimensions();
    let src = Luma8LuminanceSource::new(img.as_raw().clone(), w, h).ok()?;
    let hints = DecodeHints {
        TryHarder: Some(true),
        // rxing's type; one element, so no iteration order is at stake.
        PossibleFormats: Some(HashSet::from([BarcodeFormat::PDF_417])),
        ..DecodeHints::default()
    };
    catch_unwind(AssertUnwindSafe(|| {
        if global {
            run(GlobalHistogramBinarizer::new(src), &hints)
        } else {
            run(HybridBinarizer::new(src), &hints)
        }
    }))
    .ok()
    .flatten()
}

fn run<B: Binarizer>(bin: B, hints: &DecodeHints) -> Option<String> {
    let mut bitmap = BinaryBitmap::new(bin);
    let mut reader = PDF417Reader::new();
    reader
        .decode_with_hints(&mut bitmap, hints)
        .ok()
        .map(|r| r.getText().to_string())
}

fn accept(text: String, attempt: &'static str) -> Option<BarcodeRead> {
    aamva::parse(text.as_bytes())
        .ok()
        .map(|record| BarcodeRead {
            payload: text,
            record,
            attempt,
        })
}

/// Long side of a straightened crop: 3–4 px per module for the 300–400
/// module rows of licence symbols, which the decoder reads best.
const CROP_SIDE: f32 = 1400.0;
/// A region at least this elongated is taken for a symbol: when it does not
/// decode, the whole frame would show the decoder the same symbol again.
const SYMBOL_ELONGATION: f32 = 2.0;
/// Whole-frame attempts when the locator found no symbol, after the first
/// pass ([`frame`]) read it at 1600 px: a large symbol reads better smaller,
/// a small symbol in a large photo needs more pixels.
const FRAME_SIDES: &[u32] = &[1000, 2400];

fn decode_crop(crop: &GrayImage, name: &'static str) -> Option<BarcodeRead> {
    decode_raw(crop, false).and_then(|t| accept(t, name))
}

/// What a look for a licence barcode found.
#[derive(Debug, Clone)]
pub enum Pdf417Scan {
    /// Decoded, and parsed as AAMVA (boxed: a parsed record is large, the
    /// other answers are empty).
    Read(Box<BarcodeRead>),
    /// A PDF417 symbol is there (its start and stop bars stand, see
    /// [`guards`]) but did not decode: the picture is a card's back.
    Unreadable,
    /// No symbol seen.
    Absent,
}

/// The located symbol, straightened; then a sharpened copy of it. `Err`
/// says whether the crop shows a symbol all the same.
fn read_region(img: &GrayImage, region: &Region) -> Result<BarcodeRead, bool> {
    let (crop, _) = straighten(img, region, CROP_SIDE);
    if let Some(r) = decode_crop(&crop, "straight") {
        return Ok(r);
    }
    // Blur spreads each module over its neighbours; an unsharp mask about a
    // module wide restores enough contrast for the binarizer.
    if let Some(r) = decode_crop(&sharpen(&crop, 2, 2.0), "straight/sharp") {
        return Ok(r);
    }
    // A symbol photographed at an angle: still a trapezoid once levelled.
    if let Some(square) = quad::unwarp(&crop) {
        if let Some(r) = decode_crop(&square, "straight/quad") {
            return Ok(r);
        }
        if let Some(r) = decode_crop(&sharpen(&square, 2, 2.0), "straight/quad/sharp") {
            return Ok(r);
        }
    }
    Err(guards::measure(&crop).found())
}

/// Find and decode the AAMVA PDF417 in an upright grey image, and say
/// whether an undecodable one is there.
pub fn scan_pdf417(img: &GrayImage) -> Pdf417Scan {
    let regions = locate(img);
    // rxing scans rows along the image axes: a symbol tilted off them (a
    // photo) costs it a failed pass of ~60 ms, which the straightened crop
    // does not need. Both passes run before giving up; only the order
    // follows the tilt, so the whole frame still reads what it reads.
    let tilted = regions
        .first()
        .is_some_and(|r| r.elongation >= SYMBOL_ELONGATION && off_axis(r.angle) > MAX_FRAME_TILT);
    if !tilted {
        if let Some(r) = frame::read_frame(img) {
            return Pdf417Scan::Read(Box::new(r));
        }
    }
    let mut seen = false;
    for region in &regions {
        match read_region(img, region) {
            Ok(r) => return Pdf417Scan::Read(Box::new(r)),
            Err(symbol) => seen |= symbol,
        }
    }
    if tilted {
        if let Some(r) = frame::read_frame(img) {
            return Pdf417Scan::Read(Box::new(r));
        }
    }
    if seen {
        return Pdf417Scan::Unreadable;
    }
    if regions.iter().any(|r| r.elongation >= SYMBOL_ELONGATION) {
        return Pdf417Scan::Absent;
    }
    let longest = img.width().max(img.height());
    for &side in FRAME_SIDES {
        // The first pass read anything this size or smaller whole.
        if longest <= frame::CROP_SIDE {
            break;
        }
        let view = downscale_to(img, side);
        if let Some(r) = decode_raw(&view, false).and_then(|t| accept(t, "frame/rescaled")) {
            return Pdf417Scan::Read(Box::new(r));
        }
        if side >= longest {
            break;
        }
    }
    Pdf417Scan::Absent
}

/// Beyond this tilt (radians, about 1°) the rows of a wide symbol drift by
/// more than a row across it, and the straightened crop goes first.
const MAX_FRAME_TILT: f32 = 0.0175;

/// How far a direction is from the nearest image axis (radians, 0..π/4).
fn off_axis(angle: f32) -> f32 {
    let q = std::f32::consts::FRAC_PI_2;
    let a = angle.rem_euclid(q);
    a.min(q - a)
}

/// Find and decode the AAMVA PDF417 in an upright grey image.
pub fn read_pdf417(img: &GrayImage) -> Option<BarcodeRead> {
    match scan_pdf417(img) {
        Pdf417Scan::Read(r) => Some(*r),
        Pdf417Scan::Unreadable | Pdf417Scan::Absent => None,
    }
}

/// Encode text as a PDF417 symbol image (for tests and the corpus): black
/// modules on white, `module` pixels per module, with a quiet zone.
pub fn encode_pdf417(text: &str, module: u32) -> Option<GrayImage> {
    use rxing::{BarcodeFormat, EncodeHints, Writer};
    let writer = rxing::pdf417::PDF417Writer;
    let hints = EncodeHints {
        Margin: Some("2".into()),
        ..EncodeHints::default()
    };
    let m = catch_unwind(AssertUnwindSafe(|| {
        writer.encode_with_hints(text, &BarcodeFormat::PDF_417, 0, 0, &hints)
    }))
    .ok()?
    .ok()?;
    let (w, h) = (m.getWidth(), m.getHeight());
    let module = module.max(1);
    Some(GrayImage::from_fn(w * module, h * module, |x, y| {
        let black = m.get(x / module, y / module);
        image::Luma([if black { 0 } else { 255 }])
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V10: &str = "@\n\x1e\rANSI 636053100002DL00410150ZT01910010DLDAQD1234562\nDCSSIMPSON\nDACHOMER\nDADJAY\nDBB05061988\nDBA05062029\nDBD05062021\nDBC1\nDAG742 EVERGREEN TERRACE\nDAISPRINGFIELD\nDAJTN\nDAK920260000\nDCGUSA\nDDEN\nDDFN\nDDGN\rZTZTA1\r";

    #[test]
    fn encode_then_read() {
        let sym = encode_pdf417(V10, 3).expect("encode");
        // Put it on a larger grey card.
        let mut card =
            GrayImage::from_pixel(sym.width() + 200, sym.height() + 200, image::Luma([200]));
        image::imageops::overlay(&mut card, &sym, 100, 100);
        let r = read_pdf417(&card).expect("read");
        assert_eq!(r.record.last_name.as_deref(), Some("SIMPSON"));
        assert_eq!(r.record.jurisdiction.as_deref(), Some("TN"));
        assert_eq!(r.record.postal_code.as_deref(), Some("92026"));
    }

    #[test]
    fn tilt_is_measured_from_the_nearest_axis() {
        use std::f32::consts::{FRAC_PI_2, PI};
        for a in [0.0, FRAC_PI_2, PI, -FRAC_PI_2, 3.0 * FRAC_PI_2] {
            assert!(off_axis(a) < 1e-5, "{a}");
        }
        let two_degrees = 2f32.to_radians();
        for a in [two_degrees, PI - two_degrees, FRAC_PI_2 + two_degrees] {
            assert!((off_axis(a) - two_degrees).abs() < 1e-4, "{a}");
            assert!(off_axis(a) > MAX_FRAME_TILT);
        }
    }

    #[test]
    fn blank_image_reads_nothing() {
        assert!(read_pdf417(&GrayImage::from_pixel(300, 200, image::Luma([255]))).is_none());
        assert!(read_pdf417(&GrayImage::new(1, 1)).is_none());
        // Noise is all gradients: the locator takes it for a region, and the
        // attempts on it stay bounded and find nothing.
        let noise = GrayImage::from_fn(1200, 900, |x, y| {
            image::Luma([((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) >> 3) as u8])
        });
        assert!(read_pdf417(&noise).is_none());
    }

    #[test]
    fn a_tilted_symbol_is_straightened_and_read() {
        let sym = encode_pdf417(V10, 3).expect("encode");
        let mut card =
            GrayImage::from_pixel(sym.width() + 400, sym.height() + 600, image::Luma([200]));
        image::imageops::overlay(&mut card, &sym, 200, 300);
        let tilted = crate::image::ops::rotate_small(&card, 4.0);
        let r = read_pdf417(&tilted).expect("read");
        assert_eq!(r.record.last_name.as_deref(), Some("SIMPSON"));
    }
}
