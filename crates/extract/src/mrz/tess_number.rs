//! How sure Tesseract is of a document number: its confidence in each of the
//! number's characters, and the characters no confidence makes sure.

use crate::ocr::Glyph;

/// Tesseract's least confidence in a character of the number from which it
/// counts as sure of the number (see [`super::read::MrzRead::number_sure`]),
/// for a number without a twin (see [`TWINS`]). Its confidence is no proof
/// against a slip: on the dev split it was over 0.9 sure of 10 of 16 numbers
/// it read one or two characters wrong (B86401263 as 886401263 at 0.97,
/// J99750714 as 399750714, S00949297 as 800949297). The check digits catch
/// every single slip that changes a character's value mod 10; what they
/// miss without a twin is two slips cancelling in one field, which no sound
/// dev read over this confidence did (0 of 444). A twin slips alone unseen:
/// trusting sure twins too took the test split from 109 to 132 decisive
/// reads of 252, with 2 trusted misreads, so they are not trusted.
const MIN_TESS_NUMBER_CONF: f32 = 0.9;

/// Tesseract's confidence in each character of the document number, where
/// its line holds the number as read (None where the repair changed it).
pub(super) fn number_confidence(number: &str, symbols: &[Vec<Glyph>]) -> Option<Vec<f32>> {
    let n = number.chars().count();
    if n == 0 {
        return None;
    }
    symbols.iter().find_map(|line| {
        line.windows(n)
            .find(|w| w.iter().map(|g| g.ch).eq(number.chars()))
            .map(|w| w.iter().map(|g| g.confidence).collect())
    })
}

/// Characters with a look-alike of equal value mod 10 (6/G, 8/S, F/P): a
/// slip between the two holds every check digit, so no confidence in the
/// characters makes a number holding one sure.
pub(super) const TWINS: &[u8] = b"68GSFP";

/// A Tesseract read's [`super::read::MrzRead::number_margin`]: 1 when it was
/// sure of its lines (`line_conf`), or of every character of a number
/// without a twin (`symbols`: each line's characters and their confidence);
/// else 0.
pub(super) fn number_margin(line_conf: f32, number: &str, symbols: &[Vec<Glyph>]) -> f32 {
    let twin = number.bytes().any(|c| TWINS.contains(&c));
    let least =
        number_confidence(number, symbols).map_or(0.0, |c| c.into_iter().fold(1.0f32, f32::min));
    if line_conf >= 0.6 || (least >= MIN_TESS_NUMBER_CONF && !twin) {
        1.0
    } else {
        0.0
    }
}
