//! Reading the MRZ from a photo: locate the band, deskew and crop it, OCR it
//! restricted to `A–Z 0–9 <`, repair with the check digits.

use image::GrayImage;

use super::locate::{locate, Band};
use super::ocrb::CellScores;
use super::viz::MrzPlace;
use super::{debug, repair, Mrz, MrzFormat};
use crate::image::ops::{crop, otsu, rotate, sample_rotated};
use crate::ocr::{self, Layout, OcrError};

/// An MRZ read from an image.
#[derive(Debug, Clone)]
pub struct MrzRead {
    /// The parsed (repaired) MRZ.
    pub mrz: Mrz,
    /// Confidence of the reading engine, 0..1 (template margin, or
    /// Tesseract's mean line confidence).
    pub ocr_confidence: f32,
    /// Which engine read it: "ocrb-template" or "tesseract".
    pub engine: &'static str,
    /// The least template margin (0..1) of a character in the fields the
    /// check digits cover (see [`margins`]); 1 for Tesseract reads.
    pub checked_margin: f32,
    /// The same over what no check digit covers: document code, issuing
    /// state and the names.
    pub unchecked_margin: f32,
    /// The least template margin in the document number against a rival the
    /// check digits cannot see (a value equal mod 10: G/6, F/P, S/8, Q/6):
    /// every check digit holds either way, so only the glyphs — or the
    /// visual zone printing the number — tell them apart. 1 for Tesseract.
    pub number_margin: f32,
    /// Where on the picture it was read (None: the whole-frame fallback),
    /// for finding the visual zone above it.
    pub place: Option<MrzPlace>,
}

/// Template margins (`1 - d / d₂`, best character against its nearest rival)
/// below this are near ties. In a check-digit field one such tie is covered
/// by the check digit; two, or one the digit cannot see, make the read unsure.
pub const MIN_CELL_MARGIN: f32 = 0.08;
/// The same for names, document code and issuing state, which no check digit
/// covers: B/P, O/Q, E/F ties there made trusted misreads (PUPLIC, ZQE).
pub const MIN_NAME_MARGIN: f32 = 0.15;

impl MrzRead {
    /// Whether the read is decisive on its own: every check digit holds,
    /// the composite included, and both dates are real dates. Trust comes
    /// from the check digits, not from how much the glyphs look like one
    /// font's: an MRZ printed in another monospace font matches the OCR-B
    /// templates loosely and reads character-perfect all the same.
    ///
    /// Visas (MRV-A/B) have no composite: two slips that cancel in one
    /// field's weighted sum are caught by nothing else, so there the engine
    /// must also have been sure of its characters — or the visual zone must
    /// print the same number and dates (see [`super::viz`], decided by the
    /// caller).
    pub fn is_confident(&self) -> bool {
        self.decisive(false, false)
    }

    /// [`Self::is_confident`] with what the visual zone printed: the number
    /// (settles a tie the check digits cannot see) and the number and both
    /// dates (stand in for a visa's missing composite).
    pub fn decisive(&self, viz_number: bool, viz_checked: bool) -> bool {
        sound(&self.mrz)
            && (self.number_sure() || viz_number)
            && (self.mrz.checks.composite.is_some() || self.engine_sure() || viz_checked)
    }

    /// Whether no character of the document number has a near rival that
    /// every check digit would accept as well.
    pub fn number_sure(&self) -> bool {
        self.number_margin >= MIN_CELL_MARGIN
    }

    /// Whether the engine was sure of every character the check digits
    /// cover (at most one near tie per field, which its digit sees).
    pub fn engine_sure(&self) -> bool {
        let min = if self.engine == "tesseract" { 0.6 } else { 0.3 };
        self.ocr_confidence >= min && self.checked_margin >= MIN_CELL_MARGIN
    }

    /// Whether the names, document code and issuing state (no check digit)
    /// were read without a near tie.
    pub fn unchecked_sure(&self) -> bool {
        self.unchecked_margin >= MIN_NAME_MARGIN
    }
}

