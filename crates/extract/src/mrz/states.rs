//! The state codes an MRZ may carry (ICAO 9303 part 3, 5): the ISO 3166-1
//! alpha-3 codes, Germany's `D`, and the codes ICAO adds — the British
//! nationality classes, the UN and its agencies, refugees and stateless
//! persons, Kosovo, the EU. No check digit covers an MRZ's issuing state or
//! nationality, so a code that names no state (`NLT` for `NLD`) was misread.
//!
//! The ISO codes are those of `colleckt-domain`'s country table, from the
//! same ISO table (pycountry): extract depends on no other crate of ours.

/// Every three-letter code, sorted, in chunks of 28.
const CODES: &[&str] = &[
    "ABWAFGAGOAIAALAALBANDAREARGARMASMATAATFATGAUSAUTAZEBDIBELBENBESBFABGDBGRBHRBHSBIHBLM",
    "BLRBLZBMUBOLBRABRBBRNBTNBVTBWACAFCANCCKCHECHLCHNCIVCMRCODCOGCOKCOLCOMCPVCRICUBCUWCXR",
    "CYMCYPCZEDEUDJIDMADNKDOMDZAECUEGYERIESHESPESTETHEUEFINFJIFLKFRAFROFSMGABGBDGBNGBOGBP",
    "GBRGBSGEOGGYGHAGIBGINGLPGMBGNBGNQGRCGRDGRLGTMGUFGUMGUYHKGHMDHNDHRVHTIHUNIDNIMNINDIOT",
    "IRLIRNIRQISLISRITAJAMJEYJORJPNKAZKENKGZKHMKIRKNAKORKWTLAOLBNLBRLBYLCALIELKALSOLTULUX",
    "LVAMACMAFMARMCOMDAMDGMDVMEXMHLMKDMLIMLTMMRMNEMNGMNPMOZMRTMSRMTQMUSMWIMYSMYTNAMNCLNER",
    "NFKNGANICNIUNLDNORNPLNRUNZLOMNPAKPANPCNPERPHLPLWPNGPOLPRIPRKPRTPRYPSEPYFQATREURKSROU",
    "RUSRWASAUSDNSENSGPSGSSHNSJMSLBSLESLVSMRSOMSPMSRBSSDSTPSURSVKSVNSWESWZSXMSYCSYRTCATCD",
    "TGOTHATJKTKLTKMTLSTONTTOTUNTURTUVTWNTZAUGAUKRUMIUNAUNKUNOURYUSAUZBVATVCTVENVGBVIRVNM",
    "VUTWLFWSMXBAXCCXCEXCOXDCXECXESXIMXMPXOMXPOXXAXXBXXCXXXYEMZAFZMBZWE",
];

/// Whether `code` (as the MRZ spells it, fillers removed) names a state.
pub fn is_state(code: &str) -> bool {
    code == "D"
        || (code.len() == 3
            && CODES
                .iter()
                .any(|chunk| chunk.as_bytes().chunks(3).any(|c| c == code.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_icao_codes_name_states_and_slips_do_not() {
        for ok in [
            "NLD", "USA", "D", "GBN", "XXA", "UNO", "RKS", "EUE", "ZWE", "ABW",
        ] {
            assert!(is_state(ok), "{ok}");
        }
        for bad in [
            "NLT", "nld", "OBR", "TNO", "IPN", "UTO", "", "D<<", "DE", "DEUX", "BWA1",
        ] {
            assert!(!is_state(bad), "{bad}");
        }
    }

    #[test]
    fn the_list_is_sorted_whole_codes() {
        let all: Vec<&[u8]> = CODES.iter().flat_map(|c| c.as_bytes().chunks(3)).collect();
        assert!(CODES.iter().all(|c| c.len() % 3 == 0));
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(all.len(), 274);
    }
}
