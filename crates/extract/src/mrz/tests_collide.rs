//! Tests of check-digit collisions (`collide.rs`), the spent check digit of
//! a repaired number, and what they do to a read's trust.

use super::collide::collisions;
use super::ocrb::{CellScores, CHARSET};
use super::read::{MrzRead, MIN_COLLISION_COST};
use super::*;

/// A TD3 with every check digit computed: number, birth, expiry.
fn td3(number: &str, birth: &str, expiry: &str) -> [String; 2] {
    let cd = |f: &str| char::from(check_digit(f.as_bytes()).expect("mrz chars"));
    let l1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<".to_string();
    let mut l2 = format!(
        "{number}{}UTO{birth}{}F{expiry}{}<<<<<<<<<<<<<<0",
        cd(number),
        cd(birth),
        cd(expiry)
    );
    let body = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
    l2.push(cd(&body));
    [l1, l2]
}

/// Every cell matches its character clearly: its own template at 10, every
/// other at 100 (margins 0.9).
fn clear(lines: &[String]) -> Vec<CellScores> {
    lines
        .iter()
        .map(|l| {
            l.bytes()
                .map(|c| {
                    let mut d = [100.0f32; 37];
                    d[at(c)] = 10.0;
                    d
                })
                .collect()
        })
        .collect()
}

fn at(c: u8) -> usize {
    CHARSET.iter().position(|&x| x == c).expect("charset")
}

/// Cell `i` of line 2 read as `c` with `rival` nearly as close.
fn tie(cells: &mut [CellScores], i: usize, c: u8, rival: u8) {
    let mut d = [100.0f32; 37];
    d[at(c)] = 40.0;
    d[at(rival)] = 42.0;
    cells[1][i] = d;
}

fn read(lines: &[String], cells: &[CellScores]) -> MrzRead {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mrz = parse_lines(&refs).expect("parse");
    let c = collisions(&mrz, cells);
    MrzRead {
        ocr_confidence: 0.5,
        collision_cost: c.cost,
        rivals: c.rivals,
        ..MrzRead::clear(mrz)
    }
}

#[test]
fn a_clear_read_has_no_rival() {
    let lines = td3("L898902C3", "740812", "120415");
    let r = read(&lines, &clear(&lines));
    assert!(r.collision_sure(), "{}", r.collision_cost);
    assert_eq!(r.rivals, Some(Vec::new()));
    assert!(r.is_confident());
}

/// `5492640I3` for `S49264013`: S/5 at the start and 1/I further on cancel
/// out in the number's digit and the composite. Two near ties there leave
/// the read ambiguous, and a visual zone printing `S49264013` cannot settle
/// it through the look-alike fold (S/5 and I/1 fold alike); only the exact
/// number does.
#[test]
fn two_cancelling_near_ties_are_a_collision() {
    let lines = td3("5492640I3", "740816", "350604");
    assert!(parse_lines(&[&lines[0], &lines[1]])
        .expect("td3")
        .checks_valid());
    let mut cells = clear(&lines);
    tie(&mut cells, 0, b'5', b'S');
    tie(&mut cells, 7, b'I', b'1');
    let r = read(&lines, &cells);
    assert!(r.collision_cost < MIN_COLLISION_COST);
    let rivals = r.rivals.clone().expect("few rivals");
    assert!(
        rivals.iter().any(|v| v.document_number == "S49264013"),
        "{rivals:?}"
    );
    assert!(!r.is_confident());
    assert!(!r.viz_tells_apart());
    assert!(!r.decisive(true, viz(true, false)));
    assert!(r.decisive(true, viz(true, true)));
    // One of the two ties alone breaks the digit: no collision.
    let mut one = clear(&lines);
    tie(&mut one, 7, b'I', b'1');
    assert!(read(&lines, &one).is_confident());
}

/// A single tie the check digits cannot see (8/S, both worth 8 mod 10) is a
/// rival the visual zone tells apart: S folds to 5, not 8.
#[test]
fn a_blind_tie_is_a_rival_the_visual_zone_can_rule_out() {
    let lines = td3("Z72088169", "700802", "300706");
    let mut cells = clear(&lines);
    tie(&mut cells, 4, b'8', b'S');
    let r = read(&lines, &cells);
    assert!(!r.collision_sure());
    assert_eq!(
        r.rivals.as_ref().map(|v| v[0].document_number.clone()),
        Some("Z720S8169".to_string())
    );
    assert!(r.viz_tells_apart());
    assert!(r.decisive(true, viz(true, false)));
    assert!(!r.decisive(true, viz(false, false)));
}

/// A filler only ends a field: `<64354779` holds the digit of `K64354779`
/// (K is worth 20) but is no number, so a K/`<` tie at the start is none.
#[test]
fn a_leading_filler_is_no_rival() {
    let lines = td3("K64354779", "701214", "290814");
    let mut cells = clear(&lines);
    tie(&mut cells, 0, b'K', b'<');
    assert!(read(&lines, &cells).is_confident());
}

