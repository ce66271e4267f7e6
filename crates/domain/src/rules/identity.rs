//! Rules about who and what a document is: readable, type, country, expiry,
//! names, date of birth, number, machine-readable integrity, image quality.

use super::evidence::{DocumentEvidence, Field, Source};
use super::names::{self, NameMatch};
use super::outcome::{RuleResult, RuleStatus::*};
use super::text::normalize;
use chrono::NaiveDate;

/// Trust in one field: barcodes and PDF text yes, an MRZ only when its check
/// digits held and the reader vouched for the field (names and codes, which
/// no check digit covers, come with a low confidence when misread), OCR never
/// on its own.
pub fn trusted<T>(doc: &DocumentEvidence, f: &Field<T>) -> bool {
    match f.source {
        Source::Mrz => doc.mrz_checks_valid == Some(true) && f.confidence >= MRZ_TRUSTED,
        Source::Ocr => false,
        Source::Barcode | Source::PdfText => true,
    }
}

/// The least confidence of an MRZ field that can decide on its own.
pub const MRZ_TRUSTED: f32 = 0.85;

fn any_trusted(doc: &DocumentEvidence) -> bool {
    let t = |f: &Option<Field<String>>| f.as_ref().is_some_and(|f| trusted(doc, f));
    t(&doc.first_name) || t(&doc.last_name) || t(&doc.document_number) || t(&doc.full_name)
}

pub fn readable(doc: &DocumentEvidence) -> RuleResult {
    if doc.readable {
        RuleResult::new("document_readable", Passed, true, "The document was read.")
    } else {
        RuleResult::new(
            "document_readable",
            Failed,
            false,
            "Nothing could be read from the document.",
        )
    }
}

pub fn type_matches(doc: &DocumentEvidence, type_name: &str) -> RuleResult {
    let name = "document_type_matches";
    if doc.detected_type_ids.is_empty() {
        return RuleResult::new(
            name,
            Skipped,
            false,
            "The readers could not tell the document type.",
        );
    }
    let trusted = any_trusted(doc);
    if doc.detected_type_ids.contains(&doc.type_id) {
        RuleResult::new(
            name,
            Passed,
            trusted,
            format!("The document is a {type_name}."),
        )
    } else {
        RuleResult::new(
            name,
            Failed,
            trusted,
            format!("The document does not look like a {type_name}."),
        )
    }
    .values(Some(type_name.to_string()), None)
}

pub fn country_matches(doc: &DocumentEvidence, expected: &str) -> RuleResult {
    let name = "issuing_country_matches";
    let Some(read) = &doc.issuing_country else {
        return RuleResult::new(
            name,
            Skipped,
            false,
            "The issuing country could not be read.",
        )
        .values(Some(expected.to_string()), None);
    };
    let ok = read.value.eq_ignore_ascii_case(expected);
    let status = if ok { Passed } else { Failed };
    let msg = if ok {
        "The issuing country matches."
    } else {
        "The document was issued by another country."
    };
    // No check digit covers the MRZ's state codes: a code that names no
    // state (`NLT` for `NLD`) was misread, whatever the names beside it.
    let trusted = trusted(doc, read) && known_state(&read.value);
    RuleResult::new(name, status, trusted, msg)
        .values(Some(expected.to_string()), Some(read.value.clone()))
}

/// An ISO 3166-1 alpha-3 code, or one of the codes ICAO 9303 part 3 adds
/// (Germany's `D`, the British nationality classes, the UN and its agencies,
/// refugees and stateless persons, Kosovo, the EU).
fn known_state(code: &str) -> bool {
    const ICAO_ONLY: &[&str] = &[
        "D", "GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE",
        "XCO", "XEC", "XPO", "XES", "XMP", "XOM", "XDC", "XXA", "XXB", "XXC", "XXX", "RKS", "EUE",
    ];
    crate::country::by_iso3(code).is_some() || ICAO_ONLY.contains(&code)
}

/// Expired on or before `today` fails; documents without an expiry are the
/// caller's concern (photo IDs must have one; address documents may not).
pub fn not_expired(doc: &DocumentEvidence, today: NaiveDate) -> Option<RuleResult> {
    let read = doc.expiry_date.as_ref()?;
    let ok = read.value > today;
    let status = if ok { Passed } else { Failed };
    let msg = if ok {
        "The document is current."
    } else {
        "The document has expired."
    };
    Some(
        RuleResult::new("not_expired", status, trusted(doc, read), msg)
            .values(Some(format!("after {today}")), Some(read.value.to_string())),
    )
}

