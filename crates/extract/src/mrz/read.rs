//! Reading the MRZ from a photo: locate the band, deskew and crop it, OCR it
//! restricted to `A–Z 0–9 <`, repair with the check digits.

use image::GrayImage;

use super::collide::collisions;
pub use super::collide::{Rival, MIN_COLLISION_COST};
use super::doubled::repair_read;
use super::locate::{grown_to_three, locate, locate_cut, Band};
use super::margins::{margins, Margins};
pub use super::reads::{agree, oriented, rank, sound};
use super::reads::{consider, placed, plausibility, settled, Reads, ORIENTED};
use super::tess_number::number_margin;
pub use super::trust::{MrzRead, VizChecked, MIN_CELL_MARGIN, MIN_NAME_MARGIN};
use super::viz::MrzPlace;
use super::{debug, repair_spent, Mrz};
use crate::image::ops::{crop, rotate, sample_rotated};
use crate::ocr::{self, Glyph, Layout, OcrError};

const CHARSET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
/// Character height (pixels) the crop is scaled to before OCR.
const TARGET_CHAR_PX: f32 = 30.0;
/// The ground under a character is taken from a square this wide either
/// side (see [`crate::image::filter::flatten_light`]): wider than a 30-px
/// character's strokes and its counters, narrower than a shadow's edge.
const FLATTEN_R: u32 = 12;

/// Tesseract's lines of a band, its mean line confidence, and each line's
/// characters with their confidence (see [`number_margin`]).
type TessLines = (Vec<String>, f32, Vec<Vec<Glyph>>);

fn ocr_lines(img: &GrayImage) -> Result<TessLines, OcrError> {
    let t = ocr::recognize_symbols(img, Layout::Block, CHARSET)?;
    let conf = t.mean_confidence();
    let symbols = t.lines.iter().map(|l| l.symbols.clone()).collect();
    Ok((
        t.lines
            .into_iter()
            .map(|l| l.text.replace(' ', ""))
            .collect(),
        conf,
        symbols,
    ))
}

/// Pick the 2 or 3 consecutive lines that repair into the best MRZ, and
/// whether its number's check digit was spent choosing a character (see
/// [`super::repair_spent`]).
fn best_from_lines(lines: &[String], glyphs: &[Vec<Glyph>]) -> Option<(Mrz, bool)> {
    let (lines, glyphs): (Vec<&str>, Vec<&[Glyph]>) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.len() >= super::repair::MIN_FIRST_TD1)
        .map(|(i, l)| (l.as_str(), glyphs.get(i).map_or(&[][..], Vec::as_slice)))
        .unzip();
    let mut best: Option<(Mrz, bool)> = None;
    for n in [3usize, 2] {
        for (win, g) in lines.windows(n).zip(glyphs.windows(n)) {
            // Only a card's first line may be that short (see MIN_FIRST_TD1).
            let short = |(i, l): (usize, &&str)| l.len() < 20 && !(n == 3 && i == 0);
            if win.iter().enumerate().any(short) {
                continue;
            }
            if let Some((m, spent)) = repair_read(win, g) {
                let key = |m: &Mrz| (sound(m), plausibility(m));
                if best.as_ref().is_none_or(|(b, _)| key(&m) > key(b)) {
                    best = Some((m, spent));
                }
            }
        }
    }
    best
}