/// Dates are covered twice (their digit and the composite, in another
/// phase): a single date slip that breaks its digit is no rival.
#[test]
fn date_rivals_need_their_digit_and_the_composite_to_hold() {
    let lines = td3("L898902C3", "740812", "120415");
    let mut cells = clear(&lines);
    tie(&mut cells, 17, b'1', b'7');
    assert!(read(&lines, &cells).is_confident());
}

/// A number whose check digit the repair spent choosing a character holds
/// it by construction: `330835675` for `J30835675` became the J, the
/// digit choosing it. Tesseract's `B30835675` (for `E30835675`) once
/// became `B30B35675`, every digit holding: a look-alike letter put among
/// digits is no longer a choice, so it stays a failed read.
#[test]
fn a_number_repaired_by_its_check_digit_is_spent() {
    let good = td3("J30835675", "630215", "350516");
    let misread = good[1].replacen('J', "3", 1);
    let (m, spent) = repair_spent(&[&good[0], &misread]).expect("repair");
    assert!(spent);
    assert!(m.checks_valid());
    assert_eq!(m.document_number, "J30835675");
    let (_, clean) = repair_spent(&[&good[0], &good[1]]).expect("repair");
    assert!(!clean);
    let good = td3("E30835675", "630215", "350516");
    let misread = good[1].replacen('E', "B", 1);
    let (m, _) = repair_spent(&[&good[0], &misread]).expect("repair");
    assert!(!m.checks_valid(), "{}", m.document_number);
}

/// Cells that do not match the lines (another width's grid) give no trust.
#[test]
fn mismatched_cells_are_no_evidence() {
    let lines = td3("L898902C3", "740812", "120415");
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let c = collisions(&parse_lines(&refs).expect("td3"), &[]);
    assert_eq!(c.cost, 0.0);
    assert!(c.rivals.is_none());
}

/// The visual zone's number match folds look-alikes (its OCR reads 0 as O);
/// the exact match does not, and only it can settle S/5 with I/1.
#[test]
fn the_zone_matches_a_number_exactly_or_folded() {
    let lines = td3("5492640I3", "740816", "350604");
    let m = parse_lines(&[&lines[0], &lines[1]]).expect("td3");
    let printed = "ERIKSSON\nANNA MARIA\n16.08.1974\n04.06.2035\nS49264013";
    let a = viz::compare(printed, &m);
    assert!(a.document_number && !a.number_exact);
    assert!(a.checked_fields() && !a.checked_exact());
    let exact = viz::compare(&printed.replace("S49264013", "5492640I3"), &m);
    assert!(exact.number_exact && exact.checked_exact());
}

/// The collision above, read the same by Tesseract: two engines whose slips
/// differ reading the same checked fields settle it. The same engine twice,
/// a Tesseract read with another number, or a names-only difference do
/// what they should: nothing, nothing, and agree.
#[test]
fn the_other_engine_reading_the_same_fields_settles_a_collision() {
    let lines = td3("5492640I3", "740816", "350604");
    let mut cells = clear(&lines);
    tie(&mut cells, 0, b'5', b'S');
    tie(&mut cells, 7, b'I', b'1');
    let mut tpl = read(&lines, &cells);
    assert!(!tpl.is_confident());
    let mut tess = read(&lines, &clear(&lines));
    tess.engine = "tesseract";
    assert!(super::read::agree(&tpl, &tess));
    assert!(!super::read::agree(&tpl, &tpl.clone()));
    tpl.agreed = true;
    assert!(tpl.is_confident());

    let other = td3("S49264013", "740816", "350604");
    let mut tess2 = read(&other, &clear(&other));
    tess2.engine = "tesseract";
    assert!(!super::read::agree(&tpl, &tess2));

    let mut renamed = lines.clone();
    renamed[0] = "P<UTOERIKSSON<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<".into();
    let mut tess3 = read(&renamed, &clear(&renamed));
    tess3.engine = "tesseract";
    assert!(super::read::agree(&tpl, &tess3));
}

/// Agreement is no stand-in for the check digits: a read with a failing
/// digit is never decisive, agreed or not.
#[test]
fn agreement_never_makes_a_broken_read_decisive() {
    let mut lines = td3("L898902C3", "740812", "120415");
    lines[1].replace_range(9..10, "7");
    let mut r = read(&lines, &clear(&lines));
    let mut t = r.clone();
    t.engine = "tesseract";
    assert!(!super::read::agree(&r, &t));
    r.agreed = true;
    assert!(!r.is_confident());
}