/// Look-alikes that the layout (a digit field, a name field) or the check
/// digits tell apart, so a near tie with them is no doubt: a digit and the
/// letters it resembles, a filler and the letters filler runs are misread as.
fn partners(c: u8) -> &'static [u8] {
    match c {
        b'0' => b"OQDUC",
        b'1' => b"ILJT",
        b'2' => b"Z",
        b'4' => b"A",
        b'5' => b"S",
        b'6' => b"G",
        b'8' => b"B",
        b'O' | b'Q' | b'D' | b'U' | b'C' => b"0",
        b'I' | b'J' | b'T' => b"1",
        b'L' => b"1<",
        b'Z' => b"2",
        b'A' => b"4",
        b'S' => b"5",
        b'G' => b"6",
        b'B' => b"8",
        b'K' | b'X' => b"<",
        b'<' => b"KXL",
        _ => b"",
    }
}

/// What the layout says about a cell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pos {
    /// Digits only (dates, check digits): the repair maps look-alike
    /// letters to digits, so a tie with one is no doubt.
    Digits,
    /// Letters and digits (document number, optional data): nothing but the
    /// check digit tells O from 0 or G from 6, and two such slips can
    /// cancel out in it (O·3 + O·7 ≡ 0·3 + 0·7 mod 10), so a letter's tie
    /// with its digit look-alike is a doubt like any other.
    Alnum,
    /// Names (no check digit): only letters and `<` are rivals.
    Name,
}

/// Whether cell `i` of line `li` holds letters and digits alike.
fn alnum(format: MrzFormat, li: usize, i: usize) -> bool {
    match format {
        MrzFormat::TD1 => li == 0 && (5..14).contains(&i),
        MrzFormat::TD3 => li == 1 && ((0..9).contains(&i) || (28..42).contains(&i)),
        _ => li == 1 && (0..9).contains(&i),
    }
}

/// Margin of character `c` in a cell: `1 - d(c) / d(nearest rival)`, where
/// `c` stands with its look-alikes when the layout or the check digit tells
/// them apart (see [`Pos`]; `<` and the letters filler runs are misread as
/// stay look-alikes everywhere: the filler repair decides those) and the
/// rivals are the other characters. Also returns the rival.
fn cell_margin(d: &[f32; 37], c: u8, pos: Pos) -> (f32, u8) {
    let cs = super::ocrb::CHARSET;
    // In a letters-and-digits field a letter that survived the repair among
    // digits (it digitizes look-alikes when the check digit allows) stands
    // against its digit look-alike; a digit there is what the layout expects.
    let strict = pos == Pos::Alnum && c.is_ascii_uppercase();
    let near = |x: u8| x == c || (partners(c).contains(&x) && !(strict && x.is_ascii_digit()));
    let own = cs
        .iter()
        .zip(d)
        .filter(|&(&x, _)| near(x))
        .map(|(_, &v)| v)
        .fold(f32::MAX, f32::min);
    let (rival, rc) = cs
        .iter()
        .zip(d)
        .filter(|&(&x, _)| !(near(x) || (pos == Pos::Name && x.is_ascii_digit())))
        .fold(
            (f32::MAX, b'<'),
            |acc, (&x, &v)| if v < acc.0 { (v, x) } else { acc },
        );
    if rival <= 0.0 || rival == f32::MAX || own == f32::MAX {
        return (0.0, rc);
    }
    ((1.0 - own / rival).clamp(0.0, 1.0), rc)
}

/// The check-digit fields of the data lines, check digit included: (line,
/// first, end).
fn checked_fields(format: MrzFormat) -> &'static [(usize, usize, usize)] {
    match format {
        MrzFormat::TD1 => &[(0, 5, 15), (1, 0, 7), (1, 8, 15)],
        MrzFormat::TD3 => &[(1, 0, 10), (1, 13, 20), (1, 21, 28), (1, 28, 43)],
        _ => &[(1, 0, 10), (1, 13, 20), (1, 21, 28)],
    }
}