/// Tesseract's best read of a band crop; every pass's lines go to `seen`
/// (see [`MrzRead::witnesses`]).
fn read_crop(crop_img: &GrayImage, seen: &mut Vec<String>) -> Result<Option<MrzRead>, OcrError> {
    let mut best: Option<MrzRead> = None;
    let mut passes: Vec<Vec<String>> = Vec::new();
    // The crop as scaled; its light flattened (a shadow or glare across
    // the band: Tesseract's one threshold lost every character past a
    // shadow's edge; this replaced a binarised crop, dev MRZ 741 → 755 of 832
    // decisive); at half scale (characters ~15 px: Tesseract's LSTM reads
    // blurred and foreign-font lines better small; dev photos 107 → 111 of
    // 128 decisive, hard 35 → 38); and its black top-hat (shading, glare
    // and dark grounds flattened, as PassportEye does; dev hard 38 → 49 of
    // 128). Each only when the ones before gave no sound read.
    for variant in 0..4 {
        let img = match variant {
            0 => crop_img.clone(),
            1 => crate::image::filter::flatten_light(crop_img, FLATTEN_R),
            2 => crate::image::ops::downscale_by(crop_img, 2),
            // The square is a sixth of the 30-px character: wider than a
            // stroke, narrower than a glyph.
            _ => crate::image::filter::black_tophat_text(crop_img, 5),
        };
        let t0 = std::time::Instant::now();
        let (lines, conf, symbols) = ocr_lines(&img)?;
        if debug() {
            eprintln!(
                "tess {}x{} v{variant} {:?} conf={conf:.2} {lines:?}",
                img.width(),
                img.height(),
                t0.elapsed()
            );
        }
        seen.extend(lines.iter().cloned());
        passes.push(lines.clone());
        if let Some((mrz, spent)) = best_from_lines(&lines, &symbols) {
            let number_margin = number_margin(conf, &mrz.document_number, &symbols);
            let r = MrzRead::tesseract(mrz, conf, number_margin, spent);
            // A sound read ends the variants: the other one could at best
            // be more confident, and it costs another pass. Not one whose
            // digit chose where its characters go (a glyph dropped from the
            // number, `2Z42657572…`): the next variant read it plainly.
            let done = sound(&r.mrz) && !spent;
            if best.as_ref().is_none_or(|b| rank(&r) > rank(b)) {
                best = Some(r);
            }
            if done {
                return Ok(best);
            }
        }
    }
    if let Some(mrz) = super::mixed_passes::mix(&passes) {
        let r = MrzRead::tesseract(mrz, 0.0, 0.0, true);
        if best.as_ref().is_none_or(|b| rank(&r) > rank(b)) {
            best = Some(r);
        }
    }
    Ok(best)
}

/// One template read of a band crop against template set `font`.
fn read_template_font(c: &GrayImage, lines: usize, n: usize, font: usize) -> Option<MrzRead> {
    let t0 = std::time::Instant::now();
    let got = super::ocrb::read_band_font(c, lines.min(3), n, font);
    if debug() {
        eprintln!(
            "tpl {}x{} n={n} font={font} {:?} {:?}",
            c.width(),
            c.height(),
            t0.elapsed(),
            got.as_ref().map(|g| (g.fit, &g.lines))
        );
    }
    let got = got?;
    let refs: Vec<&str> = got.lines.iter().map(String::as_str).collect();
    let (mrz, spent) = repair_spent(&refs)?;
    let m = if mrz.lines.len() == got.cells.len() {
        margins(mrz.format, &mrz.lines, &got.cells)
    } else {
        Margins {
            checked: 0.0,
            unchecked: 0.0,
            number: 0.0,
        }
    };
    // Only a sound read can be decisive: the search is spent on those
    // alone. A number whose digit chose one of its characters collides
    // with the reading it was read as (see `repair_spent`).
    let (collision, rivals) = if sound(&mrz) && !spent {
        let c = collisions(&mrz, &got.cells);
        (c.cost, c.rivals)
    } else {
        (0.0, None)
    };
    let r = MrzRead {
        mrz,
        ocr_confidence: got.conf,
        engine: "ocrb-template",
        checked_margin: m.checked,
        unchecked_margin: m.unchecked,
        number_margin: m.number,
        collision_cost: collision,
        rivals,
        place: None,
        agreed: false,
        template_names: Vec::new(),
        witnesses: Vec::new(),
        spent,
    };
    Some(r)
}

/// Template reading of a band crop against one template set: TD1 (3 x 30),
/// else TD3 (44) or TD2 (36). The best read by [`rank`], and the other
/// width's when it was read too (its cells may still serve: see
/// [`Reads::made`]).
fn read_templates(c: &GrayImage, lines: usize, font: usize) -> (Option<MrzRead>, Vec<MrzRead>) {
    let widths: &[usize] = if lines >= 3 { &[30] } else { &[44, 36] };
    let mut best: Option<MrzRead> = None;
    let mut others = Vec::new();
    for &n in widths {
        let Some(r) = read_template_font(c, lines, n, font) else {
            continue;
        };
        // A sound read ends the widths (the other could at best be more
        // confident), and so does a plausible one: the band has this many
        // characters per line, the other width reads garbage.
        let done = sound(&r.mrz) || plausibility(&r.mrz) >= ORIENTED;
        if best.as_ref().is_none_or(|b| rank(&r) > rank(b)) {
            others.extend(best.replace(r));
        } else {
            others.push(r);
        }
        if done {
            break;
        }
    }
    (best, others)
}

