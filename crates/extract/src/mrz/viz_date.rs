//! Where the visual zone prints a date: the MRZ's dates are compared with
//! the zone's text in the forms passports and cards print them.

/// Month names as passports print them: English and French abbreviations
/// (bilingual pages print `AUG/AOÛT`), the full English names start so.
const MONTH_NAMES: [&[&str]; 12] = [
    &["JAN", "JANV"],
    &["FEB", "FEV", "FÉV"],
    &["MAR", "MARS"],
    &["APR", "AVR"],
    &["MAY", "MAI"],
    &["JUN", "JUIN"],
    &["JUL", "JUIL"],
    &["AUG", "AOU", "AOÛ"],
    &["SEP", "SEPT"],
    &["OCT"],
    &["NOV"],
    &["DEC", "DÉC"],
];

/// Whether the ISO date `iso` is printed in `text`, as `DD MMM YYYY`,
/// `DD MMM YY`, `DD.MM.YYYY`, `DD/MM/YYYY`, `DD-MM-YYYY`, `YYYY-MM-DD` or
/// `MM/DD/YYYY` (spaces and marks between the parts ignored).
pub(super) fn date_printed(text: &str, iso: &str) -> bool {
    let p: Vec<&str> = iso.split('-').collect();
    let [y, m, d] = p.as_slice() else {
        return false;
    };
    let Some(mi) = m.parse::<usize>().ok().and_then(|m| m.checked_sub(1)) else {
        return false;
    };
    let yy = y.get(2..).unwrap_or("");
    // Per line, marks and spaces dropped: "12 AUG/AOÛT 1974" → "12AUGAOÛT1974".
    text.lines().any(|line| {
        let s: String = line
            .chars()
            .flat_map(char::to_uppercase)
            .filter(|c| c.is_alphanumeric())
            .collect();
        let numeric = [
            format!("{d}{m}{y}"),
            format!("{y}{m}{d}"),
            format!("{m}{d}{y}"),
        ];
        if numeric.iter().any(|f| s.contains(f.as_str())) {
            return true;
        }
        MONTH_NAMES.get(mi).is_some_and(|names| {
            names.iter().any(|n| {
                s.match_indices(&format!("{d}{n}")).any(|(at, hit)| {
                    let rest = &s[at + hit.len()..];
                    // Letters after the month: the rest of its name or its
                    // other language's name.
                    let rest = rest.trim_start_matches(|c: char| c.is_alphabetic());
                    rest.starts_with(y)
                        || (rest.starts_with(yy)
                            && !rest[2..].starts_with(|c: char| c.is_ascii_digit()))
                })
            })
        })
    })
}
