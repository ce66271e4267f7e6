//! Labelled fields on a card front, wherever the issuer prints them.
//!
//! Fronts follow no single layout: the AAMVA card design standard numbers
//! its fields (`1` family name, `2` given names, `3 DOB`, `4a ISS`,
//! `4b EXP`, `4d DLN`, `8` address), many states print words instead
//! (`DOB`, `EXPIRES`, `LN`/`FN`, `LIC#`), and OCR returns two labels on one
//! line as often as one label over its value. So each line is cut at every
//! label found in it, wherever it stands; a label's value is the text up to
//! the next label, or the next line when nothing follows it.
//!
//! Pure: OCR lines in, fields out, so every layout is tested without
//! Tesseract.

use crate::address::find_dates;

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    LastName,
    /// `NAME` / `1,2`: the whole name, taken only as `LAST, FIRST`.
    FullName,
    /// Fields this reader does not return (`5 DD`, `9 CLASS`, `15 SEX`...):
    /// known so that their values end the previous label's value and are
    /// never taken for a number, a date or a name.
    Other,
    GivenNames,
    DateOfBirth,
    Issue,
    Expiry,
    Number,
    Address,
}

/// Word labels, longest first so that `DATE OF BIRTH` wins over `BIRTH`.
const WORDS: &[(&str, Field)] = &[
    ("DATE OF BIRTH", Field::DateOfBirth),
    ("BIRTH DATE", Field::DateOfBirth),
    ("BIRTHDATE", Field::DateOfBirth),
    ("CUSTOMER ID", Field::Number),
    ("LICENSE NO", Field::Number),
    ("LICENCE NO", Field::Number),
    ("GIVEN NAMES", Field::GivenNames),
    ("FAMILY NAME", Field::LastName),
    ("EXPIRATION", Field::Expiry),
    ("GIVEN NAME", Field::GivenNames),
    ("FIRST NAME", Field::GivenNames),
    ("ISSUE DATE", Field::Issue),
    ("LAST NAME", Field::LastName),
    ("EXPIRES", Field::Expiry),
    ("SURNAME", Field::LastName),
    ("ADDRESS", Field::Address),
    ("ISSUED", Field::Issue),
    ("LIC NO", Field::Number),
    ("DL NO", Field::Number),
    ("ID NO", Field::Number),
    ("BIRTH", Field::DateOfBirth),
    ("LIC#", Field::Number),
    ("DL#", Field::Number),
    ("ID#", Field::Number),
    ("DOB", Field::DateOfBirth),
    ("EXP", Field::Expiry),
    ("ISS", Field::Issue),
    ("DLN", Field::Number),
    ("NAME", Field::FullName),
    ("CLASS", Field::Other),
    ("HGT", Field::Other),
    ("WGT", Field::Other),
    ("SEX", Field::Other),
    ("EYES", Field::Other),
    ("HAIR", Field::Other),
    ("REST", Field::Other),
    ("END", Field::Other),
    ("DD", Field::Other),
    ("DL", Field::Number),
    ("LN", Field::LastName),
    ("FN", Field::GivenNames),
];

/// The standard's field numbers that may stand anywhere on a line: letters
/// after a digit never start a name, so `4b` is not mistaken.
const NUMBERED: &[(&str, Field)] = &[
    ("4A", Field::Issue),
    ("4B", Field::Expiry),
    ("4D", Field::Number),
];

/// The bare field numbers, trusted only at the start of a line: `1 SMITH`,
/// `2 JOHN PAUL`, `3 08/07/1956`, `8 123 MAIN ST`.
const LEADING: &[(&str, Field)] = &[
    ("1", Field::LastName),
    ("2", Field::GivenNames),
    ("3", Field::DateOfBirth),
    ("8", Field::Address),
];

/// One OCR line: its text and Tesseract's confidence (0..1).
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub text: &'a str,
    pub confidence: f32,
}

