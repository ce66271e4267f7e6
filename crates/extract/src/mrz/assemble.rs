//! A passport's data line put together field by field from every reading
//! of the band. Under motion blur along the line no reading holds every
//! digit, yet each checked field is read right somewhere: Tesseract read
//! the number (`U138570602`) and lost the run of fillers after the dates,
//! so its line is a dozen cells short; the templates of two other fonts
//! read the dates and the personal number (`5310245M3311145<<<…<08`) and
//! garbled the number. A field is taken where its own check digit holds —
//! the number at the start of a line, the dates wherever the line shifted
//! them — and each choice of the fields that makes the composite digit
//! hold as well is a reading for the visual zone to choose from (see
//! [`super::viz_choose`]).
//!
//! The digits chose which reading each field comes from, so the read is
//! spent: it is trusted only where the visual zone prints its number
//! exactly and both dates (see [`super::MrzRead::decisive`]).

use super::check::{holds, personal_number_holds, td3_composite_holds};
use super::parse::{infer_date, parse_lines, MrzFormat};
use super::reads::Reads;
use super::repair::{clean_line, to_digit};
use super::states::is_state;
use super::trust::MrzRead;

/// The data line's checked blocks (TD3): the number with its digit, the
/// dates with theirs and the sex between, the personal number with its
/// digit and the composite.
const NUMBER: (usize, usize) = (0, 10);
const NATIONALITY: (usize, usize) = (10, 13);
const DATES: (usize, usize) = (13, 28);
const TAIL: (usize, usize) = (28, 44);
/// At most this many choices of the three blocks are tried: more distinct
/// readings that each hold their digit are garbage passing by chance.
const MAX_CHOICES: usize = 64;
/// More assemblies than this that hold every digit are garbage passing by
/// chance, not readings for the visual zone to choose from.
const MAX_FOUND: usize = 12;
/// A line shorter than this is no data line's reading.
const MIN_RAW: usize = 20;

/// The number block of a data line's reading: nine cells and a check digit
/// that holds. Fillers only at the end (ICAO pads a short number); a raw
/// line's digit cell read as a look-alike is taken as its digit.
fn number_block(line: &[u8]) -> Option<Vec<u8>> {
    let b = line.get(NUMBER.0..NUMBER.1)?;
    let (num, cd) = (&b[..9], to_digit(b[9]));
    let padded = num.iter().skip_while(|&&c| c != b'<').any(|&c| c != b'<');
    let alnum = num
        .iter()
        .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'<');
    (alnum && !padded && num[0] != b'<' && cd.is_ascii_digit() && holds(num, cd)).then(|| {
        let mut v = num.to_vec();
        v.push(cd);
        v
    })
}

/// The dates block at `at` of a reading: birth date, digit, sex, expiry
/// date, digit, each date real and its digit holding. Digit cells read as
/// look-alikes are taken as digits.
fn dates_block(line: &[u8], at: usize) -> Option<Vec<u8>> {
    let raw = line.get(at..at + (DATES.1 - DATES.0))?;
    let mut b: Vec<u8> = raw.iter().map(|&c| to_digit(c)).collect();
    b[7] = match raw[7] {
        b'M' | b'F' | b'<' => raw[7],
        _ => return None,
    };
    let date = |d: &[u8], birth| {
        std::str::from_utf8(d)
            .ok()
            .and_then(|s| infer_date(s, birth))
            .is_some()
    };
    let ok = date(&b[0..6], true)
        && holds(&b[0..6], b[6])
        && date(&b[8..14], false)
        && holds(&b[8..14], b[14]);
    ok.then_some(b)
}

/// The personal number block of a fixed reading: fourteen cells, their
/// digit holding, and the composite's cell (checked with the whole).
fn tail_block(line: &[u8]) -> Option<Vec<u8>> {
    let b = line.get(TAIL.0..TAIL.1)?;
    let pn = &b[..14];
    let ok = pn
        .iter()
        .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'<')
        && (b[14] == b'<' || b[14].is_ascii_digit())
        && personal_number_holds(pn, b[14])
        && (b[15] == b'<' || b[15].is_ascii_digit());
    ok.then(|| b.to_vec())
}

