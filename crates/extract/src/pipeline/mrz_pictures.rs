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
    let (order, found) = oriented_read(order);
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

/// The pictures' best reads, from the pictures as given or turned a
/// quarter, and the pictures they came from.
///
/// A page photographed on its side: a phone held upright over a passport
/// lying across, its EXIF orientation lost when the picture was re-encoded
/// or screenshotted. The reader turns a band upside down itself, so a
/// quarter turn covers both sides. The OCR-B templates tell which way up
/// without Tesseract, whose reads of the wrong way's garbage cost seconds.
/// Where they place no MRZ either way (an unseen font, a degraded page),
/// the way whose pictures show an MRZ-long band (see
/// [`OpenPass::has_mrz_band`]) is read in full first, and the other only
/// if that read shows nothing like an MRZ. Not on its side where only the
/// upright pictures show such a band: a degraded page, its MRZ unreadable,
/// read again turned cost 0.7 s for nothing on the hard pages.
fn oriented_read(order: Vec<Cow<'_, GrayImage>>) -> (Vec<Cow<'_, GrayImage>>, Option<Found>) {
    let mut up = Way::new(order);
    if let Some(f) = up.placed() {
        return (up.pics, Some(f));
    }
    let mut side = Way::new(up.pics.iter().map(|g| Cow::Owned(rotate(g, 1))).collect());
    if let Some(f) = side.placed() {
        return (side.pics, Some(f));
    }
    let (up_band, side_band) = (up.passes.has_mrz_band(), side.passes.has_mrz_band());
    let other_worth = !up_band || side_band;
    let (mut first, mut second) = if side_band && !up_band {
        (side, up)
    } else {
        (up, side)
    };
    let a = first.full();
    if !other_worth || a.as_ref().is_some_and(|(r, _)| mrz::read::oriented(&r[0])) {
        return (first.pics, a);
    }
    // The second way's read replaces the first's only when better.
    match (a, second.full()) {
        (a, Some(b)) if a.as_ref().is_none_or(|a| better(&b, a)) => (second.pics, Some(b)),
        (a, _) => (first.pics, a),
    }
}

/// The pictures one way up, and their template passes that placed no MRZ.
struct Way<'a> {
    pics: Vec<Cow<'a, GrayImage>>,
    passes: Passes,
}

impl<'a> Way<'a> {
    fn new(pics: Vec<Cow<'a, GrayImage>>) -> Self {
        let passes = Passes::new(pics.len());
        Way { pics, passes }
    }

    fn placed(&mut self) -> Option<Found> {
        best_read(&self.pics, |i, g| self.passes.placed(i, g))
    }

    fn full(&mut self) -> Option<Found> {
        best_read(&self.pics, |i, g| self.passes.full(i, g))
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

    /// Whether any picture's pass located an MRZ-long band.
    fn has_mrz_band(&self) -> bool {
        self.0.iter().flatten().any(|p| p.has_mrz_band())
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
