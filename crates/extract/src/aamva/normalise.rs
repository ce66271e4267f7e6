//! From the subfile's raw elements to the record's normalised fields.

use super::fields::{clean, parse_date, parse_postal, parse_sex, DateOrder};
use super::iin;
use super::names::{split_full_name, split_given, Name};
use super::record::{AamvaRecord, Truncation};

/// The record's name from whichever elements the version and jurisdiction
/// used: `DCS`/`DAC`/`DAD` (v4+), `DCS`/`DCT` (v2–3), `DAB`/`DAC`/`DAD` or
/// `DAA` (v1). Separate elements win; `DAA` fills what they leave.
fn name(src: &AamvaRecord) -> Name {
    let get = |c: &str| src.get(c).and_then(clean);
    let family = get("DCS").or_else(|| get("DAB"));
    let mut n = Name {
        last: family.clone(),
        first: get("DAC"),
        middle: get("DAD"),
        suffix: get("DCU").or_else(|| get("DAE")),
    };
    match (n.first.as_deref(), src.get("DCT")) {
        (None, Some(dct)) => (n.first, n.middle) = split_given(dct),
        // A first-name element holding the middle name too (the standard's
        // first names have no spaces): split it when no middle name is given.
        (Some(first), _) if n.middle.is_none() && first.contains([' ', ',']) => {
            (n.first, n.middle) = split_given(first);
        }
        _ => {}
    }
    // A full name in the family-name element ("SMITH,JOHN,Q"), as some
    // jurisdictions encode it when they write no given-name element.
    let full_in_family = family
        .as_deref()
        .filter(|f| n.first.is_none() && f.contains([',', '$']))
        .map(|f| split_full_name(f, None));
    if let Some(full) = full_in_family {
        (n.last, n.first, n.middle) = (full.last, full.first, full.middle);
        n.suffix = n.suffix.or(full.suffix);
    }
    if let Some(daa) = src.get("DAA") {
        let full = split_full_name(daa, family.as_deref());
        n.last = n.last.or(full.last);
        n.first = n.first.or(full.first);
        n.middle = n.middle.or(full.middle);
        n.suffix = n.suffix.or(full.suffix);
    }
    n
}

/// Whether a second address line only restates the city line
/// ("BLUE STREAM, WY  82930"), as some jurisdictions encode it.
fn restates_city_line(
    line: &str,
    city: Option<&str>,
    state: Option<&str>,
    zip: Option<&str>,
) -> bool {
    let Some(city) = city else {
        return false;
    };
    let zip5 = zip.map(|z| z.chars().take(5).collect::<String>());
    line.starts_with(city)
        && (state.is_some_and(|s| line.contains(s)) || zip5.is_some_and(|z| line.contains(&z)))
}

/// Street, city, state and postal code: the mailing address (`DAG`–`DAK`),
/// or the version-1 residence address (`DAL`–`DAP`) where it is missing.
fn address(
    src: &AamvaRecord,
) -> (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    let get = |c: &str| src.get(c).and_then(clean);
    let city = get("DAI").or_else(|| get("DAN"));
    let state = get("DAJ").or_else(|| get("DAO")).filter(|s| s.len() == 2);
    let postal = src
        .get("DAK")
        .and_then(parse_postal)
        .or_else(|| src.get("DAP").and_then(parse_postal));
    let line1 = get("DAG").or_else(|| get("DAL"));
    let line2 = get("DAH")
        .or_else(|| get("DAM"))
        .filter(|l| !restates_city_line(l, city.as_deref(), state.as_deref(), postal.as_deref()));
    let street = match (line1, line2) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    (street, city, state, postal)
}

/// Dates: MMDDCCYY in US files from version 2 on, CCYYMMDD in Canadian and
/// version-1 files; each value is validated and read in the other order when
/// the expected one is not a real date (Wyoming and West Virginia write
/// CCYYMMDD in US files).
fn date_order(version: u8, country: Option<&str>) -> DateOrder {
    if version <= 1 || country == Some("CAN") {
        DateOrder::Ymd
    } else {
        DateOrder::Mdy
    }
}

pub(super) fn normalise(r: &mut AamvaRecord) {
    let src = AamvaRecord {
        elements: std::mem::take(&mut r.elements),
        ..AamvaRecord::default()
    };
    let src = &src;
    let get = |c: &str| src.get(c).and_then(clean);
    let iin_info = iin::lookup(&r.iin);
    let (street, city, state, postal) = address(src);
    let jurisdiction = iin_info
        .map(|(j, _)| j.to_string())
        .or_else(|| state.clone());
    let country = get("DCG")
        .filter(|c| c == "USA" || c == "CAN")
        .or_else(|| iin_info.map(|(_, c)| c.to_string()))
        .or_else(|| {
            jurisdiction
                .as_deref()
                .map(|j| if iin::is_canadian(j) { "CAN" } else { "USA" }.to_string())
        });
    let order = date_order(r.version, country.as_deref());
    let date = |c: &str| src.get(c).and_then(|v| parse_date(v, order));
    let flag = |c: &str| {
        src.get(c)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("T"))
    };
    let n = name(src);

    r.truncated = Truncation {
        family: flag("DDE"),
        first: flag("DDF"),
        middle: flag("DDG"),
    };
    r.first_name = n.first;
    r.middle_name = n.middle;
    r.last_name = n.last;
    r.suffix = n.suffix;
    r.date_of_birth = date("DBB");
    r.issue_date = date("DBD");
    r.expiry_date = date("DBA");
    r.sex = src.get("DBC").and_then(parse_sex).map(str::to_string);
    r.document_number = get("DAQ").map(|s| s.replace(' ', ""));
    r.street = street;
    r.city = city;
    r.state = state;
    r.postal_code = postal;
    r.jurisdiction = jurisdiction;
    r.issuing_country = country;
    r.elements = src.elements.clone();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_line_restating_the_city_line_is_dropped() {
        assert!(restates_city_line(
            "BLUE STREAM, WY 82930",
            Some("BLUE STREAM"),
            Some("WY"),
            Some("82930")
        ));
        assert!(!restates_city_line(
            "APT 4",
            Some("SCRANTON"),
            Some("PA"),
            Some("18503")
        ));
        assert!(!restates_city_line("APT 4", None, Some("PA"), None));
    }

    #[test]
    fn date_order_by_version_and_country() {
        assert_eq!(date_order(1, Some("USA")), DateOrder::Ymd);
        assert_eq!(date_order(8, Some("CAN")), DateOrder::Ymd);
        assert_eq!(date_order(8, Some("USA")), DateOrder::Mdy);
    }
}