/// (checked, unchecked) margins of a template read, over the repaired lines.
///
/// Checked: per check-digit field, the least margin once the check digit has
/// covered one near tie (it catches any single slip whose values differ by
/// other than a multiple of 10; a tie with such a rival counts in full).
/// Unchecked: the least margin over the document code and issuing state and
/// the names up to one filler past their last letter.
#[cfg(test)]
pub(super) fn margins_for_test(
    format: MrzFormat,
    lines: &[String],
    cells: &[CellScores],
) -> (f32, f32) {
    let m = margins(format, lines, cells);
    (m.checked, m.unchecked)
}

/// The document number's tie margin against check-blind rivals, for tests.
#[cfg(test)]
pub(super) fn number_margin_for_test(
    format: MrzFormat,
    lines: &[String],
    cells: &[CellScores],
) -> f32 {
    margins(format, lines, cells).number
}

/// The margins of a template read (see [`MrzRead`]).
struct Margins {
    checked: f32,
    unchecked: f32,
    number: f32,
}

fn margins(format: MrzFormat, lines: &[String], cells: &[CellScores]) -> Margins {
    let at = |li: usize, i: usize| -> Option<(u8, &[f32; 37])> {
        Some((*lines.get(li)?.as_bytes().get(i)?, cells.get(li)?.get(i)?))
    };
    let mut checked = 1f32;
    let mut number = 1f32;
    for (fi, &(li, a, b)) in checked_fields(format).iter().enumerate() {
        let mut ms: Vec<f32> = Vec::with_capacity(b - a);
        for i in a..b {
            let Some((c, d)) = at(li, i) else { continue };
            let pos = if alnum(format, li, i) {
                Pos::Alnum
            } else {
                Pos::Digits
            };
            let (m, rival) = cell_margin(d, c, pos);
            if debug() && m < 0.2 {
                eprintln!("cell {li}:{i} {} vs {} m={m:.3}", c as char, rival as char);
            }
            let blind = match (super::char_value(c), super::char_value(rival)) {
                (Some(x), Some(y)) => x % 10 == y % 10,
                _ => true,
            };
            if blind {
                checked = checked.min(m);
                // The number field (the first one) without its check digit.
                if fi == 0 && i + 1 < b {
                    number = number.min(m);
                }
            }
            ms.push(m);
        }
        ms.sort_by(f32::total_cmp);
        if let Some(&second) = ms.get(1) {
            checked = checked.min(second);
        }
    }
    let mut unchecked = 1f32;
    let names_line = if format == MrzFormat::TD1 { 2 } else { 0 };
    let names_from = if format == MrzFormat::TD1 { 0 } else { 5 };
    if let Some(line) = lines.get(names_line) {
        let end = line
            .bytes()
            .rposition(|c| c != b'<')
            .map_or(0, |p| (p + 2).min(line.len()));
        let cells_at = (names_from..end)
            .map(|i| (names_line, i))
            .chain((0..5).map(|i| (0, i)));
        for (li, i) in cells_at {
            if let Some((c, d)) = at(li, i) {
                unchecked = unchecked.min(cell_margin(d, c, Pos::Name).0);
            }
        }
    }
    Margins {
        checked,
        unchecked,
        number,
    }
}

const CHARSET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
/// Character height (pixels) the crop is scaled to before OCR.
const TARGET_CHAR_PX: f32 = 30.0;

fn binarize(img: &GrayImage) -> GrayImage {
    let t = otsu(img);
    GrayImage::from_fn(img.width(), img.height(), |x, y| {
        image::Luma([if img.get_pixel(x, y)[0] > t { 255 } else { 0 }])
    })
}

fn ocr_lines(img: &GrayImage) -> Result<(Vec<String>, f32), OcrError> {
    let t = ocr::recognize(img, Layout::Block, CHARSET)?;
    let conf = t.mean_confidence();
    Ok((
        t.lines
            .into_iter()
            .map(|l| l.text.replace(' ', ""))
            .collect(),
        conf,
    ))
}

