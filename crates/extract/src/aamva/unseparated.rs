//! Elements of a subfile whose separators were lost (a keyboard-wedge
//! scanner typing into a one-line field drops LF, RS and CR): the element
//! codes are found in the running text. A value may itself contain a code's
//! letters ("HALLIDAY" holds `DAY`, "DANIEL" holds `DAN`), so a code is
//! taken only where the value before it is non-empty, the code is not taken
//! yet, and a fixed-format code's value has its format.

/// Every element code of the standard's versions.
pub const KNOWN: &[&str] = &[
    "DAA", "DAB", "DAC", "DAD", "DAE", "DAF", "DAG", "DAH", "DAI", "DAJ", "DAK", "DAL", "DAM",
    "DAN", "DAO", "DAP", "DAQ", "DAR", "DAS", "DAT", "DAU", "DAV", "DAW", "DAX", "DAY", "DAZ",
    "DBA", "DBB", "DBC", "DBD", "DBE", "DBF", "DBG", "DBH", "DBI", "DBJ", "DBK", "DBL", "DBM",
    "DBN", "DBO", "DBP", "DBQ", "DBR", "DBS", "DCA", "DCB", "DCD", "DCE", "DCF", "DCG", "DCH",
    "DCI", "DCJ", "DCK", "DCL", "DCM", "DCN", "DCO", "DCP", "DCQ", "DCR", "DCS", "DCT", "DCU",
    "DDA", "DDB", "DDC", "DDD", "DDE", "DDF", "DDG", "DDH", "DDI", "DDJ", "DDK", "DDL",
];

/// Whether `t` starts with a known element code.
pub fn known(t: &[u8]) -> bool {
    t.get(..3)
        .is_some_and(|c| KNOWN.iter().any(|k| k.as_bytes() == c))
}

/// Codes of the 2000 standard (version 1) that later versions dropped: in a
/// later file their letters are part of a value ("CEDAR" holds `DAR`,
/// "JORDAN" `DAN`).
const V1_ONLY: &[&str] = &[
    "DAB", "DAE", "DAF", "DAL", "DAM", "DAN", "DAO", "DAP", "DAR", "DAS", "DAT", "DAV", "DBE",
    "DBF", "DBH", "DBI", "DBJ", "DBK", "DBL", "DBM", "DBO", "DBP", "DBQ", "DBR",
];

/// Whether `code` is an element code of a file of this version (0: unknown).
fn in_version(code: &[u8], version: u8) -> bool {
    let v1_only = V1_ONLY.iter().any(|k| k.as_bytes() == code);
    match version {
        0 => true,
        1 => !matches!(code.get(1), Some(b'C' | b'D')),
        _ => !v1_only,
    }
}

/// Elements that are never empty on a card: an empty value before a code
/// means the code's letters are the value's start ("DACDANA").
const NEVER_EMPTY: &[&str] = &["DAA", "DAB", "DAC", "DAI", "DAQ", "DCS", "DCT"];

/// The value format of the codes whose value has a fixed shape.
enum Format {
    /// Eight digits (every date element).
    Date,
    /// One of these values (D20 code lists).
    OneOf(&'static [&'static str]),
    /// Two letters (a jurisdiction code).
    Letters2,
}

fn format(code: &[u8]) -> Option<Format> {
    Some(match code {
        b"DBA" | b"DBB" | b"DBD" | b"DDB" | b"DDC" | b"DDH" | b"DDI" | b"DDJ" => Format::Date,
        b"DBC" => Format::OneOf(&["1", "2", "9", "M", "F", "X"]),
        b"DDE" | b"DDF" | b"DDG" => Format::OneOf(&["T", "N", "U"]),
        b"DDA" => Format::OneOf(&["F", "N", "M"]),
        b"DDD" | b"DDK" | b"DDL" => Format::OneOf(&["0", "1"]),
        b"DAY" => Format::OneOf(&[
            "BLK", "BLU", "BRO", "GRY", "GRN", "HAZ", "MAR", "PNK", "DIC", "UNK",
        ]),
        b"DCG" => Format::OneOf(&["USA", "CAN"]),
        b"DAJ" => Format::Letters2,
        _ => return None,
    })
}

/// A jurisdiction subfile starting at `p` ("ZVZVA…": Z, a letter, then the
/// same Z and letter and the element letter).
fn z_subfile(t: &[u8], p: usize) -> bool {
    t.get(p..p + 5).is_some_and(|z| {
        z[0] == b'Z'
            && z[1].is_ascii_uppercase()
            && z[2] == b'Z'
            && z[3] == z[1]
            && z[4].is_ascii_uppercase()
    })
}

/// Where a value that ends at `end` may end: the end of the text, the next
/// code or a jurisdiction subfile.
fn boundary(t: &[u8], end: usize) -> bool {
    end == t.len() || known(&t[end..]) || z_subfile(t, end)
}