/// A visa read 44 cells wide by the templates and 36 by Tesseract (fillers
/// dropped, the text taken for an MRV-B): the same checked fields, empty
/// optional data on each, agree. Optional data on either, or another
/// number, do not.
#[test]
fn a_visa_read_as_either_visa_format_agrees_on_its_checked_fields() {
    let cd = |f: &str| char::from(check_digit(f.as_bytes()).expect("mrz chars"));
    let data = |number: &str, tail: &str| format!("{number}{}DEU9510261M3601202{tail}", cd(number));
    let visa = |names_len: usize, number: &str, tail: &str| -> MrzRead {
        let names = format!("{:<<width$}", "V<DEUOKAFOR<<JOSE<LEE", width = names_len);
        let lines = [names, data(number, tail)];
        let mut r = read(&lines, &clear(&lines));
        if names_len == 36 {
            r.engine = "tesseract";
        }
        r
    };
    let a = visa(44, "R07397046", &"<".repeat(16));
    assert_eq!(a.mrz.format, MrzFormat::MrvA);
    let b = visa(36, "R07397046", &"<".repeat(8));
    assert_eq!(b.mrz.format, MrzFormat::MrvB);
    assert!(super::read::agree(&a, &b));
    assert!(super::read::agree(&b, &a));
    let other = visa(36, "R07397064", &"<".repeat(8));
    assert!(!super::read::agree(&a, &other));
    let optional = visa(36, "R07397046", "AB<<<<<<");
    assert!(!super::read::agree(&a, &optional));
}

fn glyph(ch: char, confidence: f32) -> crate::ocr::Glyph {
    crate::ocr::Glyph {
        ch,
        confidence,
        left: 0,
        right: 0,
    }
}

/// Tesseract's confidence in a number's characters is found where its line
/// holds the number as read; a number the repair changed has none.
#[test]
fn a_tesseract_number_is_as_sure_as_its_least_sure_character() {
    let line = |s: &str, low: usize| -> Vec<crate::ocr::Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| glyph(c, if i == low { 0.5 } else { 0.97 }))
            .collect()
    };
    let symbols = vec![
        line("P<UTOERIKSSON<<ANNA", 3),
        line("L898902C36UTO7408122F", 40),
    ];
    let conf = super::tess_number::number_confidence("L898902C3", &symbols);
    assert_eq!(conf, Some(vec![0.97; 9]));
    let low = vec![line("L898902C36UTO", 4)];
    let conf = super::tess_number::number_confidence("L898902C3", &low).expect("found");
    assert_eq!(conf[4], 0.5);
    assert_eq!(conf.iter().filter(|&&c| c == 0.97).count(), 8);
    assert_eq!(
        super::tess_number::number_confidence("L898902C8", &symbols),
        None
    );
    assert_eq!(super::tess_number::number_confidence("", &symbols), None);
}

/// Tesseract counts as sure of a number when sure of its lines, or of every
/// character of a number without a 6/G, 8/S or F/P twin: a single slip to a
/// twin holds every check digit, whatever Tesseract's confidence in it.
#[test]
fn a_sure_tesseract_number_has_no_twin_or_a_sure_line() {
    use super::tess_number::number_margin as margin;
    let sure = |s: &str, c: f32| vec![s.chars().map(|ch| glyph(ch, c)).collect::<Vec<_>>()];
    let plain = sure("L491072C3<UTO", 0.95);
    assert_eq!(margin(0.0, "L491072C3", &plain), 1.0);
    let twin = sure("L498072C3<UTO", 0.95);
    assert_eq!(margin(0.0, "L498072C3", &twin), 0.0);
    assert_eq!(margin(0.7, "L498072C3", &twin), 1.0);
    let unsure = sure("L491072C3<UTO", 0.85);
    assert_eq!(margin(0.0, "L491072C3", &unsure), 0.0);
    // A number the repair changed: not where the line holds it.
    assert_eq!(margin(0.0, "L491072C8", &plain), 0.0);
}

/// The zone printing the number folded and both dates (`checked`, which
/// implies `nearly` here), and character for character (`exact`).
fn viz(checked: bool, exact: bool) -> super::read::VizChecked {
    super::read::VizChecked {
        checked,
        nearly: checked,
        exact,
    }
}

/// A visa has no composite: a Tesseract read unsure of its lines needs the
/// zone to print the dates and the number — whole, or but for one
/// character that is no twin (its OCR dropped the leading `V`).
#[test]
fn a_visa_number_printed_nearly_with_both_dates_stands_for_the_composite() {
    let m = parse_lines(&[
        "V<DEUBROWN<<NOAH<<<<<<<<<<<<<<<<<<<<",
        "V152328899DEU8504168M2810272<<<<<<<<",
    ])
    .expect("MRV-B");
    assert!(m.checks.composite.is_none() && m.checks_valid());
    let r = MrzRead {
        ocr_confidence: 0.49,
        engine: "tesseract",
        number_margin: 0.0,
        ..MrzRead::clear(m)
    };
    assert!(!r.is_confident());
    let nearly = super::read::VizChecked {
        checked: false,
        nearly: true,
        exact: false,
    };
    assert!(r.decisive(true, nearly));
    // Dates not both printed: `nearly` is not set, nothing stands in.
    assert!(!r.decisive(true, super::read::VizChecked::default()));
}
