//! Tests on the AAMVA standard's published examples and real-world deviations.

use super::*;

/// AAMVA DL/ID Card Design Standard (2020), Annex D example (version 10).
const V10: &str = "@\n\x1e\rANSI 636000100002DL00410278ZV03190008DLDAQT64235789\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\nDADJOHN\nDDGN\nDCUJR\nDCAD\nDCBK\nDCDPH\nDBD06062019\nDBB06061986\nDBA12102024\nDBC1\nDAU068 in\nDAYBRO\nDAG2300 WEST BROAD STREET\nDAIRICHMOND\nDAJVA\nDAK232690000  \nDCF2424244747474786102204\nDCGUSA\nDCK123456789\nDDAF\nDDB06062018\nDDC06062020\nDDD1\rZVZVA01\r";

/// Version-1 (AAMVA 2000) example: `DAA` full name, CCYYMMDD dates, M/F sex.
const V1: &str = "@\n\x1e\rANSI 6360000102DL00390187ZV02260032DLDAQ0123456789ABC\nDAAPUBLIC,JOHN,Q\nDAG123 MAIN STREET\nDAIANYTOWN\nDAJVA\nDAK123459999  \nDARDM  \nDAS          \nDAT     \nDAU509\nDAW175\nDAYBL \nDAZBR \nDBA20011201\nDBB19761123\nDBCM\nDBD19961201\rZVZVAJURISDICTIONDEFINEDELEMENT\r";

/// Version-4 example (2009 standard).
const V4: &str = "@\n\x1e\rANSI 636000040002DL00410278ZV03190008DLDAQT64235789\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\nDADJOHN\nDDGN\nDCUJR\nDCAD\nDCBK\nDCDPH\nDBD06062008\nDBB06061986\nDBA12102012\nDBC1\nDAU068 in\nDAYBRO\nDAG2300 WEST BROAD STREET\nDAIRICHMOND\nDAJVA\nDAK232690000  \nDCF2424244747474786102204\nDCGUSA\nDCK123456789\nDDAM\nDDB06062008\nDDC06062009\nDDD1\rZVZVA01\r";

#[test]
fn standard_v10_example() {
    let r = parse(V10.as_bytes()).expect("parse");
    assert_eq!(r.version, 10);
    assert_eq!(r.iin, "636000");
    assert_eq!(r.jurisdiction_version, Some(0));
    assert_eq!(r.subfile, "DL");
    assert_eq!(r.jurisdiction.as_deref(), Some("VA"));
    assert_eq!(r.issuing_country.as_deref(), Some("USA"));
    assert_eq!(r.document_number.as_deref(), Some("T64235789"));
    assert_eq!(r.last_name.as_deref(), Some("SAMPLE"));
    assert_eq!(r.first_name.as_deref(), Some("MICHAEL"));
    assert_eq!(r.middle_name.as_deref(), Some("JOHN"));
    assert_eq!(r.suffix.as_deref(), Some("JR"));
    assert_eq!(r.date_of_birth.as_deref(), Some("1986-06-06"));
    assert_eq!(r.issue_date.as_deref(), Some("2019-06-06"));
    assert_eq!(r.expiry_date.as_deref(), Some("2024-12-10"));
    assert_eq!(r.sex.as_deref(), Some("M"));
    assert_eq!(r.street.as_deref(), Some("2300 WEST BROAD STREET"));
    assert_eq!(r.city.as_deref(), Some("RICHMOND"));
    assert_eq!(r.state.as_deref(), Some("VA"));
    assert_eq!(r.postal_code.as_deref(), Some("23269"));
    assert_eq!(r.truncated, record::Truncation::default());
    assert!(r.deviations.is_empty(), "{:?}", r.deviations);
    // The jurisdiction subfile is ignored safely.
    assert!(r.elements.iter().all(|(c, _)| c.starts_with('D')));
}

