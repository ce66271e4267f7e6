//! Address matching after USPS Publication 28: street suffixes, directionals
//! and secondary unit designators abbreviated one way ("Street" ≡ "ST",
//! "Apartment 4" ≡ "APT 4" ≡ "#4"), punctuation and case ignored, ZIP-5 compared.

use super::text::{edit_distance, tokens};

/// Pub 28 Appendix C1 street suffixes most seen on US addresses (full → standard).
const SUFFIXES: &[(&str, &str)] = &[
    ("alley", "aly"),
    ("annex", "anx"),
    ("avenue", "ave"),
    ("av", "ave"),
    ("aven", "ave"),
    ("bayou", "byu"),
    ("beach", "bch"),
    ("bend", "bnd"),
    ("bluff", "blf"),
    ("bottom", "btm"),
    ("boulevard", "blvd"),
    ("boul", "blvd"),
    ("branch", "br"),
    ("bridge", "brg"),
    ("brook", "brk"),
    ("bypass", "byp"),
    ("camp", "cp"),
    ("canyon", "cyn"),
    ("cape", "cpe"),
    ("causeway", "cswy"),
    ("center", "ctr"),
    ("centre", "ctr"),
    ("circle", "cir"),
    ("cliff", "clf"),
    ("club", "clb"),
    ("common", "cmn"),
    ("corner", "cor"),
    ("course", "crse"),
    ("court", "ct"),
    ("cove", "cv"),
    ("creek", "crk"),
    ("crescent", "cres"),
    ("crossing", "xing"),
    ("drive", "dr"),
    ("drv", "dr"),
    ("estate", "est"),
    ("estates", "ests"),
    ("expressway", "expy"),
    ("extension", "ext"),
    ("falls", "fls"),
    ("ferry", "fry"),
    ("field", "fld"),
    ("fields", "flds"),
    ("flat", "flt"),
    ("ford", "frd"),
    ("forest", "frst"),
    ("fork", "frk"),
    ("fort", "ft"),
    ("freeway", "fwy"),
    ("garden", "gdn"),
    ("gardens", "gdns"),
    ("gateway", "gtwy"),
    ("glen", "gln"),
    ("green", "grn"),
    ("grove", "grv"),
    ("harbor", "hbr"),
    ("haven", "hvn"),
    ("heights", "hts"),
    ("highway", "hwy"),
    ("hill", "hl"),
    ("hills", "hls"),
    ("hollow", "holw"),
    ("island", "is"),
    ("junction", "jct"),
    ("key", "ky"),
    ("knoll", "knl"),
    ("lake", "lk"),
    ("lakes", "lks"),
    ("landing", "lndg"),
    ("lane", "ln"),
    ("light", "lgt"),
    ("lodge", "ldg"),
    ("loop", "loop"),
    ("manor", "mnr"),
    ("meadow", "mdw"),
    ("meadows", "mdws"),
    ("mill", "ml"),
    ("mission", "msn"),
    ("motorway", "mtwy"),
    ("mount", "mt"),
    ("mountain", "mtn"),
    ("orchard", "orch"),
    ("oval", "oval"),
    ("park", "park"),
    ("parkway", "pkwy"),
    ("pass", "pass"),
    ("pike", "pike"),
    ("pine", "pne"),
    ("pines", "pnes"),
    ("place", "pl"),
    ("plain", "pln"),
    ("plaza", "plz"),
    ("point", "pt"),
    ("port", "prt"),
    ("prairie", "pr"),
    ("ranch", "rnch"),
    ("ridge", "rdg"),
    ("river", "riv"),
    ("road", "rd"),
    ("route", "rte"),
    ("run", "run"),
    ("shore", "shr"),
    ("spring", "spg"),
    ("springs", "spgs"),
    ("square", "sq"),
    ("station", "sta"),
    ("stream", "strm"),
    ("street", "st"),
    ("str", "st"),
    ("summit", "smt"),
    ("terrace", "ter"),
    ("terr", "ter"),
    ("trace", "trce"),
    ("track", "trak"),
    ("trail", "trl"),
    ("tunnel", "tunl"),
    ("turnpike", "tpke"),
    ("union", "un"),
    ("valley", "vly"),
    ("viaduct", "via"),
    ("view", "vw"),
    ("village", "vlg"),
    ("ville", "vl"),
    ("vista", "vis"),
    ("walk", "walk"),
    ("way", "way"),
    ("well", "wl"),
    ("wells", "wls"),
];

const DIRECTIONALS: &[(&str, &str)] = &[
    ("north", "n"),
    ("south", "s"),
    ("east", "e"),
    ("west", "w"),
    ("northeast", "ne"),
    ("northwest", "nw"),
    ("southeast", "se"),
    ("southwest", "sw"),
];

