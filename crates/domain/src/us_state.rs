//! US states, DC, territories and military "states": USPS two-letter codes and
//! full names, so "Tennessee" and "TN" compare equal.

/// USPS code and official name (USPS Publication 28, appendix B).
#[rustfmt::skip]
static STATES: [(&str, &str); 62] = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"),
    ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"),
    ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
    ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("DC", "District of Columbia"),
    ("PR", "Puerto Rico"), ("GU", "Guam"), ("VI", "Virgin Islands"),
    ("AS", "American Samoa"), ("MP", "Northern Mariana Islands"),
    ("AA", "Armed Forces Americas"), ("AE", "Armed Forces Europe"), ("AP", "Armed Forces Pacific"),
    // Freely associated states that USPS serves with domestic mail.
    ("FM", "Federated States of Micronesia"), ("MH", "Marshall Islands"), ("PW", "Palau"),
];

/// Other spellings people write on forms and documents.
static ALIASES: [(&str, &str); 8] = [
    ("washington dc", "DC"),
    ("washington d.c.", "DC"),
    ("d.c.", "DC"),
    ("us virgin islands", "VI"),
    ("u.s. virgin islands", "VI"),
    ("commonwealth of the northern mariana islands", "MP"),
    ("micronesia", "FM"),
    ("republic of palau", "PW"),
];

/// The USPS code for a code or a full name, case- and space-insensitive.
pub fn normalize(state: &str) -> Option<&'static str> {
    // Collapse inner runs of space so "New  York" and " ny " both match.
    let key = state
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if key.is_empty() {
        return None;
    }
    STATES
        .iter()
        .find(|(code, name)| code.eq_ignore_ascii_case(&key) || name.to_lowercase() == key)
        .map(|(code, _)| *code)
        .or_else(|| ALIASES.iter().find(|(a, _)| *a == key).map(|(_, c)| *c))
}

/// The full name of a USPS code.
pub fn name(code: &str) -> Option<&'static str> {
    let code = code.trim();
    STATES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, n)| *n)
}

/// Whether two spellings name the same state ("Tennessee" ≡ "TN"); unknown
/// values compare equal only when they are the same text ignoring case.
pub fn same(a: &str, b: &str) -> bool {
    match (normalize(a), normalize(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.trim().eq_ignore_ascii_case(b.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert_eq!(normalize("tennessee"), Some("TN"));
        assert_eq!(normalize(" TN "), Some("TN"));
        assert_eq!(normalize("tn"), Some("TN"));
        assert_eq!(normalize("Tennessee"), Some("TN"));
        assert_eq!(normalize("new  york"), Some("NY"));
        assert_eq!(normalize("District of Columbia"), Some("DC"));
        assert_eq!(normalize("Washington D.C."), Some("DC"));
        assert_eq!(normalize("Washington"), Some("WA"));
        assert_eq!(normalize("pr"), Some("PR"));
        assert_eq!(normalize("AE"), Some("AE"));
        assert_eq!(normalize("Guam"), Some("GU"));
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("  "), None);
        assert_eq!(normalize("XX"), None);
        assert_eq!(normalize("Ontario"), None);
        assert_eq!(name("TN"), Some("Tennessee"));
        assert_eq!(name("tn"), Some("Tennessee"));
        assert_eq!(name("Tennessee"), None);
        assert_eq!(name("ZZ"), None);
        assert!(same("Tennessee", "TN"));
        assert!(!same("Tennessee", "TX"));
        assert!(same("Nowhere", "nowhere"));
    }

    #[test]
    fn every_entry_round_trips() {
        let required = [
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN",
            "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
            "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN",
            "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP",
            "AA", "AE", "AP",
        ];
        for code in required {
            assert!(name(code).is_some(), "{code}");
        }
        let mut codes: Vec<_> = STATES.iter().map(|(c, _)| *c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), STATES.len());
        for (code, n) in STATES {
            assert_eq!(normalize(code), Some(code));
            assert_eq!(normalize(n), Some(code));
            assert_eq!(normalize(&n.to_uppercase()), Some(code));
            assert_eq!(name(code), Some(n));
        }
    }
}
