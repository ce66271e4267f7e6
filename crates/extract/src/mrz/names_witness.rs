//! The names field of another reading of the same picture, where the visual
//! zone prints every one of its name parts. Tesseract's passes over one band
//! slip in different cells: on dev pipeline seed 229 (c043) the chosen read
//! had `LEMIEU<<<EMMASMARTE` (a filler read as S, a serifed I as T) while
//! another pass had read `LEMIEUX<<EMMA<MARIE`, the zone's own print. The
//! cell-wise mends cannot reach a field two kinds of slip away; the other
//! pass's whole field, vouched for by the zone like any names line, can.
//! The zone is the document's own print, never what a verification
//! expects.

use super::names_filler::{name_words, names_field, set_field};
use super::Mrz;

/// `line`'s names field (starting at `from`) fitted to `len` cells: padded
/// with fillers, or cut where only fillers are cut.
fn fitted(line: &str, from: usize, len: usize) -> Option<String> {
    let field = line.get(from..)?;
    if field.len() > len {
        // `get`: a pass's line is text, and a cut inside a character (an
        // OCR's stray `é`) is no cell boundary.
        let (kept, cut) = (field.get(..len)?, field.get(len..)?);
        return cut.bytes().all(|c| c == b'<').then(|| kept.to_string());
    }
    Some(format!("{field:<<len$}"))
}

/// Whether `field` is shaped as a names field (a surname, at most one `<<`
/// before the given names, fillers to the end) and the zone prints each of
/// its parts; its count of letters, then.
fn printed_whole(field: &str, words: &[&str]) -> Option<usize> {
    let body = field.trim_end_matches('<');
    let bytes = body.as_bytes();
    let shaped = !body.is_empty()
        && bytes[0] != b'<'
        && bytes.iter().all(|c| *c == b'<' || c.is_ascii_uppercase())
        && !body.contains("<<<")
        && body.matches("<<").count() <= 1;
    let printed = body
        .split('<')
        .filter(|p| !p.is_empty())
        .all(|p| words.contains(&p));
    (shaped && printed).then(|| bytes.iter().filter(|c| **c != b'<').count())
}

/// The letters of a names field, and whether it has given names (a part
/// after the surname's `<<`); up to the first three fillers, after which
/// letters are fillers misread (`JAY<<<AGGGGOOOO`).
fn letters(field: &str) -> (usize, bool) {
    let body = field.split("<<<").next().unwrap_or_default();
    let n = body.bytes().filter(|c| *c != b'<').count();
    let given = body
        .split_once("<<")
        .is_some_and(|(_, g)| g.bytes().any(|c| c != b'<'));
    (n, given)
}

/// Letters a witness may have fewer than the read: a filler read as a
/// letter, twice (`EMMASMARTE`'s S; `HOMERK`'s K).
const FEWER_LETTERS: usize = 2;

