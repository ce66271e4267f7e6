//! A name the visual zone prints in pieces. Under a strong perspective
//! and a glare spot, each of the zone's OCR passes slipped somewhere in a
//! card's `KOWALSKI` (`KOWATSKI`, `KOWALSIG`, `KOWATSII`) and none printed
//! it whole, though between them every letter was printed as the MRZ has
//! it. A name part counts as printed when at least two words of its length,
//! each a few letters off, print every one of its letters between them,
//! each letter in its own cell.

use super::viz::words;
use super::Mrz;

/// Name parts shorter than this are not confirmed in pieces: with a slip
/// allowed, a short word matches too much of a page's text.
const MIN_PART: usize = 5;

/// Letters a word may have otherwise than the name part: one in a part
/// of up to 6 letters, two in a longer one.
fn max_slips(len: usize) -> usize {
    if len <= 6 {
        1
    } else {
        2
    }
}

/// Whether `part` is printed in pieces by `words` (see the module's comment).
fn part_printed(part: &str, words: &[String]) -> bool {
    let p = part.as_bytes();
    if p.len() < MIN_PART {
        return false;
    }
    let mut printed = vec![false; p.len()];
    let mut near: Vec<&str> = Vec::new();
    for w in words {
        let wb = w.as_bytes();
        if wb.len() != p.len() || near.contains(&w.as_str()) {
            continue;
        }
        let slips = wb.iter().zip(p).filter(|(a, b)| a != b).count();
        if slips == 0 || slips > max_slips(p.len()) {
            continue;
        }
        near.push(w);
        for (k, (a, b)) in wb.iter().zip(p).enumerate() {
            printed[k] |= a == b;
        }
    }
    near.len() >= 2 && printed.iter().all(|&x| x)
}

/// Whether every part of `names` (space-separated) is printed whole among
/// `words`, or in pieces (see [`part_printed`]), and at least one only so.
fn printed_in_pieces(names: &str, words: &[String]) -> bool {
    let parts: Vec<&str> = names.split_whitespace().collect();
    let whole = |p: &str| words.iter().any(|w| w == p);
    !parts.is_empty()
        && parts.iter().all(|p| whole(p) || part_printed(p, words))
        && parts.iter().any(|p| !whole(p))
}

/// Whether the zone's passes (`texts`) print the MRZ's surname and its
/// given names in pieces, each as [`printed_in_pieces`] says.
pub(super) fn names_in_pieces(mrz: &Mrz, texts: &[String]) -> (bool, bool) {
    let ws: Vec<String> = texts.iter().flat_map(|t| words(t)).collect();
    (
        printed_in_pieces(&mrz.surname, &ws),
        printed_in_pieces(&mrz.given_names, &ws),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    /// Dev (pipeline seed 211, c222): a card's back at a strong angle.
    #[test]
    fn slips_in_different_letters_print_the_name_between_them() {
        let w = ws(&["KOWATSII", "KOWALSIG", "KOWATSIY", "KOWATSKI", "GRACE"]);
        assert!(part_printed("KOWALSKI", &w));
        assert!(printed_in_pieces("KOWALSKI", &w));
    }

    #[test]
    fn a_letter_no_word_prints_is_not_printed() {
        // Every word slipped in the fifth letter: the MRZ's L is unseen.
        let w = ws(&["KOWATSKI", "KOWATSIY", "KOWATSII"]);
        assert!(!part_printed("KOWALSKI", &w));
        // One word alone, however near, is one pass's reading.
        assert!(!part_printed("KOWALSKI", &ws(&["KOWALSKT"])));
        // Too many slips, or a short name.
        assert!(!part_printed("KOWALSKI", &ws(&["KOXATSKI", "KOWALXYZ"])));
        assert!(!part_printed("LEE", &ws(&["LFE", "IEE"])));
    }

    #[test]
    fn a_name_printed_whole_is_not_counted_again() {
        let w = ws(&["KOWALSKI"]);
        assert!(!printed_in_pieces("KOWALSKI", &w));
        assert!(!printed_in_pieces("", &w));
    }
}