/// Tesseract's read of a band where a template read was made (for the
/// names line, see [`super::second_read`]).
pub(super) fn tesseract_band(img: &GrayImage, place: &MrzPlace) -> Option<Mrz> {
    let c = band_crop(img, &place.band);
    let c = if place.upside_down { rotate(&c, 2) } else { c };
    read_crop(&c, &mut Vec::new()).ok().flatten().map(|r| r.mrz)
}

/// Read the bands [`locate_cut`] finds that [`locate`] did not (`bands`),
/// the first two, by templates and by Tesseract, the way up `known` says
/// or both ways. Returns true when a read settles the page.
fn read_cut_bands(
    img: &GrayImage,
    bands: &[Band],
    known: Option<(usize, bool)>,
    reads: &mut Reads,
) -> bool {
    let flips: &[bool] = match known {
        Some((_, true)) => &[true],
        Some((_, false)) => &[false],
        None => &[false, true],
    };
    let new: Vec<Band> = locate_cut(img)
        .into_iter()
        .filter(|b| !bands.iter().any(|o| same_band(o, b)))
        .take(2)
        .collect();
    for b in &new {
        let upright = band_crop(img, b);
        for &flip in flips {
            let c = if flip {
                rotate(&upright, 2)
            } else {
                upright.clone()
            };
            let (r, others) = read_templates(&c, b.lines, 0);
            reads.keep(others, Some(b), flip);
            if consider(placed(r, Some(b), flip), reads) {
                return true;
            }
            if ocr::available() {
                let r = read_crop(&c, &mut reads.seen).ok().flatten();
                if consider(placed(r, Some(b), flip), reads) {
                    return true;
                }
            }
            if settled(reads) {
                return true;
            }
        }
    }
    false
}

/// Whether two bands are one: the same lines, centres within a line's
/// height, lengths within a twentieth.
fn same_band(a: &Band, b: &Band) -> bool {
    let tol = a.width.max(b.width) / 20.0;
    a.lines == b.lines
        && (a.cx - b.cx).abs() <= tol
        && (a.cy - b.cy).abs() <= a.line_height.max(b.line_height)
        && (a.width - b.width).abs() <= tol
}

fn band_crop(img: &GrayImage, b: &Band) -> GrayImage {
    let scale = (TARGET_CHAR_PX / b.line_height.max(1.0)).clamp(0.2, 4.0);
    sample_rotated(img, b.cx, b.cy, b.angle, b.width, b.height, scale)
}

/// Locate and read the MRZ in an upright grey image: OCR-B template matching
/// first (no Tesseract needed), then Tesseract on the same bands, then
/// Tesseract on the bottom of the frame. `None` when no MRZ could be read.
pub fn read_mrz(img: &GrayImage) -> Option<MrzRead> {
    let reads = collect(img);
    reads.best.clone().map(|b| reads.with_context(b))
}

/// The best read (see [`read_mrz`]) and after it every other sound read
/// with other lines: readings that each hold every check digit, for the
/// visual zone to tell apart (see [`super::viz_choose`]). Empty when no MRZ
/// could be read.
pub fn read_mrz_all(img: &GrayImage) -> Vec<MrzRead> {
    all_reads(collect(img))
}

/// [`read_mrz_all`] where the OCR-B templates place an MRZ, upright or
/// upside down. Where they read nothing like one (a picture on its side,
/// or an MRZ in a font or state they cannot read), the pass so far,
/// having spent no Tesseract, for [`read_mrz_rest`] to go on from.
pub fn read_mrz_placed(img: &GrayImage) -> Result<Vec<MrzRead>, Box<OpenPass>> {
    match template_pass(img) {
        Pass::Settled(reads) => Ok(all_reads(reads)),
        Pass::Open(p) if p.known.is_some() || settled(&p.reads) => Ok(all_reads(rest(img, p))),
        Pass::Open(p) => Err(Box::new(p)),
    }
}

