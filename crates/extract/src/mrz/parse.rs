//! Parsing MRZ lines into fields, with check digits and century inference.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::check::{holds, personal_number_holds};

/// MRZ layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MrzFormat {
    /// 3 × 30 (ID cards, passport cards, permanent resident cards).
    TD1,
    /// 2 × 36.
    TD2,
    /// 2 × 44 (passports).
    TD3,
    /// Visa, 2 × 44.
    #[serde(rename = "MRV-A")]
    MrvA,
    /// Visa, 2 × 36.
    #[serde(rename = "MRV-B")]
    MrvB,
}

impl MrzFormat {
    /// The name used in CONTRACT §6 `mrz.format`.
    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::TD1 => "TD1",
            MrzFormat::TD2 => "TD2",
            MrzFormat::TD3 => "TD3",
            MrzFormat::MrvA => "MRV-A",
            MrzFormat::MrvB => "MRV-B",
        }
    }
    /// (lines, characters per line).
    pub fn shape(self) -> (usize, usize) {
        match self {
            MrzFormat::TD1 => (3, 30),
            MrzFormat::TD2 | MrzFormat::MrvB => (2, 36),
            MrzFormat::TD3 | MrzFormat::MrvA => (2, 44),
        }
    }
    /// Where the names field starts: (line, cell). TD1's third line; else
    /// the first, after the document code and issuing state.
    pub fn names_field(self) -> (usize, usize) {
        match self {
            MrzFormat::TD1 => (2, 0),
            _ => (0, 5),
        }
    }
    /// The line holding the dates of birth and expiry.
    pub fn dates_line(self) -> usize {
        1
    }
    /// Where the dates of birth and expiry start on [`Self::dates_line`]
    /// (each six digits, then its check digit).
    pub fn date_starts(self) -> [usize; 2] {
        match self {
            MrzFormat::TD1 => [0, 8],
            _ => [13, 21],
        }
    }
    /// Where the issuing state and the nationality start: (line, cell).
    pub fn state_fields(self) -> [(usize, usize); 2] {
        match self {
            MrzFormat::TD1 => [(0, 2), (1, 15)],
            _ => [(0, 2), (1, 10)],
        }
    }
}

/// Which check digits hold (None: the format has no such digit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MrzChecks {
    /// Document number.
    pub document_number: bool,
    /// Date of birth.
    pub birth_date: bool,
    /// Date of expiry.
    pub expiry_date: bool,
    /// Personal number / optional data (TD3 only).
    pub optional: Option<bool>,
    /// Composite (TD1, TD2, TD3).
    pub composite: Option<bool>,
}

impl MrzChecks {
    /// Whether every check digit present holds.
    pub fn all_valid(&self) -> bool {
        self.document_number
            && self.birth_date
            && self.expiry_date
            && self.optional.unwrap_or(true)
            && self.composite.unwrap_or(true)
    }
}

/// A parsed MRZ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mrz {
    /// Layout.
    pub format: MrzFormat,
    /// The lines as read (after repair).
    pub lines: Vec<String>,
    /// Document code ("P", "I", "ID", "AC", "V", ...), fillers removed.
    pub document_code: String,
    /// Issuing state (ICAO 3-letter code, fillers removed).
    pub issuing_state: String,
    /// Primary identifier (surname).
    pub surname: String,
    /// Secondary identifier (given names, space separated).
    pub given_names: String,
    /// Document number (fillers removed).
    pub document_number: String,
    /// Nationality.
    pub nationality: String,
    /// Date of birth, ISO (None if not a valid date).
    pub birth_date: Option<String>,
    /// M, F or X.
    pub sex: String,
    /// Date of expiry, ISO.
    pub expiry_date: Option<String>,
    /// Optional data / personal number (fillers removed).
    pub optional_data: String,
    /// Check digits.
    pub checks: MrzChecks,
}

