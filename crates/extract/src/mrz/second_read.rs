//! What no check digit covers — the names line and the two state codes —
//! read again by the other engine. A template read sure of every checked
//! cell can still carry a slip there (`KOWALSKT` for `KOWALSKI`, `NLT` for
//! `NLD`: in another font a thin T and I, or D and O, differ in a few
//! pixels). Tesseract's LSTM slips elsewhere: its read of the same band is
//! taken for those fields when it is the same document (layout, number and
//! dates alike, every check digit holding) and something outside both reads
//! tells it is the right one — the visual zone printing its names, or its
//! code naming a state where the first read's names none. Never the data a
//! verification expects.

use image::GrayImage;

use super::read::{sound, tesseract_band, MrzRead, Rival};
use super::states::is_state as is_mrz_state;
use super::viz::compare;
use super::{parse_lines, Mrz};

/// Tesseract's read of the band a template read came from, made at most
/// once and only when asked for.
pub(super) struct SecondRead<'a> {
    img: &'a GrayImage,
    read: Option<Option<Mrz>>,
}

impl<'a> SecondRead<'a> {
    pub(super) fn new(img: &'a GrayImage) -> Self {
        SecondRead { img, read: None }
    }

    /// The other engine's read of the same band (see [`same_band`]).
    fn of(&mut self, r: &MrzRead) -> Option<&Mrz> {
        if r.engine == "tesseract" {
            return None;
        }
        let place = r.place?;
        let img = self.img;
        self.read
            .get_or_insert_with(|| tesseract_band(img, &place))
            .as_ref()
            .filter(|m| same_band(m, &r.mrz))
    }
}

/// Count the other engine's read of the band, when it was made (for the
/// names or the state codes), as a rival of `r` if it holds every check
/// digit with another number or date: two engines reading the same pixels
/// into two sound readings is a collision the pixels support, whatever the
/// template costs said. In an unseen font the OCR-B templates read
/// `226B22917` for `Z26822917` (Z as 2, 8 as B, the check digit holding) at
/// a cost they counted safe, where Tesseract read the band right. The read
/// is then decisive only when the visual zone tells the two apart (see
/// [`MrzRead::decisive`]). Returns whether it was contested.
pub(super) fn contest(second: &SecondRead, r: &mut MrzRead) -> bool {
    if r.engine == "tesseract" || r.agreed {
        return false;
    }
    let Some(Some(other)) = &second.read else {
        return false;
    };
    if other.format != r.mrz.format {
        return false;
    }
    let Some(rival) = Rival::of(other, &r.mrz) else {
        return false;
    };
    r.collision_cost = 0.0;
    if let Some(rs) = r.rivals.as_mut() {
        if !rs.contains(&rival) {
            rs.push(rival);
        }
    }
    true
}

/// Two reads of one document: the same layout, number and dates, each with
/// every check digit holding. The state codes and names may differ.
fn same_document(a: &Mrz, b: &Mrz) -> bool {
    sound(a)
        && sound(b)
        && a.format == b.format
        && a.document_number == b.document_number
        && a.birth_date == b.birth_date
        && a.expiry_date == b.expiry_date
}

/// `other` read from the same band as the sound read `r`: the same layout
/// and dates, each of `other`'s date digits holding. Its number may have
/// slipped (Tesseract's `330371936` for the `J30371936` the templates read,
/// the digit failing): its names and state codes, which no digit covers,
/// are still the band's, for the zone to vouch for.
fn same_band(other: &Mrz, r: &Mrz) -> bool {
    sound(r)
        && other.format == r.format
        && other.checks.birth_date
        && other.checks.expiry_date
        && other.birth_date == r.birth_date
        && other.expiry_date == r.expiry_date
}

/// Copy `from`'s cells `at..` of `line` (to `len`) into `r`'s lines and
/// parse them again.
fn splice(r: &mut MrzRead, from: &Mrz, line: usize, at: usize, len: Option<usize>) -> bool {
    let mut lines = r.mrz.lines.clone();
    let (Some(dst), Some(src)) = (lines.get_mut(line), from.lines.get(line)) else {
        return false;
    };
    let end = len.map_or(src.len(), |n| at + n);
    let (Some(head), Some(mid), Some(tail)) = (dst.get(..at), src.get(at..end), dst.get(end..))
    else {
        return false;
    };
    *dst = format!("{head}{mid}{tail}");
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    match parse_lines(&refs) {
        Ok(m) if same_document(&m, &r.mrz) => {
            r.mrz = m;
            true
        }
        _ => false,
    }
}

