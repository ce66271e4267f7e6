//! Fillers and letters told apart in the names line by the visual zone.
//! Tesseract reads the filler `<` of a font it was not trained on as a
//! letter (`BJORNKJAY<<<<<<<<KKSEKEEEEKKK` for `BJORN<JAY`), and a letter
//! whose strokes end in a point as a filler (`LEMIEU<<<GRACE` for
//! `LEMIEUX<<GRACE`). No check digit covers the names, so the line is
//! refused and the verification goes to a person although both zones were
//! read.
//!
//! The repair changes only cells where the read is one of those look-alikes
//! and the filler (either way), or any letter after the given names' `<<`
//! (no name may follow it), and only to a field whose every name is a
//! word the visual zone prints and that has the names field's shape. The
//! fewest changes win; two different fields with as few are a tie and
//! nothing changes. The zone is the document's own print, never what a
//! verification expects, and the names are vouched for as before: by the
//! zone printing them.

use super::{parse_lines, Mrz};

/// Letters Tesseract gives for a filler `<` (and reads as one): pointed or
/// open shapes.
const LOOK_ALIKES: &[u8] = b"KCELSXZ";
/// Search nodes at most: the field is at most 39 cells, and the look-alike
/// cells branch at most twice.
const MAX_NODES: usize = 50_000;

/// Repair `mrz`'s names field from the zone's `words` (upper case, as the
/// MRZ spells them); returns whether it changed.
pub(super) fn repair(mrz: &mut Mrz, words: &[String]) -> bool {
    let Some(field) = names_field(mrz) else {
        return false;
    };
    let words: Vec<&[u8]> = words
        .iter()
        .map(String::as_bytes)
        .filter(|w| !w.is_empty() && w.iter().all(u8::is_ascii_uppercase))
        .collect();
    let Some(new) = best_field(field.as_bytes(), &words) else {
        return false;
    };
    set_field(mrz, &String::from_utf8_lossy(&new))
}

/// The names line from where its names start (TD3 and TD2: after the
/// code and state; TD1: its third line).
pub(super) fn names_field(mrz: &Mrz) -> Option<&str> {
    let (li, from) = mrz.format.names_field();
    mrz.lines.get(li).and_then(|l| l.get(from..))
}

/// The zone's words that can be a name part: two capitals at least.
pub(super) fn name_words(words: &[String]) -> Vec<&str> {
    words
        .iter()
        .map(String::as_str)
        .filter(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()))
        .collect()
}

/// `mrz` with its names field set to `field` (as long as the old one),
/// when the line still parses to the same checked fields; returns whether
/// it was set.
pub(super) fn set_field(mrz: &mut Mrz, field: &str) -> bool {
    let (li, from) = mrz.format.names_field();
    let mut lines = mrz.lines.clone();
    let Some(line) = lines.get_mut(li).filter(|l| l.len() == from + field.len()) else {
        return false;
    };
    line.replace_range(from.., field);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    match parse_lines(&refs) {
        Ok(m) if m.checks == mrz.checks && m.document_number == mrz.document_number => {
            *mrz = m;
            true
        }
        _ => false,
    }
}

/// A filler read as K or X and glued to the start of a name part
/// (`ANNA<KQ<<` for `ANNA<Q<<<`: the filler before the initial became two
/// glyphs) or to its end (`HOMERK<JAY` for `HOMER<JAY`, dev pipeline seed
/// 229). The cell is dropped and the field padded at its end, only where
/// the zone prints the part without its K and not with it, and the field
/// ends in fillers (nothing is pushed out of it). Returns whether it changed.
pub(super) fn drop_glued_filler(mrz: &mut Mrz, words: &[String]) -> bool {
    let Some(field) = names_field(mrz) else {
        return false;
    };
    if !field.ends_with('<') {
        return false;
    }
    let printed = |w: &str| words.iter().any(|p| p == w);
    let mut at = None;
    let mut start = 0;
    let glue = |c: &u8| matches!(c, b'K' | b'X');
    for part in field.split('<') {
        let b = part.as_bytes();
        let n = part.len();
        let front = n >= 2 && glue(&b[0]) && printed(&part[1..]);
        let back = n >= 3 && glue(&b[n - 1]) && printed(&part[..n - 1]);
        if (front || back) && !printed(part) {
            if at.is_some() || (front && back) {
                return false;
            }
            at = Some(if front { start } else { start + n - 1 });
        }
        start += n + 1;
    }
    let Some(at) = at else { return false };
    let mut new = field.to_string();
    new.remove(at);
    new.push('<');
    set_field(mrz, &new)
}

