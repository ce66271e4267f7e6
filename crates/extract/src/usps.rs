//! USPS Publication 28 helpers: state names ↔ codes, street-suffix, unit and
//! directional abbreviations, ZIP handling. Used to parse addresses and by
//! the rules that compare them.

const STATES: &[(&str, &str)] = &[
    ("AL", "ALABAMA"),
    ("AK", "ALASKA"),
    ("AZ", "ARIZONA"),
    ("AR", "ARKANSAS"),
    ("CA", "CALIFORNIA"),
    ("CO", "COLORADO"),
    ("CT", "CONNECTICUT"),
    ("DE", "DELAWARE"),
    ("DC", "DISTRICT OF COLUMBIA"),
    ("FL", "FLORIDA"),
    ("GA", "GEORGIA"),
    ("HI", "HAWAII"),
    ("ID", "IDAHO"),
    ("IL", "ILLINOIS"),
    ("IN", "INDIANA"),
    ("IA", "IOWA"),
    ("KS", "KANSAS"),
    ("KY", "KENTUCKY"),
    ("LA", "LOUISIANA"),
    ("ME", "MAINE"),
    ("MD", "MARYLAND"),
    ("MA", "MASSACHUSETTS"),
    ("MI", "MICHIGAN"),
    ("MN", "MINNESOTA"),
    ("MS", "MISSISSIPPI"),
    ("MO", "MISSOURI"),
    ("MT", "MONTANA"),
    ("NE", "NEBRASKA"),
    ("NV", "NEVADA"),
    ("NH", "NEW HAMPSHIRE"),
    ("NJ", "NEW JERSEY"),
    ("NM", "NEW MEXICO"),
    ("NY", "NEW YORK"),
    ("NC", "NORTH CAROLINA"),
    ("ND", "NORTH DAKOTA"),
    ("OH", "OHIO"),
    ("OK", "OKLAHOMA"),
    ("OR", "OREGON"),
    ("PA", "PENNSYLVANIA"),
    ("RI", "RHODE ISLAND"),
    ("SC", "SOUTH CAROLINA"),
    ("SD", "SOUTH DAKOTA"),
    ("TN", "TENNESSEE"),
    ("TX", "TEXAS"),
    ("UT", "UTAH"),
    ("VT", "VERMONT"),
    ("VA", "VIRGINIA"),
    ("WA", "WASHINGTON"),
    ("WV", "WEST VIRGINIA"),
    ("WI", "WISCONSIN"),
    ("WY", "WYOMING"),
    ("PR", "PUERTO RICO"),
    ("GU", "GUAM"),
    ("VI", "VIRGIN ISLANDS"),
    ("AS", "AMERICAN SAMOA"),
    ("MP", "NORTHERN MARIANA ISLANDS"),
    ("AA", "ARMED FORCES AMERICAS"),
    ("AE", "ARMED FORCES EUROPE"),
    ("AP", "ARMED FORCES PACIFIC"),
];

const SUFFIXES: &[(&str, &str)] = &[
    ("STREET", "ST"),
    ("AVENUE", "AVE"),
    ("AV", "AVE"),
    ("ROAD", "RD"),
    ("DRIVE", "DR"),
    ("LANE", "LN"),
    ("BOULEVARD", "BLVD"),
    ("COURT", "CT"),
    ("PLACE", "PL"),
    ("TERRACE", "TER"),
    ("CIRCLE", "CIR"),
    ("PARKWAY", "PKWY"),
    ("HIGHWAY", "HWY"),
    ("SQUARE", "SQ"),
    ("TRAIL", "TRL"),
    ("PLAZA", "PLZ"),
    ("EXPRESSWAY", "EXPY"),
    ("FREEWAY", "FWY"),
    ("CROSSING", "XING"),
    ("POINT", "PT"),
    ("HEIGHTS", "HTS"),
    ("ROUTE", "RTE"),
    ("TURNPIKE", "TPKE"),
    ("APARTMENT", "APT"),
    ("SUITE", "STE"),
    ("BUILDING", "BLDG"),
    ("FLOOR", "FL"),
    ("ROOM", "RM"),
    ("DEPARTMENT", "DEPT"),
    ("NORTH", "N"),
    ("SOUTH", "S"),
    ("EAST", "E"),
    ("WEST", "W"),
    ("NORTHEAST", "NE"),
    ("NORTHWEST", "NW"),
    ("SOUTHEAST", "SE"),
    ("SOUTHWEST", "SW"),
];

/// A state's USPS code from its code or full name (case-insensitive).
pub fn state_code(s: &str) -> Option<&'static str> {
    let up = s
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    STATES
        .iter()
        .find(|(c, n)| *c == up || *n == up)
        .map(|(c, _)| *c)
}

/// Normalise a street line per Publication 28: upper case, punctuation
/// dropped, suffixes/units/directionals abbreviated, `#4` ≡ `APT 4`.
pub fn normalize_street(s: &str) -> String {
    let up = s
        .to_ascii_uppercase()
        .replace(['.', ','], " ")
        .replace('#', " APT ");
    up.split_whitespace()
        .map(|w| {
            SUFFIXES
                .iter()
                .find(|(long, _)| *long == w)
                .map_or(w, |(_, short)| short)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ZIP-5 of a US ZIP or ZIP+4.
pub fn zip5(s: &str) -> Option<String> {
    let d: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    (d.len() >= 5).then(|| d[..5].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_and_streets() {
        assert_eq!(state_code("Tennessee"), Some("TN"));
        assert_eq!(state_code("tn"), Some("TN"));
        assert_eq!(state_code("new  york"), Some("NY"));
        assert_eq!(state_code("XX"), None);
        assert_eq!(
            normalize_street("55 Oak Avenue, Apartment 4"),
            "55 OAK AVE APT 4"
        );
        assert_eq!(normalize_street("55 oak ave #4"), "55 OAK AVE APT 4");
        assert_eq!(
            normalize_street("1600 Pennsylvania Avenue Northwest"),
            "1600 PENNSYLVANIA AVE NW"
        );
        assert_eq!(zip5("62704-1234").as_deref(), Some("62704"));
        assert_eq!(zip5("627"), None);
    }
}