#[test]
fn standard_v1_example() {
    let r = parse(V1.as_bytes()).expect("parse");
    assert_eq!(r.version, 1);
    assert_eq!(r.jurisdiction_version, None);
    assert_eq!(r.last_name.as_deref(), Some("PUBLIC"));
    assert_eq!(r.first_name.as_deref(), Some("JOHN"));
    assert_eq!(r.middle_name.as_deref(), Some("Q"));
    assert_eq!(r.date_of_birth.as_deref(), Some("1976-11-23"));
    assert_eq!(r.expiry_date.as_deref(), Some("2001-12-01"));
    assert_eq!(r.issue_date.as_deref(), Some("1996-12-01"));
    assert_eq!(r.sex.as_deref(), Some("M"));
    assert_eq!(r.postal_code.as_deref(), Some("12345-9999"));
    assert_eq!(r.document_number.as_deref(), Some("0123456789ABC"));
}

#[test]
fn standard_v4_example() {
    let r = parse(V4.as_bytes()).expect("parse");
    assert_eq!(r.version, 4);
    assert_eq!(r.expiry_date.as_deref(), Some("2012-12-10"));
    assert_eq!(r.first_name.as_deref(), Some("MICHAEL"));
}

#[test]
fn header_variants() {
    for pre in [
        "@\n\x1e\n",
        "@\n\n",
        "@\n\x1e\r",
        "@\r\n\x1e\r",
        "@\n\rANSI",
        "@\nANSI",
    ] {
        let pre = pre.trim_end_matches("ANSI");
        let s = V10.replacen("@\n\x1e\r", pre, 1);
        let r = parse(s.as_bytes()).unwrap_or_else(|e| panic!("{pre:?}: {e}"));
        assert_eq!(r.last_name.as_deref(), Some("SAMPLE"), "{pre:?}");
        assert_eq!(r.postal_code.as_deref(), Some("23269"));
    }
}

#[test]
fn wrong_offsets_and_crlf() {
    let s = V10
        .replace("DL00410278", "DL00400278")
        .replace('\n', "\r\n");
    let r = parse(s.as_bytes()).expect("parse");
    assert_eq!(r.first_name.as_deref(), Some("MICHAEL"));
    assert!(!r.deviations.is_empty());
}

#[test]
fn aamva_file_type_and_daa_spaces() {
    // Spaces only, a lone initial last: LAST FIRST M.
    let s = "@\n\x1e\rAAMVA6360290101DL00290150DLDAQ1234567\nDAADOE JANE A\nDBB19800102\nDBA20300102\nDBCF\nDAJOR\nDAK97201\r";
    let r = parse(s.as_bytes()).expect("parse");
    assert_eq!(r.jurisdiction.as_deref(), Some("OR"));
    assert_eq!(r.last_name.as_deref(), Some("DOE"));
    assert_eq!(r.first_name.as_deref(), Some("JANE"));
    assert_eq!(r.middle_name.as_deref(), Some("A"));
    assert_eq!(r.date_of_birth.as_deref(), Some("1980-01-02"));
    assert_eq!(r.sex.as_deref(), Some("F"));
}

#[test]
fn canadian_dates_and_id_subfile() {
    let s = "@\n\x1e\rANSI 636012080002ID00410200ZO02410010IDDAQS1234-56789-01234\nDCSSMITH\nDACJANE\nDADNONE\nDBB19850314\nDBA20300314\nDBD20250314\nDBC2\nDAG1 YONGE ST\nDAITORONTO\nDAJON\nDAKM5E1E5   \nDCGCAN\nDDEN\nDDFT\nDDGN\rZOZOA1\r";
    let r = parse(s.as_bytes()).expect("parse");
    assert_eq!(r.subfile, "ID");
    assert_eq!(r.issuing_country.as_deref(), Some("CAN"));
    assert_eq!(r.jurisdiction.as_deref(), Some("ON"));
    assert_eq!(r.date_of_birth.as_deref(), Some("1985-03-14"));
    assert_eq!(r.expiry_date.as_deref(), Some("2030-03-14"));
    assert_eq!(r.middle_name, None);
    assert_eq!(r.sex.as_deref(), Some("F"));
    assert_eq!(r.postal_code.as_deref(), Some("M5E 1E5"));
    assert!(r.truncated.first);
    assert_eq!(r.document_number.as_deref(), Some("S1234-56789-01234"));
}