/// Each distinct block with how many readings gave it.
fn tally(v: Vec<Vec<u8>>) -> Vec<(Vec<u8>, usize)> {
    let mut out: Vec<(Vec<u8>, usize)> = Vec::new();
    for b in v {
        match out.iter_mut().find(|(o, _)| *o == b) {
            Some((_, n)) => *n += 1,
            None => out.push((b, 1)),
        }
    }
    out
}

/// The TD3 data lines assembled from `fixed` (readings fitted to 44 cells)
/// and `raw` (Tesseract's lines as read, of any length), with the
/// nationality the fixed readings agree on most: every choice of blocks
/// that holds the composite digit, the one more readings gave first. The
/// composite cannot tell apart two numbers (or dates) of one check digit
/// (each adds its digit's weight to the sum), so several may hold: the
/// visual zone tells them apart (see [`super::viz_choose`]). Empty when
/// the blocks are too many to be anything but garbage.
fn assemble_lines(fixed: &[&[u8]], raw: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let (mut numbers, mut dates, mut tails) = (Vec::new(), Vec::new(), Vec::new());
    for l in fixed {
        numbers.extend(number_block(l));
        dates.extend(dates_block(l, DATES.0));
        tails.extend(tail_block(l));
    }
    for l in raw {
        numbers.extend(number_block(l));
        for at in 0..l.len() {
            dates.extend(dates_block(l, at));
        }
    }
    let (numbers, dates, tails) = (tally(numbers), tally(dates), tally(tails));
    if super::debug() {
        let show = |v: &[(Vec<u8>, usize)]| -> Vec<String> {
            v.iter()
                .map(|(b, n)| format!("{}x{n}", String::from_utf8_lossy(b)))
                .collect()
        };
        eprintln!(
            "assemble numbers {:?} dates {:?} tails {:?}",
            show(&numbers),
            show(&dates),
            show(&tails)
        );
    }
    if numbers.len() * dates.len() * tails.len() > MAX_CHOICES {
        return Vec::new();
    }
    let Some(nationality) = nationality(fixed) else {
        return Vec::new();
    };
    let mut found: Vec<(usize, Vec<u8>)> = Vec::new();
    for (n, a) in &numbers {
        for (d, b) in &dates {
            for (t, c) in &tails {
                let line = [n.as_slice(), &nationality, d, t].concat();
                if td3_composite_holds(&line) {
                    found.push((a + b + c, line));
                }
            }
        }
    }
    if found.len() > MAX_FOUND {
        return Vec::new();
    }
    // Stable: on equal support, the order the readings came in.
    found.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    found.into_iter().map(|(_, l)| l).collect()
}

