//! A names line mended where Tesseract slipped one letter, by two other
//! readings of the same document. Tesseract reads an MRZ line as text, so
//! in a font it does not know it inserts a letter (`SITOBHAN`, `ZO0E`,
//! `ITLLINGWORTH`) or makes one of a look-alike (`MAXIMILTAN`), and the
//! check digits, which cover no name, hold all the same. The visual zone
//! prints the name right, but a name it does not print is not vouched for,
//! and the verification waits for a person.
//!
//! The template reader cuts the same line into its fixed cells: its letters
//! slip in an unknown font, but where the fillers fall, and so how many
//! letters each name has, it reads well. A name part the zone does not
//! print is replaced by a word the zone prints when that word is
//!
//! - one edit (a letter inserted, dropped or changed) from Tesseract's part,
//! - exactly as long as the template read's part in the same place, and
//! - for a changed letter, the template read's letter in that cell,
//!
//! and no other printed word is. Three readings agree then: the zone's
//! letters, the template's shape (and letter), Tesseract's all but one
//! letter. The zone is the document's own print, never what a verification
//! expects; the mended names are then vouched for as before, by the zone
//! printing them.

use super::names_filler::{name_words, names_field, set_field};
use super::Mrz;

/// A names field's parts: the surname's and the given names'. `cut`: the
/// field is full, so its last part may be the start of a longer name.
#[derive(Debug, PartialEq)]
struct Parts<'a> {
    surname: Vec<&'a str>,
    given: Vec<&'a str>,
    cut: bool,
}

impl<'a> Parts<'a> {
    /// None when a run of three fillers is followed by letters (junk the
    /// field's shape cannot be told from).
    fn of(field: &'a str) -> Option<Self> {
        let body = field.trim_end_matches('<');
        if body.is_empty() || body.contains("<<<") {
            return None;
        }
        let (sur, given) = body.split_once("<<").unwrap_or((body, ""));
        if given.contains("<<") {
            return None;
        }
        let split =
            |s: &'a str| -> Vec<&'a str> { s.split('<').filter(|p| !p.is_empty()).collect() };
        Some(Parts {
            surname: split(sur),
            given: split(given),
            cut: body.len() == field.len(),
        })
    }

    fn all(&self) -> impl Iterator<Item = &&'a str> {
        self.surname.iter().chain(self.given.iter())
    }

    fn same_shape(&self, o: &Parts) -> bool {
        self.surname.len() == o.surname.len() && self.given.len() == o.given.len()
    }
}

/// How `read` and `word` differ when one edit apart: Some(Some(i)) for a
/// letter changed at `i`, Some(None) for one inserted or dropped.
fn one_edit(read: &[u8], word: &[u8]) -> Option<Option<usize>> {
    if read.len() == word.len() {
        let diff: Vec<usize> = (0..read.len()).filter(|&i| read[i] != word[i]).collect();
        return (diff.len() == 1).then(|| Some(diff[0]));
    }
    let (long, short) = if read.len() > word.len() {
        (read, word)
    } else {
        (word, read)
    };
    if long.len() != short.len() + 1 {
        return None;
    }
    let head = long.iter().zip(short).take_while(|(a, b)| a == b).count();
    (long[head + 1..] == short[head..]).then_some(None)
}

/// The printed word for Tesseract's part `read` where the template read
/// has `cells` (its part in the same place); `last_cut`: the part may be a
/// longer name's start, cut by the field's end.
fn printed_for(read: &str, cells: &str, words: &[&str], last_cut: bool) -> Option<String> {
    let mut found: Option<String> = None;
    for w in words {
        let w = if last_cut && w.len() > cells.len() {
            &w[..cells.len()]
        } else {
            w
        };
        if w.len() != cells.len() || found.as_deref() == Some(w) {
            continue;
        }
        let fits = match one_edit(read.as_bytes(), w.as_bytes()) {
            Some(Some(i)) => cells.as_bytes().get(i) == w.as_bytes().get(i),
            Some(None) => true,
            None => false,
        };
        if fits {
            if found.is_some() {
                return None;
            }
            found = Some(w.to_string());
        }
    }
    found
}