/// A name's last K or X taken for a filler (`KOWALCZY<<<LUCAS`: the
/// repair clears a K before fillers, which is more often a misread filler,
/// `NGUYENK<<LI`). Put back where the zone prints the part with it and not
/// without, and three fillers follow the part (the K's cell and the
/// surname's `<<`). Returns whether it changed the field.
pub(super) fn restore_k(mrz: &mut Mrz, words: &[String]) -> bool {
    let Some(field) = names_field(mrz) else {
        return false;
    };
    let printed = |w: &str| words.iter().any(|p| p == w);
    let mut start = 0;
    let mut at = None;
    for part in field.split('<') {
        let end = start + part.len();
        let room = field.get(end..end + 3) == Some("<<<");
        if !part.is_empty() && room && !printed(part) {
            for k in ['K', 'X'] {
                if printed(&format!("{part}{k}")) {
                    if at.is_some() {
                        return false;
                    }
                    at = Some((end, k));
                }
            }
        }
        start = end + 1;
    }
    let Some((end, k)) = at else { return false };
    let mut new = field.to_string();
    new.replace_range(end..end + 1, &k.to_string());
    set_field(mrz, &new)
}

/// A serifed I read as T in the names line (`MARTE` for `MARIE`,
/// `MAXIMILTAN`): in slab monospaces an I with serifs is a T with a foot,
/// and both Tesseract and the templates slip there, where the zone's sans
/// print reads plainly. A name part the zone does not print becomes the
/// one zone word of its length that differs from it only by I where it has
/// T (a part cut by a full field, by the word's start). Returns whether it
/// changed the field.
pub(super) fn serif_i(mrz: &mut Mrz, words: &[String]) -> bool {
    let Some(field) = names_field(mrz) else {
        return false;
    };
    let full = !field.ends_with('<');
    let parts: Vec<&str> = field.split('<').collect();
    let last = parts.iter().rposition(|p| !p.is_empty());
    let printed = |w: &str| words.iter().any(|p| p == w);
    let mut out = String::with_capacity(field.len());
    let mut changed = false;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('<');
        }
        if part.is_empty() || !part.contains('T') || printed(part) {
            out.push_str(part);
            continue;
        }
        let cut = full && Some(i) == last;
        let fits = |w: &&String| {
            let w = if cut && w.len() > part.len() {
                &w[..part.len()]
            } else {
                w.as_str()
            };
            w.len() == part.len()
                && part
                    .bytes()
                    .zip(w.bytes())
                    .all(|(a, b)| a == b || (a == b'T' && b == b'I'))
        };
        let mut found: Vec<&String> = words.iter().filter(fits).collect();
        found.sort();
        found.dedup();
        match found.as_slice() {
            [w] => {
                out.push_str(&w[..part.len()]);
                changed = true;
            }
            _ => out.push_str(part),
        }
    }
    if !changed {
        return false;
    }
    set_field(mrz, &out)
}

/// The names field nearest `read` whose names are all in `words`, when
/// there is exactly one at the least distance and it differs from `read`.
fn best_field(read: &[u8], words: &[&[u8]]) -> Option<Vec<u8>> {
    let mut s = Search {
        read,
        words,
        field: Vec::with_capacity(read.len()),
        junk_from: read
            .windows(3)
            .position(|w| w == b"<<<")
            .unwrap_or(read.len()),
        best: None,
        tie: false,
        nodes: 0,
    };
    s.walk(0, Phase::Surname, 0, 0, 0);
    if s.tie || s.nodes > MAX_NODES {
        return None;
    }
    s.best.and_then(|(n, f)| (n > 0).then_some(f))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// In the surname's parts; `<<` ends it.
    Surname,
    /// In the given names; `<<` ends them.
    Given,
    /// Fillers to the end.
    Tail,
}

struct Search<'a> {
    read: &'a [u8],
    words: &'a [&'a [u8]],
    field: Vec<u8>,
    /// Where the read's first run of three fillers starts: cells after it
    /// are no name's.
    junk_from: usize,
    best: Option<(usize, Vec<u8>)>,
    tie: bool,
    nodes: usize,
}

