//! Unit tests of `fields.rs`: the MRZ's fields and their confidence.
use super::{from_mrz, unchecked_fields_shaped, NAMES_CONFIRMED, NAMES_DOUBTED, NAMES_UNCONFIRMED};
use crate::data::ExtractedData;
use crate::mrz::viz::VizAgreement;
use crate::mrz::{parse_lines, MrzRead};

/// The ICAO specimen read with OCR-B-foreign margins (everything a near
/// tie), every check digit holding.
fn foreign_font_read(lines: &[&str]) -> MrzRead {
    MrzRead {
        ocr_confidence: 0.05,
        checked_margin: 0.01,
        unchecked_margin: 0.0,
        ..MrzRead::clear(parse_lines(lines).unwrap())
    }
}

// ICAO's specimens, issued by a real state: Utopia names none.
const TD3: [&str; 2] = [
    "P<NLDERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36NLD7408122F1204159ZE184226B<<<<<10",
];
const MRVA: [&str; 2] = [
    "V<NLDERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
];

fn run(lines: &[&str], viz: Option<VizAgreement>, number_margin: f32) -> ExtractedData {
    let mut r = foreign_font_read(lines);
    r.number_margin = number_margin;
    let mut out = ExtractedData::default();
    from_mrz(&mut out, &r, None, viz);
    out
}

fn conf(d: &ExtractedData, k: &str) -> f64 {
    d.evidence[k].confidence
}

const ALL: VizAgreement = VizAgreement {
    surname: true,
    given_names: true,
    document_number: true,
    number_exact: true,
    number_nearly: true,
    birth_date: true,
    expiry_date: true,
    number_contested: false,
};

#[test]
fn a_valid_mrz_the_visual_zone_prints_is_trusted_whatever_its_font() {
    let d = run(&TD3, Some(ALL), 1.0);
    assert_eq!(d.mrz.as_ref().map(|m| m.checks_valid), Some(true));
    assert_eq!(conf(&d, "last_name"), NAMES_CONFIRMED);
    assert_eq!(conf(&d, "document_number"), 1.0);
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    assert!(d.evidence["last_name"]
        .confirmed_by
        .contains(&crate::data::Source::Ocr));
}

/// The J of `JPN` read as I (dev, 500-px photos of seed 2036): both
/// codes `IPN`, which names no state, beside names the zone prints.
#[test]
fn a_state_code_naming_no_state_is_doubted_beside_confirmed_names() {
    let lines = TD3.map(|l| l.replace("NLD", "IPN"));
    let d = run(&[&lines[0], &lines[1]], Some(ALL), 1.0);
    assert_eq!(d.issuing_country.as_deref(), Some("IPN"));
    assert_eq!(conf(&d, "issuing_country"), NAMES_DOUBTED);
    assert_eq!(conf(&d, "nationality"), NAMES_DOUBTED);
    assert_eq!(conf(&d, "last_name"), NAMES_CONFIRMED);
    assert_eq!(d.notes, ["mrz_state_unknown"]);
}

#[test]
fn names_without_a_legible_visual_zone_stay_below_trust() {
    for viz in [None, Some(VizAgreement::default())] {
        let d = run(&TD3, viz, 1.0);
        assert_eq!(d.mrz.as_ref().map(|m| m.checks_valid), Some(true));
        assert_eq!(conf(&d, "last_name"), NAMES_UNCONFIRMED);
        assert_eq!(conf(&d, "date_of_birth"), 1.0);
        assert_eq!(d.notes, ["mrz_names_unconfirmed"]);
    }
}

#[test]
fn a_visual_zone_with_other_names_leaves_them_doubted() {
    let viz = VizAgreement {
        surname: false,
        ..ALL
    };
    let d = run(&TD3, Some(viz), 1.0);
    assert_eq!(conf(&d, "last_name"), NAMES_DOUBTED);
    assert_eq!(conf(&d, "first_name"), NAMES_DOUBTED);
    assert_eq!(d.notes, ["mrz_names_viz_mismatch"]);
}