/// Pick the 2 or 3 consecutive lines that repair into the best MRZ.
fn best_from_lines(lines: &[String]) -> Option<Mrz> {
    let lines: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|l| l.len() >= 20)
        .collect();
    let mut best: Option<Mrz> = None;
    for n in [3usize, 2] {
        for win in lines.windows(n) {
            if let Some(m) = repair(win) {
                let key = |m: &Mrz| (sound(m), plausibility(m));
                if best.as_ref().is_none_or(|b| key(&m) > key(b)) {
                    best = Some(m);
                }
            }
        }
    }
    best
}

fn read_crop(crop_img: &GrayImage) -> Result<Option<MrzRead>, OcrError> {
    let mut best: Option<MrzRead> = None;
    for variant in 0..2 {
        let img = if variant == 0 {
            crop_img.clone()
        } else {
            binarize(crop_img)
        };
        let t0 = std::time::Instant::now();
        let (lines, conf) = ocr_lines(&img)?;
        if debug() {
            eprintln!(
                "tess {}x{} v{variant} {:?} conf={conf:.2} {lines:?}",
                img.width(),
                img.height(),
                t0.elapsed()
            );
        }
        if let Some(mrz) = best_from_lines(&lines) {
            let r = MrzRead {
                mrz,
                ocr_confidence: conf,
                engine: "tesseract",
                checked_margin: 1.0,
                unchecked_margin: 1.0,
                number_margin: 1.0,
                place: None,
            };
            // A sound read ends the variants: the other one could at best
            // be more confident, and it costs another pass.
            let done = sound(&r.mrz);
            if best.as_ref().is_none_or(|b| rank(&r) > rank(b)) {
                best = Some(r);
            }
            if done {
                break;
            }
        }
    }
    Ok(best)
}

/// Template reading of a band crop: TD1 (3 x 30), else TD3 (44) or TD2 (36).
fn read_templates(c: &GrayImage, lines: usize) -> Option<MrzRead> {
    let widths: &[usize] = if lines >= 3 { &[30] } else { &[44, 36] };
    let mut best: Option<MrzRead> = None;
    for &n in widths {
        let t0 = std::time::Instant::now();
        let got = super::ocrb::read_band_scored(c, lines.min(3), n);
        if debug() {
            eprintln!(
                "tpl {}x{} n={n} {:?} {}",
                c.width(),
                c.height(),
                t0.elapsed(),
                got.is_some()
            );
        }
        let Some((text, conf, cells)) = got else {
            continue;
        };
        let refs: Vec<&str> = text.iter().map(String::as_str).collect();
        if let Some(mrz) = repair(&refs) {
            let m = if mrz.lines.len() == cells.len() {
                margins(mrz.format, &mrz.lines, &cells)
            } else {
                Margins {
                    checked: 0.0,
                    unchecked: 0.0,
                    number: 0.0,
                }
            };
            let r = MrzRead {
                mrz,
                ocr_confidence: conf,
                engine: "ocrb-template",
                checked_margin: m.checked,
                unchecked_margin: m.unchecked,
                number_margin: m.number,
                place: None,
            };
            // A sound read ends the widths (the other could at best be more
            // confident), and so does a plausible one: the band has this
            // many characters per line, the other width reads garbage.
            let done = sound(&r.mrz) || plausibility(&r.mrz) >= ORIENTED;
            if best.as_ref().is_none_or(|b| rank(&r) > rank(b)) {
                best = Some(r);
            }
            if done {
                break;
            }
        }
    }
    best
}

fn band_crop(img: &GrayImage, b: &Band) -> GrayImage {
    let scale = (TARGET_CHAR_PX / b.line_height.max(1.0)).clamp(0.2, 4.0);
    sample_rotated(img, b.cx, b.cy, b.angle, b.width, b.height, scale)
}

/// Whether every check digit holds and both dates are real dates: check
/// digits alone are weak on garbage (a read of mostly `0`, `<` and letters
/// worth a multiple of 10, `DPPPIPIPDD…`, can pass every one of them).
pub fn sound(m: &Mrz) -> bool {
    m.checks_valid() && m.birth_date.is_some() && m.expiry_date.is_some()
}

