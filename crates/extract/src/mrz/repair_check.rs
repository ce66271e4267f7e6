//! A field made to agree with its check digit by one look-alike swap (see
//! [`fix_by_check`]), split from `repair` (one job each: that module maps
//! characters by class and fits the lines).

use super::check::holds;

const SWAPS: &[(u8, u8)] = &[
    (b'O', b'0'),
    (b'I', b'1'),
    (b'B', b'8'),
    (b'S', b'5'),
    (b'Z', b'2'),
    (b'G', b'6'),
    (b'D', b'0'),
    (b'Q', b'0'),
    (b'A', b'4'),
];

fn alternatives(c: u8) -> Vec<u8> {
    SWAPS
        .iter()
        .filter_map(|&(a, d)| {
            if c == a {
                Some(d)
            } else if c == d {
                Some(a)
            } else {
                None
            }
        })
        .collect()
}

/// The digit a letter stands for when it is read among digits. Letters
/// that look like digits among digits (O/Q/D → 0, I → 1, ...) are digits
/// when the check digit holds either way: two or three such slips can
/// cancel out in the weighted sum (O=24, Q=26: 24·7 + 26·3 + 24·1 ≡ 0).
/// Only look-alikes whose values differ by other than a multiple of 10
/// (not G/6, U/0, L/1): a single such slip always breaks the check digit,
/// so a correct field is never changed by this.
fn digit_look_alike(c: u8) -> Option<u8> {
    match c {
        b'O' | b'Q' | b'D' => Some(b'0'),
        b'I' => Some(b'1'),
        b'Z' => Some(b'2'),
        b'S' => Some(b'5'),
        b'B' => Some(b'8'),
        _ => None,
    }
}

/// Whether cell `i` of `field` stands among digits, where a look-alike
/// letter is read as its digit (see [`digit_look_alike`]).
fn among_digits(field: &[u8], i: usize, prefixed: bool) -> bool {
    let digitish = |j: Option<usize>| {
        j.and_then(|j| field.get(j))
            .is_some_and(|&c| c.is_ascii_digit() || digit_look_alike(c).is_some())
    };
    let (prev, next) = (i.checked_sub(1), Some(i + 1));
    // A look-alike followed by two digit-like characters starts the
    // digits too: right after a letter prefix ("E" of "EO3O45831"), or
    // first in a personal number. A document number's first character
    // stays: it is the prefix most often, and two prefix letters can
    // cancel out too (D·7 + Z·3 ≡ 0·7 + 2·3).
    (digitish(prev) && (digitish(next) || i + 1 == field.len()))
        || ((i > 0 || !prefixed) && digitish(next) && digitish(Some(i + 2)))
}

/// Make an alphanumeric field agree with its check digit by swapping ONE
/// look-alike character, and only when exactly one such swap works (letter
/// → digit swaps first: numbers hold more digits than letters). Every extra
/// degree of freedom spends the check digit's protection, so no wider search
/// is made.
///
/// `prefixed`: the field may start with letters (a document number; a
/// personal number is digits from its first character).
///
/// Returns whether a swap was made: then the check digit chose the
/// character and has nothing left to verify the field with (and the
/// composite, which weighs the number in the same phase, neither).
pub(super) fn fix_by_check(field: &mut [u8], cd: u8, prefixed: bool) -> bool {
    let digitized: Vec<u8> = field
        .iter()
        .enumerate()
        .map(|(i, &c)| match digit_look_alike(c) {
            Some(d) if among_digits(field, i, prefixed) => d,
            _ => c,
        })
        .collect();
    if digitized != field && holds(&digitized, cd) {
        field.copy_from_slice(&digitized);
        return false;
    }
    if holds(field, cd) {
        return false;
    }
    if let Some(cand) = one_swap(field, cd, prefixed) {
        field.copy_from_slice(&cand);
        return true;
    }
    false
}

/// Digits that a document number's first letter came out as, in fonts
/// the dev split has: a Z whose diagonal is straight or crossed as 7, a J
/// with a top bar as 3 (`314616161` for `J14616161`). Tried only in the
/// first cell, where a letter prefix stands, and only as one swap that
/// alone makes the digit hold (which spends it: see [`fix_by_check`]).
const PREFIX_LOOK_ALIKES: &[(u8, u8)] = &[(b'7', b'Z'), (b'3', b'J')];

/// The one look-alike swap that makes `field` hold `cd`, when exactly one
/// does: to a digit before to a letter, and a letter at the edge of a run
/// of digits (a prefix, a letter beside letters) before one between two
/// digits. Numbers are letters then digits far more often than digits with
/// one letter inside: `311869459` holds its digit both as `J11869459`, the
/// number printed, and as `311869A59`.
fn one_swap(field: &[u8], cd: u8, prefixed: bool) -> Option<Vec<u8>> {
    let mut to_digit_hits: Vec<Vec<u8>> = Vec::new();
    let mut to_letter_hits: Vec<Vec<u8>> = Vec::new();
    let mut inner_letter_hits: Vec<Vec<u8>> = Vec::new();
    let digit_at = |j: Option<usize>| j.and_then(|j| field.get(j)).is_some_and(u8::is_ascii_digit);
    for i in 0..field.len() {
        let mut alts = alternatives(field[i]);
        // Letters that read as a digit no look-alike table pairs them with,
        // only where a letter prefix stands (see PREFIX_LOOK_ALIKES).
        if prefixed && i == 0 {
            alts.extend(
                PREFIX_LOOK_ALIKES
                    .iter()
                    .filter(|&&(d, _)| d == field[i])
                    .map(|&(_, l)| l),
            );
        }
        for alt in alts {
            let mut cand = field.to_vec();
            cand[i] = alt;
            // A look-alike letter put among digits is one the digit
            // reading above takes back: `366905665` → `3669O5665` holds
            // its digit by chance beside `J66905665`, the number read.
            if digit_look_alike(alt).is_some() && among_digits(&cand, i, prefixed) {
                continue;
            }
            if holds(&cand, cd) {
                if alt.is_ascii_digit() {
                    to_digit_hits.push(cand);
                } else if digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)) {
                    inner_letter_hits.push(cand);
                } else {
                    to_letter_hits.push(cand);
                }
            }
        }
    }
    match (
        to_digit_hits.len(),
        to_letter_hits.len(),
        inner_letter_hits.len(),
    ) {
        (1, _, _) => to_digit_hits.pop(),
        (0, 1, _) => to_letter_hits.pop(),
        (0, 0, 1) => inner_letter_hits.pop(),
        _ => None,
    }
}