impl Mrz {
    /// Whether all check digits hold.
    pub fn checks_valid(&self) -> bool {
        self.checks.all_valid()
    }
}

/// Why lines are not an MRZ.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MrzError {
    /// Line count / lengths match no layout.
    #[error("lines match no MRZ layout")]
    Layout,
    /// A character outside A–Z, 0–9, `<`.
    #[error("character outside the MRZ set")]
    Charset,
}

/// Parse MRZ text: lines separated by newlines; blank lines and surrounding
/// spaces are ignored.
pub fn parse(text: &str) -> Result<Mrz, MrzError> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    parse_lines(&lines)
}

/// The current year, from the system clock (used for century inference).
fn current_yymmdd() -> (u32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as u32;
    (y, m, d)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    crate::calendar::is_real_date(y, m, d)
}

/// YYMMDD → ISO with century inference: a birth date lies in the past, an
/// expiry date within the next 50 years (else the previous century).
pub fn infer_date(yymmdd: &str, is_birth: bool) -> Option<String> {
    if yymmdd.len() != 6 || !yymmdd.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| yymmdd[r].parse::<u32>().ok();
    let (yy, m, d) = (n(0..2)?, n(2..4)?, n(4..6)?);
    let (cy, cm, cd) = current_yymmdd();
    let mut y = 2000 + yy;
    if is_birth {
        if (y, m, d) > (cy, cm, cd) {
            y -= 100;
        }
    } else if y > cy + 50 {
        y -= 100;
    }
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn strip(s: &str) -> String {
    s.trim_end_matches('<').replace('<', " ").trim().to_string()
}

fn names(field: &str) -> (String, String) {
    let field = field.trim_end_matches('<');
    match field.split_once("<<") {
        Some((p, s)) => (strip(p), strip(s)),
        None => (strip(field), String::new()),
    }
}

fn sex(c: &str) -> String {
    match c {
        "M" | "F" => c.to_string(),
        _ => "X".to_string(),
    }
}

/// Parse lines already split. Every line must be of one layout's length.
pub fn parse_lines(lines: &[&str]) -> Result<Mrz, MrzError> {
    if lines.iter().any(|l| {
        !l.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<')
    }) {
        return Err(MrzError::Charset);
    }
    let lens: Vec<usize> = lines.iter().map(|l| l.len()).collect();
    let visa = lines.first().is_some_and(|l| l.starts_with('V'));
    match (lens.as_slice(), visa) {
        ([30, 30, 30], _) => Ok(td1(lines[0], lines[1], lines[2])),
        ([36, 36], false) => Ok(two_line(MrzFormat::TD2, lines[0], lines[1])),
        ([44, 44], false) => Ok(two_line(MrzFormat::TD3, lines[0], lines[1])),
        ([36, 36], true) => Ok(two_line(MrzFormat::MrvB, lines[0], lines[1])),
        ([44, 44], true) => Ok(two_line(MrzFormat::MrvA, lines[0], lines[1])),
        _ => Err(MrzError::Layout),
    }
}

/// [`parse_lines`] of lines held as bytes (as the repairs edit them);
/// None when they are no MRZ.
pub(super) fn parse_byte_lines(lines: &[Vec<u8>]) -> Option<Mrz> {
    let strs: Vec<String> = lines
        .iter()
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect();
    let refs: Vec<&str> = strs.iter().map(String::as_str).collect();
    parse_lines(&refs).ok()
}

fn b(s: &str, i: usize) -> u8 {
    s.as_bytes().get(i).copied().unwrap_or(b'<')
}

fn two_line(format: MrzFormat, l1: &str, l2: &str) -> Mrz {
    let len = l1.len();
    let (name_from, name_to) = (5, len);
    let (surname, given_names) = names(&l1[name_from..name_to]);
    let (opt_to, has_opt_cd, has_composite) = match format {
        MrzFormat::TD3 => (42, true, true),
        MrzFormat::TD2 => (35, false, true),
        MrzFormat::MrvA => (44, false, false),
        _ => (36, false, false),
    };
    let optional = &l2[28..opt_to];
    let checks = MrzChecks {
        document_number: holds(&l2.as_bytes()[0..9], b(l2, 9)),
        birth_date: holds(&l2.as_bytes()[13..19], b(l2, 19)),
        expiry_date: holds(&l2.as_bytes()[21..27], b(l2, 27)),
        optional: has_opt_cd.then(|| personal_number_holds(optional.as_bytes(), b(l2, 42))),
        composite: has_composite.then(|| {
            let cd_at = if format == MrzFormat::TD3 { 43 } else { 35 };
            let mut c = Vec::with_capacity(40);
            c.extend_from_slice(&l2.as_bytes()[0..10]);
            c.extend_from_slice(&l2.as_bytes()[13..20]);
            c.extend_from_slice(&l2.as_bytes()[21..cd_at]);
            super::check::composite_holds(&c, b(l2, cd_at))
        }),
    };
    Mrz {
        format,
        lines: vec![l1.to_string(), l2.to_string()],
        document_code: strip(&l1[0..2]),
        issuing_state: strip(&l1[2..5]),
        surname,
        given_names,
        document_number: strip(&l2[0..9]),
        nationality: strip(&l2[10..13]),
        birth_date: infer_date(&l2[13..19], true),
        sex: sex(&l2[20..21]),
        expiry_date: infer_date(&l2[21..27], false),
        optional_data: strip(optional),
        checks,
    }
}

fn td1(l1: &str, l2: &str, l3: &str) -> Mrz {
    let (surname, given_names) = names(l3);
    // Long document numbers: number check digit is '<' and the number goes on
    // in the optional field, its last character before '<' being the digit.
    let mut number = l1[5..14].to_string();
    let mut number_ok = holds(&l1.as_bytes()[5..14], b(l1, 14));
    let mut optional = l1[15..30].to_string();
    if b(l1, 14) == b'<' && b(l1, 15) != b'<' {
        let ext = l1[15..30].trim_end_matches('<');
        if let Some((last, body)) = ext.as_bytes().split_last() {
            let full = format!("{}{}", &l1[5..14], String::from_utf8_lossy(body));
            number_ok = holds(full.as_bytes(), *last);
            number = full;
            optional = l1[15 + ext.len()..30].to_string();
        }
    }
    let mut c = Vec::with_capacity(60);
    c.extend_from_slice(&l1.as_bytes()[5..30]);
    c.extend_from_slice(&l2.as_bytes()[0..7]);
    c.extend_from_slice(&l2.as_bytes()[8..15]);
    c.extend_from_slice(&l2.as_bytes()[18..29]);
    let checks = MrzChecks {
        document_number: number_ok,
        birth_date: holds(&l2.as_bytes()[0..6], b(l2, 6)),
        expiry_date: holds(&l2.as_bytes()[8..14], b(l2, 14)),
        optional: None,
        composite: Some(super::check::composite_holds(&c, b(l2, 29))),
    };
    let opt2 = strip(&l2[18..29]);
    let opt1 = strip(&optional);
    let optional_data = match (opt1.is_empty(), opt2.is_empty()) {
        (false, false) => format!("{opt1} {opt2}"),
        (false, true) => opt1,
        _ => opt2,
    };
    Mrz {
        format: MrzFormat::TD1,
        lines: vec![l1.to_string(), l2.to_string(), l3.to_string()],
        document_code: strip(&l1[0..2]),
        issuing_state: strip(&l1[2..5]),
        surname,
        given_names,
        document_number: strip(&number),
        nationality: strip(&l2[15..18]),
        birth_date: infer_date(&l2[0..6], true),
        sex: sex(&l2[7..8]),
        expiry_date: infer_date(&l2[8..14], false),
        optional_data,
        checks,
    }
}