/// The end of the fixed-format value of the code at `p`, if the text there
/// has that format and a boundary follows.
fn fixed_end(t: &[u8], p: usize, f: &Format) -> Option<usize> {
    let v = t.get(p + 3..)?;
    let n = match f {
        Format::Date => v
            .get(..8)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(<[u8]>::len)?,
        Format::Letters2 => v
            .get(..2)
            .filter(|d| d.iter().all(u8::is_ascii_uppercase))
            .map(<[u8]>::len)?,
        // The longest listed value that fits ("1" before "10" never arises).
        Format::OneOf(list) => list
            .iter()
            .filter(|x| v.starts_with(x.as_bytes()) && boundary(t, p + 3 + x.len()))
            .map(|x| x.len())
            .max()?,
    };
    boundary(t, p + 3 + n).then_some(p + 3 + n)
}

/// Whether a code at `p` may start the next element.
fn takes(t: &[u8], p: usize, used: &[&[u8]], version: u8) -> bool {
    let Some(code) = t.get(p..p + 3) else {
        return false;
    };
    if !known(code) || used.contains(&code) || !in_version(code, version) {
        return false;
    }
    match format(code) {
        Some(f) => fixed_end(t, p, &f).is_some(),
        None => true,
    }
}

/// Split `text` (which starts with an element code) into the elements of a
/// file of this AAMVA version (0 when the header did not say).
pub fn split(text: &[u8], version: u8) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut used: Vec<&[u8]> = Vec::new();
    let mut p = 0;
    while known(&text[p..]) {
        let code = &text[p..p + 3];
        let end = format(code)
            .and_then(|f| fixed_end(text, p, &f))
            .unwrap_or_else(|| {
                used.push(code);
                let may_be_empty = !NEVER_EMPTY.iter().any(|k| k.as_bytes() == code);
                let from = if may_be_empty { p + 3 } else { p + 4 };
                (from..text.len())
                    .find(|&q| z_subfile(text, q) || takes(text, q, &used, version))
                    .unwrap_or(text.len())
            });
        if !used.contains(&code) {
            used.push(code);
        }
        out.push((
            String::from_utf8_lossy(code).into_owned(),
            String::from_utf8_lossy(&text[p + 3..end])
                .trim_end()
                .to_string(),
        ));
        if end >= text.len() || z_subfile(text, end) {
            break;
        }
        p = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(els: &'a [(String, String)], code: &str) -> Option<&'a str> {
        els.iter().find(|(c, _)| c == code).map(|(_, v)| v.as_str())
    }

    #[test]
    fn codes_inside_values_are_not_taken() {
        let t =
            b"DAQH123DCSHALLIDAYDACDANIELDADDAYDBB07041990DBC1DAYBRODAIDANVILLEDAJVADAK24541ZVZVA1";
        let els = split(t, 8);
        assert_eq!(get(&els, "DAQ"), Some("H123"));
        assert_eq!(get(&els, "DCS"), Some("HALLIDAY"));
        assert_eq!(get(&els, "DAC"), Some("DANIEL"));
        assert_eq!(get(&els, "DAD"), Some("DAY"));
        assert_eq!(get(&els, "DBB"), Some("07041990"));
        assert_eq!(get(&els, "DBC"), Some("1"));
        assert_eq!(get(&els, "DAY"), Some("BRO"));
        assert_eq!(get(&els, "DAI"), Some("DANVILLE"));
        assert_eq!(get(&els, "DAJ"), Some("VA"));
        // The jurisdiction subfile ends the last value.
        assert_eq!(get(&els, "DAK"), Some("24541"));
        assert_eq!(get(&els, "DAN"), None);
    }

    #[test]
    fn empty_elements_and_version_codes() {
        // Empty DCU and DAH; "CEDAR" holds DAR, a code of version 1 only.
        let t = b"DCSMOTORISTDCUDBD03222016DAG209 CEDAR HILL DRDAHDAZGRYDAJSC";
        let els = split(t, 8);
        assert_eq!(get(&els, "DCU"), Some(""));
        assert_eq!(get(&els, "DBD"), Some("03222016"));
        assert_eq!(get(&els, "DAG"), Some("209 CEDAR HILL DR"));
        assert_eq!(get(&els, "DAH"), Some(""));
        assert_eq!(get(&els, "DAZ"), Some("GRY"));
        // In a version-1 file DAR is a code (restrictions).
        let v1 = split(b"DAQ1DAAX,YDARDDASBDBA20300101", 1);
        assert_eq!(get(&v1, "DAR"), Some("D"));
        assert_eq!(get(&v1, "DAS"), Some("B"));
        assert!(!in_version(b"DCS", 1));
        assert!(in_version(b"DAR", 0));
    }

    #[test]
    fn nothing_without_a_code_first() {
        assert!(split(b"hello DAQ1", 8).is_empty());
        assert!(split(b"", 8).is_empty());
        assert_eq!(split(b"DAQ", 8).len(), 1);
    }
}
