//! The AAMVA parser on IdParser's published test payloads (c0shea/IdParser,
//! MIT; see `tests/aamva/README.md`): the share of IdParser's expected
//! fields that come out right, per payload and in total. `bench/aamva/run`
//! prints the table; the test holds the target (≥ 98 %).
//!
//! IdParser's expectations are mapped onto our conventions, never the other
//! way round: names compared without case, a street is line 1 and line 2
//! joined, a document number without its spaces, a ZIP code read as ZIP-5 or
//! ZIP+4 (IdParser keeps the raw digits), `NONE` as no value.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use colleckt_extract::aamva::{self, AamvaRecord};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/aamva")
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

/// IdParser's raw postal code in our convention (see `aamva::parse_postal`):
/// digits only, `+0000` dropped, ZIP+4 hyphenated; more than five digits that
/// are not a ZIP+4 are read as the ZIP-5 they start with.
fn expected_postal(raw: &str) -> String {
    let s: String = raw
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return if s.len() == 6 {
            format!("{} {}", &s[..3], &s[3..])
        } else {
            s
        };
    }
    match s.len() {
        9 if s.ends_with("0000") => s[..5].to_string(),
        9 => format!("{}-{}", &s[..5], &s[5..]),
        n if n > 5 => s[..5].to_string(),
        _ => s,
    }
}

/// What we produced for one of IdParser's field names.
fn actual(r: &AamvaRecord, field: &str) -> Option<String> {
    match field {
        "first_name" => r.first_name.clone(),
        "middle_name" => r.middle_name.clone(),
        "last_name" => r.last_name.clone(),
        "suffix" => r.suffix.clone(),
        "street" => r.street.clone(),
        "city" => r.city.clone(),
        "state" => r.state.clone(),
        "postal_code" => r.postal_code.clone(),
        "country" => r.issuing_country.clone(),
        "issuing_state" => r.jurisdiction.clone(),
        "date_of_birth" => r.date_of_birth.clone(),
        "sex" => r.sex.clone(),
        "document_number" => r.document_number.clone(),
        "issue_date" => r.issue_date.clone(),
        "expiry_date" => r.expiry_date.clone(),
        _ => None,
    }
}

fn normalise(field: &str, v: &str) -> Option<String> {
    let v = squash(v);
    if v.is_empty() || v == "NONE" {
        return None;
    }
    Some(match field {
        "document_number" => v.replace(' ', ""),
        "postal_code" => expected_postal(&v),
        _ => v,
    })
}

/// (field, expected, got) for every expected field of one payload.
type Check = (String, Option<String>, Option<String>);

fn payload(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("idparser").join(name)).expect("fixture")
}

fn check(
    bytes: &[u8],
    expected: &BTreeMap<String, Option<String>>,
) -> (Vec<Check>, Option<String>) {
    let parsed = aamva::parse(bytes);
    let err = parsed.as_ref().err().map(|e| e.to_string());
    let checks = expected
        .iter()
        .map(|(field, want)| {
            let want = want.as_deref().and_then(|w| normalise(field, w));
            let got = parsed
                .as_ref()
                .ok()
                .and_then(|r| actual(r, field))
                .and_then(|g| normalise(field, &g));
            (field.clone(), want, got)
        })
        .collect();
    (checks, err)
}

fn expected_all() -> BTreeMap<String, BTreeMap<String, Option<String>>> {
    let text = std::fs::read_to_string(fixtures().join("idparser_expected.json")).expect("json");
    serde_json::from_str(&text).expect("expected values")
}

#[test]
fn idparser_payloads_fields() {
    let all = expected_all();
    assert_eq!(all.len(), 66, "one expectation per published payload");
    let (mut right, mut total, mut whole) = (0usize, 0usize, 0usize);
    let verbose = std::env::var_os("AAMVA_BENCH_TABLE").is_some();
    for (name, expected) in &all {
        let (checks, err) = check(&payload(name), expected);
        let ok = checks.iter().filter(|(_, w, g)| w == g).count();
        right += ok;
        total += checks.len();
        whole += usize::from(ok == checks.len());
        if verbose {
            let misses: Vec<String> = checks
                .iter()
                .filter(|(_, w, g)| w != g)
                .map(|(f, w, g)| format!("{f}: want {w:?} got {g:?}"))
                .collect();
            println!(
                "{:<30} {:>2}/{:<2} {}{}",
                name,
                ok,
                checks.len(),
                err.map(|e| format!("[{e}] ")).unwrap_or_default(),
                misses.join("; ")
            );
        }
    }
    let share = right as f64 / total as f64;
    println!(
        "TOTAL payloads fully right {whole}/{} · fields {right}/{total} = {:.1} %",
        all.len(),
        share * 100.0
    );
    assert!(share >= 0.98, "{right}/{total} fields right");
}

#[test]
fn postal_mapping_follows_our_convention() {
    assert_eq!(expected_postal("021080"), "02108");
    assert_eq!(expected_postal("606110000"), "60611");
    assert_eq!(expected_postal("061091896"), "06109-1896");
    assert_eq!(expected_postal("N1M3J6"), "N1M 3J6");
    assert_eq!(expected_postal("12345"), "12345");
}

