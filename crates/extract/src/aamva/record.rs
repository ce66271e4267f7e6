//! The `DL`/`ID` subfile: where it starts, its elements, and the record.

use serde::Serialize;

use super::header::{parse_header, Header};
use super::normalise::normalise;
use super::scrub::drop_undefined;
use super::unseparated::{self, known};
use super::AamvaError;

/// A parsed AAMVA card, normalised to CONTRACT §6 conventions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AamvaRecord {
    /// AAMVA version (1–10; 0 when the header did not say).
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
    /// The payload lacks a field every card carries (a name, the date of
    /// birth or the licence number): what it has is given, and the reader
    /// notes `aamva_partial`.
    pub partial: bool,
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

fn known_at(data: &[u8], p: usize) -> bool {
    data.get(p..).is_some_and(known)
}

fn is_separator(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'\x1e' | b' ')
}

fn skip_separators(data: &[u8], mut p: usize) -> usize {
    while data.get(p).copied().is_some_and(is_separator) {
        p += 1;
    }
    p
}

/// "DL" or "ID" at `p`, in either case.
fn designator(data: &[u8], p: usize) -> Option<String> {
    let d = data.get(p..p + 2)?.to_ascii_uppercase();
    (d == b"DL" || d == b"ID").then(|| String::from_utf8_lossy(&d).into_owned())
}

/// A subfile designator whose first element follows (after separators, as
/// Colorado writes `DL\nDCA`).
fn subfile_at(data: &[u8], p: usize) -> Option<(usize, String)> {
    let kind = designator(data, p)?;
    let first = skip_separators(data, p + 2);
    known_at(data, first).then_some((first, kind))
}

/// Where the DL/ID elements start, and the subfile type. Offsets and
/// designators are wrong, lowercase or missing in the wild: the directory is
/// tried first, then the content after the header.
fn locate_subfile(data: &[u8], h: &Header, dev: &mut Vec<String>) -> Option<(usize, String)> {
    let declared = h
        .subfiles
        .iter()
        .find(|e| e.kind == "DL" || e.kind == "ID")
        .map(|e| e.kind.clone());
    for e in h
        .subfiles
        .iter()
        .filter(|e| e.kind == "DL" || e.kind == "ID")
    {
        if let Some(found) = subfile_at(data, e.offset).filter(|(_, k)| *k == e.kind) {
            return Some(found);
        }
    }
    if h.directory_ok {
        dev.push("subfile offset does not match the directory".into());
    } else {
        dev.push("subfile directory unreadable".into());
    }
    let missing = |start: usize, dev: &mut Vec<String>| {
        dev.push("subfile designator missing".into());
        (start, declared.clone().unwrap_or_else(|| "DL".into()))
    };
    let p = skip_separators(data, h.end);
    if let Some(found) = subfile_at(data, p) {
        return Some(found);
    }
    if known_at(data, p) {
        return Some(missing(p, dev));
    }
    if let Some(found) = (h.end..data.len()).find_map(|i| subfile_at(data, i)) {
        return Some(found);
    }
    // No designator anywhere: the first element code that opens a line.
    (h.end..data.len())
        .find(|&i| known_at(data, i) && (i == h.end || is_separator(data[i - 1])))
        .map(|i| missing(i, dev))
}

fn split_elements(body: &[u8]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for tok in body.split(|&b| b == b'\n' || b == b'\r' || b == b'\x1e') {
        let lead = tok.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
        let tok = &tok[lead..];
        if tok.is_empty() {
            continue;
        }
        // A new subfile (jurisdiction "Z?" or a second DL/ID) ends this one.
        if tok[0] == b'Z'
            || (!out.is_empty()
                && designator(tok, 0).is_some()
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

/// The elements of a body whose separators were lost: the text up to the
/// first separator that is left, split by element codes.
fn split_unseparated(body: &[u8], version: u8) -> Vec<(String, String)> {
    let end = body
        .iter()
        .position(|&b| b == b'\r' || b == b'\x1e')
        .unwrap_or(body.len());
    let text = body[..end].strip_suffix(b"\n").unwrap_or(&body[..end]);
    unseparated::split(text, version)
}

fn swap_case(b: &mut u8) {
    if b.is_ascii_alphabetic() {
        *b ^= 0x20;
    }
}

/// Whether the file type is there in lower case near the start.
fn case_inverted(data: &[u8]) -> bool {
    let head = &data[..data.len().min(64)];
    head.windows(5).any(|w| w == b"ansi " || w == b"aamva")
}

/// Parse an AAMVA payload. A payload with an AAMVA header near its start is
/// never refused for its deviations: whatever elements it has are read, and
/// [`AamvaRecord::partial`] says when a core field is missing. It fails only
/// without a header (not a card) or without a single element.
pub fn parse(data: &[u8]) -> Result<AamvaRecord, AamvaError> {
    let (mut clean, scrubbed) = drop_undefined(data);
    let mut dev = Vec::new();
    // A keyboard-emulation scanner with Caps Lock on inverts every letter's
    // case ("@\n\x1e\ransi 636000…dldaq…"): read it with the case restored.
    let h = match parse_header(&clean) {
        Err(AamvaError::NoHeader) if case_inverted(&clean) => {
            clean.iter_mut().for_each(swap_case);
            dev.push("letter case inverted".into());
            parse_header(&clean)?
        }
        other => other?,
    };
    let data = clean.as_slice();
    if scrubbed {
        dev.push("undefined characters removed".into());
    }
    if !h.standard_preamble {
        dev.push("non-standard preamble".into());
    }
    let (start, subfile) = locate_subfile(data, &h, &mut dev).ok_or(AamvaError::NoSubfile)?;
    let body = &data[start..];
    let mut elements = split_elements(body);
    if elements.len() < 3 {
        let alt = split_unseparated(body, h.version);
        if alt.len() > elements.len() {
            dev.push("element separators missing".into());
            elements = alt;
        }
    }
    if elements.is_empty() {
        return Err(AamvaError::NoSubfile);
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
    r.partial = (r.last_name.is_none() && r.first_name.is_none())
        || r.date_of_birth.is_none()
        || r.document_number.is_none();
    Ok(r)
}
