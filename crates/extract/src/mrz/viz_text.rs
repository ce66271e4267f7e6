//! What the visual zone's text, once read, makes of an MRZ read: the number
//! settled where only the print can choose, the names mended from the
//! zone's words, and a number another reading rivals contested. No pixels
//! here: [`super::viz::agreement`] reads the texts and hands them over, and
//! the `mrz_text` fuzz target drives the same steps with any text.

use super::trust::MrzRead;
use super::viz::{compare, words, zone_lines, VizAgreement};
use super::viz_number::twin_letter_seen;
use super::viz_settle::settle_number;
use super::{names_mend, Mrz};

/// The zone's first text `t` against the read: the number settled where
/// the print alone can choose (see [`settle_number`]; `prefix_seen`, the
/// letters another reading held in its first cell), then what `t` prints.
/// Returns whether the zone settled the number other than by a capital it
/// printed for a digit, and the agreement.
pub(super) fn first_text(r: &mut MrzRead, t: &str, prefix_seen: &[u8]) -> (bool, VizAgreement) {
    let settled = settle(r, t, prefix_seen);
    (settled, compare(t, &r.mrz))
}

/// Whether [`settle_number`] changed the read's number other than by
/// capitals printed for digits. Template reads take digits for letters; a
/// Tesseract read keeps its letters (see [`settle_number`]).
fn settle(r: &mut MrzRead, t: &str, prefix_seen: &[u8]) -> bool {
    let sure = r.number_sure();
    let keep_letters = r.engine == "tesseract";
    settle_number(&mut r.mrz, t, sure, keep_letters, prefix_seen) == Some(false)
}

/// The read's names mended with the words of one text `t` (and the
/// template reads' names fields, and every line the picture's reads made),
/// judged against `t` alone.
pub(super) fn mend_names(r: &mut MrzRead, t: &str, a: VizAgreement) -> VizAgreement {
    let shapes = r.template_names.clone();
    names_mend::mend(&mut r.mrz, &words(t), &shapes, &r.witnesses, a, &|m| {
        compare(t, m)
    })
}

/// The names mended with the words of every pass over the zone, judged
/// against any pass; then a name each pass slipped in somewhere, printed
/// between them.
pub(super) fn mend_names_across(
    r: &mut MrzRead,
    texts: &[String],
    mut a: VizAgreement,
) -> VizAgreement {
    if texts.len() > 1 && !a.names() {
        let ws: Vec<String> = texts.iter().flat_map(|t| words(t)).collect();
        let shapes = r.template_names.clone();
        let base = a;
        let every = |m: &Mrz| texts.iter().fold(base, |b, t| b.or(compare(t, m)));
        a = names_mend::mend(&mut r.mrz, &ws, &shapes, &r.witnesses, a, &every);
    }
    if a.legible() && !a.names() {
        let (surname, given) = super::viz_names::names_in_pieces(&r.mrz, texts);
        a.surname |= surname;
        a.given_names |= given;
    }
    a
}

/// The other picture's text `t` (a card's front, whose back carries the
/// MRZ) added to `a`: it settles the number where the zone did not print
/// it, and mends names with a filler read as a letter. Returns whether it
/// settled the number (as [`first_text`]) and the agreement of both.
pub(super) fn other_side(
    r: &mut MrzRead,
    t: &str,
    a: VizAgreement,
    prefix_seen: &[u8],
) -> (bool, VizAgreement) {
    let settled = !a.document_number && settle(r, t, prefix_seen);
    let mut b = compare(t, &r.mrz);
    if (a.legible() || b.legible())
        && !b.names()
        && super::names_filler::repair(&mut r.mrz, &words(t))
    {
        b = compare(t, &r.mrz);
    }
    (settled, a.or(b))
}

/// The agreement once every text is in: a number the zone settled is not
/// also confirmed by it, as its OCR slips too (a bold G read 6 made the
/// MRZ's right G a 6). A capital printed for a digit is no such slip (see
/// [`settle_number`]). Nor is a digit another reading saw as a letter of
/// its weight, where a prefix stands (see [`twin_letter_seen`]).
/// Nor is such a digit trusted on the engine's word: where a letter of its
/// weight was seen, the check digits cannot choose, and the one sure engine
/// read the digit (a dev visa's `G93332305`, printed so in the zone, was
/// read `693332305` by Tesseract and trusted).
/// Nor is a number the zone printed otherwise where another reading of the
/// band read it so too (see [`super::viz_rival`]).
pub(super) fn close(
    r: &MrzRead,
    texts: &[String],
    settled: bool,
    mut a: VizAgreement,
) -> VizAgreement {
    let rows: Vec<String> = texts.iter().flat_map(|t| zone_lines(t)).collect();
    let number = &r.mrz.document_number;
    let rival = super::viz_rival::rival_seen(&r.mrz, &r.witnesses, &rows)
        || super::viz_rival::letter_printed_as_digit(&rows, number)
        || super::viz_rival::digit_read_for_letter(&r.mrz, &r.witnesses);
    let twin = twin_letter_seen(r, &rows);
    a.number_contested = twin || rival;
    if super::debug() && rival {
        eprintln!("number contested: the zone and another reading print a rival");
    }
    if settled || twin || rival {
        a.document_number = false;
        a.number_exact = false;
        a.number_nearly = false;
    }
    a
}
