//! A name part one or two slips from a word the visual zone prints. In a
//! monospace whose Q has a short tail, Tesseract and the OCR-B templates
//! alike read `LINDQVIST` as `LINDOVIST` (or `LINDOQVIST`, the Q as two
//! glyphs); in one whose J has a hook, `WOJTEK` came out `WOIJTE`, the J
//! as `IJ` and the last K, pushed against the fillers, taken for one.
//! The zone's sans print reads plainly, so the names are never vouched for
//! and a genuine holder goes to a reviewer.
//!
//! A part the zone does not print becomes the one zone word nearest it by
//! the slips an MRZ reading makes (a letter read for another of the MRZ
//! font's glyphs: O for a Q, P for an F, L for an I; one glyph read as
//! two; a last letter taken for a filler): one slip, two for a
//! part of six letters or more. A word that needs any other edit is the
//! zone's own slip (it read `PAPADOPOULOS` as `PAPADOPouL og`, `DMITRI` as
//! `OMITRI`) and is never taken; nor is a tie, or a word the field no
//! longer fits.
//! The zone is the document's own print, never what a verification
//! expects: a wrong holder's name stays a wrong name.

use super::names_filler::{name_words, names_field, set_field};
use super::Mrz;

/// Parts shorter than this are left alone: at one edit, a two-letter part
/// is near too many words.
const MIN_PART: usize = 3;
/// Parts this long may be two edits from the word.
const TWO_EDITS_FROM: usize = 6;

/// Mend `mrz`'s names from the zone's `words` (upper case, as the MRZ spells
/// them); returns whether it changed.
pub(super) fn mend(mrz: &mut Mrz, words: &[String]) -> bool {
    let Some(field) = names_field(mrz) else {
        return false;
    };
    // A full field cuts its last name: lengths no longer tell.
    if !field.ends_with('<') {
        return false;
    }
    let words = name_words(words);
    let mut changed = false;
    let mut out: Vec<String> = Vec::new();
    for part in field.split('<') {
        let near = (part.len() >= MIN_PART && !words.contains(&part))
            .then(|| nearest(part, &words))
            .flatten();
        match near {
            Some(w) => {
                out.push(w.to_string());
                changed = true;
            }
            None => out.push(part.to_string()),
        }
    }
    if !changed {
        return false;
    }
    let mut new = out.join("<");
    while new.ends_with("<<") {
        new.pop();
    }
    if new.len() >= field.len() {
        return false;
    }
    new.extend(std::iter::repeat_n('<', field.len() - new.len()));
    set_field(mrz, &new)
}

/// The one word within reach of `part` (see the module), nearest first.
fn nearest<'a>(part: &str, words: &[&'a str]) -> Option<&'a str> {
    let reach = if part.len() >= TWO_EDITS_FROM { 2 } else { 1 };
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for &w in words {
        let Some(d) = edits(part.as_bytes(), w.as_bytes()) else {
            continue;
        };
        if d == 0 || d > reach {
            continue;
        }
        match best {
            Some((b, bw)) if d == b && bw != w => tie = true,
            Some((b, _)) if d >= b => {}
            _ => {
                best = Some((d, w));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, w)| w)
}

/// A letter the MRZ reading gave for another of the MRZ font's glyphs,
/// and the letter the zone prints (read, printed): a Q whose short tail
/// was lost (O); a monospace F whose arm curls down (P: `KRZYSZTOP`, both
/// engines alike); a slab-serif I whose foot reads as an L's (`SOFLA`); a
/// light monospace J whose hook rises to a stem (U: `BUORN`, twice on dev
/// pipeline draws).
/// Only these, and only this way: the zone's own OCR loses marks too (it
/// printed `OMITRI` for `DMITRI`, which the MRZ read right), so no other
/// letter the zone prints with less than the MRZ read is taken. The zone
/// prints in a plain sans, where P and F, or L and I, are not confused.
const READ_FOR_PRINTED: &[[u8; 2]] = &[*b"OQ", *b"PF", *b"LI", *b"UJ"];
/// One glyph read as two, the extra one beside the glyph it looks like:
/// `OQ` for Q, `IJ` for a J with a hook.
const SPLIT: &[[u8; 2]] = &[*b"OQ", *b"IJ"];
/// Letters the repair takes for a filler when they end a part (see
/// [`super::names_filler`]).
const FILLER_LIKE: &[u8] = b"KCELSXZ";

fn split(a: u8, b: u8) -> bool {
    SPLIT.iter().any(|p| *p == [a, b] || *p == [b, a])
}

/// The fewest slips of an MRZ reading that make `word` of `part`: a letter
/// read for another of the MRZ font's glyphs (see [`READ_FOR_PRINTED`]),
/// one glyph read as two (see [`SPLIT`]), or a last letter taken for a
/// filler; None when `word` needs
/// any other edit (the zone's own slips: `PAPADOPOUL` for a garbled
/// `PAPADOPOULOS`, `OMITRI` for `DMITRI`).
fn edits(part: &[u8], word: &[u8]) -> Option<usize> {
    const NO: usize = usize::MAX / 2;
    let (n, m) = (part.len(), word.len());
    let mut d = vec![vec![NO; m + 1]; n + 1];
    d[0][0] = 0;
    for i in 0..=n {
        for j in 0..=m {
            let mut best = d[i][j];
            if i > 0 && j > 0 {
                let (x, y) = (part[i - 1], word[j - 1]);
                if x == y {
                    best = best.min(d[i - 1][j - 1]);
                } else if READ_FOR_PRINTED.contains(&[x, y]) {
                    best = best.min(d[i - 1][j - 1] + 1);
                }
            }
            if i > 0 {
                let x = part[i - 1];
                let beside = |k: usize| part.get(k).is_some_and(|&c| split(x, c));
                if (i >= 2 && beside(i - 2)) || beside(i) {
                    best = best.min(d[i - 1][j] + 1);
                }
            }
            if j > 0 && i == n && j == m && FILLER_LIKE.contains(&word[j - 1]) {
                best = best.min(d[i][j - 1] + 1);
            }
            d[i][j] = best;
        }
    }
    (d[n][m] < NO).then_some(d[n][m])
}

