//! Proof-of-address documents (leases, policies, mortgages, registrations):
//! from text (a PDF text layer or OCR) find the holder's name, the address
//! block and the dates (policy period, lease term, issue date).

mod columns;
mod dates;
mod names;
mod page;

pub use columns::by_columns;
pub use dates::find_dates;
pub use page::{text_block, text_block_enlarged, text_skew};

use crate::data::Address;
use crate::kind::DocKind;
use crate::usps::state_code;
use names::{find_name, is_particle, NAME_LABELS};

/// What an address document says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddressDoc {
    /// Given name.
    pub first_name: Option<String>,
    /// Middle name(s).
    pub middle_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// Whether the name was found next to a label ("Tenant", "Named Insured"...).
    pub name_labelled: bool,
    /// The holder's address.
    pub address: Address,
    /// Whether the address was found next to a label or the name.
    pub address_labelled: bool,
    /// Start of the period / issue date (ISO).
    pub issue_date: Option<String>,
    /// End of the period / expiry (ISO).
    pub expiry_date: Option<String>,
    /// The document kind the text suggests.
    pub kind: Option<DocKind>,
}

const ADDRESS_LABELS: &[&str] = &[
    "PREMISES",
    "PROPERTY",
    "MAILING ADDRESS",
    "RESIDENCE",
    "ADDRESS",
    "INSURED LOCATION",
    "GARAGING",
    "DWELLING",
];
const OTHER_PARTY: &[&str] = &[
    "LANDLORD", "AGENT", "OFFICE", "COMPANY", "LENDER", "REMIT", "PAYMENT", "BROKER", "LLC", "INC",
    "BANK", "P.O. BOX", "PO BOX", "SUITE",
];

/// Whether `line` labels the holder's name or address: a label with a
/// colon after it (`Premises:`, `Tenant: …`, `… the dwelling located
/// at:`), a heading of label words only (`Named Insured`), or a defined
/// term (`("Property Address")`). A title (`VOTER REGISTRATION
/// CERTIFICATE`) labels nothing.
fn is_label_line(line: &str) -> bool {
    let up = line.to_ascii_uppercase();
    let labelled_by_colon = NAME_LABELS
        .iter()
        .chain(ADDRESS_LABELS)
        .any(|w| up.find(w).is_some_and(|p| up[p..].contains(':')));
    labelled_by_colon
        || names::is_label_heading(line)
        || names::defined_terms(line)
            .iter()
            .any(|(_, t)| has_any(t, ADDRESS_LABELS) || has_any(t, NAME_LABELS))
}

fn has_any(line: &str, words: &[&str]) -> bool {
    let up = line.to_ascii_uppercase();
    words.iter().any(|w| up.contains(w))
}

/// Guess the document kind from its text.
pub fn guess_kind(text: &str) -> Option<DocKind> {
    let up = text.to_ascii_uppercase();
    let has = |w: &str| up.contains(w);
    if has("DEED OF TRUST") {
        Some(DocKind::DeedOfTrust)
    } else if has("LEASE") || has("RENTAL AGREEMENT") {
        Some(DocKind::Lease)
    } else if has("MORTGAGE") {
        Some(DocKind::Mortgage)
    } else if has("VOTER") {
        Some(DocKind::VoterRegistrationCard)
    } else if (has("VEHICLE") || has("AUTO")) && (has("INSURANCE") || has("POLICY")) {
        Some(DocKind::VehicleInsurancePolicy)
    } else if has("REGISTRATION") && has("VEHICLE") {
        Some(DocKind::VehicleRegistration)
    } else if has("INSURANCE") || has("POLICY") {
        Some(DocKind::HomeInsurancePolicy)
    } else {
        None
    }
}

