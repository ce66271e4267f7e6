//! The visual inspection zone (VIZ): the printed surname, given names,
//! document number and dates above the MRZ (or on a card's other side), read
//! by Tesseract and compared with the MRZ. Agreement is what vouches for the
//! names line, which no check digit covers; it is never compared with what a
//! verification expects, only with the document itself.

use image::GrayImage;

use super::second_read::{contest, reread_names, reread_states, SecondRead};
use super::viz_date::date_printed;
use super::viz_number::prefix_letters;
use super::viz_text;
use super::zone_read::{read_page, read_zone_as, read_zone_levelled, read_zone_zoomed};
pub use super::zone_read::{zone_text, MrzPlace};
use super::Mrz;
use crate::ocr::{self, Layout, Threshold};

/// What the visual zone says about an MRZ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VizAgreement {
    /// Every surname part of the MRZ is printed on the page.
    pub surname: bool,
    /// Every given name of the MRZ is printed (the last one may be cut short
    /// in a full names field).
    pub given_names: bool,
    /// The document number is printed (look-alikes the check digit tells
    /// apart folded: O/0, I/1, S/5, B/8, Z/2).
    pub document_number: bool,
    /// The document number is printed character for character. Two folded
    /// slips can cancel out in the check digits (`5492640I3` for
    /// `S49264013`), so only this settles a check-digit collision.
    pub number_exact: bool,
    /// The number is printed as read but for at most one character that is
    /// not a twin (see [`super::viz_number`]): every slip the check digit
    /// misses is ruled out.
    pub number_nearly: bool,
    /// The date of birth is printed, in any of the usual forms.
    pub birth_date: bool,
    /// The date of expiry is printed.
    pub expiry_date: bool,
    /// The number's first cell holds a digit where the zone, or another
    /// reading of the MRZ, has a letter that looks like it and weighs alike
    /// (see [`super::viz_number::twin_letter_seen`]).
    pub number_contested: bool,
}

impl VizAgreement {
    /// The names line is confirmed: surname and given names (a names field
    /// with no given names needs the surname alone).
    pub fn names(&self) -> bool {
        self.surname && self.given_names
    }

    /// The zone was read: a field that a check digit covers was found in it.
    /// Without that, names not found say nothing (the zone was not legible);
    /// with it, names not found are a disagreement.
    pub fn legible(&self) -> bool {
        self.document_number || self.birth_date || self.expiry_date
    }

    /// The number printed, look-alikes folded or but for one character that
    /// is no twin: what [`super::MrzRead::decisive`] takes for `viz_number`.
    pub fn number_seen(&self) -> bool {
        self.document_number || self.number_nearly
    }

    /// Number and both dates printed as the MRZ has them.
    pub fn checked_fields(&self) -> bool {
        self.document_number && self.birth_date && self.expiry_date
    }

    /// What the zone printed of the checked fields, for
    /// [`super::MrzRead::decisive`].
    pub fn checked(&self) -> super::read::VizChecked {
        let dates = self.birth_date && self.expiry_date;
        super::read::VizChecked {
            checked: self.checked_fields(),
            nearly: self.number_nearly && dates,
            exact: self.checked_exact(),
        }
    }

    /// The number character for character and both dates printed as the
    /// MRZ has them.
    pub fn checked_exact(&self) -> bool {
        self.number_exact && self.birth_date && self.expiry_date
    }

    /// Merge two zones' findings (a card's two sides).
    pub fn or(self, o: VizAgreement) -> VizAgreement {
        VizAgreement {
            surname: self.surname || o.surname,
            given_names: self.given_names || o.given_names,
            document_number: self.document_number || o.document_number,
            number_exact: self.number_exact || o.number_exact,
            number_nearly: self.number_nearly || o.number_nearly,
            birth_date: self.birth_date || o.birth_date,
            expiry_date: self.expiry_date || o.expiry_date,
            number_contested: self.number_contested || o.number_contested,
        }
    }
}

