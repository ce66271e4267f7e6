//! Payloads as scanners capture them in the wild: every deviation the
//! parser tolerates, each on payloads written here for other jurisdictions
//! than the published samples that showed it.

use super::*;

/// A clean version-8 Texas-style payload to mangle.
const TX8: &str = "@\n\x1e\rANSI 636015080002DL00410232ZT02730015DLDAQ12345678\nDCSGARCIA\nDDEN\nDACELENA\nDDFN\nDADMARIA\nDDGN\nDCAC\nDCBNONE\nDCDNONE\nDBD03152020\nDBB07041990\nDBA07042028\nDBC2\nDAU064 IN\nDAYBRO\nDAG500 ELM ST\nDAIAUSTIN\nDAJTX\nDAK787010000  \nDCF12345\nDCGUSA\nDDEN\nDDFN\nDDGN\rZTZTA1\r";

fn tx(r: &AamvaRecord) {
    assert_eq!(r.last_name.as_deref(), Some("GARCIA"));
    assert_eq!(r.first_name.as_deref(), Some("ELENA"));
    assert_eq!(r.middle_name.as_deref(), Some("MARIA"));
    assert_eq!(r.document_number.as_deref(), Some("12345678"));
    assert_eq!(r.date_of_birth.as_deref(), Some("1990-07-04"));
    assert_eq!(r.expiry_date.as_deref(), Some("2028-07-04"));
    assert_eq!(r.street.as_deref(), Some("500 ELM ST"));
    assert_eq!(r.postal_code.as_deref(), Some("78701"));
    assert_eq!(r.jurisdiction.as_deref(), Some("TX"));
    assert!(!r.partial);
}

fn with_preamble(pre: &str) -> String {
    TX8.replacen("@\n\x1e\r", pre, 1)
}

#[test]
fn record_separator_straight_into_file_type() {
    let r = parse(with_preamble("@\n\x1e").as_bytes()).expect("parse");
    tx(&r);
    assert!(r.deviations.iter().any(|d| d == "non-standard preamble"));
}

#[test]
fn mangled_preambles() {
    for pre in [
        "@ac",
        "@a\n",
        "@\n6M",
        "@\n\u{dc}M",
        "@",
        " @\n6",
        "\r\n@\n\n",
        "@\n\x1e\n",
    ] {
        let r = parse(with_preamble(pre).as_bytes()).unwrap_or_else(|e| panic!("{pre:?}: {e}"));
        tx(&r);
    }
}

#[test]
fn junk_bytes_in_the_header() {
    // As UTF-8 (a decoder's text) and as Latin-1 bytes.
    let utf8 = with_preamble("@\n\x1e\n\u{90}\u{90}\u{90}");
    tx(&parse(utf8.as_bytes()).expect("utf-8"));
    let mut latin1 = b"@\n\x90\x1e\r\x90".to_vec();
    latin1.extend_from_slice(&TX8.as_bytes()[4..]);
    let r = parse(&latin1).expect("latin-1");
    tx(&r);
    assert!(r.deviations.iter().any(|d| d.contains("undefined")));
}

#[test]
fn undefined_characters_around_every_record() {
    // What a DS4308 in keyboard mode does: C1 controls at both ends of lines.
    let noisy: String = TX8
        .split('\n')
        .map(|l| format!("\u{85}{l}\u{9f}"))
        .collect::<Vec<_>>()
        .join("\n");
    tx(&parse(noisy.as_bytes()).expect("parse"));
}

#[test]
fn no_compliance_indicator_but_an_issuer_number() {
    tx(&parse(with_preamble("").as_bytes()).expect("parse"));
    // Text that merely mentions the standard is no card.
    assert_eq!(
        parse(b"see the ANSI standard for DAQ codes"),
        Err(AamvaError::NoHeader)
    );
}

#[test]
fn designator_missing_wrong_or_lowercase() {
    // West Virginia / Wyoming: the directory is fine, the "DL" before the
    // first element is missing.
    let missing = TX8.replace("ZT02730015DLDAQ", "ZT02730015DAQ");
    let r = parse(missing.as_bytes()).expect("missing");
    tx(&r);
    assert_eq!(r.subfile, "DL");
    assert!(r
        .deviations
        .iter()
        .any(|d| d == "subfile designator missing"));
    // Lowercase designator, offsets pointing elsewhere.
    let lower = TX8.replace("ZT02730015DLDAQ", "ZT02730015dlDAQ");
    tx(&parse(lower.as_bytes()).expect("lowercase"));
    // An ID subfile found by content when the directory says DL at a wrong offset.
    let id = TX8
        .replace("DL00410232", "DL00990232")
        .replace("ZT02730015DLDAQ", "ZT02730015IDDAQ");
    assert_eq!(parse(id.as_bytes()).expect("id").subfile, "ID");
}