pub fn name_part(
    rule: &str,
    doc: &DocumentEvidence,
    expected: &str,
    read: Option<&Field<String>>,
    middle: Option<&Field<String>>,
) -> RuleResult {
    let Some(read) = read else {
        return RuleResult::new(rule, Skipped, false, "The name could not be read.")
            .values(Some(expected.to_string()), None);
    };
    let shown = match middle {
        Some(m) if !m.value.is_empty() => format!("{} {}", read.value, m.value),
        _ => read.value.clone(),
    };
    let trusted = trusted(doc, read);
    let result = match names::compare(expected, &shown, read.source) {
        NameMatch::Exact => RuleResult::new(rule, Passed, trusted, "The name matches."),
        NameMatch::Forgiven(why) => RuleResult::new(
            rule,
            Passed,
            trusted,
            format!("The name matches ({why} forgiven)."),
        ),
        NameMatch::Slip => RuleResult::new(
            rule,
            Warning,
            false,
            "The name differs by one letter; OCR may have misread it.",
        ),
        NameMatch::Mismatch => RuleResult::new(rule, Failed, trusted, "The name does not match."),
    };
    result.values(Some(expected.to_string()), Some(shown))
}

pub fn date_of_birth(doc: &DocumentEvidence, expected: &str) -> Option<RuleResult> {
    let expected = expected.trim();
    if expected.is_empty() {
        return None;
    }
    let name = "date_of_birth_matches";
    let Some(read) = &doc.date_of_birth else {
        return Some(
            RuleResult::new(name, Skipped, false, "The date of birth could not be read.")
                .values(Some(expected.to_string()), None),
        );
    };
    let want = NaiveDate::parse_from_str(expected, "%Y-%m-%d").ok();
    let ok = want == Some(read.value);
    let status = if ok { Passed } else { Failed };
    let msg = if ok {
        "The date of birth matches."
    } else {
        "The date of birth does not match."
    };
    Some(
        RuleResult::new(name, status, trusted(doc, read), msg)
            .values(Some(expected.to_string()), Some(read.value.to_string())),
    )
}

/// Upper-case letters and digits only: "D123-456 2" ≡ "D1234562".
pub fn normalize_number(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// What OCR confuses in numbers: O/0, I/1/L, S/5, B/8, Z/2.
fn confusable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'O' | 'Q' | 'D' => '0',
            'I' | 'L' => '1',
            'S' => '5',
            'B' => '8',
            'Z' => '2',
            other => other,
        })
        .collect()
}

pub fn document_number(doc: &DocumentEvidence, expected: Option<&str>) -> Option<RuleResult> {
    let expected = expected.map(normalize_number).filter(|e| !e.is_empty())?;
    let name = "document_number_matches";
    let Some(read) = &doc.document_number else {
        return Some(
            RuleResult::new(
                name,
                Skipped,
                false,
                "The document number could not be read.",
            )
            .values(Some(expected), None),
        );
    };
    let got = normalize_number(&read.value);
    let trusted = trusted(doc, read);
    let result = if got == expected {
        RuleResult::new(name, Passed, trusted, "The document number matches.")
    } else if read.source == Source::Ocr && confusable(&got) == confusable(&expected) {
        RuleResult::new(
            name,
            Warning,
            false,
            "The number matches only if OCR confused similar characters.",
        )
    } else if read.source == Source::Mrz && check_digit_blind(&got, &expected) {
        // The MRZ's digit weighs a character by its value mod 10, so `1` and
        // `L` (1 and 21) hold alike: the read cannot tell these two numbers
        // apart, and a person should.
        RuleResult::new(
            name,
            Warning,
            false,
            "The number differs only in characters the MRZ check digit cannot tell apart.",
        )
    } else {
        RuleResult::new(name, Failed, trusted, "The document number does not match.")
    };
    Some(result.values(Some(expected), Some(got)))
}

/// Whether two numbers of one length differ only in characters of equal
/// value mod 10 (ICAO 9303: digits as themselves, A–Z as 10–35, `<` as 0):
/// every check digit over one holds over the other.
fn check_digit_blind(a: &str, b: &str) -> bool {
    let value = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        '<' => Some(0),
        _ => None,
    };
    a.chars().count() == b.chars().count()
        && a.chars().zip(b.chars()).all(|(x, y)| {
            x == y || matches!((value(x), value(y)), (Some(v), Some(w)) if v % 10 == w % 10)
        })
}

