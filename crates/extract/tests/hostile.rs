//! The hostile-file suite (scripts/gen-hostile-files) through the readers:
//! every file ends in a typed result — a refusal where the manifest says so —
//! and none panics, overflows the stack or inflates past the caps.

use colleckt_extract::pdf::{self, PdfRefusal};
use colleckt_extract::ExtractError;
use std::path::PathBuf;
use std::process::Command;

struct Case {
    name: String,
    bytes: Vec<u8>,
    upload: u16,
    reader: String,
}

/// The suite, generated once per process: both tests want it, and two
/// generators writing the same directory at once had one test read a file
/// the other was rewriting.
fn suite() -> &'static [Case] {
    static SUITE: std::sync::OnceLock<Vec<Case>> = std::sync::OnceLock::new();
    SUITE.get_or_init(generate)
}

fn generate() -> Vec<Case> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile-files");
    let out = Command::new("python3")
        .arg(root.join("scripts/gen-hostile-files"))
        .arg(&dir)
        .output()
        .expect("run scripts/gen-hostile-files");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest = std::fs::read_to_string(dir.join("manifest.tsv")).unwrap();
    manifest
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Case {
                name: f[0].to_string(),
                bytes: std::fs::read(dir.join(f[0])).unwrap(),
                upload: f[2].parse().unwrap(),
                reader: f[3].to_string(),
            }
        })
        .collect()
}

#[test]
fn every_hostile_file_gets_a_typed_answer() {
    let cases = suite();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    for c in cases {
        if c.name.ends_with(".pdf") {
            let scanned = pdf::scan(&c.bytes);
            // What the upload's pre-scan refuses (a truncated file is refused
            // earlier, for its missing %%EOF).
            if c.upload == 422 && c.reader == "refused" {
                assert!(scanned.is_err(), "{}: scan accepted it", c.name);
            }
            if c.upload == 201 {
                assert!(scanned.is_ok(), "{}: {scanned:?}", c.name);
            }
            let read = pdf::read_pdf(&c.bytes);
            match c.reader.as_str() {
                "refused" => assert!(
                    matches!(read, Err(ExtractError::PdfRefused(_))),
                    "{}: {read:?}",
                    c.name
                ),
                "failed" => assert!(read.is_err(), "{}: read", c.name),
                _ => {}
            }
        } else {
            let decoded = colleckt_extract::image::decode(&c.bytes);
            if c.reader == "failed" {
                assert!(decoded.is_err(), "{}: decoded", c.name);
            }
        }
    }
}

#[test]
fn the_issues_nested_catalog_is_refused_for_its_depth() {
    let cases = suite();
    let c = cases
        .iter()
        .find(|c| c.name == "pdf-nested-arrays.pdf")
        .unwrap();
    assert!(c.bytes.len() < 128 * 1024);
    assert_eq!(pdf::scan(&c.bytes), Err(PdfRefusal::TooDeep(64)));
    for (name, want) in [
        ("pdf-many-objects.pdf", PdfRefusal::TooManyObjects(50_000)),
        (
            "pdf-many-streams-bomb.pdf",
            PdfRefusal::TooMuchDecoded(128 * 1024 * 1024),
        ),
        ("pdf-predictor-bomb.pdf", PdfRefusal::BadPredictor),
    ] {
        let c = cases.iter().find(|c| c.name == name).unwrap();
        assert_eq!(pdf::scan(&c.bytes), Err(want), "{name}");
    }
    for name in [
        "pdf-lzw-bomb.pdf",
        "pdf-filter-chain-bomb.pdf",
        "pdf-runlength-chain-bomb.pdf",
    ] {
        let c = cases.iter().find(|c| c.name == name).unwrap();
        assert!(
            matches!(pdf::scan(&c.bytes), Err(PdfRefusal::Stage(_))),
            "{name}: {:?}",
            pdf::scan(&c.bytes)
        );
    }
}