#[test]
fn designator_then_a_line_break() {
    // Colorado 2013: "DL\nDCA...".
    let s = TX8.replace("DLDAQ12345678\n", "DL\nDAQ12345678\n");
    tx(&parse(s.as_bytes()).expect("parse"));
}

#[test]
fn garbled_directory_with_lowercase_letters() {
    // Alberta: the directory entry is "DLabac", then the subfile.
    let s = "@\n\nANSI 604432030001DLabacDLDCSCHAN\nDCTWEI LING\nDAG10 JASPER AVE\nDAQ654321-002\nDAKT5J 0N3\nDAIEDMONTON\nDAJAB\nDBCF\nDBB19880515\nDBA20300515\n";
    let r = parse(s.as_bytes()).expect("parse");
    assert_eq!(r.last_name.as_deref(), Some("CHAN"));
    assert_eq!(r.first_name.as_deref(), Some("WEI"));
    assert_eq!(r.middle_name.as_deref(), Some("LING"));
    assert_eq!(r.date_of_birth.as_deref(), Some("1988-05-15"));
    assert_eq!(r.expiry_date.as_deref(), Some("2030-05-15"));
    assert_eq!(r.postal_code.as_deref(), Some("T5J 0N3"));
    assert_eq!(r.issuing_country.as_deref(), Some("CAN"));
    assert!(r
        .deviations
        .iter()
        .any(|d| d == "subfile directory unreadable"));
}

/// A version-1 Connecticut-style `AAMVA` file with a `DAA` full name.
fn v1(pre: &str, daa: &str) -> String {
    format!("{pre}AAMVA6360060101DL00290182DAA{daa}\nDAG9 OAK ST\nDAIHARTFORD\nDAJCT\nDAK061051234  \nDAQ123456789\nDBA20280301\nDBB19800301\nDBC2\nDBD20200301\nDAU505")
}

#[test]
fn version_1_full_names() {
    let cases = [
        ("RIVERA,ANA,LUZ", ("ANA", Some("LUZ"), "RIVERA", None)),
        ("RIVERA,ANA", ("ANA", None, "RIVERA", None)),
        ("RIVERA,ANA,,JR", ("ANA", None, "RIVERA", Some("JR"))),
        (
            "RIVERA,ANA,LUZ MARIA,III",
            ("ANA", Some("LUZ MARIA"), "RIVERA", Some("III")),
        ),
        ("RIVERA, ANA LUZ", ("ANA", Some("LUZ"), "RIVERA", None)),
        ("RIVERA$ANA$LUZ", ("ANA", Some("LUZ"), "RIVERA", None)),
        ("ANA LUZ RIVERA", ("ANA", Some("LUZ"), "RIVERA", None)),
        ("RIVERA ANA L", ("ANA", Some("L"), "RIVERA", None)),
    ];
    for pre in ["@\n\x1e\r", "@\n\x1e", "@\n6", "@\n\x1e\n"] {
        for (daa, (first, middle, last, suffix)) in cases {
            let r = parse(v1(pre, daa).as_bytes()).unwrap_or_else(|e| panic!("{daa}: {e}"));
            assert_eq!(r.first_name.as_deref(), Some(first), "{daa}");
            assert_eq!(r.middle_name.as_deref(), middle, "{daa}");
            assert_eq!(r.last_name.as_deref(), Some(last), "{daa}");
            assert_eq!(r.suffix.as_deref(), suffix, "{daa}");
            assert_eq!(r.version, 1);
            assert_eq!(r.date_of_birth.as_deref(), Some("1980-03-01"));
            assert_eq!(r.sex.as_deref(), Some("F"));
            assert!(!r.partial);
        }
    }
}

#[test]
fn pennsylvania_version_1_names() {
    for (daa, middle) in [
        ("JOHN P SMITH", "P"),
        ("SMITH,JOHN,P", "P"),
        ("JOHN ROBERT LEE SMITH", "ROBERT LEE"),
    ] {
        let s = format!("@\n\x1e\nANSI 6360250101DL00290194DLDAQ26798765\nDAA{daa}\nDAG140 MAIN ST\nDAIPHILADELPHIA\nDAJPA\nDAK19130      \nDBA20200203\nDBB19860202\nDBCM\n");
        let r = parse(s.as_bytes()).expect("parse");
        assert_eq!(r.last_name.as_deref(), Some("SMITH"), "{daa}");
        assert_eq!(r.first_name.as_deref(), Some("JOHN"), "{daa}");
        assert_eq!(r.middle_name.as_deref(), Some(middle), "{daa}");
    }
}