/// What the labels gave, each value with the confidence of the line it came from.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontFields {
    pub last_name: Option<(String, f32)>,
    pub first_name: Option<(String, f32)>,
    pub middle_name: Option<(String, f32)>,
    pub date_of_birth: Option<(String, f32)>,
    pub issue_date: Option<(String, f32)>,
    pub expiry_date: Option<(String, f32)>,
    pub document_number: Option<(String, f32)>,
    pub street: Option<(String, f32)>,
    pub city: Option<(String, f32)>,
    pub state: Option<(String, f32)>,
    pub postal_code: Option<(String, f32)>,
}

/// A label found in a line: byte range and what it names.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) field: Field,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphabetic()
}

/// Every label in `up` (an upper-cased line), left to right, not overlapping.
pub(super) fn hits(up: &str) -> Vec<Hit> {
    let b = up.as_bytes();
    let mut found: Vec<Hit> = vec![];
    let free = |found: &[Hit], s: usize, e: usize| found.iter().all(|h| e <= h.start || s >= h.end);
    for &(label, field) in WORDS {
        let mut from = 0;
        while let Some(i) = up[from..].find(label).map(|i| i + from) {
            let end = i + label.len();
            // A word label is a word of its own; a digit may touch it before
            // (`3DOB`, `4bEXP`) and a date after (`DOB08/07/1956`).
            let before_ok = i == 0 || !is_word_byte(b[i - 1]);
            let after_ok = end == b.len() || !is_word_byte(b[end]) || label.ends_with('#');
            if before_ok && after_ok && free(&found, i, end) {
                found.push(Hit {
                    start: i,
                    end,
                    field,
                });
            }
            from = end;
        }
    }
    for &(label, field) in NUMBERED {
        let mut from = 0;
        while let Some(i) = up[from..].find(label).map(|i| i + from) {
            let end = i + label.len();
            let before_ok = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            let after_ok = end == b.len() || !b[end].is_ascii_digit();
            if before_ok && after_ok && free(&found, i, end) {
                found.push(Hit {
                    start: i,
                    end,
                    field,
                });
            }
            from = end;
        }
    }
    let trimmed = up.trim_start();
    let lead = up.len() - trimmed.len();
    for &(label, field) in LEADING {
        let end = lead + label.len();
        let next = b.get(end).copied();
        // `1 SMITH`, `1SMITH`; not `12 ELM ST` or `1/2`.
        let starts_field = trimmed.starts_with(label)
            && next.is_some_and(|c| c == b' ' || c.is_ascii_alphabetic() || c == b'.')
            // `8 742 EVERGREEN TER` is field 8 and its street.
            && (field == Field::Address || !is_street(trimmed));
        if starts_field && free(&found, lead, end) {
            found.push(Hit {
                start: lead,
                end,
                field,
            });
        }
    }
    found.sort_by_key(|h| h.start);
    found
}

/// Street types that end a US street line.
pub(super) const STREET_TYPES: &[&str] = &[
    "ST", "AVE", "AV", "RD", "DR", "LN", "BLVD", "CT", "PL", "WAY", "TER", "TERRACE", "CIR",
    "PKWY", "HWY", "STREET", "AVENUE", "ROAD", "DRIVE", "LANE", "COURT", "PLACE", "TRL", "SQ",
];

/// `1 MAIN ST`, `8 OAK AVE APT 2`: a house number then words, one of them a
/// street type. Fronts print the street without a label as often as with
/// one, and a house number 1, 2, 3 or 8 must not pass for the standard's
/// field number (`1 MAIN ST` read as the family name `MAIN`).
pub(super) fn is_street(line: &str) -> bool {
    let mut toks = line.split_whitespace();
    let house = toks.next().unwrap_or("");
    let words: Vec<&str> = toks
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .collect();
    !house.is_empty()
        && house.bytes().all(|b| b.is_ascii_digit())
        && words.len() >= 2
        && words[1..].iter().any(|w| STREET_TYPES.contains(w))
}

/// The value's text: separators a label leaves behind are dropped.
fn clean(v: &str) -> &str {
    v.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '#' | ',' | '-' | '|'))
}

