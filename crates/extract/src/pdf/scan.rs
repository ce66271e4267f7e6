//! The pre-scan: everything lopdf would parse recursively or inflate without a
//! bound is measured here first, over the raw bytes, with caps — nesting depth
//! of arrays and dictionaries, the number of objects, and every stream through
//! its whole filter chain (never trusting `/Length`). lopdf only sees a file
//! this accepts; the upload check runs the same scan, so such a file is
//! refused at the door with the reason.

use super::filters::{self, Filter, FilterError};

const MB: usize = 1024 * 1024;

/// The bounds a PDF must stay within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Arrays and dictionaries nested at most this deep (lopdf recurses per level).
    pub max_depth: usize,
    /// Objects (indirect, in object streams, or cross-reference entries).
    pub max_objects: usize,
    /// Bytes one filter stage of one stream may decode to.
    pub max_stage_bytes: usize,
    /// Bytes all stages of all streams may decode to, together.
    pub max_total_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_objects: 50_000,
            max_stage_bytes: 32 * MB,
            max_total_bytes: 128 * MB,
        }
    }
}

/// Why a PDF is refused before parsing. The messages finish "The file …".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfRefusal {
    #[error("does not start with a PDF header")]
    NotPdf,
    #[error("nests arrays or dictionaries more than {0} levels deep")]
    TooDeep(usize),
    #[error("holds more than {0} objects")]
    TooManyObjects(usize),
    #[error(transparent)]
    Stage(#[from] FilterError),
    #[error("has streams that decode to more than {} MB in all", .0 / MB)]
    TooMuchDecoded(usize),
    #[error("has a stream whose predictor parameters are out of range")]
    BadPredictor,
}

/// What the scan measured (for tests and the fuzz target).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanReport {
    pub objects: usize,
    pub streams: usize,
    pub decoded_bytes: usize,
    pub max_depth: usize,
}

/// Scans with the default [`Limits`].
pub fn scan(bytes: &[u8]) -> Result<ScanReport, PdfRefusal> {
    scan_with(bytes, &Limits::default())
}

/// Scans `bytes` (a whole PDF) against `limits`.
pub fn scan_with(bytes: &[u8], limits: &Limits) -> Result<ScanReport, PdfRefusal> {
    // lopdf starts at the first `%PDF-`, wherever it is.
    if !bytes.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfRefusal::NotPdf);
    }
    let mut scan = Scan {
        limits,
        report: ScanReport::default(),
        xref_entries: 0,
    };
    scan.lex(bytes, Mode::File)?;
    let objects = scan.report.objects.max(scan.xref_entries);
    if objects > limits.max_objects {
        return Err(PdfRefusal::TooManyObjects(limits.max_objects));
    }
    Ok(scan.report)
}

/// Checks a content stream's nesting of arrays and dictionaries (inline
/// image data skipped): lopdf's content parser recurses like its object parser.
pub fn check_content(content: &[u8], max_depth: usize) -> Result<(), PdfRefusal> {
    let limits = Limits {
        max_depth,
        ..Limits::default()
    };
    let mut scan = Scan {
        limits: &limits,
        report: ScanReport::default(),
        xref_entries: 0,
    };
    scan.lex(content, Mode::Content)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The file itself: objects, streams, xref tables.
    File,
    /// A decoded object stream: objects only.
    ObjectStream,
    /// A page's content stream: operators, with inline images.
    Content,
}

