//! Proof-of-address documents (leases, policies, mortgages, registrations):
//! from text (a PDF text layer or OCR) find the holder's name, the address
//! block and the dates (policy period, lease term, issue date).

mod dates;
mod page;

pub use dates::find_dates;
pub use page::{text_block, text_block_enlarged, text_skew};

use crate::data::Address;
use crate::kind::DocKind;
use crate::usps::state_code;

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

const NAME_LABELS: &[&str] = &[
    "NAMED INSURED",
    "POLICYHOLDER",
    "POLICY HOLDER",
    "INSURED",
    "TENANT",
    "LESSEE",
    "RESIDENT",
    "BORROWER",
    "MORTGAGOR",
    "TRUSTOR",
    "GRANTOR",
    "REGISTERED OWNER",
    "OWNER",
    "VOTER",
    "NAME",
];
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

/// `s` without the marks a photographed page's OCR reads after a name: a
/// shadow's edge read `neds` after `GRACE JAY JOHNSON`, a glare spot `3 ©`
/// after `LOIS SIMPSON` (dev pipeline draw 239). At the line's end, a
/// token of at most two characters and no letter, or one holding a lower
/// case letter after a name printed in capitals (two words or more), is
/// such a mark. A longer number stays, and keeps the line from being a
/// name (`PO BOX 123`).
fn without_trailing_marks(s: &str) -> String {
    let toks: Vec<&str> = s.split_whitespace().collect();
    let capitals = toks
        .iter()
        .filter(|t| {
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            letters >= 2 && !t.chars().any(char::is_lowercase)
        })
        .count();
    let mark = |t: &str| {
        (t.chars().count() <= 2 && !t.chars().any(char::is_alphabetic))
            || (capitals >= 2 && t.chars().any(char::is_lowercase))
    };
    let mut end = toks.len();
    while end > 0 && mark(toks[end - 1]) {
        end -= 1;
    }
    toks[..end].join(" ")
}

fn name_words(s: &str) -> Option<Vec<String>> {
    let s = without_trailing_marks(s);
    let s = s
        .trim()
        .trim_matches(|c: char| c == ',' || c == ':' || c == '"' || c == '(');
    let (s, swapped) = match s.split_once(',') {
        Some((last, rest)) if !rest.trim().is_empty() => {
            (format!("{} {}", rest.trim(), last.trim()), true)
        }
        _ => (s.to_string(), false),
    };
    let _ = swapped;
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphabetic() && c != '-' && c != '\'')
                .to_ascii_uppercase()
        })
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    w.as_str(),
                    "JR" | "SR" | "II" | "III" | "IV" | "MR" | "MRS" | "MS" | "DR"
                )
        })
        .collect();
    let ok = (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
        && !s.chars().any(|c| c.is_ascii_digit());
    ok.then_some(words)
}

/// Find the holder's name; returns (words, line index).
fn find_name(lines: &[&str]) -> Option<(Vec<String>, usize)> {
    // `First Last ("Tenant")`.
    for (i, l) in lines.iter().enumerate() {
        let up = l.to_ascii_uppercase();
        for label in [
            "(\"TENANT\")",
            "(THE \"TENANT\")",
            "(\"LESSEE\")",
            "(\"BORROWER\")",
            "(\"TRUSTOR\")",
            "(\"RESIDENT\")",
        ] {
            if let Some(p) = up.find(label) {
                let before = &l[..p];
                let tail = before.rsplit([',', '(', ')', ';']).next().unwrap_or(before);
                let tail = tail
                    .trim()
                    .trim_start_matches("and ")
                    .trim_start_matches("AND ");
                let words: Vec<&str> = tail.split_whitespace().collect();
                let start = words.len().saturating_sub(4);
                for s in start..words.len() {
                    if let Some(n) = name_words(&words[s..].join(" ")) {
                        return Some((n, i));
                    }
                }
            }
        }
    }
    // `LABEL: value` or `LABEL ...:` then the next line.
    for label in NAME_LABELS {
        for (i, l) in lines.iter().enumerate() {
            let up = l.to_ascii_uppercase();
            let Some(p) = up.find(label) else { continue };
            if let Some(colon) = up[p..].find(':') {
                let value = &l[p + colon + 1..];
                if let Some(n) = name_words(value) {
                    return Some((n, i));
                }
                if value.trim().is_empty() {
                    if let Some(n) = lines.get(i + 1).and_then(|n| name_words(n)) {
                        return Some((n, i + 1));
                    }
                }
            } else if p <= 3 && l.split_whitespace().count() <= 6 {
                // A heading whose colon OCR lost ("Named Insured and Mailing Address").
                if let Some(n) = lines.get(i + 1).and_then(|n| name_words(n)) {
                    return Some((n, i + 1));
                }
            }
        }
    }
    None
}

/// Parse "CITY, ST 12345[-6789]" at the end of a line: (prefix before city, city, state, zip).
pub(crate) fn city_state_zip(line: &str) -> Option<(String, String, String, String)> {
    let toks: Vec<&str> = line.split_whitespace().collect();
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
            .to_ascii_uppercase();
        return Some((prefix, city, st.to_string(), zip.to_string()));
    }
    None
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
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(',')
        .to_ascii_uppercase()
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
        let labelled = (street_line.saturating_sub(3)..=street_line)
            .any(|j| has_any(lines[j], ADDRESS_LABELS) || has_any(lines[j], NAME_LABELS));
        if labelled {
            score += 3;
        }
        if name_at.is_some_and(|n| near(n, 3)) {
            score += 3;
        }
        if has_any(l, OTHER_PARTY) || (street_line < i && has_any(lines[street_line], OTHER_PARTY))
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
    best.map(|(_, a, l)| (a, l))
}

fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "VAN"
            | "VON"
            | "DE"
            | "DER"
            | "DEN"
            | "DEL"
            | "DELA"
            | "LA"
            | "LE"
            | "DA"
            | "DI"
            | "DOS"
            | "DU"
            | "ST"
            | "MAC"
            | "BIN"
            | "AL"
            | "EL"
    )
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
            && ["TERM", "PERIOD", "EFFECTIVE", "COVERAGE", "FROM"]
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
            && ["ISSUE", "DATED", "MADE ON", "STATEMENT DATE", "DATE:"]
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
