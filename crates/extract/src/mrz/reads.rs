//! The reads made of one picture's MRZ, by either engine, and how they are
//! ranked: the best so far, the sound ones for another engine's read to
//! agree with, and every read made, whose cells and names fields can serve
//! a read of the same band (see [`Reads::made`]).

use super::locate::Band;
pub use super::trust::MrzRead;
use super::viz::MrzPlace;
use super::{debug, Mrz};

/// Whether every check digit holds and both dates are real dates: check
/// digits alone are weak on garbage (a read of mostly `0`, `<` and letters
/// worth a multiple of 10, `DPPPIPIPDD…`, can pass every one of them).
pub fn sound(m: &Mrz) -> bool {
    m.checks_valid() && m.birth_date.is_some() && m.expiry_date.is_some()
}

/// How much of an unsure read looks like an MRZ: one point per check digit
/// that holds, per real date, per three-letter state code and for a
/// surname of letters. Ranks invalid reads, so that a Tesseract read with
/// most fields right and one wrong digit beats a garbage template read of
/// the same band that came first.
pub(super) fn plausibility(m: &Mrz) -> u32 {
    let c = &m.checks;
    let state = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase());
    let letters = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase() || b == b' ');
    [
        c.document_number,
        c.birth_date,
        c.expiry_date,
        c.optional == Some(true),
        c.composite == Some(true),
        m.birth_date.is_some(),
        m.expiry_date.is_some(),
        state(&m.issuing_state),
        state(&m.nationality),
        letters(&m.surname),
    ]
    .into_iter()
    .map(u32::from)
    .sum()
}

/// The order of reads: confident first, then sound (see [`sound`]), then
/// one no check digit was spent on (see [`MrzRead::spent`]: a later
/// Tesseract variant that read the line plainly is worth more), then the
/// more plausible. Also orders the reads of a card's two pictures.
pub fn rank(r: &MrzRead) -> (bool, bool, bool, u32) {
    let sound = sound(&r.mrz);
    (
        r.is_confident(),
        sound,
        sound && !r.spent,
        plausibility(&r.mrz),
    )
}

/// Whether a picture's best read shows the MRZ the right way up or upside
/// down (sound, or plausible as one): else the picture may lie on its side.
pub fn oriented(r: &MrzRead) -> bool {
    sound(&r.mrz) || plausibility(&r.mrz) >= ORIENTED
}

/// Whether the best read so far ends the search: sound, and no check
/// digit spent on it (a glyph dropped from the number held every digit
/// where another band's read had the number right).
pub(super) fn settled(reads: &Reads) -> bool {
    reads
        .best
        .as_ref()
        .is_some_and(|b| sound(&b.mrz) && !b.spent)
}

/// A read this plausible is of a real MRZ, if with slips: on the bench
/// corpus upside-down and misplaced reads score at most 5 (of 10), and
/// upright reads of the MRZ at least 6 but for the most degraded.
pub(super) const ORIENTED: u32 = 6;

/// Whether two reads came from different engines, each sound (see
/// [`sound`]), with the same lines but the names line: every field a check
/// digit covers, and nationality and sex, read alike.
///
/// A visa read as the other visa format agrees too when both optional
/// data runs are empty: Tesseract drops fillers from the names and the
/// optional data, and a 44-cell visa line read 33 cells long was taken for
/// an MRV-B (dev, 500-px web pictures), its checked fields where an
/// MRV-A's stand.
pub fn agree(a: &MrzRead, b: &MrzRead) -> bool {
    let data = |r: &MrzRead| -> Vec<String> {
        let names = match r.mrz.format {
            super::MrzFormat::TD1 => 2,
            _ => 0,
        };
        let mut l = r.mrz.lines.clone();
        if names < l.len() {
            l.remove(names);
        }
        l
    };
    a.engine != b.engine
        && sound(&a.mrz)
        && sound(&b.mrz)
        && if a.mrz.format == b.mrz.format {
            data(a) == data(b)
        } else {
            visas_alike(&a.mrz, &b.mrz)
        }
}

/// An MRV-A and an MRV-B read alike: the same cells up to the optional
/// data (28 on both), which holds only fillers on each.
fn visas_alike(a: &Mrz, b: &Mrz) -> bool {
    use super::MrzFormat::{MrvA, MrvB};
    fn split(m: &Mrz) -> Option<(&str, &str)> {
        matches!(m.format, MrvA | MrvB)
            .then(|| m.lines.get(1))
            .flatten()
            .filter(|l| l.len() > 28)
            .map(|l| l.split_at(28))
    }
    match (split(a), split(b)) {
        (Some((fa, ta)), Some((fb, tb))) => {
            fa == fb && ta.bytes().chain(tb.bytes()).all(|c| c == b'<')
        }
        _ => false,
    }
}

/// The reads so far: the best by [`rank`], and every sound one, for a read
/// of the other engine to agree with (see [`agree`]).
#[derive(Default)]
pub(super) struct Reads {
    pub(super) best: Option<MrzRead>,
    pub(super) sound: Vec<MrzRead>,
    /// Every read made, placed, of either engine and every template width:
    /// the template reads' names fields tell a names line's shape (see
    /// [`Self::with_context`]), and each engine's cells can mend the other's
    /// failing check digits (see [`Self::vote`]).
    pub(super) made: Vec<MrzRead>,
    /// Every Tesseract pass's lines (see [`MrzRead::witnesses`]).
    pub(super) seen: Vec<String>,
}