pub fn mrz_check_digits(doc: &DocumentEvidence) -> RuleResult {
    let name = "mrz_check_digits";
    match doc.mrz_checks_valid {
        Some(true) => RuleResult::new(name, Passed, true, "Every MRZ check digit holds."),
        Some(false) => RuleResult::new(
            name,
            Failed,
            false,
            "Some MRZ check digits do not hold: misread or altered.",
        ),
        None => RuleResult::new(name, Skipped, false, "No machine-readable zone was found."),
    }
}

pub fn barcode_consistent(doc: &DocumentEvidence) -> RuleResult {
    let name = "barcode_consistent_with_front";
    match (doc.barcode_matches_front, doc.ocr_available) {
        (Some(true), _) => {
            RuleResult::new(name, Passed, true, "The front agrees with the barcode.")
        }
        (Some(false), _) => RuleResult::new(
            name,
            Failed,
            false,
            "The front does not agree with the barcode.",
        ),
        (None, false) => RuleResult::new(
            name,
            Skipped,
            false,
            "OCR is not available on this server to read the front.",
        ),
        (None, true) => RuleResult::new(
            name,
            Skipped,
            false,
            "The front could not be read to compare with the barcode.",
        ),
    }
}

pub fn image_quality(doc: &DocumentEvidence, pdf_possible: bool) -> RuleResult {
    let name = "image_quality";
    if doc.quality.is_empty() {
        return if pdf_possible {
            RuleResult::new(name, Passed, true, "A PDF document: no photo to judge.")
        } else {
            RuleResult::new(
                name,
                Skipped,
                false,
                "The image quality could not be measured.",
            )
        };
    }
    let mut problems = vec![];
    for q in &doc.quality {
        if q.width.min(q.height) < 600 {
            problems.push(format!("low resolution ({}×{})", q.width, q.height));
        }
        if q.sharpness < 0.2 {
            problems.push("blurred".to_string());
        }
        if q.glare > 0.25 {
            problems.push("glare".to_string());
        }
    }
    if problems.is_empty() {
        RuleResult::new(name, Passed, true, "The images are sharp and readable.")
    } else {
        problems.dedup();
        RuleResult::new(
            name,
            Warning,
            true,
            format!("Image quality: {}.", problems.join(", ")),
        )
    }
}

/// For address documents whose holder is one line of text.
pub fn holder_name(doc: &DocumentEvidence, first: &str, last: &str) -> RuleResult {
    let rule = "name_matches";
    let expected = format!("{first} {last}");
    if doc.first_name.is_some() || doc.last_name.is_some() {
        let f = name_part(
            rule,
            doc,
            first,
            doc.first_name.as_ref(),
            doc.middle_name.as_ref(),
        );
        let l = name_part(rule, doc, last, doc.last_name.as_ref(), None);
        let actual = [f.actual.clone(), l.actual.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let worst = worst_of(f, l);
        return RuleResult {
            expected: Some(expected),
            actual: Some(actual),
            ..worst
        };
    }
    let Some(read) = &doc.full_name else {
        return RuleResult::new(
            rule,
            Skipped,
            false,
            "The holder's name could not be found.",
        )
        .values(Some(expected), None);
    };
    let trusted = trusted(doc, read);
    let r = match names::full_name_matches(first, last, &read.value, read.source) {
        NameMatch::Exact | NameMatch::Forgiven(_) => {
            RuleResult::new(rule, Passed, trusted, "The holder's name matches.")
        }
        NameMatch::Slip => RuleResult::new(
            rule,
            Warning,
            false,
            "The name differs by one letter; OCR may have misread it.",
        ),
        NameMatch::Mismatch => RuleResult::new(
            rule,
            Failed,
            trusted,
            "The document is in another person's name.",
        ),
    };
    r.values(Some(expected), Some(normalize(&read.value).to_uppercase()))
}

fn severity(r: &RuleResult) -> u8 {
    match r.status {
        Failed => 3,
        Warning => 2,
        Skipped => 1,
        Passed => 0,
    }
}

/// The graver of two verdicts on one question; passing needs both trusted.
pub fn worst_of(a: RuleResult, b: RuleResult) -> RuleResult {
    let trusted = if a.status == Passed && b.status == Passed {
        a.trusted && b.trusted
    } else {
        false
    };
    let mut w = if severity(&b) > severity(&a) { b } else { a };
    if w.status == Passed {
        w.trusted = trusted;
    }
    w
}