/// What the visual zone says about a read: `text`, the zone above the MRZ on
/// the picture it was read from (see [`zone_text`], read once by the caller),
/// then, if that did not print the names, the other picture (a card's front,
/// whose back carries the MRZ). None without Tesseract.
///
/// A document number the check digits cannot settle (a character with a
/// near rival of the same value mod 10, see [`super::MrzRead::number_sure`])
/// takes the printed number's character where the two differ only so. The
/// zone then chose the number and does not also confirm it: its OCR slips
/// too (it read a bold G as 6, and the MRZ's right G became 6 at
/// confidence 1), so a number it changed is never counted as printed.
pub fn agreement(
    read_from: &GrayImage,
    r: &mut super::MrzRead,
    other: Option<&GrayImage>,
    text: Option<String>,
) -> Option<VizAgreement> {
    if !ocr::available() {
        return None;
    }
    let mut second = SecondRead::new(read_from);
    let prefix_seen = prefix_letters(&r.mrz, &r.witnesses);
    if reread_states(&mut second, r) && super::debug() {
        eprintln!("states reread {:?}", r.mrz.lines);
    }
    let mut a = VizAgreement::default();
    if super::debug() {
        eprintln!("viz text {text:?}");
    }
    // Settled by the zone, and not only by capitals printed for digits.
    let mut settled = false;
    let mut zone_texts = Vec::new();
    if let Some(t) = text {
        (settled, a) = viz_text::first_text(r, &t, &prefix_seen);
        if a.legible() && !a.names() && reread_names(&mut second, r, &t) {
            a = compare(&t, &r.mrz);
        }
        a = viz_text::mend_names(r, &t, a);
        let mut texts = vec![t];
        // Read as one block, a zone with a photo beside its fields and a
        // glare spot came out as `ime\noon 0h` below the names: read as
        // scattered text, its number and dates are found; so are names a
        // block read lost beside a glare spot. Each threshold finds what
        // the other misses (see `zone_text`).
        for threshold in [Threshold::Global, Threshold::Local] {
            let Some(p) = r.place.filter(|_| !a.checked_fields() || !a.names()) else {
                break;
            };
            if let Some(t2) = read_zone_as(read_from, &p, Layout::Sparse, threshold) {
                if super::debug() {
                    eprintln!("viz sparse text {threshold:?} {t2:?}");
                }
                a = a.or(compare(&t2, &r.mrz));
                texts.push(t2);
            }
        }
        if let Some(t3) = r
            .place
            .filter(|_| !a.checked_fields() || !a.names())
            .and_then(|p| read_zone_levelled(read_from, &p))
        {
            if super::debug() {
                eprintln!("viz levelled text {t3:?}");
            }
            a = a.or(compare(&t3, &r.mrz));
            texts.push(t3);
        }
        if let Some(t4) = r
            .place
            .filter(|_| !r.decisive(a.number_seen(), a.checked()))
            .and_then(|p| read_zone_zoomed(read_from, &p))
        {
            if super::debug() {
                eprintln!("viz zoomed text {t4:?}");
            }
            a = a.or(compare(&t4, &r.mrz));
            texts.push(t4);
        }
        a = viz_text::mend_names_across(r, &texts, a);
        zone_texts = texts;
    }
    if contest(&second, r) && super::debug() {
        eprintln!("contested by tesseract: rivals {:?}", r.rivals);
    }
    if super::debug() {
        eprintln!("viz {a:?}");
    }
    // The other picture (a card's front) when this zone left the names or
    // the read's trust open: a card's back can print its number where the
    // MRZ band's crop takes it (the first MRZ line touching it).
    if !a.names() || !r.decisive(a.number_seen(), a.checked()) {
        if let Some(t) = other.and_then(read_page) {
            let other_settled;
            (other_settled, a) = viz_text::other_side(r, &t, a, &prefix_seen);
            settled |= other_settled;
        }
    }
    Some(viz_text::close(r, &zone_texts, settled, a))
}

