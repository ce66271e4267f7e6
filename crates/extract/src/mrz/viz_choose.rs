//! Several readings of one MRZ that each hold every check digit, told apart
//! by the visual zone. In a font the OCR-B templates only half fit, the
//! template read of `R157621634` can be `RI57B2IB34` (I and 1, B and 6 weigh
//! alike in the digit) while Tesseract reads it right, and neither engine is
//! sure enough to settle it alone. The page prints the number, dates and
//! names once more: the reading that agrees with more of them is the one
//! taken. It is the document's own print that decides, never the data a
//! verification expects, and only between readings every check digit
//! accepts; the chosen read is then vouched for like any other (see
//! [`super::viz::agreement`]).

use image::GrayImage;

use super::read::{sound, Rival};
use super::second_read::take_states;
use super::viz::{compare, zone_text, VizAgreement};
use super::MrzRead;

/// How much of a reading the zone prints: each name part and date one
/// point, the number two (it carries the most slips), one for a number
/// printed but for look-alikes.
fn score(a: &VizAgreement) -> u32 {
    [
        (a.surname, 1),
        (a.given_names, 1),
        (a.number_exact, 2),
        (a.document_number, 1),
        (a.birth_date, 1),
        (a.expiry_date, 1),
    ]
    .into_iter()
    .filter(|(hit, _)| *hit)
    .map(|(_, w)| w)
    .sum()
}

/// The reading the zone agrees with most, and the zone's text (for
/// [`super::viz::agreement`], so it is read once). `reads` is best first
/// (see [`super::read_mrz_all`]); another is taken only when the zone
/// prints strictly more of it. A state code of the one taken that names no
/// state is taken from another reading of the same document that names one
/// (see [`take_states`]). None when `reads` is empty.
pub fn choose(read_from: &GrayImage, mut reads: Vec<MrzRead>) -> Option<(MrzRead, Option<String>)> {
    let first = reads.first()?;
    if !sound(&first.mrz) {
        return Some((reads.swap_remove(0), None));
    }
    let text = zone_text(read_from, first);
    let at = text.as_deref().map_or(0, |t| pick(t, &reads));
    let mut chosen = reads.swap_remove(at);
    for o in &reads {
        take_states(&mut chosen, &o.mrz);
    }
    add_rivals(&mut chosen, &reads);
    Some((chosen, text))
}

/// The other sound readings with another number or date are rivals the
/// check digits did not rule out: the chosen one is then trusted only when
/// the zone tells them apart (see [`MrzRead::decisive`]), not because its
/// own engine saw no rival.
fn add_rivals(chosen: &mut MrzRead, others: &[MrzRead]) {
    let rivals: Vec<Rival> = others
        .iter()
        .filter_map(|o| Rival::of(&o.mrz, &chosen.mrz))
        .collect();
    if rivals.is_empty() {
        return;
    }
    chosen.collision_cost = 0.0;
    if let Some(rs) = chosen.rivals.as_mut() {
        rs.extend(rivals);
    }
}

/// Which of `reads` (the first sound) the zone text `t` prints most of: the
/// first unless strictly more of another, which must be sound too. A read
/// whose check digits were spent choosing it (see [`MrzRead::spent`])
/// replaces one that was not only when the zone prints more of its checked
/// fields, not of its names: a mended names line is no reason to trust the
/// digits less (dev hard draw 3001: a card mixed of two passes, its
/// composite lost, beat the plain read on a doubled J of `JJOSE`).
fn pick(t: &str, reads: &[MrzRead]) -> usize {
    let score_of = |r: &MrzRead| score(&compare(t, &r.mrz));
    let checked_of = |r: &MrzRead| {
        let a = compare(t, &r.mrz);
        score(&VizAgreement {
            surname: false,
            given_names: false,
            ..a
        })
    };
    let mut best = (score_of(&reads[0]), 0);
    for (i, r) in reads.iter().enumerate().skip(1) {
        if !sound(&r.mrz) {
            continue;
        }
        let held = &reads[best.1];
        if r.spent && !held.spent && checked_of(r) <= checked_of(held) {
            continue;
        }
        let s = score_of(r);
        if super::debug() {
            eprintln!("choose {s} vs {} {:?}", best.0, r.mrz.lines);
        }
        if s > best.0 {
            best = (s, i);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::parse_lines;

    fn read(lines: [&str; 2], engine: &'static str) -> MrzRead {
        MrzRead {
            ocr_confidence: 0.4,
            engine,
            checked_margin: 0.03,
            unchecked_margin: 0.01,
            number_margin: 0.0,
            collision_cost: 0.1,
            rivals: None,
            ..MrzRead::clear(parse_lines(&lines).unwrap())
        }
    }

    const ZONE: &str = "Surname\nVUKOVIC\nGiven Names\nIBRAHIM JAY\nDate of birth\n14 Nov 1987\n\
                        Date of expiration\n05 Oct 2029\nPassport No.\nR15762163";

    fn template() -> MrzRead {
        // I for 1 and B for 6 cancel out in every check digit.
        read(
            [
                "P<NLOVUKOVTC<<TBRAHIN<3AY<<<<<<<<<<<<<<<<<<<",
                "RI57B2IB34NLO8711142F2910057<<<<<<<<<<<<<<08",
            ],
            "ocrb-template",
        )
    }

    fn tesseract() -> MrzRead {
        read(
            [
                "P<NLDVUKOVIC<<IBRAHIM<JAY<<<<<<<<<<<<<<<<<<<",
                "R157621634NLD8711142F2910057<<<<<<<<<<<<<<08",
            ],
            "tesseract",
        )
    }

    #[test]
    fn both_readings_hold_every_check_digit() {
        assert!(sound(&template().mrz) && sound(&tesseract().mrz));
    }

    #[test]
    fn the_reading_the_zone_prints_is_taken() {
        let reads = [template(), tesseract()];
        let r = &reads[pick(ZONE, &reads)];
        assert_eq!(r.mrz.document_number, "R15762163");
        assert_eq!(r.engine, "tesseract");
    }

    #[test]
    fn the_reading_not_taken_is_a_rival_the_zone_must_tell_apart() {
        let mut r = tesseract();
        r.rivals = Some(Vec::new());
        r.collision_cost = 1.0;
        add_rivals(&mut r, &[template()]);
        assert!(!r.collision_sure());
        assert_eq!(r.rivals.as_ref().map(Vec::len), Some(1));
        // The zone prints the chosen number exactly: that tells them apart.
        let exact = crate::mrz::read::VizChecked {
            checked: true,
            nearly: true,
            exact: true,
        };
        assert!(r.decisive(true, exact));
        // A copy of the same reading is no rival.
        let mut same = tesseract();
        same.collision_cost = 1.0;
        add_rivals(&mut same, &[tesseract()]);
        assert!(same.collision_sure());
    }

    #[test]
    fn a_tie_keeps_the_first_and_an_unsound_reading_is_never_taken() {
        // A zone that prints only the dates both share: no reason to change.
        let dates = "Date of birth\n14 Nov 1987\nDate of expiration\n05 Oct 2029";
        assert_eq!(pick(dates, &[template(), tesseract()]), 0);
        let mut broken = tesseract();
        broken.mrz.checks.composite = Some(false);
        assert_eq!(pick(ZONE, &[template(), broken]), 0);
    }
}
