//! The AAMVA file header and subfile directory, read as leniently as real
//! scanners require: the compliance indicator and separators are often
//! mangled (`@\n\n`, `@\n\x1e` straight into the file type, `@ac`, `@\n6M`,
//! junk bytes), and the directory may be garbled or point to wrong offsets.

use super::AamvaError;

/// What the header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// "ANSI" or "AAMVA" (version-1 files).
    pub file_type: String,
    /// Issuer Identification Number (6 digits), empty when unreadable.
    pub iin: String,
    /// AAMVA version number (0–99; 1–10 defined so far); 0 when unreadable.
    pub version: u8,
    /// Jurisdiction version (versions ≥ 2).
    pub jurisdiction_version: Option<u8>,
    /// Subfile directory entries (empty when the directory is unreadable).
    pub subfiles: Vec<SubfileEntry>,
    /// Byte offset just after the directory, or after the last header field
    /// that could be read.
    pub end: usize,
    /// Whether the compliance indicator and separators were the standard `@\n\x1e\r`.
    pub standard_preamble: bool,
    /// Whether the directory parsed.
    pub directory_ok: bool,
}

/// One subfile directory entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubfileEntry {
    /// "DL", "ID", or a jurisdiction subfile type ("Z?"), upper-cased.
    pub kind: String,
    /// Declared offset from the start of the file.
    pub offset: usize,
    /// Declared length.
    pub length: usize,
}

/// How far into a payload the file type may start: past leading whitespace
/// and a mangled preamble, never deep inside the data.
const TYPE_WITHIN: usize = 48;
/// How far before the file type the `@` compliance indicator may stand.
const AT_WITHIN: usize = 12;

fn digits(data: &[u8], at: usize, n: usize) -> Option<usize> {
    let s = data.get(at..at.checked_add(n)?)?;
    if !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse().ok()
}

/// Where the file type starts and which it is. `ANSI` must be followed by
/// digits or a space, `AAMVA` by digits, so that ordinary text is not taken
/// for a header.
fn find_file_type(data: &[u8]) -> Option<(usize, &'static str)> {
    let window = data.get(..data.len().min(TYPE_WITHIN + 5))?;
    (0..window.len()).find_map(|i| {
        let rest = &data[i..];
        let next = |n: usize| rest.get(n).copied().unwrap_or(0);
        if rest.starts_with(b"AAMVA") && next(5).is_ascii_digit() {
            Some((i, "AAMVA"))
        } else if rest.starts_with(b"ANSI") && (next(4) == b' ' || next(4).is_ascii_digit()) {
            Some((i, "ANSI"))
        } else {
            None
        }
    })
}

/// Parse the header. Fails only when there is no file type near the start
/// (the payload is not an AAMVA card at all); everything after it is read as
/// far as it goes.
pub fn parse_header(data: &[u8]) -> Result<Header, AamvaError> {
    let (type_pos, file_type) = find_file_type(data).ok_or(AamvaError::NoHeader)?;
    let at = data[..type_pos]
        .iter()
        .rposition(|&b| b == b'@')
        .filter(|&a| type_pos - a <= AT_WITHIN);
    // Without `@` the file type must be followed by an IIN: that is what
    // tells a card's header from a word in some other symbol.
    let mut p = type_pos + file_type.len();
    while data.get(p) == Some(&b' ') {
        p += 1;
    }
    let iin = data
        .get(p..p + 6)
        .filter(|s| s.iter().all(u8::is_ascii_digit))
        .and_then(|s| std::str::from_utf8(s).ok())
        .map(str::to_string);
    if at.is_none() && iin.is_none() {
        return Err(AamvaError::NoHeader);
    }
    let standard_preamble =
        at.is_some_and(|a| a + 4 == type_pos && data.get(a..type_pos) == Some(b"@\n\x1e\r"));
    let mut header = Header {
        file_type: file_type.to_string(),
        iin: iin.clone().unwrap_or_default(),
        version: 0,
        jurisdiction_version: None,
        subfiles: Vec::new(),
        end: p,
        standard_preamble,
        directory_ok: false,
    };
    if iin.is_none() {
        return Ok(header);
    }
    p += 6;
    let Some(version) = digits(data, p, 2) else {
        header.end = p;
        return Ok(header);
    };
    header.version = u8::try_from(version).unwrap_or(u8::MAX);
    p += 2;
    header.end = p;
    // Version 1 has no jurisdiction version; later versions do. Some version-1
    // files carry it anyway: decide by which layout yields a valid directory.
    let with_jv = parse_directory(data, p + 2).map(|d| (true, d));
    let without_jv = parse_directory(data, p).map(|d| (false, d));
    let chosen = if version <= 1 {
        without_jv.or(with_jv)
    } else {
        with_jv.or(without_jv)
    };
    match chosen {
        Some((jv, (subfiles, end))) => {
            header.jurisdiction_version = jv
                .then(|| digits(data, p, 2))
                .flatten()
                .and_then(|v| u8::try_from(v).ok());
            header.subfiles = subfiles;
            header.end = end;
            header.directory_ok = true;
        }
        None => {
            // A garbled directory: skip the digits that are there (jurisdiction
            // version, entry count) and let the subfile be found by its content.
            if version > 1 {
                header.jurisdiction_version = digits(data, p, 2).and_then(|v| u8::try_from(v).ok());
            }
            while data.get(header.end).is_some_and(u8::is_ascii_digit) && header.end < p + 4 {
                header.end += 1;
            }
        }
    }
    Ok(header)
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
        if !kind.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        let offset = digits(data, p + 2, 4)?;
        let length = digits(data, p + 6, 4)?;
        out.push(SubfileEntry {
            kind: String::from_utf8_lossy(kind).to_ascii_uppercase(),
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
