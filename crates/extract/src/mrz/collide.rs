//! Check-digit collisions: how cheaply another reading of the band would
//! hold every check digit too.
//!
//! A check digit is one decimal digit: it rules out any single slip whose
//! values differ by other than a multiple of 10, but two or three slips in
//! the fields it covers pass it one time in ten, and the composite digit,
//! which weighs the document number exactly as the number's own digit does,
//! adds nothing against slips there. On an MRZ printed in a font the
//! templates were not made from, many cells are near ties, and some set of
//! them can cancel out: `IOSZ65B75` read for `T05265875` held the number's
//! digit and the composite, each cell a near tie against OCR-B.
//!
//! So trust is not "every digit holds" but "no other reading the pixels
//! nearly support holds every digit as well": the cheapest alternative
//! reading of the checked cells that is sound (every digit, real dates) and
//! gives another number or date, costed by how much worse its characters
//! match their cells (see [`rival_cost`]). A read is decisive only when that
//! cost is at least [`MIN_COLLISION_COST`].

use super::check::char_value;
use super::ocrb::{CellScores, CHARSET};
use super::parse::{parse_lines, Mrz, MrzFormat};

/// An alternative reading that costs less than this (the sum of its
/// characters' [`rival_cost`]s) and holds every check digit makes the read
/// ambiguous. From the dev split (`bench/extract/RESULTS.md`, 2026-12-03):
/// on the unseen-font sources (Courier Prime, Fira Code, Anonymous Pro,
/// B612 Mono, 40 pages each) every wrong sound template read had a rival
/// under 0.27; on OCR-B one right read of 37 has one (a single K/A tie at
/// 0.28, its visual zone illegible) and is no longer trusted.
pub const MIN_COLLISION_COST: f32 = 0.3;

/// At most this many characters changed together: three slips cancel in a
/// field's digit and the composite together (number + its digit +
/// composite digit); more is rarer than the read being right.
const MAX_CHANGES: usize = 3;

/// Candidates considered, cheapest first: enough for any band, and a bound on
/// the search (C(40, 3) ≈ 10k parses at worst, only for sound reads).
const MAX_CANDIDATES: usize = 40;

/// What the layout allows in a checked cell.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Dates and check digits: the repair maps look-alike letters to digits.
    Digit,
    /// Document number and optional data: letters, digits and fillers.
    Alnum,
}

/// The cells the check digits cover (composite included), per line: (line,
/// first, end, kind). The sex and nationality cells between them are not
/// covered by any digit, so no alternative there can break or mend one.
fn covered(format: MrzFormat) -> Vec<(usize, usize, usize, Kind)> {
    use Kind::{Alnum, Digit};
    match format {
        MrzFormat::TD1 => vec![
            (0, 5, 14, Alnum),
            (0, 14, 15, Digit),
            (0, 15, 30, Alnum),
            (1, 0, 7, Digit),
            (1, 8, 15, Digit),
            (1, 18, 29, Alnum),
            (1, 29, 30, Digit),
        ],
        MrzFormat::TD3 => vec![
            (1, 0, 9, Alnum),
            (1, 9, 10, Digit),
            (1, 13, 20, Digit),
            (1, 21, 28, Digit),
            (1, 28, 42, Alnum),
            (1, 42, 44, Digit),
        ],
        MrzFormat::TD2 => vec![
            (1, 0, 9, Alnum),
            (1, 9, 10, Digit),
            (1, 13, 20, Digit),
            (1, 21, 28, Digit),
            (1, 28, 35, Alnum),
            (1, 35, 36, Digit),
        ],
        MrzFormat::MrvA | MrzFormat::MrvB => vec![
            (1, 0, 9, Alnum),
            (1, 9, 10, Digit),
            (1, 13, 20, Digit),
            (1, 21, 28, Digit),
        ],
    }
}