/// ICAO 9303 transliterations the MRZ uses for letters the VIZ prints
/// (part 3, 6.A): both the short and the long form are accepted.
fn fold(c: char) -> &'static [&'static str] {
    match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ą' | 'Ă' => &["A"],
        'Ä' => &["AE", "A"],
        'Å' => &["AA", "A"],
        'Æ' => &["AE"],
        'Ç' | 'Č' | 'Ć' => &["C"],
        'Ď' | 'Đ' => &["D"],
        'È' | 'É' | 'Ê' | 'Ë' | 'Ě' | 'Ę' => &["E"],
        'Ì' | 'Í' | 'Î' | 'Ï' => &["I"],
        'Ł' => &["L"],
        'Ñ' | 'Ń' | 'Ň' => &["N"],
        'Ò' | 'Ó' | 'Ô' | 'Õ' => &["O"],
        'Ö' | 'Ø' => &["OE", "O"],
        'Ř' => &["R"],
        'Š' | 'Ś' | 'Ş' => &["S"],
        'ß' => &["SS"],
        'Ť' | 'Ţ' => &["T"],
        'Ù' | 'Ú' | 'Û' | 'Ů' => &["U"],
        'Ü' => &["UE", "U"],
        'Ý' | 'Ÿ' => &["Y"],
        'Ž' | 'Ź' | 'Ż' => &["Z"],
        _ => &[],
    }
}

/// The words of the text, upper case, as the MRZ would spell them: letters
/// and digits; apostrophes dropped (O'BRIEN is OBRIEN), any other mark a
/// break (hyphens and spaces are `<` in the MRZ). A word with a letter the
/// MRZ transliterates two ways gives both spellings.
pub(super) fn words(text: &str) -> Vec<String> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let flush = |cur: &mut Vec<String>, out: &mut Vec<Vec<String>>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for ch in text.chars().flat_map(char::to_uppercase) {
        if ch.is_ascii_alphanumeric() {
            if cur.is_empty() {
                cur.push(String::new());
            }
            cur.iter_mut().for_each(|w| w.push(ch));
        } else if ch == '\'' || ch == '’' {
            continue;
        } else if !fold(ch).is_empty() {
            if cur.is_empty() {
                cur.push(String::new());
            }
            let mut next = Vec::new();
            for w in &cur {
                for f in fold(ch) {
                    if next.len() < 8 {
                        next.push(format!("{w}{f}"));
                    }
                }
            }
            cur = next;
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out.into_iter().flatten().collect()
}

/// Whether every part of an MRZ name is a printed word; `cut`: the names
/// field is full, so its last part may be a prefix of the printed word.
fn name_printed(parts: &[&str], words: &[String], cut: bool) -> bool {
    !parts.is_empty()
        && parts.iter().enumerate().all(|(i, p)| {
            words.iter().any(|w| {
                w == p || (cut && i + 1 == parts.len() && p.len() >= 2 && w.starts_with(p))
            })
        })
}

/// Look-alikes folded for number comparison only, where the check digit
/// tells them apart (their values differ by other than a multiple of 10):
/// the VIZ only has to show the same characters.
pub(super) fn fold_digitish(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'O' | 'Q' | 'D' => '0',
            'I' => '1',
            'S' => '5',
            'B' => '8',
            'Z' => '2',
            c => c,
        })
        .collect()
}

/// The zone's lines as a number is compared with them: upper case,
/// letters and digits only, `$` (a heavy S) as S.
pub(super) fn zone_lines(text: &str) -> Vec<String> {
    printed_rows(text)
        .into_iter()
        .map(|l| l.to_ascii_uppercase())
        .collect()
}

/// The zone's lines as printed, case kept (a lower-case `l` is a 1
/// misread, a capital `L` is not): letters and digits only, `$` as the
/// heavy S Tesseract reads it for (`$79339818`).
pub(super) fn printed_rows(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.chars()
                .map(|c| if c == '$' { 'S' } else { c })
                .filter(char::is_ascii_alphanumeric)
                .collect()
        })
        .collect()
}

