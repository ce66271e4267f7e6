//! A letter of the issuing state read as two glyphs (`P<JIPNPATEL` for
//! `P<JPNPATEL`: a J whose hook stands apart came out as `JI`). The state
//! code then names no state and every name after it is shifted a cell, so
//! the names no longer match the visual zone and the read goes to a
//! person. No check digit covers that line: the cell to drop is the one
//! that leaves a code naming a state, and the line one cell too long says
//! a glyph was doubled ([`split`]). Where Tesseract also lost fillers and
//! the line's length says nothing, the visual zone printing the shifted
//! surname does ([`mend`]).

use super::names_filler::name_words;
use super::states::is_state;
use super::{parse_lines, Mrz, MrzFormat};

/// The lines `line` becomes with one cell of its state code (cells 2..5)
/// dropped, `<` appended, where the code then names a state.
fn without_one_cell(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if line.get(2..5).is_none_or(is_state) {
        return out;
    }
    for i in 2..5 {
        let mut l = line.to_string();
        l.remove(i);
        if l.get(2..5).is_some_and(is_state) && !out.contains(&l) {
            out.push(l);
        }
    }
    out
}

/// A first line one cell too long whose issuing state names no state, but
/// does once one of its cells goes: the line without that cell, when
/// exactly one cell of the code does it.
pub(super) fn split(line: &str, len: usize) -> Option<String> {
    if line.len() != len + 1 {
        return None;
    }
    let mut found = without_one_cell(line);
    let l = found.pop()?;
    found.is_empty().then(|| l[..len].to_string())
}

/// [`split`] for a card's first line of any length up to one cell too
/// long: Tesseract loses a card's trailing fillers as often as not, so
/// the length says nothing, and the state code alone tells
/// (`I<KDEUY225537558<<<<<`, a filler read as `<K`, dev hard MRZ draw
/// 3001). Unlike a passport's names, what follows is checked: the number's
/// digit and the composite say whether the cell was the one to drop.
pub(super) fn split_card(line: &str, len: usize) -> Option<String> {
    if line.len() > len + 1 {
        return None;
    }
    let mut found = without_one_cell(line);
    let l = found.pop()?;
    found.is_empty().then(|| l[..l.len().min(len)].to_string())
}

/// [`split`] for a first line of the right length (its fillers lost and
/// padded back), when the surname after the dropped cell is a word of the
/// zone (`words`) and the surname as read is not. Returns whether `mrz`
/// changed; the names are then vouched for as before, by the zone.
pub(super) fn mend(mrz: &mut Mrz, words: &[String]) -> bool {
    if mrz.format == MrzFormat::TD1 {
        return false;
    }
    let words = name_words(words);
    let printed = |m: &Mrz| {
        m.surname
            .split(' ')
            .next()
            .is_some_and(|s| words.contains(&s))
    };
    let Some(first) = mrz.lines.first() else {
        return false;
    };
    let mut found = without_one_cell(first);
    let (Some(line), true) = (found.pop(), found.is_empty()) else {
        return false;
    };
    if printed(mrz) {
        return false;
    }
    let mut lines = mrz.lines.clone();
    lines[0] = format!("{line}<");
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    match parse_lines(&refs) {
        Ok(m) if printed(&m) && m.checks == mrz.checks => {
            *mrz = m;
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::repair::repair;
    use super::*;

    #[test]
    fn a_state_letter_read_as_two_glyphs_is_one() {
        let m = repair(&[
            "P<JIPNVILLANUEVA<<AGNIESZKA<LEE<<<<<<<<<<<<<<",
            "H948807238JPN0511209F2908029<<<<<<<<<<<<<<06",
        ])
        .expect("TD3");
        assert_eq!(m.issuing_state, "JPN");
        assert_eq!(m.surname, "VILLANUEVA");
        // A known code, or a line of the right length: left as read.
        assert_eq!(
            split("P<JPNVILLANUEVA<<AGNIESZKA<LEE<<<<<<<<<<<<<<<", 44),
            None
        );
        assert_eq!(
            split("P<JIPVILLANUEVA<<AGNIESZKA<LEE<<<<<<<<<<<<<<", 44),
            None
        );
    }

    #[test]
    fn a_card_state_letter_doubled_is_one_at_any_length() {
        // Dev hard MRZ draw 3001 (fantasque): `I<DEU` read `I<KDEU`, the
        // fillers lost; fitted as read, the shifted number held its digit
        // and the composite by chance (`UY2255375`).
        let m = repair(&[
            "I<KDEUY225537558<<<<<",
            "7810288F2901134DEU<<<<<<<<<<<8",
            "SMITH<<LUCAS<JAY<<<<<<",
        ])
        .expect("TD1");
        assert_eq!(
            (m.issuing_state.as_str(), m.document_number.as_str()),
            ("DEU", "Y22553755")
        );
        assert!(m.checks_valid());
        // ICAO's specimen code names no state; without its U it is Tonga's,
        // and the number's digit fails: the line stays as read.
        let m = repair(&[
            "ACUTON216718260<<<<<<<<<<<<<<<",
            "4508157F3602151UTO<<<<<<<<<<<8",
            "NGUYEN<<MARGE<ANN<<<<<<<<<<<<<",
        ])
        .expect("TD1");
        assert_eq!(
            (m.issuing_state.as_str(), m.document_number.as_str()),
            ("UTO", "N21671826")
        );
        // Two cells too long, or a code two drops could mend: left as read.
        assert_eq!(split_card("I<KDEUY225537558<<<<<<<<<<<<<<<<", 30), None);
        assert_eq!(split_card("I<DEUY225537558<<<<<", 30), None);
        assert_eq!(
            split_card("I<KDEUY225537558<<<<<", 30).as_deref(),
            Some("I<DEUY225537558<<<<<")
        );
    }

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_line_of_the_right_length_is_shifted_when_the_zone_prints_the_surname() {
        let l2 = "F054515582IPN9706280M3412123<<<<<<<<<<<<<<08";
        let mut m = parse_lines(&["P<JIPNPATEL<<LOIS<<<<<<<<<KKKKKSEKEEKEE<<<<<", l2]).unwrap();
        assert!(mend(&mut m, &words(&["SURNAME", "PATEL", "LOIS"])));
        assert_eq!(m.issuing_state, "JPN");
        assert_eq!(m.surname, "PATEL");
        assert_eq!(m.lines[0].len(), 44);
    }

    #[test]
    fn no_shift_without_the_zone_or_with_a_known_state() {
        let l2 = "F054515582IPN9706280M3412123<<<<<<<<<<<<<<08";
        let read = "P<JIPNPATEL<<LOIS<<<<<<<<<KKKKKSEKEEKEE<<<<<";
        let mut m = parse_lines(&[read, l2]).unwrap();
        // The zone does not print the shifted surname.
        assert!(!mend(&mut m, &words(&["SURNAME", "PATIL", "LOIS"])));
        assert_eq!(m.lines[0], read);
        // The code names a state: nothing doubled there.
        let mut m = parse_lines(&["P<JPNNPATEL<<LOIS<<<<<<<<<<<<<<<<<<<<<<<<<<<", l2]).unwrap();
        assert!(!mend(&mut m, &words(&["PATEL", "LOIS"])));
    }
}