/// A clean PDF417 of `payload`, as PNG bytes.
fn symbol_png(payload: &str) -> Vec<u8> {
    let img = colleckt_extract::barcode::encode_pdf417(payload, 3).expect("encode");
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png
}

fn read_licence_back(payload: &str) -> colleckt_extract::ExtractedData {
    let png = symbol_png(payload);
    colleckt_extract::extract(&colleckt_extract::ExtractInput {
        front: &png,
        back: Some(&png),
        kind: colleckt_extract::DocKind::from_name("driver license"),
    })
    .expect("extract")
}

#[test]
fn deviating_symbols_are_read_not_unreadable() {
    // Wyoming: `@ac` preamble, no "DL" designator, CCYYMMDD in a US file.
    let wy = std::fs::read_to_string(fixtures().join("idparser/WY.txt")).expect("fixture");
    let out = read_licence_back(&wy);
    assert!(
        !out.notes.iter().any(|n| n == "barcode_unreadable"),
        "{:?}",
        out.notes
    );
    assert_eq!(out.last_name.as_deref(), Some("O NEIL"));
    assert_eq!(out.first_name.as_deref(), Some("MOTORIST"));
    assert_eq!(out.middle_name.as_deref(), Some("E"));
    assert_eq!(out.date_of_birth.as_deref(), Some("1958-10-31"));
    assert!(!out.notes.iter().any(|n| n == "aamva_partial"));
}

#[test]
fn partial_payload_gives_its_fields_with_a_note() {
    // Cut short after the name and date of birth: no licence number.
    let s =
        "@\n\x1e\rANSI 636015080002DL00410232ZT02730015DLDCSGARCIA\nDACELENA\nDBB07041990\nDAJTX\n";
    let out = read_licence_back(s);
    assert!(
        out.notes.iter().any(|n| n == "aamva_partial"),
        "{:?}",
        out.notes
    );
    assert!(!out.notes.iter().any(|n| n == "barcode_unreadable"));
    assert_eq!(out.last_name.as_deref(), Some("GARCIA"));
    assert_eq!(out.date_of_birth.as_deref(), Some("1990-07-04"));
    assert_eq!(out.document_number, None);
}

/// Fields right over all payloads after `mangle`.
fn score_mangled(mangle: impl Fn(&[u8]) -> Vec<u8>) -> (usize, usize) {
    expected_all()
        .iter()
        .map(|(name, expected)| {
            let (checks, _) = check(&mangle(&payload(name)), expected);
            if std::env::var_os("AAMVA_BENCH_MISSES").is_some() {
                for (f, w, g) in checks.iter().filter(|(_, w, g)| w != g) {
                    println!("  {name}: {f}: want {w:?} got {g:?}");
                }
            }
            (
                checks.iter().filter(|(_, w, g)| w == g).count(),
                checks.len(),
            )
        })
        .fold((0, 0), |(r, t), (a, b)| (r + a, t + b))
}

fn replace(data: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 64);
    let mut i = 0;
    while i < data.len() {
        if data[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}

type Mangle = Box<dyn Fn(&[u8]) -> Vec<u8>>;

/// The same payloads as other capture paths would deliver them: the parser
/// must not depend on the exact bytes of the published copies.
#[test]
fn idparser_payloads_survive_other_capture_paths() {
    let manglings: [(&str, Mangle); 7] = [
        // Keyboard emulation turning every LF into CR LF.
        ("crlf", Box::new(|d: &[u8]| replace(d, b"\n", b"\r\n"))),
        // Every LF as a lone CR.
        ("cr", Box::new(|d: &[u8]| replace(d, b"\n", b"\r"))),
        // A symbology identifier and a space before the payload.
        (
            "prefix",
            Box::new(|d: &[u8]| [b"]L2 ".as_slice(), d].concat()),
        ),
        // C1 noise after every line break.
        (
            "c1",
            Box::new(|d: &[u8]| replace(d, b"\n", "\n\u{9c}".as_bytes())),
        ),
        // Record separators dropped.
        ("no-rs", Box::new(|d: &[u8]| replace(d, b"\x1e", b""))),
        // Caps Lock on under keyboard emulation: every letter's case inverted.
        (
            "capslock",
            Box::new(|d: &[u8]| {
                d.iter()
                    .map(|b| {
                        if b.is_ascii_alphabetic() {
                            b ^ 0x20
                        } else {
                            *b
                        }
                    })
                    .collect()
            }),
        ),
        // Every separator lost (a keyboard wedge into a one-line field).
        (
            "flat",
            Box::new(|d: &[u8]| {
                d.iter()
                    .copied()
                    .filter(|b| !matches!(b, b'\n' | b'\r' | b'\x1e'))
                    .collect()
            }),
        ),
    ];
    for (what, mangle) in manglings {
        let (right, total) = score_mangled(mangle);
        println!("MANGLED {what:<8} fields {right}/{total}");
        assert!(
            right * 100 >= total * 98,
            "{what}: {right}/{total} fields right"
        );
    }
}