/// How much of an unsure read looks like an MRZ: one point per check digit
/// that holds, per real date, per three-letter state code and for a
/// surname of letters. Ranks invalid reads, so that a Tesseract read with
/// most fields right and one wrong digit beats a garbage template read of
/// the same band that came first.
fn plausibility(m: &Mrz) -> u32 {
    let c = &m.checks;
    let state = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase());
    let letters = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase() || b == b' ');
    [
        c.document_number,
        c.birth_date,
        c.expiry_date,
        c.optional == Some(true),
        c.composite == Some(true),
        m.birth_date.is_some(),
        m.expiry_date.is_some(),
        state(&m.issuing_state),
        state(&m.nationality),
        letters(&m.surname),
    ]
    .into_iter()
    .map(u32::from)
    .sum()
}

/// The order of reads: confident first, then sound (see [`sound`]), then the
/// more plausible. Also orders the reads of a card's two pictures.
pub fn rank(r: &MrzRead) -> (bool, bool, u32) {
    (r.is_confident(), sound(&r.mrz), plausibility(&r.mrz))
}

/// A read this plausible is of a real MRZ, if with slips: on the bench
/// corpus upside-down and misplaced reads score at most 5 (of 10), and
/// upright reads of the MRZ at least 6 but for the most degraded.
const ORIENTED: u32 = 6;

/// Keep the better of two reads by [`rank`] (the first on a tie); returns
/// whether the new read is confident, which ends the search.
fn consider(r: Option<MrzRead>, best: &mut Option<MrzRead>) -> bool {
    let Some(r) = r else { return false };
    if debug() {
        eprintln!(
            "read {} conf={:.2} cm={:.3} um={:.3} rank={:?} {:?}",
            r.engine,
            r.ocr_confidence,
            r.checked_margin,
            r.unchecked_margin,
            rank(&r),
            r.mrz.lines
        );
    }
    let sure = r.is_confident();
    if best.as_ref().is_none_or(|b| rank(&r) > rank(b)) {
        *best = Some(r);
    }
    sure
}

/// Tag a read with the band it came from.
fn placed(r: Option<MrzRead>, band: Option<&Band>, upside_down: bool) -> Option<MrzRead> {
    r.map(|mut r| {
        r.place = band.map(|&band| MrzPlace { band, upside_down });
        r
    })
}

/// Locate and read the MRZ in an upright grey image: OCR-B template matching
/// first (no Tesseract needed), then Tesseract on the same bands, then
/// Tesseract on the bottom of the frame. `None` when no MRZ could be read.
pub fn read_mrz(img: &GrayImage) -> Option<MrzRead> {
    let mut best: Option<MrzRead> = None;
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
        for flip in [false, true] {
            let r = if flip {
                read_templates(&rotate(c, 2), *lines)
            } else {
                read_templates(c, *lines)
            };
            let r = placed(r, bands.get(i), flip);
            let oriented = r.as_ref().is_some_and(|r| plausibility(&r.mrz) >= ORIENTED);
            if consider(r, &mut best) {
                return best;
            }
            if oriented {
                known = Some((i, flip));
                break 'bands;
            }
        }
    }
    if !ocr::available() {
        return best;
    }
    let tries: Vec<(usize, bool)> = match known {
        Some(k) => vec![k],
        None => (0..crops.len())
            .flat_map(|i| [(i, false), (i, true)])
            .collect(),
    };
    for (i, flip) in tries {
        let Some((c, _)) = crops.get(i) else { continue };
        let r = if flip {
            read_crop(&rotate(c, 2))
        } else {
            read_crop(c)
        };
        if consider(placed(r.ok().flatten(), bands.get(i), flip), &mut best) {
            return best;
        }
    }
    if best.is_none() {
        // Fallback: the bottom 40 % of the frame, scaled down.
        let (w, h) = img.dimensions();
        let bottom = crop(img, 0, h * 6 / 10, w, h * 4 / 10);
        let small = crate::image::ops::downscale_to(&bottom, 1800);
        consider(read_crop(&small).ok().flatten(), &mut best);
    }
    best
}
