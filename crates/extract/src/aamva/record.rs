//! The `DL`/`ID` subfile: element splitting and the normalised record.

use serde::Serialize;

use super::fields::{
    clean, parse_date, parse_postal, parse_sex, split_full_name, split_given, DateOrder,
};
use super::header::{parse_header, Header};
use super::{iin, AamvaError};

/// A parsed AAMVA card, normalised to CONTRACT §6 conventions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AamvaRecord {
    /// AAMVA version (1–10).
    pub version: u8,
    /// Issuer Identification Number.
    pub iin: String,
    /// Jurisdiction version, when the header carries one.
    pub jurisdiction_version: Option<u8>,
    /// "DL" or "ID".
    pub subfile: String,
    /// Issuing jurisdiction (from the IIN, else the address state).
    pub jurisdiction: Option<String>,
    /// "USA" or "CAN".
    pub issuing_country: Option<String>,
    /// Given name.
    pub first_name: Option<String>,
    /// Middle name(s).
    pub middle_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// Name suffix (JR, III, ...).
    pub suffix: Option<String>,
    /// ISO date of birth.
    pub date_of_birth: Option<String>,
    /// ISO issue date.
    pub issue_date: Option<String>,
    /// ISO expiry date.
    pub expiry_date: Option<String>,
    /// M, F or X.
    pub sex: Option<String>,
    /// Customer ID / licence number (`DAQ`).
    pub document_number: Option<String>,
    /// Street line 1 (+ line 2).
    pub street: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State / province of the address.
    pub state: Option<String>,
    /// ZIP / postal code.
    pub postal_code: Option<String>,
    /// Whether each name was truncated (`DDE`, `DDF`, `DDG` = `T`).
    pub truncated: Truncation,
    /// Every element of the subfile in order (code, raw value).
    pub elements: Vec<(String, String)>,
    /// Deviations from the standard that were tolerated.
    pub deviations: Vec<String>,
}

/// Name truncation flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Truncation {
    /// Family name truncated.
    pub family: bool,
    /// First name truncated.
    pub first: bool,
    /// Middle name truncated.
    pub middle: bool,
}

impl AamvaRecord {
    /// The raw value of an element, if present.
    pub fn get(&self, code: &str) -> Option<&str> {
        self.elements
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, v)| v.as_str())
    }
}

fn is_code(t: &[u8]) -> bool {
    t.len() >= 3
        && t[0].is_ascii_uppercase()
        && t[1].is_ascii_uppercase()
        && (t[2].is_ascii_uppercase() || t[2].is_ascii_digit())
}

/// Find where the DL/ID elements start (just after the 2-letter subfile type).
fn locate_subfile(data: &[u8], h: &Header, dev: &mut Vec<String>) -> Option<(usize, String)> {
    for e in h
        .subfiles
        .iter()
        .filter(|e| e.kind == "DL" || e.kind == "ID")
    {
        if data.get(e.offset..e.offset + 2) == Some(e.kind.as_bytes())
            && data.get(e.offset + 2..).is_some_and(is_code)
        {
            return Some((e.offset + 2, e.kind.clone()));
        }
    }
    // Offsets are often wrong in the wild: search after the directory.
    let from = h.end.min(data.len());
    let found = data[from..]
        .windows(5)
        .position(|w| (&w[..2] == b"DL" || &w[..2] == b"ID") && w[2] == b'D' && is_code(&w[2..]))?;
    if !h.subfiles.is_empty() {
        dev.push("subfile offset does not match the directory".into());
    }
    let start = from + found;
    Some((
        start + 2,
        String::from_utf8_lossy(&data[start..start + 2]).into_owned(),
    ))
}

/// Known element codes, for payloads whose separators were lost.
const KNOWN: &[&str] = &[
    "DAA", "DAB", "DAC", "DAD", "DAE", "DAF", "DAG", "DAH", "DAI", "DAJ", "DAK", "DAL", "DAM",
    "DAN", "DAO", "DAP", "DAQ", "DAR", "DAS", "DAT", "DAU", "DAV", "DAW", "DAX", "DAY", "DAZ",
    "DBA", "DBB", "DBC", "DBD", "DBE", "DBF", "DBG", "DBH", "DBI", "DBJ", "DBK", "DBL", "DBM",
    "DBN", "DBO", "DBP", "DBQ", "DBR", "DBS", "DCA", "DCB", "DCD", "DCE", "DCF", "DCG", "DCH",
    "DCI", "DCJ", "DCK", "DCL", "DCM", "DCN", "DCO", "DCP", "DCQ", "DCR", "DCS", "DCT", "DCU",
    "DDA", "DDB", "DDC", "DDD", "DDE", "DDF", "DDG", "DDH", "DDI", "DDJ", "DDK", "DDL",
];

