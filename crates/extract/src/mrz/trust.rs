//! An MRZ read and what makes it trusted: the check digits, how sure the
//! engine was where they cannot see, and what the visual zone printed.

use super::collide::{Rival, MIN_COLLISION_COST};
use super::read::sound;
use super::viz::MrzPlace;
use super::Mrz;

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
    /// How sure the document number is where the check digits cannot help:
    /// the least template margin against a rival of equal value mod 10 (G/6,
    /// F/P, S/8: every digit holds either way), and the second least margin
    /// in the field (two slips can cancel in its digit, and the composite,
    /// which the number opens, weighs them the same). Below
    /// [`MIN_CELL_MARGIN`] only the visual zone printing the number settles
    /// it. 1 for Tesseract.
    pub number_margin: f32,
    /// How cheaply another reading of the checked cells would hold every
    /// check digit too and give another number or date (see
    /// [`super::collide`]): below [`MIN_COLLISION_COST`] the check digits do
    /// not single this read out. 1 for Tesseract (no per-cell rivals), 0 for
    /// a read that is not sound.
    pub collision_cost: f32,
    /// The other readings under that cost (what they would report), for the
    /// visual zone to tell apart; None when they are unknown (too many, or
    /// a number whose check digit the repair spent).
    pub rivals: Option<Vec<Rival>>,
    /// Where on the picture it was read (None: the whole-frame fallback),
    /// for finding the visual zone above it.
    pub place: Option<MrzPlace>,
    /// Whether the other engine (Tesseract for a template read, templates
    /// for Tesseract) read the same band into the same checked fields, each
    /// read sound on its own (see [`agree`]).
    pub agreed: bool,
    /// The names fields of the template reads of the same band and layout,
    /// cell by cell, whether or not they hold a check digit: where their
    /// fillers fall tells how long each name is (see [`super::names_shape`]).
    pub template_names: Vec<String>,
    /// The lines every read of the picture made, either engine's, every
    /// Tesseract pass: what they held where this read's number is tells
    /// whether another reading saw a letter where this one has a digit of
    /// its weight (see [`super::viz_number::letter_seen`]).
    pub witnesses: Vec<String>,
    /// Whether the repair spent a check digit choosing a character or a
    /// cell of what it covers (see [`super::repair_spent`]): the read then
    /// collides with what was read, and it neither ends the search nor
    /// outranks a read made without that (see [`super::read::rank`]).
    pub spent: bool,
}

#[cfg(test)]
impl MrzRead {
    /// A template read of `mrz` with nothing in doubt, for a test to set
    /// only what it varies: every margin 1, no rival, no place, agreed with
    /// nothing, nothing spent.
    pub(crate) fn clear(mrz: Mrz) -> Self {
        MrzRead {
            mrz,
            ocr_confidence: 1.0,
            engine: "ocrb-template",
            checked_margin: 1.0,
            unchecked_margin: 1.0,
            number_margin: 1.0,
            collision_cost: 1.0,
            rivals: Some(Vec::new()),
            place: None,
            agreed: false,
            template_names: Vec::new(),
            witnesses: Vec::new(),
            spent: false,
        }
    }
}

/// What the visual zone printed of the fields the check digits cover, for
/// [`MrzRead::decisive`]: both dates, and the number with look-alikes
/// folded (`checked`), but for one character that is no twin (`nearly`), or
/// character for character (`exact`).
#[derive(Debug, Clone, Copy, Default)]
pub struct VizChecked {
    pub checked: bool,
    pub nearly: bool,
    pub exact: bool,
}

/// Template margins (`1 - d / d₂`, best character against its nearest rival)
/// below this are near ties. In a check-digit field one such tie is covered
/// by the check digit; two, or one the digit cannot see, make the read unsure.
pub const MIN_CELL_MARGIN: f32 = 0.08;
/// The same for names, document code and issuing state, which no check digit
/// covers: B/P, O/Q, E/F ties there made trusted misreads (PUPLIC, ZQE).
pub const MIN_NAME_MARGIN: f32 = 0.15;