/// Secondary unit designators: all become `#`, so only the unit number counts.
const UNITS: &[&str] = &[
    "apartment",
    "apt",
    "unit",
    "suite",
    "ste",
    "room",
    "rm",
    "number",
    "no",
    "num",
    "#",
    "building",
    "bldg",
    "floor",
    "fl",
    "lot",
    "space",
    "spc",
    "trailer",
    "trlr",
    "box",
];

fn standard(token: &str) -> String {
    if let Some((_, s)) = SUFFIXES
        .iter()
        .chain(DIRECTIONALS)
        .find(|(full, _)| *full == token)
    {
        return (*s).to_string();
    }
    if UNITS.contains(&token) {
        return "#".to_string();
    }
    token.to_string()
}

/// A street line in Pub 28 standard form: `742 evergreen ter # 4`.
pub fn normalize_street(street: &str) -> String {
    let spaced = street.replace('#', " # ");
    let mut out: Vec<String> = vec![];
    for t in tokens(&spaced.replace('#', " number ")) {
        let s = standard(&t);
        // "Apt #4" is one designator, not two.
        if s == "#" && out.last().is_some_and(|l| l == "#") {
            continue;
        }
        out.push(s);
    }
    out.join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressMatch {
    Exact,
    /// One character off after normalising (an OCR slip): a warning.
    Slip,
    Mismatch,
}

pub fn streets_match(expected: &str, read: &str, ocr: bool) -> AddressMatch {
    let (e, r) = (normalize_street(expected), normalize_street(read));
    if e.is_empty() || r.is_empty() {
        return AddressMatch::Mismatch;
    }
    if e == r {
        return AddressMatch::Exact;
    }
    if ocr && edit_distance(&e, &r) == 1 {
        return AddressMatch::Slip;
    }
    AddressMatch::Mismatch
}

/// Cities compare after normalisation, with the common abbreviations.
pub fn cities_match(expected: &str, read: &str, ocr: bool) -> AddressMatch {
    let norm = |s: &str| -> String {
        tokens(s)
            .into_iter()
            .map(|t| match t.as_str() {
                "saint" => "st".to_string(),
                "fort" => "ft".to_string(),
                "mount" => "mt".to_string(),
                _ => t,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (e, r) = (norm(expected), norm(read));
    if e.is_empty() || r.is_empty() {
        AddressMatch::Mismatch
    } else if e == r {
        AddressMatch::Exact
    } else if ocr && edit_distance(&e, &r) == 1 {
        AddressMatch::Slip
    } else {
        AddressMatch::Mismatch
    }
}

/// The five-digit ZIP of `92026`, `92026-1234`, `920261234`; other postal
/// codes (Canada, elsewhere) normalised without spaces.
pub fn postal_key(code: &str) -> String {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    let is_zip = code
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c.is_whitespace());
    if is_zip && (digits.len() == 5 || digits.len() == 9) {
        return digits[..5].to_string();
    }
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pub28_abbreviations_are_equal() {
        assert_eq!(
            normalize_street("742 Evergreen Terrace"),
            "742 evergreen ter"
        );
        assert_eq!(normalize_street("742 EVERGREEN TER."), "742 evergreen ter");
        for s in [
            "100 North Main Street, Apartment 4",
            "100 N MAIN ST APT 4",
            "100 n. main st #4",
            "100 N Main St Apt #4",
        ] {
            assert_eq!(normalize_street(s), "100 n main st # 4", "{s}");
        }
        assert_eq!(
            streets_match("1 Oak Avenue", "1 OAK AVE", false),
            AddressMatch::Exact
        );
        assert_eq!(
            streets_match("1 Oak Avenue", "2 OAK AVE", false),
            AddressMatch::Mismatch
        );
        assert_eq!(
            streets_match("1 Oak Avenue", "1 0AK AVE", true),
            AddressMatch::Slip
        );
    }

    #[test]
    fn cities_and_zips() {
        assert_eq!(
            cities_match("Saint Louis", "ST. LOUIS", false),
            AddressMatch::Exact
        );
        assert_eq!(
            cities_match("Springfield", "Shelbyville", false),
            AddressMatch::Mismatch
        );
        assert_eq!(postal_key("92026-1234"), "92026");
        assert_eq!(postal_key("920261234"), "92026");
        assert_eq!(postal_key("92026"), "92026");
        assert_eq!(postal_key("k1a 0b1"), "K1A0B1");
        assert_ne!(postal_key("92026"), postal_key("92027"));
    }
}