#[cfg(test)]
mod tests {
    use super::super::parse_lines;
    use super::*;

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    fn names(l1: &str) -> Mrz {
        let l1 = format!("{:<<44}", l1.trim_end_matches('<'));
        parse_lines(&[&l1, "R709296789ITA9501223M2806170<<<<<<<<<<<<<<04"]).expect("mrz")
    }

    #[test]
    fn edits_are_the_slips_an_mrz_reading_makes() {
        assert_eq!(edits(b"LINDOVIST", b"LINDQVIST"), Some(1));
        assert_eq!(edits(b"LINDOQVIST", b"LINDQVIST"), Some(1));
        assert_eq!(edits(b"WOIJTE", b"WOJTEK"), Some(2));
        assert_eq!(edits(b"ANNA", b"ANNA"), Some(0));
        // Dev (seed 173): an F read as P, an I read as L; not the other way.
        assert_eq!(edits(b"KRZYSZTOP", b"KRZYSZTOF"), Some(1));
        assert_eq!(edits(b"SOFLA", b"SOFIA"), Some(1));
        assert_eq!(edits(b"KRZYSZTOF", b"KRZYSZTOP"), None);
        assert_eq!(edits(b"SOFIA", b"SOFLA"), None);
        // Dev (seeds 173, 223): a J read as U; not the other way.
        assert_eq!(edits(b"BUORN", b"BJORN"), Some(1));
        assert_eq!(edits(b"BJORN", b"BUORN"), None);
        // The zone's slips: a word cut short, letters of no likeness.
        assert_eq!(edits(b"PAPADOPOULOS", b"PAPADOPOUL"), None);
        assert_eq!(edits(b"SMITH", b"SMYTH"), None);
        assert_eq!(edits(b"DMITRI", b"OMITRI"), None);
        assert_eq!(edits(b"ANNA", b"ANNAB"), None);
    }

    #[test]
    fn a_part_takes_the_one_zone_word_near_it() {
        // Dev (seed 131): the Q read as O, and as OQ.
        let zone = words(&["SURNAME", "LINDQVIST", "GIVEN", "NAMES", "ZOE"]);
        let mut m = names("P<ITALINDOVIST<<ZOE<<<<<<<<<<<<<<<<<<<<<<<<<");
        assert!(mend(&mut m, &zone));
        assert_eq!(
            (m.surname.as_str(), m.given_names.as_str()),
            ("LINDQVIST", "ZOE")
        );
        let mut m = names("P<ITALINDOQVIST<ABERG<<ZOE<<<<<<<<<<<<<<<<<<");
        let zone = words(&["LINDQVIST", "ABERG", "ZOE"]);
        assert!(mend(&mut m, &zone));
        assert_eq!(m.surname, "LINDQVIST ABERG");
        // The J as IJ and the K lost to the fillers: two edits in six.
        let mut m = names("P<ESPVILLANUEVA<<WOIJTE<<<<<<<<<<<<<<<<<<<<<");
        assert!(mend(&mut m, &words(&["VILLANUEVA", "WOJTEK"])));
        assert_eq!(m.given_names, "WOJTEK");
    }

    #[test]
    fn far_words_ties_and_short_parts_mend_nothing() {
        // Two slips in a five-letter part: too far.
        let mut m = names("P<ITAOOLAN<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
        assert!(!mend(&mut m, &words(&["QQLAN", "ANNA"])));
        // Two words one slip away: which one is not known.
        let mut m = names("P<ITAOLSON<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
        assert!(!mend(&mut m, &words(&["QLSON", "OLSQN"])));
        assert_eq!(m.surname, "OLSON");
        // A mark the zone lost is the zone's slip (dev: `OMITRI` printed).
        let mut m = names("P<ITAMUELLER<<DMITRI<<<<<<<<<<<<<<<<<<<<<<<<<<");
        assert!(!mend(&mut m, &words(&["MUELLER", "OMITRI", "LEE"])));
        // The zone's own slip (a word cut short) is no reading of the part.
        let mut m = names("P<ITAPAPADOPOULOS<<ANNA<<<<<<<<<<<<<<<<<<<<<<<");
        assert!(!mend(&mut m, &words(&["PAPADOPOUL", "OG", "ANNA"])));
        // A two-letter part is left as read.
        let mut m = names("P<ITAXU<<LI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
        assert!(!mend(&mut m, &words(&["XI", "LU"])));
        // Another holder's name is nowhere near: it stays as read.
        let mut m = names("P<ITAGARCIA<<MARIA<<<<<<<<<<<<<<<<<<<<<<<<<<<");
        assert!(!mend(&mut m, &words(&["LINDQVIST", "ZOE"])));
    }
}