#[test]
fn v3_given_names_and_sex_9() {
    let s = V10
        .replace("ANSI 6360001000", "ANSI 6360000300")
        .replace("DACMICHAEL\n", "DCTMICHAEL JOHN\n")
        .replace("DADJOHN\n", "")
        .replace("DBC1", "DBC9");
    let r = parse(s.as_bytes()).expect("parse");
    assert_eq!(r.version, 3);
    assert_eq!(r.first_name.as_deref(), Some("MICHAEL"));
    assert_eq!(r.middle_name.as_deref(), Some("JOHN"));
    assert_eq!(r.sex.as_deref(), Some("X"));
}

#[test]
fn missing_separators() {
    let s = "@\n\x1e\rANSI 636000100001DL00310100DLDAQT64235789DCSSAMPLEDACMICHAELDBB06061986DBA12102030DAJVA\r";
    let r = parse(s.as_bytes()).expect("parse");
    assert_eq!(r.document_number.as_deref(), Some("T64235789"));
    assert_eq!(r.last_name.as_deref(), Some("SAMPLE"));
    assert_eq!(r.date_of_birth.as_deref(), Some("1986-06-06"));
}

#[test]
fn rejects_non_aamva() {
    assert_eq!(parse(b""), Err(AamvaError::NoHeader));
    assert_eq!(parse(b"hello world"), Err(AamvaError::NoHeader));
    assert!(parse(b"@\n\x1e\rANSI 63600010").is_err());
    // A lone licence number is given, marked partial (not refused).
    let r = parse(b"@\n\x1e\rANSI 636000100001DL00310100DLDAQ1\r").expect("partial");
    assert!(r.partial);
    assert_eq!(r.document_number.as_deref(), Some("1"));
    // Truncated at every byte: never a panic.
    for n in 0..V10.len() {
        let _ = parse(&V10.as_bytes()[..n]);
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn mdy(y: u32, m: u32, d: u32) -> String {
        format!("{m:02}{d:02}{y:04}")
    }

    proptest! {
        #[test]
        fn never_panics(data in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse(&data);
        }

        #[test]
        fn never_panics_past_a_header(
            pre in 0usize..4,
            tail in proptest::collection::vec(
                prop_oneof![any::<u8>(), Just(b'\n'), Just(b'D'), Just(b'L'), Just(b'A'), Just(b'Z')],
                0..300,
            ),
        ) {
            let head = ["@\n\x1e\rANSI 636000100002", "@ANSI 6360", "@\n\nAAMVA6360060101", "ANSI 636001"][pre];
            let data = [head.as_bytes(), &tail].concat();
            if let Ok(r) = parse(&data) {
                prop_assert!(!r.elements.is_empty());
            }
        }

        #[test]
        fn round_trip(
            last in "[A-Z]{2,20}", first in "[A-Z]{2,15}", num in "[A-Z0-9]{5,12}",
            y in 1930u32..2010, m in 1u32..13, d in 1u32..29, sex in 1u8..3,
            zip in "[0-9]{5}", ver in 2u8..11, sep in 0usize..3,
        ) {
            let pre = ["@\n\x1e\r", "@\n\x1e\n", "@\n\n"][sep];
            let body = format!(
                "DLDAQ{num}\nDCS{last}\nDAC{first}\nDBB{}\nDBA{}\nDBC{sex}\nDAIRICHMOND\nDAJVA\nDAK{zip}0000  \r",
                mdy(y, m, d), mdy(y + 40, m, d)
            );
            let s = format!("{pre}ANSI 636000{ver:02}0001DL0031{:04}{body}", body.len());
            let r = parse(s.as_bytes()).expect("parse");
            prop_assert_eq!(r.last_name, Some(last));
            prop_assert_eq!(r.first_name, Some(first));
            prop_assert_eq!(r.document_number, Some(num));
            prop_assert_eq!(r.date_of_birth, Some(format!("{y:04}-{m:02}-{d:02}")));
            prop_assert_eq!(r.postal_code, Some(zip));
            prop_assert_eq!(r.sex.as_deref(), Some(if sex == 1 { "M" } else { "F" }));
        }
    }
}