/// The nationality most fixed readings give as a state code (the first
/// reading's on a tie). No digit covers it.
fn nationality(fixed: &[&[u8]]) -> Option<Vec<u8>> {
    let mut counts: Vec<(&[u8], usize)> = Vec::new();
    for l in fixed {
        let Some(s) = l.get(NATIONALITY.0..NATIONALITY.1) else {
            continue;
        };
        if !std::str::from_utf8(s).is_ok_and(is_state) {
            continue;
        }
        match counts.iter_mut().find(|(c, _)| *c == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(s, _)| s.to_vec())
}

/// The names line that looks most like one: its issuing state a state
/// code, its names then a run of fillers to the end, a `<<` between
/// surname and given names; `base`'s on a tie. The templates of a font
/// that fits worse read the fillers `L` (`PLITADUARMBYLLBJDRN…`) where
/// OCR-B's read them plainly; no digit covers the line either way, and
/// the visual zone still mends its names (see [`super::names_near`]).
fn names_line<'a>(base: Option<&'a str>, lines: &[&'a str]) -> Option<&'a str> {
    let shape = |l: &str| {
        let b = l.as_bytes();
        let state = l.get(2..5).is_some_and(is_state);
        let names = l.get(5..).unwrap_or("").trim_end_matches('<');
        let letters = names.bytes().all(|c| c.is_ascii_uppercase() || c == b'<');
        (
            state,
            letters && names.contains("<<"),
            b.get(1) == Some(&b'<'),
        )
    };
    let mut best = base?;
    for &l in lines {
        if shape(l) > shape(best) {
            best = l;
        }
    }
    Some(best)
}

/// The passport reads assembled from `reads` (see the module's comment):
/// the names line of the best TD3 read over each data line put together
/// from every reading, best supported first. Empty when none holds every
/// digit.
pub(super) fn assemble(reads: &Reads) -> Vec<MrzRead> {
    let td3: Vec<&MrzRead> = reads
        .made
        .iter()
        .filter(|r| r.mrz.format == MrzFormat::TD3)
        .collect();
    let Some(base) = reads
        .best
        .as_ref()
        .filter(|b| b.mrz.format == MrzFormat::TD3)
        .or_else(|| td3.first().copied())
    else {
        return Vec::new();
    };
    let fixed: Vec<&[u8]> = td3
        .iter()
        .filter(|r| r.place == base.place)
        .filter_map(|r| r.mrz.lines.get(1))
        .map(|l| l.as_bytes())
        .collect();
    let raw: Vec<Vec<u8>> = reads
        .seen
        .iter()
        .map(|l| clean_line(l).into_bytes())
        .filter(|l| l.len() >= MIN_RAW)
        .collect();
    let names_lines: Vec<&str> = td3
        .iter()
        .filter(|r| r.place == base.place)
        .filter_map(|r| r.mrz.lines.first())
        .map(String::as_str)
        .collect();
    let Some(names) = names_line(base.mrz.lines.first().map(String::as_str), &names_lines) else {
        return Vec::new();
    };
    assemble_lines(&fixed, &raw)
        .into_iter()
        .filter_map(|l| String::from_utf8(l).ok())
        .filter_map(|l| parse_lines(&[names, &l]).ok())
        .filter(super::read::sound)
        .map(|mrz| MrzRead {
            mrz,
            ocr_confidence: 0.0,
            number_margin: 0.0,
            collision_cost: 0.0,
            rivals: None,
            agreed: false,
            spent: true,
            ..base.clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> Vec<u8> {
        s.as_bytes().to_vec()
    }

    /// Dev (pipeline seed 191, motion blur): no reading held every digit;
    /// Tesseract had the number, the templates the dates and the rest.
    #[test]
    fn a_number_from_one_reading_and_dates_from_another_hold_the_composite() {
        let fixed = [
            b("II3B67O6O2ITA6510146M5511140<<<<<<<<<<<<<<9M"),
            b("011RB7D8D1IIA5310245M3311145<<<<<<<<<<<<<<08"),
            b("Q11A57D601ITA5310245M3311145<<<<<<<<<<<<<<08"),
        ];
        let raw = [b("U138570602TTAS5310245M331LIAB<O8")];
        let refs: Vec<&[u8]> = fixed.iter().map(Vec::as_slice).collect();
        let got: Vec<String> = assemble_lines(&refs, &raw)
            .into_iter()
            .map(|l| String::from_utf8(l).unwrap())
            .collect();
        assert_eq!(got, ["U138570602ITA5310245M3311145<<<<<<<<<<<<<<08"]);
    }

    /// Two numbers of one check digit hold the composite alike: both are
    /// given, the one more readings gave first, for the zone to choose.
    #[test]
    fn numbers_the_digits_cannot_tell_apart_are_all_given() {
        let fixed = [b("X00000000<ITA5310245M3311145<<<<<<<<<<<<<<08")];
        let refs: Vec<&[u8]> = fixed.iter().map(Vec::as_slice).collect();
        // U13857060 (digit 2) and another number of the same weighted sum
        // both make the composite 8.
        let twin = twin_of("U13857060");
        let raw = [
            b(&format!("{twin}2ITA5310245M3311145")),
            b("U138570602ITA5310245M3311145"),
            b("U138570602ITA5310245M3311145"),
        ];
        let got = assemble_lines(&refs, &raw);
        assert_eq!(got.len(), 2);
        assert!(got[0].starts_with(b"U138570602ITA"), "two readings gave it");
        assert!(got.iter().all(|l| l.ends_with(b"M3311145<<<<<<<<<<<<<<08")));
    }

    /// `U13857060` with the same weighted sum, so the same check digit
    /// and composite: cells 7 and 8 (weights 3 and 1) raised by 1 and 7.
    fn twin_of(n: &str) -> String {
        let mut v = b(n);
        v[7] = b'7';
        v[8] = b'7';
        let s = String::from_utf8(v).unwrap();
        assert_eq!(
            super::super::check::check_digit(&s.as_bytes()[..9]),
            Some(b'2')
        );
        s
    }
}