/// Parse "CITY, ST 12345[-6789]" at the end of a line: (prefix before city, city, state, zip).
pub(crate) fn city_state_zip(line: &str) -> Option<(String, String, String, String)> {
    let toks: Vec<&str> = without_defined_term(line).split_whitespace().collect();
    let n = toks.len();
    if n < 3 {
        return None;
    }
    let zip = toks[n - 1].trim_end_matches(['.', ',']);
    let zdigits: String = zip.chars().filter(|c| c.is_ascii_digit()).collect();
    let zip_ok = (zip.len() == 5 && zdigits.len() == 5)
        || (zip.len() == 10 && zdigits.len() == 9 && zip.as_bytes()[5] == b'-');
    if !zip_ok {
        return None;
    }
    // State: one or two words before the ZIP.
    for k in [1usize, 2, 3] {
        if n < k + 2 {
            break;
        }
        let st_words = toks[n - 1 - k..n - 1].join(" ");
        let st_words = st_words.trim_matches(',');
        let Some(st) = state_code(st_words).or_else(|| ocr_state_code(st_words)) else {
            continue;
        };
        let rest = toks[..n - 1 - k].join(" ");
        let rest = rest.trim_end_matches(',');
        let (prefix, city) = match rest.rsplit_once(',') {
            Some((p, c)) => (p.trim().to_string(), c.trim().to_string()),
            None => (String::new(), rest.trim().to_string()),
        };
        if city.is_empty() || city.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // Drop a label before the city ("Premises: Springfield" is unusual; keep the last words).
        let city = city
            .rsplit(':')
            .next()
            .unwrap_or(&city)
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_uppercase();
        if city.is_empty() {
            continue;
        }
        return Some((prefix, city, st.to_string(), zip.to_string()));
    }
    None
}

/// `line` without a defined term after it: a deed's `Springfield, TN
/// 37172 ("Property Address").`
fn without_defined_term(line: &str) -> &str {
    let t = line.trim_end().trim_end_matches(['.', ',', ';']).trim_end();
    match t.rfind('(') {
        Some(p)
            if t.ends_with(')')
                && t[p..].chars().any(names::is_quote)
                && !t[p..].chars().any(|c| c.is_ascii_digit()) =>
        {
            t[..p].trim_end()
        }
        _ => line,
    }
}

/// A two-letter state code as OCR misreads it: a capital I read as `l`, `1`
/// or `|` (`Ml` for MI), an O as `0`. Only tried when the token is not a
/// code as it stands, so a real `IL` or `FL` is never rewritten.
fn ocr_state_code(tok: &str) -> Option<&'static str> {
    if tok.chars().count() != 2 {
        return None;
    }
    let fixed: String = tok
        .chars()
        .map(|c| match c {
            'l' | '1' | '|' => 'I',
            '0' => 'O',
            c => c,
        })
        .collect();
    state_code(&fixed)
}

fn is_street(l: &str) -> bool {
    let t = l.trim();
    t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.chars().any(|c| c.is_alphabetic())
}

fn is_unit(l: &str) -> bool {
    let up = l.trim().to_ascii_uppercase();
    ["APT", "APARTMENT", "UNIT", "#", "STE", "SUITE", "FL "]
        .iter()
        .any(|p| up.starts_with(p))
}

fn clean_street(s: &str) -> String {
    let s = s.rsplit(':').next().unwrap_or(s);
    let s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(',')
        .to_ascii_uppercase();
    // Marks a photo leaves after the street (`4 PINE LN .`, `12B.`,
    // `STREET —`).
    let s = s.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    unglue_house_number(s)
}

/// A house number OCR glued to the street's name (`4PINE LN`, `55OAK
/// AVE`) gets its space back; an ordinal (`12TH ST`) or a unit (`12B`)
/// stays as it is.
fn unglue_house_number(s: &str) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let first = s.split(' ').next().unwrap_or("");
    let letters = &first[digits..];
    let ordinal = matches!(letters, "ST" | "ND" | "RD" | "TH");
    if digits == 0
        || letters.len() < 3
        || ordinal
        || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return s.to_string();
    }
    format!("{} {}", &s[..digits], &s[digits..])
}