#[test]
fn a_legible_zone_printing_neither_names_nor_number_undoes_the_digits() {
    let viz = VizAgreement {
        birth_date: true,
        expiry_date: true,
        ..VizAgreement::default()
    };
    let d = run(&TD3, Some(viz), 1.0);
    // Not decisive: the rules trust no MRZ field of it.
    assert_eq!(d.mrz.as_ref().map(|m| m.checks_valid), Some(false));
    assert!(d.notes.iter().any(|n| n == "mrz_low_confidence"));
}

#[test]
fn a_legible_zone_printing_the_names_but_not_the_number_nor_a_date_undoes_them() {
    let viz = VizAgreement {
        surname: true,
        given_names: true,
        birth_date: true,
        ..VizAgreement::default()
    };
    let d = run(&TD3, Some(viz), 1.0);
    assert_eq!(d.mrz.as_ref().map(|m| m.checks_valid), Some(false));
    // Its number printed otherwise (the VIZ's OCR slipped) but both
    // dates there: the digits stand.
    let dates = VizAgreement {
        expiry_date: true,
        ..viz
    };
    let d = run(&TD3, Some(dates), 1.0);
    assert_eq!(d.mrz.as_ref().map(|m| m.checks_valid), Some(true));
}

#[test]
fn a_number_tie_the_check_digits_cannot_see_needs_the_printed_number() {
    let unsure = run(&TD3, None, 0.0);
    assert_eq!(unsure.mrz.as_ref().map(|m| m.checks_valid), Some(false));
    assert!(unsure.notes.iter().any(|n| n == "mrz_low_confidence"));
    let seen = run(&TD3, Some(ALL), 0.0);
    assert_eq!(seen.mrz.as_ref().map(|m| m.checks_valid), Some(true));
    // Printed but for one character the check digit guards alone.
    let nearly = VizAgreement {
        document_number: false,
        number_exact: false,
        ..ALL
    };
    let seen = run(&TD3, Some(nearly), 0.0);
    assert_eq!(seen.mrz.as_ref().map(|m| m.checks_valid), Some(true));
    let not_even = VizAgreement {
        number_nearly: false,
        ..nearly
    };
    let unsure = run(&TD3, Some(not_even), 0.0);
    assert_eq!(unsure.mrz.as_ref().map(|m| m.checks_valid), Some(false));
}

#[test]
fn a_visa_without_composite_needs_its_number_and_dates_printed() {
    let alone = run(&MRVA, None, 1.0);
    assert_eq!(alone.mrz.as_ref().map(|m| m.checks_valid), Some(false));
    let names_only = VizAgreement {
        surname: true,
        given_names: true,
        ..VizAgreement::default()
    };
    let weak = run(&MRVA, Some(names_only), 1.0);
    assert_eq!(weak.mrz.as_ref().map(|m| m.checks_valid), Some(false));
    let seen = run(&MRVA, Some(ALL), 1.0);
    assert_eq!(seen.mrz.as_ref().map(|m| m.checks_valid), Some(true));
    assert_eq!(conf(&seen, "last_name"), NAMES_CONFIRMED);
}

#[test]
fn misread_name_lines_are_not_shaped_like_an_mrz() {
    let l2 = "H385822953CAN5902279M2912202<<<<<<<<<<<<<<08";
    let good = parse_lines(&["P<CANPATEL<<LOIS<MARIE<<<<<<<<<<<<<<<<<<<<<<", l2]).unwrap();
    assert!(unchecked_fields_shaped(&good));
    for line1 in [
        "<<IJOITL<IFLRIT<<<<Y<<<Y<<<<<<<<Y<<<Y<<<<YC<",
        "P<CANPATEL<<<OIS<MARIE<<<<<<<<<<<<<<<<<<<<<<",
        "P<JPNLINDQVIST<AEFF<<<7CF<<<<<<<<<<<<<<<<<<<",
    ] {
        if let Ok(m) = parse_lines(&[line1, l2]) {
            assert!(!unchecked_fields_shaped(&m), "{line1}");
        }
    }
}
