//! The MRZ reader over a document's pictures: which picture holds the MRZ,
//! which way up, and the visual zone read beside it.

use std::borrow::Cow;

use image::GrayImage;

use super::fields;
use crate::data::ExtractedData;
use crate::image::ops::rotate;
use crate::image::DecodedImage;
use crate::kind::DocKind;
use crate::mrz::read::OpenPass;
use crate::{mrz, ocr};

/// A picture's reads, best first, and the picture's place in the order.
type Found = (Vec<mrz::MrzRead>, usize);

/// Read the MRZ from the pictures and fill `out`; false when none was found.
pub(super) fn read_mrz(
    out: &mut ExtractedData,
    front: &DecodedImage,
    back: Option<&DecodedImage>,
    kind: Option<DocKind>,
) -> bool {
    // Cards carry the MRZ on the back; passports on the data page (front).
    let card = matches!(
        kind,
        Some(DocKind::PassportCard | DocKind::PermanentResidentCard | DocKind::NexusCard)
    );
    let order: Vec<Cow<GrayImage>> = match (card, back) {
        (true, Some(b)) => vec![Cow::Borrowed(&b.gray), Cow::Borrowed(&front.gray)],
        (false, Some(b)) => vec![Cow::Borrowed(&front.gray), Cow::Borrowed(&b.gray)],
        (_, None) => vec![Cow::Borrowed(&front.gray)],
    };
    // A page photographed on its side: a phone held upright over a
    // passport lying across, its EXIF orientation lost when the picture
    // was re-encoded or screenshotted. The reader turns a band upside
    // down itself, so a quarter turn here covers both sides. The OCR-B
    // templates tell which way up without Tesseract, whose reads of the
    // wrong way's garbage cost seconds; only where they place no MRZ
    // either way (an unseen font, a degraded page) is the upright picture
    // read in full, and then the turned one if that shows nothing like an
    // MRZ either.
    let turned = |pictures: &[Cow<'_, GrayImage>]| -> Vec<Cow<'static, GrayImage>> {
        pictures.iter().map(|g| Cow::Owned(rotate(g, 1))).collect()
    };
    let (order, found) = {
        let mut upright = Passes::new(order.len());
        match best_read(&order, |i, g| upright.placed(i, g)) {
            Some(f) => (order, Some(f)),
            None => {
                let turned = turned(&order);
                let mut sideways = Passes::new(turned.len());
                match best_read(&turned, |i, g| sideways.placed(i, g)) {
                    Some(f) => (turned, Some(f)),
                    None => {
                        let up = best_read(&order, |i, g| upright.full(i, g));
                        if up.as_ref().is_some_and(|(r, _)| mrz::read::oriented(&r[0])) {
                            (order, up)
                        } else {
                            match best_read(&turned, |i, g| sideways.full(i, g)) {
                                Some(t) if up.as_ref().is_none_or(|u| better(&t, u)) => {
                                    (turned, Some(t))
                                }
                                _ => (order, up),
                            }
                        }
                    }
                }
            }
        }
    };
    match found.and_then(|(reads, i)| Some((mrz::viz_choose::choose(&order[i], reads)?, i))) {
        Some(((mut r, text), i)) => {
            mrz::state_twin::mend(&mut r.mrz);
            // The visual zone vouches for the names line (no check digit
            // covers it); only worth reading when the check digits hold.
            let viz = if mrz::read::sound(&r.mrz) {
                let other = order.iter().enumerate().find(|&(j, _)| j != i);
                mrz::viz::agreement(&order[i], &mut r, other.map(|(_, o)| o.as_ref()), text)
            } else {
                None
            };
            fields::from_mrz(out, &r, kind, viz);
            true
        }
        None => {
            if !ocr::available() {
                out.note("ocr_unavailable");
            }
            false
        }
    }
}

fn better(a: &Found, b: &Found) -> bool {
    mrz::read::rank(&a.0[0]) > mrz::read::rank(&b.0[0])
}

/// The template passes that placed no MRZ, per picture, kept for the
/// full read to go on from.
struct Passes(Vec<Option<Box<OpenPass>>>);

impl Passes {
    fn new(n: usize) -> Self {
        Passes((0..n).map(|_| None).collect())
    }

    /// A picture's reads where the templates place an MRZ (see
    /// [`mrz::read::read_mrz_placed`]).
    fn placed(&mut self, i: usize, img: &GrayImage) -> Option<Vec<mrz::MrzRead>> {
        match mrz::read::read_mrz_placed(img) {
            Ok(reads) => Some(reads),
            Err(pass) => {
                self.0[i] = Some(pass);
                None
            }
        }
    }

    /// A picture's reads by every means, from its template pass if kept.
    fn full(&mut self, i: usize, img: &GrayImage) -> Option<Vec<mrz::MrzRead>> {
        Some(match self.0[i].take() {
            Some(pass) => mrz::read::read_mrz_rest(img, pass),
            None => mrz::read_mrz_all(img),
        })
    }
}

/// The best picture's reads by `read`, in `order`.
fn best_read(
    order: &[Cow<GrayImage>],
    mut read: impl FnMut(usize, &GrayImage) -> Option<Vec<mrz::MrzRead>>,
) -> Option<Found> {
    let mut best: Option<Found> = None;
    for (i, img) in order.iter().enumerate() {
        let Some(reads) = read(i, img) else { continue };
        if let Some(r) = reads.first() {
            // A read holding every check digit is the MRZ: the other
            // picture (a card's front) has none, and reading it cost up to
            // 4 s of Tesseract on the card's photo and text (dev c162).
            let sure = r.is_confident() || mrz::read::sound(&r.mrz);
            // Two unsure reads: the better one by the reader's own order, not
            // whichever picture came first.
            let found = (reads, i);
            if best.as_ref().is_none_or(|b| better(&found, b)) {
                best = Some(found);
            }
            if sure {
                break;
            }
        }
    }
    best
}