/// Take Tesseract's names for a template read when `zone_text` (the visual
/// zone's OCR) prints them and not the read's own; returns whether the
/// names changed. Tesseract's names one letter off the zone's are first
/// mended by the template read's cells (see [`super::names_shape`]): in an
/// unseen font the templates read `BOORN` and Tesseract `BIJORN` for a
/// printed `BJORN`, each slipping elsewhere.
pub(super) fn reread_names(second: &mut SecondRead, r: &mut MrzRead, zone_text: &str) -> bool {
    let Some(mut other) = second.of(r).cloned() else {
        return false;
    };
    if !compare(zone_text, &other).names() {
        let (li, from) = r.mrz.format.names_field();
        let mut cells = r.template_names.clone();
        cells.extend(
            r.mrz
                .lines
                .get(li)
                .and_then(|l| l.get(from..))
                .map(str::to_string),
        );
        let words = super::viz::words(zone_text);
        // Junk after the names and a run of fillers first (`EMMA<Q<<<<<<<<<
        // <K8K<<`): the names themselves may be right.
        let mended = super::names_filler::repair(&mut other, &words)
            || super::names_shape::mend(&mut other, &words, &cells)
            || super::names_vote::mend(&mut other, &words, &cells);
        if !mended || !compare(zone_text, &other).names() {
            return false;
        }
    }
    let (line, at) = r.mrz.format.names_field();
    splice(r, &other, line, at, None)
}

/// Take Tesseract's issuing state or nationality for a template read whose
/// own code names no state, where Tesseract's names one; returns whether a
/// code changed.
pub(super) fn reread_states(second: &mut SecondRead, r: &mut MrzRead) -> bool {
    if states_known(&r.mrz) {
        return false;
    }
    let Some(other) = second.of(r).cloned() else {
        return false;
    };
    take_states(r, &other)
}

fn states_known(m: &Mrz) -> bool {
    is_mrz_state(&m.issuing_state) && is_mrz_state(&m.nationality)
}

