//! The holder's names where no label gave them. The AAMVA card design
//! standard numbers them 1 (family name) and 2 (given names) and prints
//! them in that order above 8 (the address), and fronts keep that order
//! even where their small `1` / `2` are lost: Tesseract folds a small
//! numeral under a big name into the name's box, or reads nothing. So, in
//! the column of the `CITY, ST ZIP` line, upward past the street and any
//! label lines, the two lines shaped like names are taken: the upper one is
//! the family name, the lower one the given names. Where other fields stand
//! between them and the address, the two lines at the top of that column
//! are taken the same way. Anything else met on the way ends the search,
//! and fewer than two names give nothing: the order is only known for the
//! pair.

use crate::address::city_state_zip;

use super::front::MIN_FIELD_CONFIDENCE;
use super::front_labels::{FrontFields, STREET_TYPES};
use super::front_layout::{label_only, Placed, SHAPE};

/// Words printed on fronts that name no one.
const NOT_NAMES: &[&str] = &[
    "ADDRESS",
    "CARD",
    "CLASS",
    "COMMERCIAL",
    "DONOR",
    "DRIVER",
    "DRIVERS",
    "DUPLICATE",
    "EYES",
    "HAIR",
    "HGT",
    "ID",
    "IDENTIFICATION",
    "LICENCE",
    "LICENSE",
    "NONE",
    "OPERATOR",
    "PERMIT",
    "REAL",
    "RESTRICTIONS",
    "SEX",
    "STATE",
    "USA",
    "VETERAN",
    "WGT",
];

/// The words of a line shaped like a name part: one to three words of
/// letters (and `-`, `'`), the first of two letters or more, none a word
/// fronts print for other reasons. A field number beside it (`1 SMITH`,
/// `SMITH 1`: the label folded into the line) is dropped.
fn name_shaped(t: &str) -> Option<Vec<String>> {
    let up = t.trim().to_ascii_uppercase();
    let mut words: Vec<&str> = up.split_whitespace().collect();
    let field_number = |w: Option<&&str>| w.is_some_and(|w| matches!(*w, "1" | "2"));
    if field_number(words.first()) {
        words.remove(0);
    }
    if field_number(words.last()) {
        words.pop();
    }
    let letters = |w: &&str| {
        w.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
            && w.chars().any(|c| c.is_ascii_alphabetic())
    };
    let ok = (1..=3).contains(&words.len())
        && words.iter().all(letters)
        && words[0].len() >= 2
        && !words.iter().any(|w| NOT_NAMES.contains(w))
        // The issuer's name in a header (`WASHINGTON`, `NEW YORK`).
        && !(up.len() > 2 && crate::usps::state_code(&up).is_some());
    ok.then(|| words.iter().map(|w| w.to_string()).collect())
}

/// A street line (`742 EVERGREEN TERRACE`, `12 B ST APT 4`): a house
/// number, then words; or, its number misread (`ipa ey TERRACE`), ending
/// in a street type. Not a date or a bare number.
fn street_like(t: &str) -> bool {
    let mut toks = t.split_whitespace();
    let numbered = toks
        .next()
        .is_some_and(|h| h.bytes().all(|b| b.is_ascii_digit()))
        && toks.any(|w| w.chars().any(|c| c.is_ascii_alphabetic()));
    let last = t
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_ascii_uppercase();
    numbered || (t.split_whitespace().count() >= 2 && STREET_TYPES.contains(&last.as_str()))
}

/// The two name-shaped lines met first walking `column` (label lines
/// skipped; up to two street lines skipped before any name when
/// `past_street`), nearest first as given; anything else ends the walk.
fn first_two<'a>(column: &[&'a Placed<'a>], past_street: bool) -> Option<[(Vec<String>, f32); 2]> {
    let mut names: Vec<(Vec<String>, f32)> = vec![];
    let mut address_lines = 0;
    for l in column {
        let t = l.text.trim();
        if label_only(t).is_some() {
            continue;
        }
        if past_street && names.is_empty() && address_lines < 2 && street_like(t) {
            address_lines += 1;
            continue;
        }
        names.push((name_shaped(t)?, l.confidence));
        if names.len() == 2 {
            return names.try_into().ok();
        }
    }
    None
}

/// Sets the family and given names from the two name lines stacked just
/// above the address, or else from the top of the address's column (see
/// the module doc), when no label gave either.
pub(super) fn stacked_names(out: &mut FrontFields, lines: &[Placed<'_>]) {
    if out.last_name.is_some() || out.first_name.is_some() {
        return;
    }
    let Some(anchor) = lines
        .iter()
        .find(|l| city_state_zip(l.text.trim()).is_some())
    else {
        return;
    };
    // In i64: boxes from a hostile picture must not overflow i32 arithmetic.
    let b = |v: i32| i64::from(v);
    let (ax, ay) = (b(anchor.bbox.0), b(anchor.bbox.1));
    let tol = ((b(anchor.bbox.3) - ay) * 3 / 2).max(12);
    let mut column: Vec<&Placed<'_>> = lines
        .iter()
        .filter(|l| (b(l.bbox.0) - ax).abs() <= tol && b(l.bbox.3) <= ay + tol / 3)
        .filter(|l| !std::ptr::eq(*l, anchor))
        .collect();
    column.sort_by_key(|l| l.bbox.1);
    let top_down = first_two(&column, false).map(|[family, given]| (family, given));
    column.reverse();
    let Some(((family, fc), (given, gc))) = first_two(&column, true)
        .map(|[given, family]| (family, given))
        .or(top_down)
    else {
        return;
    };
    // The pair's order is the evidence: a line too unsure to be given is
    // too unsure to place the other.
    if gc.min(fc) * SHAPE < MIN_FIELD_CONFIDENCE {
        return;
    }
    out.last_name = Some((family.join(" "), fc * SHAPE));
    out.first_name = Some((given[0].clone(), gc * SHAPE));
    if given.len() > 1 {
        out.middle_name = Some((given[1..].join(" "), gc * SHAPE));
    }
}