/// Name words: letters, hyphens and apostrophes; stops at the first word
/// with a digit (the next field's value).
fn name_words(v: &str) -> Vec<String> {
    v.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphabetic()))
        .take_while(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| w.len() > 1 || w.chars().all(|c| c.is_ascii_alphabetic()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A licence number: the first token with a digit, joined with the digit
/// groups that follow it (`123 456 789`).
fn number(v: &str) -> Option<String> {
    let toks: Vec<&str> = v.split_whitespace().collect();
    let first = toks
        .iter()
        .position(|t| t.chars().any(|c| c.is_ascii_digit()))?;
    // `$` is Tesseract's reading of a bold S (`$62862683`).
    let mut out: String = toks[first]
        .chars()
        .map(|c| if c == '$' { 'S' } else { c })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    for t in &toks[first + 1..] {
        if t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(t);
        } else {
            break;
        }
    }
    (out.len() >= 4).then_some(digit_slips(&out))
}

/// `DO5096560` → `D05096560`: after the first character, a number that is
/// digits but for an `O`, `I` or `L` had Tesseract read a digit as a letter
/// (the bold zero and one of several fonts).
fn digit_slips(n: &str) -> String {
    let mut cs = n.chars();
    let Some(first) = cs.next() else {
        return String::new();
    };
    let rest: String = cs.collect();
    let digits = rest.chars().filter(|c| c.is_ascii_digit()).count();
    if digits < 5
        || !rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'O' | 'I' | 'L'))
    {
        return n.to_string();
    }
    let fixed = rest.chars().map(|c| match c {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    });
    std::iter::once(first).chain(fixed).collect()
}

/// The family name: its first word, and a second one of three letters or
/// more (`VAN DYKE`); a shorter second word is more often OCR debris than a
/// name (`BROWN Ez`).
fn family(words: &[String]) -> Option<String> {
    match words {
        [] => None,
        [a, b, ..] if b.len() >= 3 => Some(format!("{a} {b}")),
        [a, ..] => Some(a.clone()),
    }
}

fn put(slot: &mut Option<(String, f32)>, value: Option<String>, conf: f32) {
    if slot.is_none() {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            *slot = Some((v, conf));
        }
    }
}