/// Characters the reader does not tell apart in a cell of this kind: in a
/// digit cell a digit and the letters the repair turns into it; in a
/// letters-and-digits cell only a filler and the letters fillers are misread
/// as. There every letter and digit stands alone, its look-alike included:
/// numbers start with letters as often as not, and S/5 at the start with
/// 1/I further on cancel out in the number's digit (`5492640I3` read for
/// `S49264013` held it and the composite).
fn same(kind: Kind, c: u8, x: u8) -> bool {
    if x == c {
        return true;
    }
    let digit_of = |l: u8| match l {
        b'O' | b'Q' | b'D' | b'U' | b'C' => Some(b'0'),
        b'I' | b'L' | b'J' | b'T' => Some(b'1'),
        b'Z' => Some(b'2'),
        b'A' => Some(b'4'),
        b'S' => Some(b'5'),
        b'G' => Some(b'6'),
        b'B' => Some(b'8'),
        _ => None,
    };
    match kind {
        Kind::Digit => digit_of(x) == Some(c),
        Kind::Alnum => c == b'<' && matches!(x, b'K' | b'X'),
    }
}

/// The cost of reading `x` in a cell read as `c`: `1 - d(c) / d(x)` over
/// the template distances (0: `x` fits as well; near 1: far worse), with
/// `c` standing for the look-alikes the layout merges with it (see
/// [`same`]). None when `x` is no alternative there.
fn rival_cost(d: &[f32; 37], kind: Kind, c: u8, x: u8) -> Option<f32> {
    if same(kind, c, x) || (kind == Kind::Digit && !x.is_ascii_digit()) {
        return None;
    }
    let own = CHARSET
        .iter()
        .zip(d)
        .filter(|&(&y, _)| same(kind, c, y))
        .map(|(_, &v)| v)
        .fold(f32::MAX, f32::min);
    // Where x itself stands for its own look-alikes (a digit in a digit
    // cell), its best-fitting one counts, but never one of c's own (U is a
    // look-alike of both 0 and itself: reading 0 for U costs 0's fit, not U's).
    let rival = CHARSET
        .iter()
        .zip(d)
        .filter(|&(&y, _)| same(kind, x, y) && !same(kind, c, y))
        .map(|(_, &v)| v)
        .fold(f32::MAX, f32::min);
    if own == f32::MAX || rival == f32::MAX {
        return None;
    }
    if rival <= 0.0 {
        return Some(0.0);
    }
    Some((1.0 - own / rival).clamp(0.0, 1.0))
}

/// One alternative character for one cell.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    line: usize,
    at: usize,
    x: u8,
    cost: f32,
}

/// The cheapest alternative readings per cell, under `budget`.
fn candidates(mrz: &Mrz, cells: &[CellScores], budget: f32) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (line, a, b, kind) in covered(mrz.format) {
        let (Some(text), Some(scores)) = (mrz.lines.get(line), cells.get(line)) else {
            continue;
        };
        for at in a..b {
            let (Some(&c), Some(d)) = (text.as_bytes().get(at), scores.get(at)) else {
                continue;
            };
            // A filler only ends a field: `<64354779` for `K64354779` holds
            // every digit (K is worth 20) but is no number.
            let filler_ok = at + 1 == b || text.as_bytes().get(at + 1) == Some(&b'<');
            for &x in CHARSET {
                // In a digit cell only the digit stands (its letters are
                // the same to the repair).
                if (kind == Kind::Digit && !x.is_ascii_digit()) || (x == b'<' && !filler_ok) {
                    continue;
                }
                if let Some(cost) = rival_cost(d, kind, c, x) {
                    if cost < budget {
                        out.push(Candidate { line, at, x, cost });
                    }
                }
            }
        }
    }
    out.sort_by(|p, q| p.cost.total_cmp(&q.cost));
    out.truncate(MAX_CANDIDATES);
    out
}

/// Another sound reading of the checked fields: what it would report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rival {
    /// Its document number.
    pub document_number: String,
    /// Its date of birth, ISO.
    pub birth_date: Option<String>,
    /// Its date of expiry, ISO.
    pub expiry_date: Option<String>,
}