/// The rest of [`read_mrz_all`] after [`read_mrz_placed`] placed nothing.
pub fn read_mrz_rest(img: &GrayImage, p: Box<OpenPass>) -> Vec<MrzRead> {
    all_reads(rest(img, *p))
}

fn all_reads(reads: Reads) -> Vec<MrzRead> {
    let Some(best) = reads.best.clone() else {
        return Vec::new();
    };
    let mut out = vec![reads.with_context(best)];
    for r in &reads.sound {
        if out.iter().all(|o| o.mrz.lines != r.mrz.lines) {
            out.push(reads.with_context(r.clone()));
        }
    }
    out
}

fn collect(img: &GrayImage) -> Reads {
    match template_pass(img) {
        Pass::Settled(reads) => reads,
        Pass::Open(p) => rest(img, p),
    }
}

/// What the OCR-B templates made of a picture, before Tesseract: a read
/// that settles it, or the bands, their crops, the reads so far and where
/// and which way up a read placed the MRZ.
enum Pass {
    Settled(Reads),
    Open(OpenPass),
}

/// A [`Pass`] that did not settle the picture.
pub struct OpenPass {
    bands: Vec<Band>,
    crops: Vec<(GrayImage, usize)>,
    reads: Reads,
    known: Option<(usize, bool)>,
}

impl OpenPass {
    /// Whether the pass located a band as long for its line height as an
    /// MRZ: the sign of a picture the right way up (or upside down), where
    /// its MRZ could not be read. Turned a quarter, a page shows the
    /// locator only pieces of its other text: at most 17 line heights on
    /// the dev draws turned, where the MRZs measured 27–52 and the hard
    /// draws' unreadable ones 29–44.
    pub fn has_mrz_band(&self) -> bool {
        self.bands
            .iter()
            .any(|b| b.width >= b.line_height * MRZ_BAND)
    }
}

/// See [`OpenPass::has_mrz_band`].
const MRZ_BAND: f32 = 22.0;

fn template_pass(img: &GrayImage) -> Pass {
    let mut reads = Reads::default();
    let bands = locate(img);
    if debug() {
        for b in &bands {
            eprintln!("band {b:?}");
        }
    }
    let crops: Vec<(GrayImage, usize)> = bands
        .iter()
        .take(3)
        .map(|b| (band_crop(img, b), b.lines))
        .collect();
    // Template reads, upright then upside down. A read that looks like an
    // MRZ (see ORIENTED) tells where the MRZ is and which way up: the other
    // bands and the other orientation are not read, by templates or by
    // Tesseract, which would only spend time on garbage.
    let mut known: Option<(usize, bool)> = None;
    'bands: for (i, (c, lines)) in crops.iter().enumerate() {
        let mut upright_conf = 0.0;
        for flip in [false, true] {
            let (r, others) = if flip {
                read_templates(&rotate(c, 2), *lines, 0)
            } else {
                read_templates(c, *lines, 0)
            };
            reads.keep(others, bands.get(i), flip);
            let r = placed(r, bands.get(i), flip);
            // Upside down only when the glyphs fit better that way too: a
            // garbage read of an unseen font turned over can score a point
            // more than its upright read with slips (dev, league-mono).
            let oriented = r.as_ref().is_some_and(|r| {
                plausibility(&r.mrz) >= ORIENTED && (!flip || r.ocr_confidence >= upright_conf)
            });
            if !flip {
                upright_conf = r.as_ref().map_or(0.0, |r| r.ocr_confidence);
            }
            if consider(r, &mut reads) {
                return Pass::Settled(reads);
            }
            if oriented {
                known = Some((i, flip));
                break 'bands;
            }
        }
    }
    Pass::Open(OpenPass {
        bands,
        crops,
        reads,
        known,
    })
}