impl Reads {
    /// `r` with what the other reads say of it: the names fields of the
    /// template reads of its band and layout (see
    /// [`MrzRead::template_names`]), and every read's lines (see
    /// [`MrzRead::witnesses`]).
    pub(super) fn with_context(&self, mut r: MrzRead) -> MrzRead {
        r.witnesses = self.seen.clone();
        r.witnesses
            .extend(self.made.iter().flat_map(|m| m.mrz.lines.iter().cloned()));
        let (li, from) = r.mrz.format.names_field();
        let names = |m: &Mrz| {
            m.lines
                .get(li)
                .and_then(|l| l.get(from..))
                .map(str::to_string)
        };
        let own = names(&r.mrz);
        let mut found: Vec<String> = Vec::new();
        for t in &self.made {
            if t.engine != "ocrb-template" || t.place != r.place || t.mrz.format != r.mrz.format {
                continue;
            }
            if let Some(n) = names(&t.mrz).filter(|n| Some(n) != own.as_ref()) {
                if !found.contains(&n) {
                    found.push(n);
                }
            }
        }
        r.template_names = found;
        r
    }

    /// Keep a band's other template reads for their cells.
    pub(super) fn keep(&mut self, others: Vec<MrzRead>, band: Option<&Band>, upside_down: bool) {
        self.made.extend(
            others
                .into_iter()
                .filter_map(|r| placed(Some(r), band, upside_down)),
        );
    }

    /// A read whose check digits fail, mended by the cells of the other
    /// engine's read of the same band whose digits fail too (see
    /// [`super::cells_vote`]): when every such pair mends into the same
    /// lines. The digits chose cells, so the read is
    /// spent: it collides with what each engine read, and only the visual
    /// zone printing its number and dates makes it decisive.
    pub(super) fn vote(&self) -> Option<MrzRead> {
        let mut found: Option<MrzRead> = None;
        for a in self.made.iter().filter(|a| !a.mrz.checks_valid()) {
            for b in &self.made {
                // A sound read stands on its own: mixing its cells in would
                // only give it again, or a read agreeing with it by
                // construction.
                if b.engine == a.engine || b.place != a.place || b.mrz.checks_valid() {
                    continue;
                }
                let Some(m) = super::cells_vote::mend(&a.mrz, &b.mrz) else {
                    continue;
                };
                if found.as_ref().is_some_and(|f| f.mrz.lines != m.lines) {
                    return None;
                }
                let number_kept = m.document_number == a.mrz.document_number;
                found = Some(MrzRead {
                    mrz: m,
                    number_margin: if number_kept { a.number_margin } else { 0.0 },
                    collision_cost: 0.0,
                    rivals: None,
                    agreed: false,
                    spent: true,
                    ..a.clone()
                });
            }
        }
        found
    }
}

/// Keep the better of two reads by [`rank`] (the first on a tie), marking
/// it agreed when a sound read of the other engine matches it; returns
/// whether the kept read is now confident, which ends the search.
pub(super) fn consider(r: Option<MrzRead>, reads: &mut Reads) -> bool {
    let Some(mut r) = r else { return false };
    reads.made.push(r.clone());
    // Agreement is of two reads made each on its own: not one whose
    // digit chose a character or a cell (a read mended by the other
    // engine's cells agrees with them by construction).
    let plain = |o: &MrzRead, r: &MrzRead| !o.spent && !r.spent && agree(o, r);
    if reads.sound.iter().any(|o| plain(o, &r)) {
        r.agreed = true;
    }
    if let Some(b) = reads.best.as_mut().filter(|b| plain(b, &r)) {
        b.agreed = true;
    }
    if sound(&r.mrz) {
        reads.sound.push(r.clone());
    }
    let best = &mut reads.best;
    if debug() {
        eprintln!(
            "read {} conf={:.2} cm={:.3} um={:.3} rank={:?} {:?}",
            r.engine,
            r.ocr_confidence,
            r.checked_margin,
            r.unchecked_margin,
            rank(&r),
            r.mrz.lines
        );
    }
    if best.as_ref().is_none_or(|b| rank(&r) > rank(b)) {
        *best = Some(r);
    }
    best.as_ref().is_some_and(MrzRead::is_confident)
}

/// Tag a read with the band it came from.
pub(super) fn placed(
    r: Option<MrzRead>,
    band: Option<&Band>,
    upside_down: bool,
) -> Option<MrzRead> {
    r.map(|mut r| {
        r.place = band.map(|&band| MrzPlace { band, upside_down });
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::repair;

    fn read(engine: &'static str, l2: &str, spent: bool) -> MrzRead {
        MrzRead {
            ocr_confidence: 0.5,
            engine,
            checked_margin: 0.0,
            unchecked_margin: 0.0,
            number_margin: 0.0,
            collision_cost: 0.0,
            rivals: None,
            spent,
            ..MrzRead::clear(
                repair(&["P<GBRSMITH<<PRIYA<<<<<<<<<<<<<<<<<<<<<<<<<<<", l2]).expect("repair"),
            )
        }
    }

    /// Dev (league-mono): a read mended by a template read's cells agreed
    /// with that read and was taken as two engines' word for a number
    /// neither had read plainly. Only reads no digit was spent on agree.
    #[test]
    fn a_spent_read_neither_agrees_nor_is_agreed_with() {
        let line = "I666R50363GBR6709279F3008258<<<<<<<<<<<<<<<2";
        let mut reads = Reads::default();
        consider(Some(read("ocrb-template", line, true)), &mut reads);
        consider(Some(read("tesseract", line, true)), &mut reads);
        assert!(reads.made.iter().all(|r| !r.agreed));
        assert!(!reads.best.as_ref().is_some_and(|b| b.agreed));
        // Two plain reads of the two engines alike agree.
        let mut reads = Reads::default();
        consider(Some(read("ocrb-template", line, false)), &mut reads);
        consider(Some(read("tesseract", line, false)), &mut reads);
        assert!(reads.best.as_ref().is_some_and(|b| b.agreed));
    }
}