fn split_elements(body: &[u8]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for tok in body.split(|&b| b == b'\n' || b == b'\r' || b == b'\x1e') {
        let tok = tok.strip_prefix(b" ").unwrap_or(tok);
        if tok.is_empty() {
            continue;
        }
        // A new subfile (jurisdiction "Z?" or a second DL/ID) ends this one.
        if tok[0] == b'Z'
            || (!out.is_empty()
                && (tok.starts_with(b"DL") || tok.starts_with(b"ID"))
                && is_code(tok.get(2..).unwrap_or(b"")))
        {
            break;
        }
        if !is_code(tok) || tok[0] != b'D' {
            continue;
        }
        let code = String::from_utf8_lossy(&tok[..3]).into_owned();
        let value = String::from_utf8_lossy(&tok[3..]).into_owned();
        if !out.iter().any(|(c, _)| *c == code) {
            out.push((code, value));
        }
    }
    out
}

/// Split by known codes when the separators are missing.
fn split_by_known(body: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    let end = text.find(['\r', '\x1e']).unwrap_or(text.len());
    let text = &text[..end];
    let mut starts: Vec<(usize, &str)> = Vec::new();
    for code in KNOWN {
        if let Some(i) = text.find(code) {
            starts.push((i, code));
        }
    }
    starts.sort_unstable();
    let mut out = Vec::new();
    for (k, (i, code)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |(j, _)| *j);
        if let Some(v) = text.get(i + 3..end) {
            out.push(((*code).to_string(), v.trim_end_matches('\n').to_string()));
        }
    }
    out
}

/// Parse an AAMVA payload. Fails unless it has a header, a DL/ID subfile, a
/// name, and a licence number or date of birth.
pub fn parse(data: &[u8]) -> Result<AamvaRecord, AamvaError> {
    let h = parse_header(data)?;
    let mut dev = Vec::new();
    if !h.standard_preamble {
        dev.push("non-standard preamble".into());
    }
    let (start, subfile) = locate_subfile(data, &h, &mut dev).ok_or(AamvaError::NoSubfile)?;
    let body = &data[start..];
    let mut elements = split_elements(body);
    if elements.len() < 3 {
        let alt = split_by_known(body);
        if alt.len() > elements.len() {
            dev.push("element separators missing".into());
            elements = alt;
        }
    }
    let mut r = AamvaRecord {
        version: h.version,
        iin: h.iin.clone(),
        jurisdiction_version: h.jurisdiction_version,
        subfile,
        elements,
        deviations: dev,
        ..AamvaRecord::default()
    };
    normalise(&mut r);
    if r.last_name.is_none() && r.first_name.is_none() {
        return Err(AamvaError::Missing("a name"));
    }
    if r.document_number.is_none() && r.date_of_birth.is_none() {
        return Err(AamvaError::Missing("a licence number or date of birth"));
    }
    Ok(r)
}

fn normalise(r: &mut AamvaRecord) {
    let src = AamvaRecord {
        elements: std::mem::take(&mut r.elements),
        ..AamvaRecord::default()
    };
    let src = &src;
    let get = |c: &str| src.get(c).and_then(clean);
    let iin_info = iin::lookup(&r.iin);
    let state = get("DAJ").filter(|s| s.len() == 2);
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
    let order = if r.version <= 1 || country.as_deref() == Some("CAN") {
        DateOrder::Ymd
    } else {
        DateOrder::Mdy
    };
    let date = |c: &str| src.get(c).and_then(|v| parse_date(v, order));

    // Names: DCS/DAC/DAD (v4+), DCS/DCT (v2–3), DAB/DAC/DAD or DAA (v1).
    let mut last = get("DCS").or_else(|| get("DAB"));
    let mut first = get("DAC");
    let mut middle = get("DAD");
    if first.is_none() {
        if let Some(dct) = src.get("DCT") {
            (first, middle) = split_given(dct);
        }
    }
    if let Some(daa) = src.get("DAA") {
        let (f, m, l) = split_full_name(daa);
        last = last.or(l);
        first = first.or(f);
        middle = middle.or(m);
    }
    let street = match (get("DAG"), get("DAH")) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, _) => a,
    };
    let flag = |c: &str| {
        src.get(c)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("T"))
    };

    r.truncated = Truncation {
        family: flag("DDE"),
        first: flag("DDF"),
        middle: flag("DDG"),
    };
    r.first_name = first;
    r.middle_name = middle;
    r.last_name = last;
    r.suffix = get("DCU").or_else(|| get("DAE"));
    r.date_of_birth = date("DBB");
    r.issue_date = date("DBD");
    r.expiry_date = date("DBA");
    r.sex = src.get("DBC").and_then(parse_sex).map(str::to_string);
    r.document_number = get("DAQ").map(|s| s.replace(' ', ""));
    r.street = street;
    r.city = get("DAI");
    r.state = state;
    r.postal_code = src.get("DAK").and_then(parse_postal);
    r.jurisdiction = jurisdiction;
    r.issuing_country = country;
    r.elements = src.elements.clone();
}