/// The reading with `changes` applied, if it is another sound reading:
/// every check digit holds, both dates are real, and the number or a date
/// differs from `mrz`'s (an alternative in optional data only changes no
/// field).
fn collides(mrz: &Mrz, changes: &[Candidate]) -> Option<Rival> {
    let mut lines: Vec<Vec<u8>> = mrz.lines.iter().map(|l| l.as_bytes().to_vec()).collect();
    for c in changes {
        if let Some(cell) = lines.get_mut(c.line).and_then(|l| l.get_mut(c.at)) {
            *cell = c.x;
        }
    }
    let strs: Vec<&str> = lines
        .iter()
        .filter_map(|l| std::str::from_utf8(l).ok())
        .collect();
    Rival::of(&parse_lines(&strs).ok()?, mrz)
}

impl Rival {
    /// `alt` as a rival of `read`: when it is sound (every check digit
    /// holds, both dates are real) and reports another number or date.
    pub(super) fn of(alt: &Mrz, read: &Mrz) -> Option<Rival> {
        let other = alt.document_number != read.document_number
            || alt.birth_date != read.birth_date
            || alt.expiry_date != read.expiry_date;
        (super::read::sound(alt) && other).then(|| Rival {
            document_number: alt.document_number.clone(),
            birth_date: alt.birth_date.clone(),
            expiry_date: alt.expiry_date.clone(),
        })
    }
}

/// What the search found: the cheapest rival's cost ([`MIN_COLLISION_COST`]
/// when none is under it) and every distinct rival under it, or None when
/// there were more than [`MAX_RIVALS`] (nothing could tell them all apart).
pub struct Collisions {
    pub cost: f32,
    pub rivals: Option<Vec<Rival>>,
}

/// More rivals than this and the read is noise to the check digits.
const MAX_RIVALS: usize = 8;

/// Depth-first over combinations of up to [`MAX_CHANGES`] candidates at
/// distinct cells, cheapest first, each parsed (exact for every layout, TD1
/// long numbers included); every rival under the budget is kept.
fn search(
    mrz: &Mrz,
    cands: &[Candidate],
    from: usize,
    chosen: &mut Vec<Candidate>,
    cost: f32,
    found: &mut Collisions,
) {
    for i in from..cands.len() {
        let c = cands[i];
        let total = cost + c.cost;
        // Sorted by cost: no later candidate is cheaper.
        if total >= MIN_COLLISION_COST || found.rivals.is_none() {
            break;
        }
        if chosen.iter().any(|p| p.line == c.line && p.at == c.at) {
            continue;
        }
        chosen.push(c);
        if let Some(rival) = collides(mrz, chosen) {
            if super::debug() {
                eprintln!("collision at {total:.3}: {chosen:?} {rival:?}");
            }
            found.cost = found.cost.min(total);
            if let Some(rs) = found.rivals.as_mut() {
                if !rs.contains(&rival) {
                    rs.push(rival);
                }
                if rs.len() > MAX_RIVALS {
                    found.rivals = None;
                }
            }
        } else if chosen.len() < MAX_CHANGES {
            search(mrz, cands, i + 1, chosen, total, found);
        }
        chosen.pop();
    }
}

/// The other sound readings with another number or date that cost less
/// than [`MIN_COLLISION_COST`] (see the module doc). Lines and cells that
/// do not match (or characters outside the MRZ set) give cost 0 and no
/// known rivals.
pub(super) fn collisions(mrz: &Mrz, cells: &[CellScores]) -> Collisions {
    let foreign = |l: &String| l.bytes().any(|c| char_value(c).is_none());
    if mrz.lines.len() != cells.len() || mrz.lines.iter().any(foreign) {
        return Collisions {
            cost: 0.0,
            rivals: None,
        };
    }
    let cands = candidates(mrz, cells, MIN_COLLISION_COST);
    let mut found = Collisions {
        cost: MIN_COLLISION_COST,
        rivals: Some(Vec::new()),
    };
    search(
        mrz,
        &cands,
        0,
        &mut Vec::with_capacity(MAX_CHANGES),
        0.0,
        &mut found,
    );
    if super::debug() {
        eprintln!(
            "collision cost {:.3} ({} candidates)",
            found.cost,
            cands.len()
        );
    }
    found
}