/// The rest of a picture's reading after an open template pass: Tesseract
/// on the bands, the other fonts' templates, the bands cut from the page's
/// outline, the engines' votes and, last, the frame's bottom.
fn rest(img: &GrayImage, p: OpenPass) -> Reads {
    let OpenPass {
        bands,
        crops,
        mut reads,
        known,
    } = p;
    let tries: Vec<(usize, bool)> = match known {
        Some(k) => vec![k],
        None => (0..crops.len())
            .flat_map(|i| [(i, false), (i, true)])
            .collect(),
    };
    let tesseract = if ocr::available() { &tries[..] } else { &[] };
    for &(i, flip) in tesseract {
        let Some((c, _)) = crops.get(i) else { continue };
        let r = if flip {
            read_crop(&rotate(c, 2), &mut reads.seen)
        } else {
            read_crop(c, &mut reads.seen)
        };
        if consider(placed(r.ok().flatten(), bands.get(i), flip), &mut reads) {
            return reads;
        }
        // A read holding every check digit with real dates is the MRZ, the
        // right way up: the other bands and orientations would only read
        // garbage, four Tesseract passes each (1.4 s on a dev page whose
        // unseen font the templates could not orient).
        if settled(&reads) {
            break;
        }
    }
    // A card's band with its first or last line missing, grown to three
    // lines (see `grown_to_three`): only when nothing sound was read.
    if !settled(&reads) {
        for &(i, flip) in tries.iter().take(2) {
            let Some(band) = bands.get(i) else { continue };
            for g in grown_to_three(band) {
                let c = band_crop(img, &g);
                let c = if flip { rotate(&c, 2) } else { c };
                let (r, others) = read_templates(&c, 3, 0);
                reads.keep(others, Some(&g), flip);
                if consider(placed(r, Some(&g), flip), &mut reads) {
                    return reads;
                }
                if !ocr::available() {
                    continue;
                }
                if consider(
                    placed(
                        read_crop(&c, &mut reads.seen).ok().flatten(),
                        Some(&g),
                        flip,
                    ),
                    &mut reads,
                ) {
                    return reads;
                }
            }
        }
    }
    // Last, the other monospace fonts' templates, for an MRZ neither OCR-B
    // templates nor Tesseract read with every check digit: only where the
    // MRZ was found (upright or not), each set read in full (~0.1 s).
    // Not earlier: on fonts none of the sets has, a thin set read names
    // with slips (E as F, L as I) that OCR-B or Tesseract read right. Not
    // for a sound read only to agree with: on the dev fonts that doubled
    // the time and made no read decisive.
    if !settled(&reads) {
        for &(i, flip) in tries.iter().take(2) {
            let Some((c, lines)) = crops.get(i) else {
                continue;
            };
            let c = if flip { rotate(c, 2) } else { c.clone() };
            for font in 1..super::ocrb::font_count() {
                let (r, others) = read_templates(&c, *lines, font);
                reads.keep(others, bands.get(i), flip);
                if consider(placed(r, bands.get(i), flip), &mut reads) {
                    return reads;
                }
            }
        }
    }
    // The bands found with the document's outline cut from the locator's
    // mask, when nothing read sound (see `locate_cut`): an MRZ close to the
    // document's edge, photographed at an angle, was found cut short or
    // not at all.
    if !settled(&reads) && read_cut_bands(img, &bands, known, &mut reads) {
        return reads;
    }
    // Each engine's cells mending the other's failing digits, when nothing
    // read sound (see `Reads::vote`).
    if !settled(&reads) {
        let voted = reads.vote();
        if debug() {
            eprintln!("vote {:?}", voted.as_ref().map(|r| &r.mrz.lines));
        }
        if consider(voted, &mut reads) {
            return reads;
        }
    }
    // A passport's data line put together field by field from every
    // reading, when still nothing read sound (see `assemble`).
    if !settled(&reads) {
        for put in super::assemble::assemble(&reads) {
            if debug() {
                eprintln!("assembled {:?}", put.mrz.lines);
            }
            if consider(Some(put), &mut reads) {
                return reads;
            }
        }
    }
    if reads.best.is_none() && ocr::available() {
        // Fallback: the bottom 40 % of the frame, scaled down.
        let (w, h) = img.dimensions();
        let bottom = crop(img, 0, h * 6 / 10, w, h * 4 / 10);
        let small = crate::image::ops::downscale_to(&bottom, 1800);
        let r = read_crop(&small, &mut reads.seen).ok().flatten();
        consider(r, &mut reads);
    }
    reads
}