struct Scan<'l> {
    limits: &'l Limits,
    report: ScanReport,
    xref_entries: usize,
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Scan<'_> {
    fn lex(&mut self, b: &[u8], mode: Mode) -> Result<(), PdfRefusal> {
        // Open arrays (`None`) and dictionaries (where they start); the last
        // dictionary closed is the one a `stream` keyword belongs to.
        let mut open: Vec<Option<usize>> = Vec::new();
        let mut last_dict: Option<(usize, usize)> = None;
        let mut in_xref = false;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            match c {
                _ if is_white(c) => i += 1,
                b'%' => {
                    i = b[i..]
                        .iter()
                        .position(|&c| c == b'\n' || c == b'\r')
                        .map_or(b.len(), |p| i + p)
                }
                b'(' => i = skip_string(b, i),
                b'<' if b.get(i + 1) == Some(&b'<') => {
                    self.open(&mut open, Some(i))?;
                    i += 2;
                }
                b'<' => {
                    i = b[i..]
                        .iter()
                        .position(|&c| c == b'>')
                        .map_or(b.len(), |p| i + p + 1)
                }
                b'>' if b.get(i + 1) == Some(&b'>') => {
                    if let Some(Some(start)) = open.pop() {
                        last_dict = Some((start, i + 2));
                    }
                    i += 2;
                }
                b'[' => {
                    self.open(&mut open, None)?;
                    i += 1;
                }
                b']' => {
                    open.pop();
                    i += 1;
                }
                _ => {
                    let start = i;
                    i += 1;
                    while i < b.len() && !is_white(b[i]) && !is_delim(b[i]) {
                        i += 1;
                    }
                    let word = &b[start..i];
                    if mode == Mode::File
                        && matches!(word, b"obj" | b"endobj" | b"stream" | b"xref" | b"trailer")
                    {
                        // lopdf parses one object at a time from these
                        // keywords: nothing left open before them nests into it.
                        open.clear();
                    }
                    match (mode, word) {
                        (Mode::File, b"obj") => self.count_object()?,
                        (Mode::File, b"xref") => in_xref = true,
                        (Mode::File, b"trailer") => in_xref = false,
                        (Mode::File, b"n") if in_xref => self.xref_entries += 1,
                        (Mode::File, b"stream") => {
                            let dict = last_dict.map_or(&b[..0], |(s, e)| &b[s..e]);
                            i = self.stream(b, i, dict)?;
                            last_dict = None;
                        }
                        (Mode::Content, b"ID") => {
                            // Inline image data runs to a whitespace-delimited `EI`.
                            i = find(&b[i..], b"EI").map_or(b.len(), |p| i + p + 2);
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn open(
        &mut self,
        open: &mut Vec<Option<usize>>,
        dict: Option<usize>,
    ) -> Result<(), PdfRefusal> {
        open.push(dict);
        self.report.max_depth = self.report.max_depth.max(open.len());
        if open.len() > self.limits.max_depth {
            return Err(PdfRefusal::TooDeep(self.limits.max_depth));
        }
        Ok(())
    }

    fn count_object(&mut self) -> Result<(), PdfRefusal> {
        self.report.objects += 1;
        if self.report.objects > self.limits.max_objects {
            return Err(PdfRefusal::TooManyObjects(self.limits.max_objects));
        }
        Ok(())
    }

    /// The stream whose keyword ends at `at`, with dictionary `dict`: decodes
    /// it and returns where lexing resumes. The data runs to the first
    /// `endstream`; a direct `/Length` reaching further is decoded as well,
    /// since lopdf would take that many bytes.
    fn stream(&mut self, b: &[u8], at: usize, dict: &[u8]) -> Result<usize, PdfRefusal> {
        let mut start = at;
        if b.get(start) == Some(&b'\r') {
            start += 1;
        }
        if b.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = find(&b[start..], b"endstream").map_or(b.len(), |p| start + p);
        self.report.streams += 1;
        let info = StreamDict::read(dict);
        self.decode_chain(&b[start..end], &info)?;
        let mut resume = end;
        if let Some(len) = info.length {
            let by_length = start.saturating_add(len).min(b.len());
            if by_length > end {
                self.decode_chain(&b[start..by_length], &info)?;
                resume = by_length;
            }
        }
        Ok(resume)
    }

    fn decode_chain(&mut self, raw: &[u8], info: &StreamDict) -> Result<(), PdfRefusal> {
        if info.bad_predictor {
            return Err(PdfRefusal::BadPredictor);
        }
        let mut data: Option<Vec<u8>> = None;
        for &f in &info.filters {
            let input = data.as_deref().unwrap_or(raw);
            match filters::decode(f, input, self.limits.max_stage_bytes)? {
                Some(out) => {
                    self.report.decoded_bytes += out.len();
                    if self.report.decoded_bytes > self.limits.max_total_bytes {
                        return Err(PdfRefusal::TooMuchDecoded(self.limits.max_total_bytes));
                    }
                    data = Some(out);
                }
                None => break,
            }
        }
        let decoded = data.as_deref().unwrap_or(raw);
        if info.object_stream {
            let objects = info
                .first
                .and_then(|f| decoded.get(..f))
                .map_or(info.n, |index| {
                    index
                        .split(|&c| is_white(c))
                        .filter(|t| !t.is_empty())
                        .count()
                        / 2
                });
            for _ in 0..objects.max(info.n).min(self.limits.max_objects + 1) {
                self.count_object()?;
            }
            self.lex(decoded, Mode::ObjectStream)?;
        }
        if let Some(w) = info.xref_widths.filter(|&w| w > 0) {
            self.xref_entries += decoded.len() / w;
        }
        Ok(())
    }
}

/// Skips a literal string (balanced parentheses, backslash escapes) from its
/// `(` at `i`; returns the index after it.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    let mut level = 0usize;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'(' => level += 1,
            b')' => {
                level -= 1;
                if level == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The entries of a stream dictionary the scan needs, read shallowly.
#[derive(Debug, Default)]
struct StreamDict {
    filters: Vec<Filter>,
    length: Option<usize>,
    object_stream: bool,
    n: usize,
    first: Option<usize>,
    xref_widths: Option<usize>,
    bad_predictor: bool,
}

impl StreamDict {
    fn read(dict: &[u8]) -> StreamDict {
        let tokens = tokens(dict);
        let top = |key: &[u8]| -> Option<&[Token]> {
            // Keys of the outer dictionary only: depth 1.
            let mut depth = 0;
            for (k, t) in tokens.iter().enumerate() {
                match t {
                    Token::Open => depth += 1,
                    Token::Close => depth -= 1,
                    Token::Name(n) if depth == 1 && *n == key => return Some(&tokens[k + 1..]),
                    _ => {}
                }
            }
            None
        };
        let int = |key: &[u8]| -> Option<usize> {
            match top(key)? {
                // `5 0 R` is a reference, not the number 5.
                [Token::Word(_), Token::Word(_), Token::Word(b"R"), ..] => None,
                [Token::Word(w), ..] => std::str::from_utf8(w).ok()?.parse().ok(),
                _ => None,
            }
        };
        let parms = top(b"DecodeParms");
        let early_change = parms.and_then(|p| entry_int(p, b"EarlyChange")) != Some(0);
        let filters = match top(b"Filter") {
            Some([Token::Name(n), ..]) => vec![Filter::from_name(n, early_change)],
            Some([Token::Open, rest @ ..]) => rest
                .iter()
                .map_while(|t| match t {
                    Token::Name(n) => Some(Filter::from_name(n, early_change)),
                    _ => None,
                })
                .collect(),
            _ => vec![],
        };
        let bad_predictor = parms.is_some_and(|p| {
            let predictor = entry_int(p, b"Predictor").unwrap_or(1);
            let get = |k: &[u8], d: i64| entry_int(p, k).unwrap_or(d);
            // lopdf multiplies these unchecked and allocates a row of their product.
            let in_range = (1..=1 << 20).contains(&get(b"Columns", 1))
                && (1..=64).contains(&get(b"Colors", 1))
                && (1..=32).contains(&get(b"BitsPerComponent", 8));
            (10..=15).contains(&predictor) && !in_range
        });
        let typ = match top(b"Type") {
            Some([Token::Name(n), ..]) => *n,
            _ => b"",
        };
        let xref_widths = match (typ, top(b"W")) {
            (b"XRef", Some([Token::Open, rest @ ..])) => Some(
                rest.iter()
                    .map_while(|t| match t {
                        Token::Word(w) => std::str::from_utf8(w).ok()?.parse::<usize>().ok(),
                        _ => None,
                    })
                    .fold(0usize, |a, w| a.saturating_add(w)),
            ),
            _ => None,
        };
        StreamDict {
            filters,
            length: int(b"Length"),
            object_stream: typ == b"ObjStm",
            n: int(b"N").unwrap_or(0),
            first: int(b"First"),
            xref_widths,
            bad_predictor,
        }
    }
}

/// An integer entry of the dictionary that `tokens` starts with.
fn entry_int(tokens: &[Token], key: &[u8]) -> Option<i64> {
    let [Token::Open, rest @ ..] = tokens else {
        return None;
    };
    let mut depth = 1;
    for (k, t) in rest.iter().enumerate() {
        match t {
            Token::Open => depth += 1,
            Token::Close => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            Token::Name(n) if depth == 1 && *n == key => {
                if let Some(Token::Word(w)) = rest.get(k + 1) {
                    return std::str::from_utf8(w).ok()?.parse().ok();
                }
            }
            _ => {}
        }
    }
    None
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Open,
    Close,
    Name(&'a [u8]),
    Word(&'a [u8]),
    Other,
}

/// The tokens of a (small, already depth-checked) dictionary.
fn tokens(b: &[u8]) -> Vec<Token<'_>> {
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            _ if is_white(c) => i += 1,
            b'%' => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n' || c == b'\r')
                    .map_or(b.len(), |p| i + p)
            }
            b'(' => {
                i = skip_string(b, i);
                out.push(Token::Other);
            }
            b'<' if b.get(i + 1) == Some(&b'<') => {
                out.push(Token::Open);
                i += 2;
            }
            b'>' if b.get(i + 1) == Some(&b'>') => {
                out.push(Token::Close);
                i += 2;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'<' => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |p| i + p + 1);
                out.push(Token::Other);
            }
            _ => {
                let start = i;
                i += 1;
                while i < b.len() && !is_white(b[i]) && !is_delim(b[i]) {
                    i += 1;
                }
                out.push(if c == b'/' {
                    Token::Name(&b[start + 1..i])
                } else {
                    Token::Word(&b[start..i])
                });
            }
        }
    }
    out
}