impl MrzRead {
    /// A Tesseract read at line confidence `conf`; `spent` when its check
    /// digits chose it (see [`super::repair_spent`], [`super::mixed_passes`]).
    pub(super) fn tesseract(mrz: Mrz, conf: f32, number_margin: f32, spent: bool) -> MrzRead {
        MrzRead {
            mrz,
            ocr_confidence: conf,
            engine: "tesseract",
            checked_margin: 1.0,
            unchecked_margin: 1.0,
            // No per-character rivals from Tesseract: its confidence in its
            // lines or in the number's characters stands in (FB5078074 for
            // M85078074 held every digit, at line confidence 0.4).
            number_margin,
            // No per-character rivals either: only a number whose digit was
            // spent choosing it is known to collide.
            collision_cost: if spent { 0.0 } else { 1.0 },
            rivals: if spent { None } else { Some(Vec::new()) },
            place: None,
            agreed: false,
            template_names: Vec::new(),
            witnesses: Vec::new(),
            spent,
        }
    }

    /// Whether the read is decisive on its own: every check digit holds,
    /// the composite included, both dates are real dates, and no other
    /// reading nearly as close to the pixels holds them too (see
    /// [`Self::collision_sure`]). Trust comes from the check digits, not
    /// from how much the glyphs look like one font's: an MRZ printed in
    /// another monospace font matches the OCR-B templates loosely and reads
    /// character-perfect all the same — but there near ties are many, and
    /// some of them cancel out in the digits.
    ///
    /// Visas (MRV-A/B) have no composite: two slips that cancel in one
    /// field's weighted sum are caught by nothing else, so there the engine
    /// must also have been sure of its characters — or the visual zone must
    /// print the same number and dates (see [`super::viz`], decided by the
    /// caller).
    pub fn is_confident(&self) -> bool {
        self.decisive(false, VizChecked::default())
    }

    /// [`Self::is_confident`] with what the visual zone printed: the number
    /// (settles a tie the check digits cannot see), the number (look-alikes
    /// folded) and both dates (`viz_checked`), the same with the number but
    /// for one character that is no twin (`viz_nearly`, which stands in for
    /// a visa's missing composite as well: it leaves no slip of the number
    /// unseen, see [`super::viz_number`]), and the number
    /// character for character with both dates (`viz_exact`: the only
    /// thing that settles a check-digit collision, see
    /// [`Self::collision_sure`]; the looser number match folds S/5, I/1,
    /// B/8, O/0 — the very slips that cancel out in pairs).
    ///
    /// Two engines that read the band independently — glyph templates and
    /// Tesseract's LSTM, whose slips differ — into the same checked fields,
    /// every check digit holding in each, stand for all three: a near tie,
    /// a missing composite or a collision would have to fool both the same
    /// way.
    pub fn decisive(&self, viz_number: bool, viz: VizChecked) -> bool {
        let VizChecked {
            checked: viz_checked,
            nearly: viz_nearly,
            exact: viz_exact,
        } = viz;
        let both = self.agreed;
        sound(&self.mrz)
            && (self.number_sure() || viz_number || both)
            && (self.mrz.checks.composite.is_some()
                || self.engine_sure()
                || viz_checked
                || viz_nearly
                || both)
            && (self.collision_sure()
                || viz_exact
                || (viz_checked && self.viz_tells_apart())
                || both)
    }

    /// Whether a visual zone printing this read's number (look-alikes
    /// folded) and dates would rule out every rival reading: each differs
    /// from the read in a date or in its folded number. S/5 with I/1, the
    /// commonest cancelling pair, fold alike: then only the exact number
    /// (`viz_exact` in [`Self::decisive`]) tells them apart.
    pub fn viz_tells_apart(&self) -> bool {
        let m = &self.mrz;
        let fold = super::viz::fold_digitish;
        self.rivals.as_ref().is_some_and(|rs| {
            rs.iter().all(|r| {
                fold(&r.document_number) != fold(&m.document_number)
                    || r.birth_date != m.birth_date
                    || r.expiry_date != m.expiry_date
            })
        })
    }

    /// Whether no other reading that the pixels nearly support holds every
    /// check digit as well with another number or date (see
    /// [`super::collide`]). Check digits that hold say the read is one of
    /// the readings that hold; this says it is the only likely one.
    pub fn collision_sure(&self) -> bool {
        self.collision_cost >= MIN_COLLISION_COST
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