/// Compare the zone's text with the MRZ.
pub fn compare(text: &str, mrz: &Mrz) -> VizAgreement {
    let ws = words(text);
    let surname: Vec<&str> = mrz.surname.split_whitespace().collect();
    let given: Vec<&str> = mrz.given_names.split_whitespace().collect();
    let names_line = mrz.lines.get(mrz.format.names_field().0);
    let full = names_line.is_some_and(|l| !l.ends_with('<'));
    let number = fold_digitish(&mrz.document_number);
    // `$` is how Tesseract reads a heavy S in a number (`$79339818`).
    let exact = zone_lines(text);
    let compact: Vec<String> = exact.iter().map(|l| fold_digitish(l)).collect();
    let date = |d: &Option<String>| d.as_deref().is_some_and(|d| date_printed(text, d));
    let contested = super::viz_number::printed_as_twin(&exact, &mrz.document_number);
    let number = if contested { String::new() } else { number };
    VizAgreement {
        surname: name_printed(&surname, &ws, full && given.is_empty()),
        given_names: given.is_empty() || name_printed(&given, &ws, full),
        document_number: number.len() >= 5 && compact.iter().any(|l| l.contains(&number)),
        number_exact: !contested
            && number.len() >= 5
            && exact
                .iter()
                .any(|l| l.contains(mrz.document_number.as_str())),
        number_nearly: !contested
            && super::viz_number::printed_nearly(
                &exact,
                &mrz.document_number,
                super::viz_number::number_check_cell(mrz),
            ),
        birth_date: date(&mrz.birth_date),
        expiry_date: date(&mrz.expiry_date),
        number_contested: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::parse_lines;
    use crate::mrz::viz_settle::settle_number;

    fn specimen() -> Mrz {
        parse_lines(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        .unwrap()
    }

    #[test]
    fn a_page_printing_the_mrz_data_agrees() {
        let text = "PASSPORT / PASSEPORT\nSurname / Nom\nERIKSSON\nGiven names / Prénoms\n\
                    Anna Maria\nDocument no.\nL898902C3\nDate of birth\n12 AUG/AOÛT 74\n\
                    Date of expiry\n15.04.2012";
        let a = compare(text, &specimen());
        assert!(a.names() && a.checked_fields() && a.legible(), "{a:?}");
    }

    #[test]
    fn another_surname_on_the_page_disagrees_but_the_zone_was_legible() {
        let text = "Surname\nERIKSEN\nGiven names\nANNA MARIA\nL898902C3\n1974-08-12";
        let a = compare(text, &specimen());
        assert!(!a.surname && a.given_names && !a.names());
        assert!(a.legible() && a.document_number && a.birth_date && !a.expiry_date);
    }

    #[test]
    fn illegible_zone_says_nothing() {
        let a = compare("~ ;; ,, PASSP0RT", &specimen());
        assert_eq!(a, VizAgreement::default());
        assert!(!a.legible());
    }

    #[test]
    fn names_are_whole_words_and_a_part_inside_a_word_is_not_a_name() {
        // "ANNA" inside "ANNAPOLIS" and "MARIA" inside "MARIANNE" are no
        // given names.
        let a = compare("ERIKSSON\nANNAPOLIS MARIANNE", &specimen());
        assert!(a.surname && !a.given_names);
    }

    #[test]
    fn transliterated_and_apostrophe_names_match() {
        let m = parse_lines(&[
            "P<UTOOBRIEN<<SOEREN<JOSE<<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        .unwrap();
        assert!(compare("O'BRIEN\nSøren José", &m).names());
        let m = parse_lines(&[
            "P<UTOMUELLER<<JURGEN<<<<<<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        .unwrap();
        assert!(compare("MÜLLER\nJÜRGEN", &m).names());
    }

    #[test]
    fn a_full_names_field_may_cut_the_last_given_name() {
        let m = parse_lines(&[
            "P<UTOABERCROMBIE<MONTGOMERY<<MAXIMILIAN<ALEX",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ])
        .unwrap();
        assert!(compare("ABERCROMBIE MONTGOMERY\nMAXIMILIAN ALEXANDER", &m).names());
        // Not cut: the whole name must be printed.
        let e = specimen();
        assert!(!compare("ERIKSSON\nANNA MARIAN", &e).given_names);
    }

    #[test]
    fn dates_in_the_usual_forms() {
        let iso = "1974-08-12";
        for t in [
            "12 AUG 1974",
            "12 AUG/AOÛT 1974",
            "12 AOÛT/AUG 74",
            "12.08.1974",
            "12/08/1974",
            "1974-08-12",
            "08/12/1974",
            "12 Aug 1974",
        ] {
            assert!(date_printed(t, iso), "{t}");
        }
        for t in ["13 AUG 1974", "12 SEP 1974", "12.08.1975", "12 AUG 741"] {
            assert!(!date_printed(t, iso), "{t}");
        }
    }

    #[test]
    fn a_printed_number_settles_a_tie_the_check_digits_cannot_see() {
        // G and 6 (values 16 and 6) pass every check digit alike.
        let mut m = parse_lines(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "Z47555G403UTO7408122F1204159ZE184226B<<<<<10",
        ])
        .unwrap();
        let checks = m.checks;
        assert!(settle_number(&mut m, "Document no.\nZ47555640", false, false, &[]).is_some());
        assert_eq!(m.document_number, "Z47555640");
        assert_eq!(m.checks, checks);
        assert!(m.lines[1].starts_with("Z475556403"));
        // A printed number that differs otherwise settles nothing.
        let mut m2 = parse_lines(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "Z47555G403UTO7408122F1204159ZE184226B<<<<<10",
        ])
        .unwrap();
        assert!(settle_number(&mut m2, "Z47555740", false, false, &[]).is_none());
        // Tesseract's G against a printed 6: the zone's OCR makes digits of letters.
        assert!(settle_number(&mut m2, "Z47555640", false, true, &[]).is_none());
        assert_eq!(m2.document_number, "Z47555G40");
        // Nor do two printed candidates that disagree.
        assert!(settle_number(&mut m2, "Z47555640\nZ47555Q40", false, false, &[]).is_none());
    }

    #[test]
    fn a_capital_printed_for_a_sure_digit_settles_the_tie() {
        // A dev page: L46368876 printed, Tesseract sure of `1` in the MRZ.
        let lines = [
            "P<NLDPATEL<<LUCAS<ANN<<<<<<<<<<<<<<<<<<<<<<<",
            "1463688765NLD7208159M2810098<<<<<<<<<<<<<<06",
        ];
        let mut m = parse_lines(&lines).unwrap();
        assert_eq!(
            settle_number(&mut m, "Document no.\nL46368876", true, true, &[]),
            Some(true)
        );
        assert_eq!(m.document_number, "L46368876");
        assert!(m.checks_valid());
        // A lower-case l is a 1 misread; S and G are how the zone's OCR
        // reads 8 and 6: the sure MRZ stands.
        for printed in ["l46368876", "146368S76"] {
            let mut m = parse_lines(&lines).unwrap();
            assert_eq!(
                settle_number(&mut m, printed, true, true, &[]),
                None,
                "{printed}"
            );
            assert_eq!(m.document_number, "146368876");
        }
    }

    #[test]
    fn numbers_printed_with_spaces_or_look_alikes_match() {
        let e = specimen();
        assert!(compare("No. L898 902 C3", &e).document_number);
        assert!(compare("L898902C3", &e).document_number);
        assert!(!compare("L898902C4", &e).document_number);
        let mut s = specimen();
        s.document_number = "S79339818".into();
        let a = compare("Document no.\n$79339818", &s);
        assert!(a.document_number && a.number_exact);
    }
}