/// Mend `mrz`'s names field from `witnesses` (every line the picture's
/// reads made) where one of them, of the same document code, holds a names
/// field the zone (`words`, as the MRZ spells them) prints whole; the one
/// with the most letters, when no other as long differs. A pass that lost
/// names is never taken for a read that has them (the zone prints a bare
/// surname whole: dev hard draw 3001 lost `GRACE LEE` so): the witness has
/// given names where the read has, and at most [`FEWER_LETTERS`] letters
/// fewer. Returns whether it changed.
pub(super) fn mend(mrz: &mut Mrz, words: &[String], witnesses: &[String]) -> bool {
    let Some(field) = names_field(mrz) else {
        return false;
    };
    let (li, from) = mrz.format.names_field();
    let head = mrz.lines.get(li).and_then(|l| l.get(..from.min(2)));
    let words = name_words(words);
    let (read_letters, read_given) = letters(field);
    let mut best: Option<(usize, String)> = None;
    let mut tie = false;
    for w in witnesses {
        if w.get(..from.min(2)) != head {
            continue;
        }
        let Some(f) = fitted(w, from, field.len()).filter(|f| f != field) else {
            continue;
        };
        let Some(n) = printed_whole(&f, &words) else {
            continue;
        };
        if n + FEWER_LETTERS < read_letters || (read_given && !letters(&f).1) {
            continue;
        }
        match &best {
            Some((b, bf)) if n == *b && *bf != f => tie = true,
            Some((b, _)) if n <= *b => {}
            _ => {
                best = Some((n, f));
                tie = false;
            }
        }
    }
    match best {
        Some((_, f)) if !tie => set_field(mrz, &f),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_lines;
    use super::*;

    const DATA: &str = "S579425387NLD8403113F3103234<<<<<<<<<<<<<<00";

    fn read(l1: &str) -> Mrz {
        parse_lines(&[l1, DATA]).expect("mrz")
    }

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn another_pass_the_zone_prints_whole_gives_the_names() {
        // Dev pipeline seed 229, c043: three Tesseract passes.
        let mut m = read("P<NLDLEMIEU<<<EMMASMARTE<<<<<<<<<<<<<<<<<<<<");
        let checks = m.checks;
        let witnesses = strings(&[
            "P<NLDLEMIEUK<<EMMASMARIE<<<<<<<",
            "P<NLDLEMIEUX<<EMMA<MARIE<<<<<<<",
            DATA,
            "P<NLDLEMIEUX<<EMMASMARTE<<<<<<<<<<<<<",
        ]);
        let zone = strings(&["GIVEN", "EMMA", "MARIE", "LEMIEUX", "DOCUMENT"]);
        assert!(mend(&mut m, &zone, &witnesses));
        assert_eq!(
            (m.surname.as_str(), m.given_names.as_str()),
            ("LEMIEUX", "EMMA MARIE")
        );
        assert_eq!(m.checks, checks);
    }

    #[test]
    fn no_pass_printed_whole_or_two_alike_long_leave_the_read() {
        let l1 = "P<NLDLEMIEU<<<EMMASMARTE<<<<<<<<<<<<<<<<<<<<";
        // The zone does not print MARIE: no pass is printed whole.
        let zone = strings(&["EMMA", "LEMIEUX"]);
        let witnesses = strings(&["P<NLDLEMIEUX<<EMMA<MARIE<<<<<<<"]);
        assert!(!mend(&mut read(l1), &zone, &witnesses));
        // Two passes as long, both printed: no telling.
        let zone = strings(&["EMMA", "MARIE", "MARTE", "LEMIEUX"]);
        let witnesses = strings(&[
            "P<NLDLEMIEUX<<EMMA<MARIE<<<<<<<",
            "P<NLDLEMIEUX<<EMMA<MARTE<<<<<<<",
        ]);
        assert!(!mend(&mut read(l1), &zone, &witnesses));
        // A pass that lost the given names, or most of a name.
        let read_right = "P<GBRERIKSSON<<GRACE<LEE<<<<<<<<<<<<<<<<<<<<";
        let zone = strings(&["ERIKSSON", "LEE"]);
        let witnesses = strings(&["P<GBRERIKSSON<<<<<<<<<<<<<", "P<GBRERIKSSON<<LEE<<<<<"]);
        assert!(!mend(&mut read(read_right), &zone, &witnesses));
        // Junk after the names is no name: a pass without it is taken.
        let mut m = read("P<NLDMUELLER<<JJOSE<JAY<<<AGGGGOOOO<<<<<<<<<");
        let zone = strings(&["MUELLER", "JOSE", "JAY"]);
        let witnesses = strings(&["P<NLDMUELLER<<JOSE<JAY<<<<<"]);
        assert!(mend(&mut m, &zone, &witnesses));
        assert_eq!(m.given_names, "JOSE JAY");
        // Another document code, a line cut in letters, fillers inside.
        let zone = strings(&["EMMA", "MARIE", "LEMIEUX"]);
        let witnesses = strings(&[
            "V<NLDLEMIEUX<<EMMA<MARIE<<<<<<<",
            "P<NLDLEMIEUX<<EMMA<MARIE<<<<<<<<<<<<<<<<<<<<<<<<<X",
            "P<NLDLEMIEUX<<<<EMMA<MARIE<<<<<",
        ]);
        assert!(!mend(&mut read(l1), &zone, &witnesses));
    }

    #[test]
    fn a_card_names_line_is_a_whole_line() {
        let td1 = |l3: &str| {
            parse_lines(&[
                "C<USAG512604680<<<<<<<<<<<<<<<",
                "9007264M2906117USA<<<<<<<<<<<4",
                l3,
            ])
            .expect("td1")
        };
        let mut m = td1("LEMIEU<<<EMMA<LEE<<<<<<<<<<<<<");
        let witnesses = strings(&["9007264M2906117USA<<<<<<<<<<<4", "LEMIEUX<<EMMA<LEE<<<<<"]);
        let zone = strings(&["LEMIEUX", "EMMA", "LEE"]);
        assert!(mend(&mut m, &zone, &witnesses));
        assert_eq!(m.surname, "LEMIEUX");
    }

    #[test]
    fn a_pass_cut_inside_a_character_is_no_field() {
        // Found by the `mrz_text` fuzz target: a pass whose 30th byte falls
        // inside a character panicked where the field was cut.
        assert_eq!(
            fitted("ERIKSSON<<ANN\u{fffd}\u{fffd}MARIA<<<<\u{fffd}<<<<<", 0, 30),
            None
        );
        assert_eq!(
            fitted("ERIKSSON<<ANNA<<<<<<<<<<<<<<<<<<", 0, 30).as_deref(),
            Some("ERIKSSON<<ANNA<<<<<<<<<<<<<<<<")
        );
    }
}