/// Take `other`'s issuing state or nationality where `r`'s names no state
/// and `other`'s, a read of the same document, names one; returns whether a
/// code changed.
pub(super) fn take_states(r: &mut MrzRead, other: &Mrz) -> bool {
    if states_known(&r.mrz) || !same_band(other, &r.mrz) {
        return false;
    }
    let codes = |m: &Mrz| [is_mrz_state(&m.issuing_state), is_mrz_state(&m.nationality)];
    let (mine, theirs) = (codes(&r.mrz), codes(other));
    let mut changed = false;
    for (i, (line, at)) in r.mrz.format.state_fields().into_iter().enumerate() {
        if !mine[i] && theirs[i] {
            changed |= splice(r, other, line, at, Some(3));
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::locate::Band;
    use crate::mrz::viz::MrzPlace;

    fn template(lines: [&str; 2]) -> MrzRead {
        let band = Band {
            cx: 500.0,
            cy: 900.0,
            angle: 0.0,
            width: 1300.0,
            height: 120.0,
            line_height: 36.0,
            lines: 2,
        };
        MrzRead {
            ocr_confidence: 0.46,
            checked_margin: 0.4,
            unchecked_margin: 0.01,
            number_margin: 0.4,
            place: Some(MrzPlace {
                band,
                upside_down: false,
            }),
            ..MrzRead::clear(parse_lines(&lines).unwrap())
        }
    }

    /// A second read already made (no Tesseract in a unit test).
    fn second<'a>(img: &'a GrayImage, lines: [&str; 2]) -> SecondRead<'a> {
        SecondRead {
            img,
            read: Some(Some(parse_lines(&lines).unwrap())),
        }
    }

    const RIGHT: [&str; 2] = [
        "P<NLDRASMUSSEN<<MARIA<LEE<<<<<<<<<<<<<<<<<<<",
        "A505675284NLD6408044F2801131<<<<<<<<<<<<<<04",
    ];
    const SLIPPED: [&str; 2] = [
        "P<NLTRASMUSSEN<<MARIA<LEE<<<<<<<<<<<<<<<<<<<",
        "A505675284NLI6408044F2801131<<<<<<<<<<<<<<04",
    ];

    #[test]
    fn codes_naming_no_state_are_taken_from_the_other_engine() {
        let img = GrayImage::new(1, 1);
        let mut r = template(SLIPPED);
        assert!(reread_states(&mut second(&img, RIGHT), &mut r));
        assert_eq!(
            (r.mrz.issuing_state.as_str(), r.mrz.nationality.as_str()),
            ("NLD", "NLD")
        );
        assert_eq!(r.mrz.lines, RIGHT);
        assert!(sound(&r.mrz));
    }

    #[test]
    fn known_codes_another_document_or_an_unknown_code_change_nothing() {
        let img = GrayImage::new(1, 1);
        // The first read's codes name states: nothing is asked.
        let mut r = template(RIGHT);
        let other = ["P<DEURASMUSSEN<<MARIA<LEE<<<<<<<<<<<<<<<<<<<", RIGHT[1]];
        assert!(!reread_states(&mut second(&img, other), &mut r));
        // Another birth date (every check digit holding): not the same band.
        let mut r = template(SLIPPED);
        let other = [RIGHT[0], "A505675284NLD6408055F2801131<<<<<<<<<<<<<<04"];
        assert!(!reread_states(&mut second(&img, other), &mut r));
        assert_eq!(r.mrz.issuing_state, "NLT");
        // Another number whose digit fails, the dates the same: the band's
        // codes all the same (Tesseract read J as 3 in the number).
        let mut r = template(SLIPPED);
        let other = [RIGHT[0], "3505675284NLD6408044F2801131<<<<<<<<<<<<<<04"];
        assert!(reread_states(&mut second(&img, other), &mut r));
        assert_eq!(r.mrz.issuing_state, "NLD");
        assert_eq!(r.mrz.document_number, "A50567528");
        // The other engine's code names no state either.
        let mut r = template(SLIPPED);
        let other = ["P<NL0RASMUSSEN<<MARIA<LEE<<<<<<<<<<<<<<<<<<<", SLIPPED[1]];
        assert!(!reread_states(&mut second(&img, other), &mut r));
        // A Tesseract read is never second-guessed by itself.
        let mut r = template(SLIPPED);
        r.engine = "tesseract";
        assert!(!reread_states(&mut second(&img, RIGHT), &mut r));
    }

    #[test]
    fn another_sound_reading_by_the_other_engine_is_a_rival() {
        let img = GrayImage::new(1, 1);
        // Another number, every check digit holding: a rival, and the
        // template costs no longer vouch for the read.
        let other = [RIGHT[0], "A505675295NLD6408044F2801131<<<<<<<<<<<<<<02"];
        let mut r = template(RIGHT);
        assert!(contest(&second(&img, other), &mut r));
        assert_eq!(r.collision_cost, 0.0);
        let rivals = r.rivals.as_ref().unwrap();
        assert_eq!(rivals.len(), 1);
        assert_eq!(rivals[0].document_number, "A50567529");
        // The same document, names and codes aside: no rival.
        let mut r = template(SLIPPED);
        assert!(!contest(&second(&img, RIGHT), &mut r));
        assert_eq!(r.collision_cost, 1.0);
        // Nothing asked of the other engine, or a read that fails a check
        // digit: nothing said.
        let mut r = template(RIGHT);
        let none = SecondRead {
            img: &img,
            read: None,
        };
        assert!(!contest(&none, &mut r));
        let broken = [RIGHT[0], "A505675274NLD6408044F2801131<<<<<<<<<<<<<<04"];
        assert!(!parse_lines(&broken).unwrap().checks_valid());
        assert!(!contest(&second(&img, broken), &mut r));
        assert_eq!(r.collision_cost, 1.0);
    }

    #[test]
    fn any_reading_of_the_same_document_can_name_the_state() {
        // Tesseract's read taken by the zone (see `viz_choose`), with `IPN`;
        // the template read beside it had `JPN`.
        let mut r = template([
            "P<IPNSMITH<<NOAH<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "N894153023JPN9801200M3402281<<<<<<<<<<<<<<06",
        ]);
        r.engine = "tesseract";
        let other = parse_lines(&[
            "P<JPNSNTTH<<NOAH<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "N894153023JPN9801200M3402281<<<<<<<<<<<<<<06",
        ])
        .unwrap();
        assert!(take_states(&mut r, &other));
        assert_eq!(r.mrz.issuing_state, "JPN");
        // The names stay the chosen read's.
        assert_eq!(r.mrz.surname, "SMITH");
    }
}
