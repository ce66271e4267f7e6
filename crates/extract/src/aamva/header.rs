//! The AAMVA file header and subfile directory, tolerant of scanner deviations.

use super::AamvaError;

/// What the header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// "ANSI " or "AAMVA" (version-1 files).
    pub file_type: String,
    /// Issuer Identification Number (6 digits).
    pub iin: String,
    /// AAMVA version number (0–99; 1–10 defined so far).
    pub version: u8,
    /// Jurisdiction version (versions ≥ 2).
    pub jurisdiction_version: Option<u8>,
    /// Subfile directory entries.
    pub subfiles: Vec<SubfileEntry>,
    /// Byte offset just after the directory.
    pub end: usize,
    /// Whether the compliance indicator and separators were the standard `@\n\x1e\r`.
    pub standard_preamble: bool,
}

/// One subfile directory entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubfileEntry {
    /// "DL", "ID", or a jurisdiction subfile type ("Z?").
    pub kind: String,
    /// Declared offset from the start of the file.
    pub offset: usize,
    /// Declared length.
    pub length: usize,
}

fn digits(data: &[u8], at: usize, n: usize) -> Option<usize> {
    let s = data.get(at..at + n)?;
    if !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse().ok()
}

/// Parse the header. The compliance indicator `@` must come within the first
/// few bytes; the separators after it may be any of `\n`, `\x1e`, `\r`, or be
/// missing; the file type is `ANSI ` (also `ANSI` + other padding) or `AAMVA`.
pub fn parse_header(data: &[u8]) -> Result<Header, AamvaError> {
    let at = data
        .iter()
        .take(8)
        .position(|&b| b == b'@')
        .ok_or(AamvaError::NoHeader)?;
    let search_end = data.len().min(at + 16);
    let window = data.get(at..search_end).ok_or(AamvaError::NoHeader)?;
    let (type_pos, file_type) = find_file_type(window).ok_or(AamvaError::NoHeader)?;
    let standard_preamble = data.get(at..at + 4) == Some(b"@\n\x1e\r");
    let mut p = at + type_pos + file_type.len();
    // Tolerate extra spaces after "ANSI".
    while data.get(p) == Some(&b' ') {
        p += 1;
    }
    let iin = data
        .get(p..p + 6)
        .filter(|s| s.iter().all(u8::is_ascii_digit))
        .and_then(|s| std::str::from_utf8(s).ok())
        .ok_or(AamvaError::BadHeader("issuer identification number"))?
        .to_string();
    p += 6;
    let version = digits(data, p, 2).ok_or(AamvaError::BadHeader("version"))? as u8;
    p += 2;
    // Version 1 has no jurisdiction version; later versions do. Some version-1
    // files carry it anyway: decide by which layout yields a valid directory.
    let with_jv = parse_directory(data, p + 2).map(|d| (Some(p), d));
    let without_jv = parse_directory(data, p).map(|d| (None, d));
    let chosen = if version <= 1 {
        without_jv.or(with_jv)
    } else {
        with_jv.or(without_jv)
    };
    let (jv_pos, (subfiles, end)) = chosen.ok_or(AamvaError::BadHeader("subfile directory"))?;
    let jurisdiction_version = jv_pos.and_then(|q| digits(data, q, 2)).map(|v| v as u8);
    Ok(Header {
        file_type: file_type.trim().to_string(),
        iin,
        version,
        jurisdiction_version,
        subfiles,
        end,
        standard_preamble,
    })
}

fn find_file_type(window: &[u8]) -> Option<(usize, &'static str)> {
    for (i, w) in window.windows(5).enumerate() {
        if w == b"ANSI " {
            return Some((i, "ANSI "));
        }
        if w == b"AAMVA" {
            return Some((i, "AAMVA"));
        }
    }
    window
        .windows(4)
        .position(|w| w == b"ANSI")
        .map(|i| (i, "ANSI"))
}

/// Number of entries (2 digits) then entries of type(2) offset(4) length(4).
fn parse_directory(data: &[u8], at: usize) -> Option<(Vec<SubfileEntry>, usize)> {
    let n = digits(data, at, 2)?;
    if n == 0 || n > 20 {
        return None;
    }
    let mut p = at + 2;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = data.get(p..p + 2)?;
        if !kind
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return None;
        }
        let offset = digits(data, p + 2, 4)?;
        let length = digits(data, p + 6, 4)?;
        out.push(SubfileEntry {
            kind: String::from_utf8_lossy(kind).into_owned(),
            offset,
            length,
        });
        p += 10;
    }
    // The first entry must be a DL or ID subfile, or a jurisdiction one.
    let first = &out.first()?.kind;
    if first != "DL" && first != "ID" && !first.starts_with('Z') {
        return None;
    }
    Some((out, p))
}
