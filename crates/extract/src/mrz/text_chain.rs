//! The reader's text half on any text: what Tesseract's MRZ lines, the
//! other passes' lines and the visual zone's texts go through once the
//! pixels are read, in the order the reader takes them. The image fuzz
//! target runs with OCR off, so no OCR text reaches these steps there;
//! this is their entry for the `mrz_text` fuzz target and a property test.

use super::trust::MrzRead;
use super::viz::{compare, VizAgreement};
use super::{mixed_passes, repair_spent, state_twin, viz_number, viz_text};

/// Field separator of [`run`]'s input (ASCII record separator).
pub const SEPARATOR: char = '\u{1e}';

/// Run the text steps on `input`: the MRZ lines (one per line), then after
/// [`SEPARATOR`] the other readings' lines, then after each further
/// separator one text of the visual zone (the first as read in a block,
/// the last as a card's other side). None when no read comes of the lines.
#[doc(hidden)]
pub fn run(input: &str) -> Option<VizAgreement> {
    let mut parts = input.split(SEPARATOR);
    let lines: Vec<&str> = parts.next().unwrap_or_default().lines().collect();
    let witnesses: Vec<String> = parts
        .next()
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect();
    let texts: Vec<String> = parts.map(str::to_owned).collect();
    let pass: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let (mrz, spent) = match mixed_passes::mix(&[witnesses.clone(), pass]) {
        Some(m) => (m, true),
        None => repair_spent(&lines)?,
    };
    let mut r = MrzRead::tesseract(mrz, 0.5, 0.5, spent);
    r.witnesses = witnesses;
    state_twin::mend(&mut r.mrz);
    let prefix_seen = viz_number::prefix_letters(&r.mrz, &r.witnesses);
    let Some((first, rest)) = texts.split_first() else {
        return Some(VizAgreement::default());
    };
    let (mut settled, mut a) = viz_text::first_text(&mut r, first, &prefix_seen);
    a = viz_text::mend_names(&mut r, first, a);
    for t in rest {
        a = a.or(compare(t, &r.mrz));
    }
    a = viz_text::mend_names_across(&mut r, &texts, a);
    if let Some(back) = rest.last() {
        let other_settled;
        (other_settled, a) = viz_text::other_side(&mut r, back, a, &prefix_seen);
        settled |= other_settled;
    }
    Some(viz_text::close(&r, &texts, settled, a))
}