/// The fields of a front from its OCR lines, top to bottom.
pub fn read(lines: &[Line<'_>]) -> FrontFields {
    let ups: Vec<String> = lines.iter().map(|l| l.text.to_ascii_uppercase()).collect();
    let all_hits: Vec<Vec<Hit>> = ups.iter().map(|u| hits(u)).collect();
    let mut out = FrontFields::default();
    for (i, up) in ups.iter().enumerate() {
        let conf = lines[i].confidence;
        let hs = &all_hits[i];
        for (k, h) in hs.iter().enumerate() {
            let end = hs.get(k + 1).map_or(up.len(), |n| n.start);
            let mut value = clean(&up[h.end..end]).to_string();
            // A label alone on its line (or last on it) holds the next line's
            // text, unless that line starts with a label of its own.
            let next_free = all_hits
                .get(i + 1)
                .is_some_and(|n| n.first().is_none_or(|f| f.start > 0));
            if value.is_empty() && k + 1 == hs.len() && next_free {
                value = clean(&ups[i + 1]).to_string();
            }
            // `4b EXP 08/07/2030`: the number's own value is the word label's.
            if value.is_empty() {
                continue;
            }
            apply(&mut out, h.field, &value, ups.get(i + 1), conf);
        }
    }
    out
}

fn apply(out: &mut FrontFields, field: Field, value: &str, next: Option<&String>, conf: f32) {
    match field {
        Field::DateOfBirth => put(
            &mut out.date_of_birth,
            find_dates(value).first().cloned(),
            conf,
        ),
        Field::Issue => put(
            &mut out.issue_date,
            find_dates(value).first().cloned(),
            conf,
        ),
        Field::Expiry => put(
            &mut out.expiry_date,
            find_dates(value).first().cloned(),
            conf,
        ),
        Field::Number => put(&mut out.document_number, number(value), conf),
        Field::LastName => {
            // `LAST, FIRST MIDDLE` printed after a family-name label.
            if let Some((last, rest)) = value.split_once(',') {
                put(&mut out.last_name, family(&name_words(last)), conf);
                given(out, &name_words(rest), conf);
            } else {
                put(&mut out.last_name, family(&name_words(value)), conf);
            }
        }
        Field::GivenNames => given(out, &name_words(value), conf),
        // `SMITH, JOHN PAUL`; without the comma the order is unknown.
        Field::FullName => {
            if let Some((last, rest)) = value.split_once(',') {
                let given_words = name_words(rest);
                if out.last_name.is_none() && !given_words.is_empty() {
                    put(&mut out.last_name, family(&name_words(last)), conf);
                    given(out, &given_words, conf);
                }
            }
        }
        Field::Other => {}
        Field::Address => {
            if out.street.is_none() {
                put(&mut out.street, Some(value.to_string()), conf);
                if let Some((_, city, state, zip)) =
                    next.and_then(|n| crate::address::city_state_zip(n))
                {
                    put(&mut out.city, Some(city), conf);
                    put(&mut out.state, Some(state), conf);
                    put(&mut out.postal_code, Some(zip), conf);
                }
            }
        }
    }
}

fn given(out: &mut FrontFields, words: &[String], conf: f32) {
    if out.first_name.is_some() {
        return;
    }
    put(&mut out.first_name, words.first().cloned(), conf);
    if words.len() > 1 {
        put(&mut out.middle_name, Some(words[1..].join(" ")), conf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> FrontFields {
        let lines: Vec<Line> = text
            .lines()
            .map(|t| Line {
                text: t,
                confidence: 0.9,
            })
            .collect();
        read(&lines)
    }

    fn v(f: &Option<(String, f32)>) -> Option<&str> {
        f.as_ref().map(|(s, _)| s.as_str())
    }

    #[test]
    fn aamva_numbered_fields_one_per_line() {
        let f = read_text(
            "TENNESSEE\nDRIVER LICENSE\n4d DLN 123456789\n1 SMITH\n2 JOHN PAUL\n\
             8 742 EVERGREEN TERRACE\nSPRINGFIELD, TN 37172\n3 DOB 08/07/1956\n\
             4a ISS 01/02/2020\n4b EXP 08/07/2028\n15 SEX M",
        );
        assert_eq!(v(&f.document_number), Some("123456789"));
        assert_eq!(v(&f.last_name), Some("SMITH"));
        assert_eq!(v(&f.first_name), Some("JOHN"));
        assert_eq!(v(&f.middle_name), Some("PAUL"));
        assert_eq!(v(&f.street), Some("742 EVERGREEN TERRACE"));
        assert_eq!(v(&f.city), Some("SPRINGFIELD"));
        assert_eq!(v(&f.state), Some("TN"));
        assert_eq!(v(&f.postal_code), Some("37172"));
        assert_eq!(v(&f.date_of_birth), Some("1956-08-07"));
        assert_eq!(v(&f.issue_date), Some("2020-01-02"));
        assert_eq!(v(&f.expiry_date), Some("2028-08-07"));
    }

    #[test]
    fn two_labels_on_one_line_and_glued_labels() {
        let f = read_text("3DOB08/07/1956 4bEXP08/07/2028\n4aISS 01/02/2020 DL# A123-456-789");
        assert_eq!(v(&f.date_of_birth), Some("1956-08-07"));
        assert_eq!(v(&f.expiry_date), Some("2028-08-07"));
        assert_eq!(v(&f.issue_date), Some("2020-01-02"));
        assert_eq!(v(&f.document_number), Some("A123456789"));
    }

    #[test]
    fn a_bold_s_read_as_a_dollar_stays_in_the_number() {
        assert_eq!(number("$62862683").as_deref(), Some("S62862683"));
    }

    #[test]
    fn digit_slips_and_two_word_family_names() {
        let f = read_text("4d DLN DO5096560\n1 VAN DYKE\n2 YUKI ANN");
        assert_eq!(v(&f.document_number), Some("D05096560"));
        assert_eq!(v(&f.last_name), Some("VAN DYKE"));
        assert_eq!(v(&f.first_name), Some("YUKI"));
        let f = read_text("1 BROWN Ez\nNAME DE LEON, MARIA");
        assert_eq!(v(&f.last_name), Some("BROWN"));
        let f = read_text("NAME DE LEON, MARIA");
        assert_eq!(v(&f.last_name), Some("DE LEON"));
        assert_eq!(v(&f.first_name), Some("MARIA"));
    }

    #[test]
    fn word_labels_over_their_values() {
        let f = read_text(
            "LAST NAME\nGARCIA-LOPEZ\nFIRST NAME\nMARIA JOSE\nDATE OF BIRTH\n05/06/1988\n\
             LICENSE NO\n12 345 678\nEXPIRES\n2030-05-06",
        );
        assert_eq!(v(&f.last_name), Some("GARCIA-LOPEZ"));
        assert_eq!(v(&f.first_name), Some("MARIA"));
        assert_eq!(v(&f.middle_name), Some("JOSE"));
        assert_eq!(v(&f.date_of_birth), Some("1988-05-06"));
        assert_eq!(v(&f.document_number), Some("12345678"));
        assert_eq!(v(&f.expiry_date), Some("2030-05-06"));
    }

    #[test]
    fn ln_fn_and_comma_names() {
        let f = read_text("LN NGUYEN\nFN LI ANH\nDOB: 1990.12.31");
        assert_eq!(v(&f.last_name), Some("NGUYEN"));
        assert_eq!(v(&f.first_name), Some("LI"));
        assert_eq!(v(&f.middle_name), Some("ANH"));
        assert_eq!(v(&f.date_of_birth), Some("1990-12-31"));
        let f = read_text("SURNAME: OBRIEN, GRACE A");
        assert_eq!(v(&f.last_name), Some("OBRIEN"));
        assert_eq!(v(&f.first_name), Some("GRACE"));
        assert_eq!(v(&f.middle_name), Some("A"));
    }

    #[test]
    fn words_inside_other_words_are_not_labels() {
        // EXPRESS, DISSENT, LNX, 12 ELM ST: no label; `1/2` is no field number.
        let f = read_text(
            "EXPRESS DELIVERY 01/01/2020\nDISSENT 02/02/2021\nLNX ROAD\n12 ELM ST\n1/2 MILE",
        );
        assert_eq!(f, FrontFields::default());
    }

    #[test]
    fn a_label_followed_by_another_labelled_line_takes_nothing_from_it() {
        let f = read_text("DOB\nEXP 08/07/2028");
        assert_eq!(f.date_of_birth, None);
        assert_eq!(v(&f.expiry_date), Some("2028-08-07"));
    }

    #[test]
    fn confidence_comes_from_the_line() {
        let lines = [
            Line {
                text: "DOB 08/07/1956",
                confidence: 0.5,
            },
            Line {
                text: "EXP 08/07/2028",
                confidence: 0.8,
            },
        ];
        let f = read(&lines);
        assert_eq!(f.date_of_birth, Some(("1956-08-07".into(), 0.5)));
        assert_eq!(f.expiry_date, Some(("2028-08-07".into(), 0.8)));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// OCR text of a hostile picture: label fragments, digits, date
        /// separators and multi-byte characters in any order.
        fn token() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("DOB".to_string()),
                Just("4b".to_string()),
                Just("EXP".to_string()),
                Just("LIC#".to_string()),
                Just("1".to_string()),
                Just("8".to_string()),
                Just("08/07/1956".to_string()),
                Just(" ".to_string()),
                Just("é".to_string()),
                Just("ÿ#".to_string()),
                "[A-Z0-9/.:,\\- ]{0,6}",
                any::<String>(),
            ]
        }

        proptest! {
            #[test]
            fn any_ocr_text_gives_well_formed_fields(
                lines in proptest::collection::vec(proptest::collection::vec(token(), 0..8), 0..8),
            ) {
                let texts: Vec<String> = lines.iter().map(|l| l.concat()).collect();
                let input: Vec<Line> = texts
                    .iter()
                    .map(|t| Line { text: t, confidence: 0.5 })
                    .collect();
                let f = read(&input);
                for d in [&f.date_of_birth, &f.issue_date, &f.expiry_date].into_iter().flatten() {
                    prop_assert_eq!(d.0.len(), 10);
                    prop_assert_eq!(d.1, 0.5);
                }
                for v in [&f.last_name, &f.first_name, &f.document_number, &f.street].into_iter().flatten() {
                    prop_assert!(!v.0.trim().is_empty());
                }
            }
        }
    }
}
