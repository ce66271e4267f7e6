//! A names field mended cell by cell where two engines slipped in different
//! cells. In a font neither knows, Tesseract read `SIQBHANKLEE` (an O as Q,
//! a filler as K) and the OCR-B templates `STOBFAN<LEE` (I as T, H as F)
//! for the printed `SIOBHAN LEE`: neither read is printed, so neither is
//! vouched for, though every cell was read right by one of them.
//!
//! The template read's fillers give the field's shape (its cells are fixed,
//! so where names start and end is what it reads best). Each of its name
//! parts becomes the one word the visual zone prints with that length (a
//! cut last part: the start of a longer word), when every cell of the
//! result is what one engine or the other read there: a letter both
//! engines read alike, or a filler both read as a letter, is never
//! overruled. The zone is the document's own print, never what a
//! verification expects; the mended names are then vouched for as before,
//! by the zone printing them (see [`super::viz`]).

use super::names_filler::{name_words, names_field, set_field};
use super::Mrz;

/// The runs of letters of a names field: (start, end) cell spans.
fn parts(field: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in field.iter().enumerate() {
        match (c == b'<', start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, field.len()));
    }
    out
}

/// The field `read` (one engine's) mended by `cells` (the other's, the
/// same field's length) and the zone's `words`; None when a part has no
/// such word or two, or nothing changes.
fn vote(read: &[u8], cells: &[u8], words: &[&str]) -> Option<Vec<u8>> {
    if read.len() != cells.len() {
        return None;
    }
    let spans = parts(cells);
    // The shape must be a names field: a surname, then `<<` before any
    // given names, nothing after three fillers.
    let body = cells.iter().rposition(|&c| c != b'<')? + 1;
    if spans.is_empty() || cells[..body].windows(3).any(|w| w == b"<<<") {
        return None;
    }
    let mut out = vec![b'<'; read.len()];
    let supported = |i: usize, c: u8| read[i] == c || cells[i] == c;
    for &(s, e) in &spans {
        let cut = e == cells.len();
        let mut found: Option<&[u8]> = None;
        for w in words {
            let w = w.as_bytes();
            let w = if cut && w.len() > e - s {
                &w[..e - s]
            } else {
                w
            };
            if w.len() != e - s || found == Some(w) {
                continue;
            }
            if (s..e).zip(w).all(|(i, &c)| supported(i, c)) {
                if found.is_some() {
                    return None;
                }
                found = Some(w);
            }
        }
        out[s..e].copy_from_slice(found?);
    }
    let fillers_hold = (0..out.len()).all(|i| out[i] != b'<' || supported(i, b'<'));
    (fillers_hold && out != read).then_some(out)
}

/// Mend `mrz`'s names field from the zone's `words` (upper case, as the MRZ
/// spells them) and `cells`, the other engine's names fields of the same
/// band; returns whether it changed. Every field that mends must mend
/// alike, and the checked fields must stay as they were.
pub(super) fn mend(mrz: &mut Mrz, words: &[String], cells: &[String]) -> bool {
    let Some(field) = names_field(mrz) else {
        return false;
    };
    let words = name_words(words);
    let mut new: Option<Vec<u8>> = None;
    for c in cells {
        let Some(m) = vote(field.as_bytes(), c.as_bytes(), &words) else {
            continue;
        };
        if new.as_ref().is_some_and(|n| *n != m) {
            return false;
        }
        new = Some(m);
    }
    let Some(new) = new.and_then(|n| String::from_utf8(n).ok()) else {
        return false;
    };
    set_field(mrz, &new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(s: &str) -> Vec<u8> {
        format!("{s:<<39}").into_bytes()
    }

    fn words(ws: &[&'static str]) -> Vec<&'static str> {
        ws.to_vec()
    }

    #[test]
    fn every_cell_read_right_by_one_engine_gives_the_printed_names() {
        let zone = words(&["SURNAME", "TANAKA", "GIVEN", "SIOBHAN", "LEE"]);
        let got = vote(
            &field("TANAKA<<SIQBHANKLEE"),
            &field("TANAKA<<STOBFAN<LEE"),
            &zone,
        );
        assert_eq!(got, Some(field("TANAKA<<SIOBHAN<LEE")));
        // The shape is the second field's: Tesseract's `SIQBHANKLEE` is one
        // part of 11 cells, and the zone prints no word that long.
        let got = vote(
            &field("TANAKA<<STOBFAN<LEE"),
            &field("TANAKA<<SIQBHANKLEE"),
            &zone,
        );
        assert_eq!(got, None);
    }

    #[test]
    fn a_cell_both_engines_read_alike_is_not_overruled() {
        // Both read M where the zone prints N: the MRZ says otherwise.
        let zone = words(&["TANAKA", "SIOBHAN", "LEE"]);
        let got = vote(
            &field("TANAKA<<SIQBHAMKLEE"),
            &field("TANAKA<<STOBFAM<LEE"),
            &zone,
        );
        assert_eq!(got, None);
        // A name the templates read where Tesseract read fillers, and the
        // zone prints no word of its length: nothing.
        let got = vote(
            &field("TANAKA<<SIOBHAN<<<<"),
            &field("TANAKA<<SIOBHAN<LXE"),
            &zone,
        );
        assert_eq!(got, None);
    }

    #[test]
    fn two_printed_words_that_fit_or_nothing_to_change_decide_nothing() {
        let got = vote(
            &field("TANAKA<<SIQBHAN"),
            &field("TANAKA<<STOBFAN"),
            &words(&["TANAKA", "SIOBHAN", "SIOBFAN"]),
        );
        assert_eq!(got, None);
        let right = field("TANAKA<<SIOBHAN");
        assert_eq!(
            vote(
                &right,
                &field("TANAKA<<STOBFAN"),
                &words(&["TANAKA", "SIOBHAN"])
            ),
            None
        );
    }

    #[test]
    fn a_cut_last_part_takes_the_start_of_a_longer_word() {
        let full = |s: &str| s.as_bytes().to_vec();
        let got = vote(
            &full("FEATHERSTONE<<BARTHQLOMEW<ALEXANDEK"),
            &full("FEATHERSTONE<<BARTHOLOMEW<AIEXANDER"),
            &words(&["FEATHERSTONE", "BARTHOLOMEW", "ALEXANDERSON"]),
        );
        assert_eq!(got, Some(full("FEATHERSTONE<<BARTHOLOMEW<ALEXANDER")));
    }
}
