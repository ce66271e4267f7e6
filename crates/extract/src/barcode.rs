//! PDF417 reading with `rxing`: several scales and binarizers are tried, and
//! a payload is accepted only if it parses as AAMVA.

use std::panic::{catch_unwind, AssertUnwindSafe};

use image::GrayImage;
use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::pdf417::PDF417Reader;
use rxing::{Binarizer, BinaryBitmap, DecodeHints, Luma8LuminanceSource, Reader};

use crate::aamva::{self, AamvaRecord};
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

#[derive(Clone, Copy)]
enum Bin {
    Hybrid,
    Global,
}

/// (name, longest side, binarizer). Ordered by cost and likelihood.
const ATTEMPTS: &[(&str, u32, Bin)] = &[
    ("1600/hybrid", 1600, Bin::Hybrid),
    ("2400/hybrid", 2400, Bin::Hybrid),
    ("1100/hybrid", 1100, Bin::Hybrid),
    ("1600/global", 1600, Bin::Global),
    ("full/hybrid", u32::MAX, Bin::Hybrid),
    ("800/hybrid", 800, Bin::Hybrid),
    ("2400/global", 2400, Bin::Global),
];

/// Decode every PDF417 symbol rxing finds in `img` at this scale; return the
/// raw texts. Never panics (a panic inside the decoder counts as "not found").
pub fn decode_raw(img: &GrayImage, global: bool) -> Option<String> {
    let (w, h) = img.dimensions();
    let src = Luma8LuminanceSource::new(img.as_raw().clone(), w, h).ok()?;
    let hints = DecodeHints {
        TryHarder: Some(true),
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

/// Find and decode the AAMVA PDF417 in an upright grey image.
pub fn read_pdf417(img: &GrayImage) -> Option<BarcodeRead> {
    let longest = img.width().max(img.height());
    let mut tried: Vec<(u32, bool)> = Vec::new();
    for &(name, side, bin) in ATTEMPTS {
        let side = side.min(longest);
        let global = matches!(bin, Bin::Global);
        if tried.contains(&(side, global)) {
            continue;
        }
        tried.push((side, global));
        let scaled;
        let view = if side >= longest {
            img
        } else {
            scaled = downscale_to(img, side);
            &scaled
        };
        if let Some(text) = decode_raw(view, global) {
            if let Ok(record) = aamva::parse(text.as_bytes()) {
                return Some(BarcodeRead {
                    payload: text,
                    record,
                    attempt: name,
                });
            }
        }
    }
    None
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
    fn blank_image_reads_nothing() {
        assert!(read_pdf417(&GrayImage::from_pixel(300, 200, image::Luma([255]))).is_none());
        assert!(read_pdf417(&GrayImage::new(1, 1)).is_none());
    }
}