/// The names field `field` mended by `words` (the zone's) and one template
/// read's field `cells` of the same line; None when nothing is mended or a
/// part cannot be.
fn mend_field(field: &str, cells: &str, words: &[&str]) -> Option<String> {
    let (f, o) = (Parts::of(field)?, Parts::of(cells)?);
    if !f.same_shape(&o) {
        return None;
    }
    let n = f.surname.len() + f.given.len();
    let mut out: Vec<String> = Vec::with_capacity(n);
    let mut changed = false;
    for (i, (p, c)) in f.all().zip(o.all()).enumerate() {
        if words.contains(p) {
            // A part the zone prints must have the template's length too,
            // or its cells are not this field's shape.
            if p.len() != c.len() && !(f.cut && i + 1 == n) {
                return None;
            }
            out.push(p.to_string());
            continue;
        }
        out.push(printed_for(p, c, words, f.cut && i + 1 == n)?);
        changed = true;
    }
    if !changed {
        return None;
    }
    let (sur, given) = out.split_at(f.surname.len());
    let mut s = sur.join("<");
    if !given.is_empty() {
        s = format!("{s}<<{}", given.join("<"));
    }
    (s.len() <= field.len()).then(|| format!("{s:<<width$}", width = field.len()))
}

/// Mend `mrz`'s names field from the zone's `words` (upper case, as the MRZ
/// spells them) and the names fields `cells` of template reads of the same
/// band; returns whether it changed. Every template read that mends must
/// mend alike.
pub(super) fn mend(mrz: &mut Mrz, words: &[String], cells: &[String]) -> bool {
    let Some(field) = names_field(mrz) else {
        return false;
    };
    let words = name_words(words);
    let mut new: Option<String> = None;
    for c in cells.iter().filter(|c| c.len() == field.len()) {
        let Some(m) = mend_field(field, c, &words) else {
            continue;
        };
        if new.as_ref().is_some_and(|n| *n != m) {
            return false;
        }
        new = Some(m);
    }
    let Some(new) = new else { return false };
    set_field(mrz, &new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::parse_lines;

    fn field(s: &str) -> String {
        format!("{s:<<39}")
    }

    fn words(ws: &[&'static str]) -> Vec<&'static str> {
        ws.to_vec()
    }

    #[test]
    fn an_inserted_letter_is_dropped_where_the_template_counts_one_less() {
        let zone = words(&["SURNAME", "THORNBURY", "GIVEN", "NAMES", "SIOBHAN", "LEE"]);
        let got = mend_field(
            &field("THORNBURY<<SITOBHAN<LEE"),
            &field("THOHNBUHY<<SIOBHAN<LEE"),
            &zone,
        );
        assert_eq!(got, Some(field("THORNBURY<<SIOBHAN<LEE")));
        // The template's cells say the name has one letter more: no mend.
        let got = mend_field(
            &field("THORNBURY<<SITOBHAN<LEE"),
            &field("THOHNBUHY<<SITOBHAAN<LEE"),
            &zone,
        );
        assert_eq!(got, None);
    }

    #[test]
    fn a_changed_letter_needs_the_template_to_read_the_printed_one() {
        let zone = words(&["GARCIA", "MAXIMILIAN"]);
        assert_eq!(
            mend_field(
                &field("GARCIA<<MAXIMILTAN"),
                &field("GAPCIA<<MAXIMILIAN"),
                &zone
            ),
            Some(field("GARCIA<<MAXIMILIAN"))
        );
        assert_eq!(
            mend_field(
                &field("GARCIA<<MAXIMILTAN"),
                &field("GAPCIA<<MAXIMILTAN"),
                &zone
            ),
            None,
            "the template read the T too"
        );
    }

    #[test]
    fn a_cut_last_name_is_mended_to_the_printed_names_start() {
        let read = "ABERCROMBIE<MONTGOMERYSHIRE<<MAXIMILTAN";
        let cells = "ABFRCROMBIE<MONTGOMERYSHIRE<<MAXIMILIAN";
        let zone = words(&["ABERCROMBIE", "MONTGOMERYSHIRE", "MAXIMILIANO"]);
        assert_eq!(
            mend_field(read, cells, &zone),
            Some("ABERCROMBIE<MONTGOMERYSHIRE<<MAXIMILIAN".to_string())
        );
    }

    #[test]
    fn two_printed_words_that_fit_are_a_tie() {
        let zone = words(&["SMITH", "ANNA", "ANNE"]);
        assert_eq!(
            mend_field(&field("SMITH<<ANNK"), &field("SMITH<<ANNA"), &zone),
            Some(field("SMITH<<ANNA"))
        );
        assert_eq!(
            mend_field(&field("SMITH<<ANNK"), &field("SMITH<<ANNX"), &zone),
            None
        );
        let zone = words(&["SMITH", "ANNA", "ANNE"]);
        assert_eq!(
            mend_field(&field("SMITH<<ANN"), &field("SMITH<<AXXX"), &zone),
            None
        );
    }

    #[test]
    fn nothing_is_mended_without_a_printed_word_one_edit_away() {
        let zone = words(&["SMITH", "MARY", "ANN"]);
        assert_eq!(
            mend_field(&field("SMITH<<MARYK<ANN"), &field("SNITH<<FAPY<ANN"), &zone),
            Some(field("SMITH<<MARY<ANN"))
        );
        assert_eq!(
            mend_field(
                &field("SMITH<<MAPYKK<ANN"),
                &field("SNITH<<FAPY<ANN"),
                &zone
            ),
            None
        );
        // Parts in other places: the shapes differ.
        assert_eq!(
            mend_field(&field("SMITH<<MARYK<ANN"), &field("SNITH<<FAPYXANN"), &zone),
            None
        );
        // Every part printed already: nothing to mend.
        assert_eq!(
            mend_field(&field("SMITH<<MARY<ANN"), &field("SNITH<<FAPY<ANN"), &zone),
            None
        );
    }

    #[test]
    fn one_edit_tells_a_change_from_an_insertion() {
        assert_eq!(one_edit(b"ZOOE", b"ZOE"), Some(None));
        assert_eq!(one_edit(b"ZOE", b"ZOOE"), Some(None));
        assert_eq!(one_edit(b"ZOE", b"ZQE"), Some(Some(1)));
        assert_eq!(one_edit(b"ZOE", b"ZOE"), None);
        assert_eq!(one_edit(b"ZOE", b"ZQF"), None);
        assert_eq!(one_edit(b"ZOE", b"ZOOEE"), None);
    }

    #[test]
    fn mend_reparses_and_keeps_the_check_digits() {
        let l1 = format!("P<NLD{}", field("THORNBURY<<SITOBHAN<LEE"));
        let l2 = "D156953761NLD6309093F3005028<<<<<<<<<<<<<<00";
        let mut m = parse_lines(&[l1.as_str(), l2]).unwrap();
        let zone: Vec<String> = ["THORNBURY", "SIOBHAN", "LEE"].map(String::from).to_vec();
        let cells = vec![field("THOHNBUHY<<SIOBHAN<LEE"), "SHORT".to_string()];
        assert!(mend(&mut m, &zone, &cells));
        assert_eq!(
            (m.surname.as_str(), m.given_names.as_str()),
            ("THORNBURY", "SIOBHAN LEE")
        );
        // Two template reads that mend differently: nothing changes.
        let mut m = parse_lines(&[l1.as_str(), l2]).unwrap();
        let zone: Vec<String> = ["THORNBURY", "SIOBHAN", "SITOBHANS", "LEE"]
            .map(String::from)
            .to_vec();
        let cells = vec![
            field("THOHNBUHY<<SIOBHAN<LEE"),
            field("THOHNBUHY<<SITOBHANS<LEE"),
        ];
        assert!(!mend(&mut m, &zone, &cells));
        assert_eq!(m.given_names, "SITOBHAN LEE");
    }
}