#[test]
fn given_names_split_into_first_and_middle() {
    // DCT (versions 2–3) and a DAC that carries the middle name (Wyoming).
    let dct = TX8
        .replace("DACELENA\n", "DCTELENA,MARIA\n")
        .replace("DADMARIA\n", "");
    tx(&parse(dct.as_bytes()).expect("dct"));
    let dac = TX8
        .replace("DACELENA\n", "DACELENA MARIA\n")
        .replace("DADMARIA\n", "DAD\n");
    tx(&parse(dac.as_bytes()).expect("dac"));
}

#[test]
fn residence_address_and_restated_city_line() {
    // Oregon version 1: the mailing street empty, the residence street given.
    let s = "@\n\x1e\nANSI 6360290102DL00390179ZO02180025DLDAQ7654321\nDAAPARK, MIN JI\nDAG\nDAL88 NW 5TH AVE\nDAIPORTLAND\nDAJOR\nDAK97209      \nDBA20300101\nDBB19920101\nDBC2\n";
    let r = parse(s.as_bytes()).expect("parse");
    assert_eq!(r.street.as_deref(), Some("88 NW 5TH AVE"));
    assert_eq!(r.first_name.as_deref(), Some("MIN"));
    assert_eq!(r.middle_name.as_deref(), Some("JI"));
    assert_eq!(r.last_name.as_deref(), Some("PARK"));
    let restated = TX8.replace("DCGUSA\n", "DCGUSA\nDAHAUSTIN, TX 78701\n");
    tx(&parse(restated.as_bytes()).expect("restated"));
}

#[test]
fn dates_per_country_and_version() {
    // A US version-4 file writing CCYYMMDD (West Virginia, Wyoming).
    let s = TX8
        .replace("DBB07041990", "DBB19900704")
        .replace("DBA07042028", "DBA20280704");
    tx(&parse(s.as_bytes()).expect("ccyymmdd in a US file"));
    // A Canadian file writes CCYYMMDD; an impossible date is dropped.
    let ca = "@\n\x1e\rANSI 636017080002DL00410200ZN02410010DLDAQ7654321\nDCSLEBLANC\nDACMARIE\nDBB19850230\nDBA20300314\nDBD20250314\nDCGCAN\nDAJNB\rZNZNA1\r";
    let r = parse(ca.as_bytes()).expect("canadian");
    assert_eq!(r.expiry_date.as_deref(), Some("2030-03-14"));
    assert_eq!(r.issue_date.as_deref(), Some("2025-03-14"));
    assert_eq!(r.date_of_birth, None);
    assert!(r.partial, "no valid date of birth");
}

#[test]
fn partial_payloads_give_what_they_have() {
    // Cut after the name: no date of birth, no number.
    let cut = &TX8[..TX8.find("DCAC").unwrap_or(TX8.len())];
    let r = parse(cut.as_bytes()).expect("partial");
    assert!(r.partial);
    assert_eq!(r.last_name.as_deref(), Some("GARCIA"));
    assert_eq!(r.first_name.as_deref(), Some("ELENA"));
    assert_eq!(r.date_of_birth, None);
    // A header with nothing after it is not a card's data.
    assert_eq!(
        parse(b"@\n\x1e\rANSI 636015080002"),
        Err(AamvaError::NoSubfile)
    );
}

#[test]
fn indented_elements_and_crlf_lines() {
    // Keyboard-emulation captures: CR LF between elements, indented lines.
    let s = TX8.replace('\n', "\r\n  ");
    tx(&parse(s.as_bytes()).expect("parse"));
}

#[test]
fn full_name_in_the_family_name_element() {
    let s = TX8
        .replace("DCSGARCIA\n", "DCSGARCIA,ELENA,MARIA\n")
        .replace("DACELENA\n", "")
        .replace("DADMARIA\n", "");
    tx(&parse(s.as_bytes()).expect("parse"));
}

#[test]
fn every_separator_lost() {
    // A keyboard wedge typing into a one-line field: no LF, RS or CR at all.
    let flat: String = TX8
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r' | '\x1e'))
        .collect();
    tx(&parse(flat.as_bytes()).expect("flat"));
    // Names that hold element codes' letters.
    let names = flat
        .replace("DCSGARCIA", "DCSHALLIDAY")
        .replace("DACELENA", "DACDANA");
    let r = parse(names.as_bytes()).expect("names");
    assert_eq!(r.last_name.as_deref(), Some("HALLIDAY"));
    assert_eq!(r.first_name.as_deref(), Some("DANA"));
    assert_eq!(r.middle_name.as_deref(), Some("MARIA"));
    assert_eq!(r.date_of_birth.as_deref(), Some("1990-07-04"));
    assert!(r
        .deviations
        .iter()
        .any(|d| d == "element separators missing"));
}

#[test]
fn caps_lock_inverted_letters() {
    let inverted: String = TX8
        .chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    let r = parse(inverted.as_bytes()).expect("parse");
    tx(&r);
    assert!(r.deviations.iter().any(|d| d == "letter case inverted"));
}
