//! The holder's name on an address document: after a label (`Tenant:`,
//! `Named Insured`), under a heading that is only labels (`Name and
//! residence address`), or inline before a defined term (`… Marge Simpson
//! ("Tenant")`, `The trustor is Priya Shah ("Borrower")`).

pub(super) const NAME_LABELS: &[&str] = &[
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

/// Defined terms a contract puts after a party's name, in brackets and
/// quotes (`("Tenant")`, `(the "Tenant")`).
const DEFINED_TERMS: &[&str] = &["TENANT", "LESSEE", "BORROWER", "TRUSTOR", "RESIDENT"];

/// Quote marks as a photo's OCR reads them: straight, typographic, a
/// backtick or an accent (`(‘Borrower’)`, `(Property Address’)`).
pub(super) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '\u{b4}' | '\u{2018}'..='\u{201f}' | '\u{2032}' | '\u{2033}'
    )
}

/// The bracketed defined terms in `line`: where each bracket opens, and
/// its words upper-cased without quotes (`("Tenant")` → `TENANT`).
pub(super) fn defined_terms(line: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (p, _) in line.match_indices('(') {
        let Some(inner) = line[p + 1..].split(')').next() else {
            continue;
        };
        if inner.len() + p + 1 >= line.len() || !inner.chars().any(is_quote) {
            continue;
        }
        let words: String = inner
            .chars()
            .filter(|c| !is_quote(*c))
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_uppercase();
        out.push((p, words));
    }
    out
}

/// Words of a heading that only announces the holder's block (`Named
/// Insured and Mailing Address`, `Name and residence address`); a title
/// such as `VOTER REGISTRATION CERTIFICATE` holds other words.
const HEADING_WORDS: &[&str] = &[
    "NAME",
    "NAMED",
    "NAMES",
    "INSURED",
    "INSUREDS",
    "POLICYHOLDER",
    "POLICY",
    "HOLDER",
    "TENANT",
    "TENANTS",
    "LESSEE",
    "RESIDENT",
    "RESIDENTS",
    "BORROWER",
    "BORROWERS",
    "MORTGAGOR",
    "TRUSTOR",
    "GRANTOR",
    "REGISTERED",
    "OWNER",
    "OWNERS",
    "VOTER",
    "ADDRESS",
    "MAILING",
    "RESIDENCE",
    "PREMISES",
    "PROPERTY",
    "AND",
    "OF",
    "THE",
    "S",
    "&",
];

/// Words that never belong to a person's name, besides an organisation's
/// ([`ORGANISATION_WORDS`]): a document's or a label's read as a name
/// (`TRUSTOR IS …`, `Property Address`).
const NOT_NAME_WORDS: &[&str] = &[
    "PROPERTY",
    "REGISTRATION",
    "CERTIFICATE",
    "DECLARATIONS",
    "POLICY",
    "LEASE",
    "AGREEMENT",
    "STATEMENT",
    "CARD",
    "VEHICLE",
    "VEHICLES",
    "MOTOR",
    "MORTGAGE",
    "DEED",
    "TRUSTEE",
    "LENDER",
    "LANDLORD",
    "TENANT",
    "INSURED",
    "BORROWER",
    "TRUSTOR",
    "OWNER",
    "VOTER",
    "NAME",
    "ADDRESS",
    "MAILING",
    "RESIDENCE",
    "IS",
    "ARE",
    "THE",
];

/// Words that name an organisation (`Summit Mutual Auto Insurance Co.`,
/// `Bayview Property Group`, `County Elections Division`).
const ORGANISATION_WORDS: &[&str] = &[
    "COUNTY",
    "DIVISION",
    "DEPARTMENT",
    "OFFICE",
    "COMPANY",
    "CO",
    "INSURANCE",
    "MUTUAL",
    "BANK",
    "TITLE",
    "ELECTIONS",
    "ELECTION",
    "GROUP",
    "MANAGEMENT",
    "PROPERTIES",
    "SERVICES",
    "AGENCY",
    "PARTNERS",
    "ASSOCIATION",
    "CORPORATION",
    "CORP",
    "SAVINGS",
    "LLC",
    "INC",
    "LP",
    "LTD",
    "N.A",
];