/// Find the holder's address block; prefers blocks after an address label or
/// the name, avoids other parties (landlord, agent, company).
fn find_address(lines: &[&str], name_at: Option<usize>) -> Option<(Address, bool)> {
    let mut best: Option<(i32, Address, bool)> = None;
    for (i, l) in lines.iter().enumerate() {
        let Some((prefix, city, state, zip)) = city_state_zip(l) else {
            continue;
        };
        let (street, street_line) =
            if !prefix.is_empty() && prefix.chars().any(|c| c.is_ascii_digit()) {
                (Some(clean_street(&prefix)), i)
            } else if i >= 1 && is_street(lines[i - 1]) {
                (Some(clean_street(lines[i - 1])), i - 1)
            } else if i >= 2 && is_unit(lines[i - 1]) && is_street(lines[i - 2]) {
                (
                    Some(format!(
                        "{} {}",
                        clean_street(lines[i - 2]),
                        clean_street(lines[i - 1])
                    )),
                    i - 2,
                )
            } else {
                (None, i)
            };
        let mut score = 0;
        let near = |j: usize, k: usize| j <= street_line && street_line - j <= k;
        let labelled = (street_line.saturating_sub(3)..=i).any(|j| is_label_line(lines[j]));
        if labelled {
            score += 3;
        }
        if name_at.is_some_and(|n| near(n, 3)) {
            score += 3;
        }
        // Another party: named on the address's lines, or an organisation
        // named on the line above it (`Summit Mutual Auto Insurance Co.`,
        // `Owner: Bayview Property Group`).
        let above = street_line.checked_sub(1).map(|j| lines[j]);
        if has_any(l, OTHER_PARTY)
            || (street_line < i && has_any(lines[street_line], OTHER_PARTY))
            || above.is_some_and(names::names_an_organisation)
        {
            score -= 4;
        }
        if street.is_some() {
            score += 1;
        }
        let addr = Address {
            street,
            city: Some(city),
            state: Some(state),
            postal_code: Some(zip),
            country: Some("USA".into()),
        };
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, addr, labelled || name_at.is_some_and(|n| near(n, 3))));
        }
    }
    // Only another party's address (a landlord's office, a title
    // company's) is no holder's address at all.
    best.filter(|(s, _, _)| *s >= 0).map(|(_, a, l)| (a, l))
}

/// Parse an address document's text.
pub fn parse_text(text: &str) -> AddressDoc {
    // OCR of a photo reads straight quotes as typographic ones, which would
    // hide the `("Tenant")` label.
    let text = &text
        .replace(['\u{201c}', '\u{201d}', '\u{201e}', '\u{2033}'], "\"")
        .replace(['\u{2018}', '\u{2019}'], "'");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // The title names the document; the whole text only when it does not
    // (a policy's "Mortgagee" line does not make it a mortgage).
    let title = lines.iter().take(3).copied().collect::<Vec<_>>().join("\n");
    let mut doc = AddressDoc {
        kind: guess_kind(&title).or_else(|| guess_kind(text)),
        ..AddressDoc::default()
    };
    let name = find_name(&lines);
    if let Some((words, _)) = &name {
        // Surname particles ("VAN DYKE", "DE LA CRUZ") stay with the surname.
        let mut split = words.len().saturating_sub(1).max(1);
        while split > 1 && is_particle(&words[split - 1]) {
            split -= 1;
        }
        doc.first_name = words.first().cloned();
        doc.last_name = Some(words[split.min(words.len() - 1)..].join(" "));
        if split > 1 {
            doc.middle_name = Some(words[1..split].join(" "));
        }
        doc.name_labelled = true;
    }
    if let Some((addr, labelled)) = find_address(&lines, name.as_ref().map(|(_, i)| *i)) {
        doc.address = addr;
        doc.address_labelled = labelled;
    }
    // Dates: a period (term / period / coverage) first, then issue / expiry.
    for l in &lines {
        let up = l.to_ascii_uppercase();
        let ds = find_dates(l);
        if ds.len() >= 2
            && ["TERM", "PERIOD", "EFFECTIVE", "COVERAGE", "FROM", "VALID"]
                .iter()
                .any(|w| up.contains(w))
            && doc.expiry_date.is_none()
        {
            doc.issue_date = Some(ds[0].clone());
            doc.expiry_date = Some(ds[1].clone());
        }
    }
    for l in &lines {
        let up = l.to_ascii_uppercase();
        let ds = find_dates(l);
        let Some(first) = ds.first() else { continue };
        if doc.issue_date.is_none()
            && [
                "ISSUE",
                "DATED",
                "MADE ON",
                "STATEMENT DATE",
                "DATE:",
                "EFFECTIVE",
            ]
            .iter()
            .any(|w| up.contains(w))
        {
            doc.issue_date = Some(first.clone());
        }
        if doc.expiry_date.is_none()
            && [
                "EXPIR",
                "EXPIRES",
                "VALID THROUGH",
                "VALID UNTIL",
                "END DATE",
            ]
            .iter()
            .any(|w| up.contains(w))
        {
            doc.expiry_date = Some(ds.last().unwrap_or(first).clone());
        }
    }
    doc
}

#[cfg(test)]
mod tests;