impl Search<'_> {
    /// The current name: the letters since the last filler.
    fn token(&self) -> &[u8] {
        let start = self
            .field
            .iter()
            .rposition(|&c| c == b'<')
            .map_or(0, |p| p + 1);
        &self.field[start..]
    }

    fn is_prefix(&self, t: &[u8]) -> bool {
        self.words.iter().any(|w| w.starts_with(t))
    }

    fn is_word(&self, t: &[u8]) -> bool {
        self.words.contains(&t)
    }

    /// Whether the letters read around cell `i` (between fillers) are a
    /// word the zone prints: a name there is forced out, not junk (`KB`).
    fn read_word_at(&self, i: usize) -> bool {
        let start = self.read[..i]
            .iter()
            .rposition(|&c| c == b'<')
            .map_or(0, |p| p + 1);
        let end = self.read[i..]
            .iter()
            .position(|&c| c == b'<')
            .map_or(self.read.len(), |p| i + p);
        self.is_word(&self.read[start..end])
    }

    /// `fillers`: `<` just before cell `i`.
    fn walk(&mut self, i: usize, phase: Phase, fillers: usize, changes: usize, forced: usize) {
        self.nodes += 1;
        if self.nodes > MAX_NODES || self.best.as_ref().is_some_and(|(n, _)| changes > *n) {
            return;
        }
        if i == self.read.len() {
            self.finish(phase, changes, forced);
            return;
        }
        let r = self.read[i];
        let mut options: Vec<u8> = vec![r];
        if phase == Phase::Tail && r != b'<' && i >= self.junk_from {
            // After the given names' `<<` and the read's first run of
            // fillers no name may come: what was read there was a filler
            // (`KGCREEKEKEKKKKKC`).
            options = vec![b'<'];
        } else if r == b'<' {
            // A pointed letter lost to a filler, at the end of a name.
            if fillers == 0 && !self.field.is_empty() {
                options.extend_from_slice(LOOK_ALIKES);
            }
        } else if LOOK_ALIKES.contains(&r) {
            options.push(b'<');
        }
        for c in options {
            let cost = changes + usize::from(c != r);
            let forced = forced
                + usize::from(
                    c == b'<' && r != b'<' && !LOOK_ALIKES.contains(&r) && self.read_word_at(i),
                );
            if c == b'<' {
                let token_ends = fillers == 0;
                if self.field.is_empty() || (token_ends && !self.is_word(self.token())) {
                    continue;
                }
                let next = match (phase, fillers) {
                    (Phase::Surname, 1) => Phase::Given,
                    (Phase::Given, 1) => Phase::Tail,
                    (p, _) => p,
                };
                self.field.push(c);
                self.walk(i + 1, next, fillers + 1, cost, forced);
            } else {
                // Letters end with the given names' `<<`; the surname's `<<`
                // is the only double filler a name may follow.
                if phase == Phase::Tail || !c.is_ascii_uppercase() || fillers > 2 {
                    continue;
                }
                self.field.push(c);
                let ok = self.is_prefix(self.token());
                if ok {
                    self.walk(i + 1, phase, 0, cost, forced);
                }
            }
            self.field.pop();
        }
    }

    fn finish(&mut self, phase: Phase, changes: usize, forced: usize) {
        // Junk is mostly look-alikes or no printed word; real names forced
        // out are printed words.
        if forced * 4 > changes {
            return;
        }
        // A full field may cut its last name short; otherwise the last name
        // before the fillers is whole (checked when its filler came).
        let t = self.token();
        if !(t.is_empty() || t.len() >= 2 && self.is_prefix(t)) {
            return;
        }
        // A surname alone fills the field or is followed by `<<`.
        if phase == Phase::Surname && t.is_empty() {
            return;
        }
        match &self.best {
            Some((n, f)) if *n == changes => {
                if *f != self.field {
                    self.tie = true;
                }
            }
            Some((n, _)) if *n < changes => {}
            _ => {
                self.best = Some((changes, self.field.clone()));
                self.tie = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_last_k_cleared_as_a_filler_is_put_back_by_the_zone() {
        let l1 = "I<USAA652064023<<<<<<<<<<<<<<<";
        let l2 = "5512212M3207109USA<<<<<<<<<<<2";
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let zone = words(&["KOWALCZYK", "LUCAS", "MARIE"]);
        let mut m = parse_lines(&[l1, l2, "KOWALCZY<<<LUCAS<MARIE<<<<<<<<"]).unwrap();
        assert!(restore_k(&mut m, &zone));
        assert_eq!(m.lines[2], "KOWALCZYK<<LUCAS<MARIE<<<<<<<<");
        // The zone prints the name without K, or the fillers are the end.
        let mut m = parse_lines(&[l1, l2, "NGUYEN<<<LI<Q<<<<<<<<<<<<<<<<<"]).unwrap();
        assert!(!restore_k(&mut m, &words(&["NGUYEN", "LI", "Q"])));
        let mut m = parse_lines(&[l1, l2, "KOWALCZY<<<LUCAS<MARIE<<<<<<<<"]).unwrap();
        assert!(!restore_k(
            &mut m,
            &words(&["KOWALCZY", "KOWALCZYK", "LUCAS"])
        ));
    }

    #[test]
    fn a_serifed_i_read_as_t_is_mended_by_the_zone() {
        let l1 = "I<USAA652064023<<<<<<<<<<<<<<<";
        let l2 = "5512212M3207109USA<<<<<<<<<<<2";
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        // The zone read twice (global and local threshold): words repeat.
        let zone = words(&["KOWALCZYK", "LUCAS", "MARIE", "LUCAS", "MARIE"]);
        let mut m = parse_lines(&[l1, l2, "KOWALCZYK<<LUCAS<MARTE<<<<<<<<"]).unwrap();
        assert!(serif_i(&mut m, &zone));
        assert_eq!(m.given_names, "LUCAS MARIE");
        // A T the zone prints stays; so does a part with another slip.
        let mut m = parse_lines(&[l1, l2, "KOWALCZYK<<LUCAS<MARTE<<<<<<<<"]).unwrap();
        assert!(!serif_i(
            &mut m,
            &words(&["KOWALCZYK", "LUCAS", "MARTE", "MARIE"])
        ));
        let mut m = parse_lines(&[l1, l2, "KOWALCZYK<<LUCAS<MORTE<<<<<<<<"]).unwrap();
        assert!(!serif_i(&mut m, &zone));
        // A cut last name: `MAXIMILTAN` of `MAXIMILIANO` in a full field.
        let td3 = "B444198009JPN6108137F3209158<<<<<<<<<<<<<<04";
        let cut = "P<JPNABERCROMBIE<MONTGOMERYSHIRE<<MAXIMILTAN";
        let mut m = parse_lines(&[cut, td3]).unwrap();
        let zone = words(&["ABERCROMBIE", "MONTGOMERYSHIRE", "MAXIMILIANO"]);
        assert!(serif_i(&mut m, &zone));
        assert_eq!(m.given_names, "MAXIMILIAN");
    }

    #[test]
    fn a_filler_glued_to_an_initial_is_dropped_when_the_zone_prints_it() {
        let data = "B808580181USA8205133M3605211937472747<<<<<84";
        let mut m = parse_lines(&["P<USAERIKSSON<<ANNA<KQ<<<<<<<<<<<<<<<<<<<<<<", data]).unwrap();
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert!(drop_glued_filler(
            &mut m,
            &words(&["ERIKSSON", "ANNA", "Q"])
        ));
        assert_eq!(m.lines[0], "P<USAERIKSSON<<ANNA<Q<<<<<<<<<<<<<<<<<<<<<<<");
        assert_eq!(m.given_names, "ANNA Q");
        // The zone prints the part as read, or not without its K: nothing.
        let mut m = parse_lines(&["P<USAERIKSSON<<ANNA<KQ<<<<<<<<<<<<<<<<<<<<<<", data]).unwrap();
        assert!(!drop_glued_filler(
            &mut m,
            &words(&["ERIKSSON", "ANNA", "KQ", "Q"])
        ));
        assert!(!drop_glued_filler(&mut m, &words(&["ERIKSSON", "ANNA"])));
        // Dev pipeline seed 229, c225: the filler after a given name.
        let homer = "P<ITASIMPSON<<HOMERK<JAY<<<<<<<<<<<<<<<<<<<<";
        let mut m = parse_lines(&[homer, data]).unwrap();
        assert!(drop_glued_filler(
            &mut m,
            &words(&["SIMPSON", "HOMER", "JAY"])
        ));
        assert_eq!(m.given_names, "HOMER JAY");
        let mut m = parse_lines(&[homer, data]).unwrap();
        assert!(!drop_glued_filler(
            &mut m,
            &words(&["SIMPSON", "HOMER", "HOMERK", "JAY"])
        ));
        // A full field: the cell cannot be dropped without losing one.
        let full = "P<USAERIKSSON<<ANNA<KQ<MARGARETHABRIDGETTEAB";
        let mut m = parse_lines(&[full, data]).unwrap();
        assert!(!drop_glued_filler(
            &mut m,
            &words(&["ERIKSSON", "ANNA", "Q"])
        ));
    }

    use super::*;

    fn words(w: &[&str]) -> Vec<&'static [u8]> {
        w.iter()
            .map(|s| &*Box::leak(s.as_bytes().to_vec().into_boxed_slice()))
            .collect()
    }

    fn best(read: &str, w: &[&str]) -> Option<String> {
        best_field(read.as_bytes(), &words(w)).map(|f| String::from_utf8(f).unwrap())
    }

    const ZONE: &[&str] = &[
        "SURNAME", "ERIKSSON", "GIVEN", "NAMES", "BJORN", "JAY", "DOCUMENT",
    ];

    #[test]
    fn fillers_read_as_letters_become_fillers() {
        assert_eq!(
            best("ERIKSSON<<BJORNKJAY<<<<<<<<KKSEKEEEEKKK", ZONE).as_deref(),
            Some("ERIKSSON<<BJORN<JAY<<<<<<<<<<<<<<<<<<<<")
        );
    }

    #[test]
    fn a_letter_read_as_a_filler_is_given_back() {
        let zone = &["LEMIEUX", "GRACE", "SURNAME"];
        assert_eq!(
            best("LEMIEU<<<GRACE<<<<<<<<<<<<<<<<", zone).as_deref(),
            Some("LEMIEUX<<GRACE<<<<<<<<<<<<<<<<")
        );
    }

    #[test]
    fn anything_after_the_given_names_is_filler() {
        let zone = &["LINDQVIST", "CHLOE", "SURNAME"];
        assert_eq!(
            best("LINDQVIST<<CHLOE<<<<<<<KGCREEKEKEKKKKKC", zone).as_deref(),
            Some("LINDQVIST<<CHLOE<<<<<<<<<<<<<<<<<<<<<<<")
        );
    }

    #[test]
    fn names_before_the_first_filler_run_are_never_dropped() {
        // `VAN<KDYKE<<YUKI<Q` (a K inserted, the zone read `YUKIQ`): making
        // the K a filler would need YUKI and Q dropped as junk.
        let zone = &["SURNAME", "VAN", "DYKE", "GIVEN", "NAMES", "YUKIQ"];
        assert_eq!(best("VAN<KDYKE<<YUKI<Q<<<<<<<<<<<<<<<<<<<<<<", zone), None);
        // A real name after a misread `<<<` is not junk either.
        let zone = &["DOE", "JOHN"];
        assert_eq!(best("DOE<<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", zone), None);
    }

    #[test]
    fn a_line_the_zone_already_prints_or_cannot_explain_stays() {
        assert_eq!(best("ERIKSSON<<BJORN<JAY<<<<<<<<<<<<<<<<<<<<", ZONE), None);
        // A letter that is no look-alike of the filler: not this repair's.
        assert_eq!(best("ERIKSSON<<BJORNAJAY<<<<<<<<<<<<<<<<<<<<", ZONE), None);
        // Another person's names on the page: nothing to align with.
        assert_eq!(
            best(
                "ERIKSSON<<BJORNKJAY<<<<<<<<<<<<<<<<<<<<",
                &["SMITH", "JOHN"]
            ),
            None
        );
    }

    #[test]
    fn junk_after_the_fillers_goes_but_a_printed_name_there_stays() {
        // `KB` among the fillers: no look-alike of `<` in B, but no word
        // the zone prints either.
        let zone = &["SMITH", "MARY", "ANN", "SURNAME"];
        assert_eq!(
            best("SMITH<<MARY<ANN<<<<<<<<<<<KB<<<<<<<<<<<", zone).as_deref(),
            Some("SMITH<<MARY<ANN<<<<<<<<<<<<<<<<<<<<<<<<")
        );
        // PAUL is printed: a name after a misread run is not dropped.
        let zone = &["SMITH", "JOHN", "PAUL"];
        assert_eq!(best("SMITH<<JOHN<<<PAUL<<<<<<<<<<<<<<<<<<<<<", zone), None);
    }

    #[test]
    fn a_real_letter_k_stays_when_the_zone_prints_the_name_with_it() {
        let zone = &["KOWALSKI", "ERIK", "SURNAME"];
        assert_eq!(best("KOWALSKI<<ERIK<<<<<<<<<<<<<<<<<<<<<<<<<", zone), None);
        assert_eq!(
            best("KOWALSKI<<ERIK<<<<<<<<<<<<<<<<<<<<KK<<<", zone).as_deref(),
            Some("KOWALSKI<<ERIK<<<<<<<<<<<<<<<<<<<<<<<<<")
        );
    }

    #[test]
    fn two_fields_as_near_are_a_tie() {
        // ANN<EKLEE or ANNKE<LEE: every part of both is printed.
        let zone = &["DOE", "ANN", "EKLEE", "ANNKE", "LEE"];
        assert_eq!(best("DOE<<ANNKEKLEE<<<<<<<<<<<<<<<<<<<<<<<<<", zone), None);
    }
}