/// Whether `line` names an organisation rather than a person.
pub(super) fn names_an_organisation(line: &str) -> bool {
    line.split_whitespace()
        .any(|w| ORGANISATION_WORDS.contains(&upper_word(w).as_str()))
}

/// Words after which a sentence names a party (`The trustor is`, `and`).
const CONNECTIVES: &[&str] = &[
    "IS", "ARE", "AND", "BY", "BETWEEN", "OF", "TO", "THE", "WITH", "AMONG",
];

fn upper_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
        .to_ascii_uppercase()
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

/// The words of a person's name in `s` (2 to 5 words, letters only), upper
/// case, `LAST, FIRST` turned round; None when `s` is no such name.
pub(super) fn name_words(s: &str) -> Option<Vec<String>> {
    let s = without_trailing_marks(s);
    let s = s
        .trim()
        .trim_matches(|c: char| c == ',' || c == ':' || c == '"' || c == '(');
    let s = match s.split_once(',') {
        Some((last, rest)) if !rest.trim().is_empty() => {
            format!("{} {}", rest.trim(), last.trim())
        }
        _ => s.to_string(),
    };
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            // An apostrophe or hyphen inside a name stays (`O'BRIEN`); one
            // at either end is a mark (`'YUKI`, a speck read as a quote).
            w.trim_matches(|c: char| !c.is_alphabetic())
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
                && !NOT_NAME_WORDS.contains(&w.as_str())
                && !ORGANISATION_WORDS.contains(&w.as_str())
        })
        && !s.chars().any(|c| c.is_ascii_digit());
    ok.then_some(words)
}

/// The name a sentence gives just before a defined term: the words after
/// its last connecting word (`The trustor is Priya Shah`, `and Marge
/// Simpson`), at most four.
fn inline_name(before: &str) -> Option<Vec<String>> {
    let tail = before.rsplit([',', '(', ')', ';']).next().unwrap_or(before);
    let words: Vec<&str> = tail
        .split_whitespace()
        .filter(|w| !upper_word(w).is_empty())
        .collect();
    let after = words
        .iter()
        .rposition(|w| {
            let up = upper_word(w);
            CONNECTIVES.contains(&up.as_str()) || NAME_LABELS.contains(&up.as_str())
        })
        .map_or(0, |p| p + 1);
    let words = &words[after..];
    (words.len().saturating_sub(4)..words.len()).find_map(|s| name_words(&words[s..].join(" ")))
}

/// Whether `line` is a heading made only of label words.
pub(super) fn is_label_heading(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == '/')
        .map(upper_word)
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| HEADING_WORDS.contains(&w.as_str()))
}

/// Find the holder's name; returns (words, line index).
pub(super) fn find_name(lines: &[&str]) -> Option<(Vec<String>, usize)> {
    for (i, l) in lines.iter().enumerate() {
        for (p, term) in defined_terms(l) {
            let term = term.strip_prefix("THE ").unwrap_or(&term);
            if DEFINED_TERMS.contains(&term) {
                if let Some(n) = inline_name(&l[..p]) {
                    return Some((n, i));
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
            } else if is_label_heading(l) {
                // A heading whose colon OCR lost, or that never had one
                // ("Named Insured and Mailing Address").
                if let Some(n) = lines.get(i + 1).and_then(|n| name_words(n)) {
                    return Some((n, i + 1));
                }
            }
        }
    }
    None
}

/// Surname particles that stay with the surname (`VAN DYKE`, `DE LA CRUZ`).
pub(super) fn is_particle(w: &str) -> bool {
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
