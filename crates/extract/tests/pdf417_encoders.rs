//! PDF417 symbols made by other people's encoders (pdf417gen, zint, bwip-js;
//! `scripts/gen-pdf417-fixtures`), given with no declared type, as a
//! scanner, a crop or a phone gives them: every file zxing-cpp reads must be
//! read by us, every field exactly; a read is never a wrong payload; the
//! same bytes read in two processes give the same JSON byte for byte; and
//! Tesseract's chatter stays out of stderr.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use colleckt_extract::{extract, ExtractInput, ExtractedData};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf417")
}

fn manifest() -> Vec<Value> {
    let bytes = std::fs::read(dir().join("fixtures.json")).expect("fixtures.json");
    serde_json::from_slice(&bytes).expect("manifest")
}

fn read(file: &str) -> ExtractedData {
    let bytes = std::fs::read(dir().join(file)).expect("fixture");
    extract(&ExtractInput {
        front: &bytes,
        back: None,
        kind: None,
    })
    .expect("extract")
}

/// The fields a decoded fixture must show, as `fixtures.json` spells them.
fn got_fields(d: &ExtractedData) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            m.insert(k.to_string(), v.clone());
        }
    };
    put("last_name", &d.last_name);
    put("first_name", &d.first_name);
    put("middle_name", &d.middle_name);
    put("document_number", &d.document_number);
    put("date_of_birth", &d.date_of_birth);
    put("expiry_date", &d.expiry_date);
    put("issuing_state", &d.issuing_state);
    put("sex", &d.sex);
    if let Some(a) = &d.address {
        put("postal_code", &a.postal_code);
        put("city", &a.city);
        put("street", &a.street);
    }
    m
}

fn want_fields(e: &Value) -> BTreeMap<String, String> {
    e["expected"]
        .as_object()
        .expect("expected fields")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

#[test]
fn every_encoder_and_variant_reads_at_least_what_zxing_cpp_reads() {
    let mut ours = 0;
    let mut theirs = 0;
    let mut problems = Vec::new();
    let mut table = String::new();
    for e in manifest() {
        let file = e["file"].as_str().expect("file");
        let zxing = e["zxing_cpp"].as_bool().expect("zxing verdict");
        let d = read(file);
        let want = want_fields(&e);
        let got = got_fields(&d);
        let decoded = d.barcode.is_some();
        // A decode that is not the payload's fields is a misread: never.
        if decoded && got != want {
            problems.push(format!("{file}: MISREAD {got:?} != {want:?}"));
        }
        let ok = decoded && got == want;
        if !ok && zxing {
            problems.push(format!(
                "{file}: zxing-cpp reads it, we do not ({:?})",
                d.notes
            ));
        }
        ours += usize::from(ok);
        theirs += usize::from(zxing);
        table.push_str(&format!("{file:32} ours {ok:5} zxing-cpp {zxing}\n"));
    }
    eprintln!("{table}ours {ours}, zxing-cpp {theirs}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(ours >= theirs);
    // Beyond zxing-cpp: small tilts across a wide symbol, ±7–12° rotations.
    assert_eq!(ours, manifest().len(), "{table}");
}

/// The `extract` example (what `colleckt extract` runs), brought up to date
/// (`cargo test` of one test target does not build the examples, and a
/// stale one would test old code).
fn extract_example() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target profile directory");
    let bin = profile_dir
        .join("examples")
        .join(format!("extract{}", std::env::consts::EXE_SUFFIX));
    static BUILT: std::sync::Once = std::sync::Once::new();
    BUILT.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut build = Command::new(cargo);
        build.args([
            "build",
            "-q",
            "-p",
            "colleckt-extract",
            "--example",
            "extract",
        ]);
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            build.arg("--release");
        }
        let status = build.status().expect("cargo build --example extract");
        assert!(status.success(), "building the extract example failed");
    });
    bin
}

/// One `extract FILE [--type TYPE]` process: (stdout, stderr).
fn run_extract(file: &Path, kind: Option<&str>) -> (String, String) {
    let mut cmd = Command::new(extract_example());
    cmd.arg(file);
    if let Some(k) = kind {
        cmd.args(["--type", k]);
    }
    let out = cmd.output().expect("run extract");
    assert!(out.status.success(), "{}: {:?}", file.display(), out);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_same_bytes_read_in_two_processes_give_the_same_json() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut jobs: Vec<(PathBuf, Option<&str>)> = manifest()
        .iter()
        .map(|e| (dir().join(e["file"].as_str().expect("file")), None))
        .collect();
    // Hard backs: one does not decode (so the undeclared read goes on to
    // the MRZ and address readers and Tesseract), one decodes only once
    // straightened.
    for hard in ["licence-000-hard.jpg", "licence-001-hard.jpg"] {
        jobs.push((corpus.join(hard), None));
        jobs.push((corpus.join(hard), Some("Driver License")));
    }
    for (file, kind) in &jobs {
        let (first, _) = run_extract(file, *kind);
        let (second, _) = run_extract(file, *kind);
        let json: Value = serde_json::from_str(&first).expect("extract JSON");
        assert!(json.get("quality").is_some(), "{first}");
        assert_eq!(first, second, "{} ({kind:?})", file.display());
    }
}

#[test]
fn tesseract_chatter_stays_out_of_stderr() {
    // A page that is one dark block, read as a lease, goes to Tesseract,
    // which finds no text in it and says `Empty page!!` unless told to keep
    // quiet.
    let blank = std::env::temp_dir().join(format!("colleckt-blank-{}.png", std::process::id()));
    image::GrayImage::from_fn(1200, 900, |x, y| {
        let inside = (100..1100).contains(&x) && (100..800).contains(&y);
        image::Luma([if inside { 30 } else { 200 }])
    })
    .save(&blank)
    .expect("write blank page");
    let (stdout, stderr) = run_extract(&blank, Some("Lease"));
    let _ = std::fs::remove_file(&blank);
    let json: Value = serde_json::from_str(&stdout).expect("extract JSON");
    if json["ocr_available"] != Value::Bool(true) {
        eprintln!("skipped: Tesseract not available");
        return;
    }
    for chatter in ["Empty page", "diacritics", "Warning"] {
        assert!(!stderr.contains(chatter), "stderr: {stderr}");
    }
    // A photographed screen's moiré: Leptonica, under Tesseract, says
    // `Error in boxClipToRectangle: box outside rectangle` unless its own
    // messages are silenced (dev address draw 2037's
    // `address-dev-b-007-screen.jpg`, saved again at JPEG quality 50).
    let screen = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ocr_quiet/screen-moire.jpg");
    let (stdout, stderr) = run_extract(&screen, Some("Vehicle Insurance Policy"));
    assert!(stdout.contains("\"document_type\""), "{stdout}");
    assert!(!stderr.contains("Error in"), "stderr: {stderr}");
}

#[test]
fn an_undeclared_back_whose_symbol_does_not_decode_is_not_an_address_page() {
    // The blurred back of `tests/unreadable_back.rs`, given with no type.
    let bytes = common::unreadable_back();
    let got = extract(&ExtractInput {
        front: &bytes,
        back: None,
        kind: None,
    })
    .expect("extract");
    let has = |n: &str| got.notes.iter().any(|m| m == n);
    assert!(has("barcode_unreadable"), "{:?}", got.notes);
    assert!(has("front_missing"), "{:?}", got.notes);
    assert!(!has("name_not_found"), "{:?}", got.notes);
    assert!(got.evidence.is_empty(), "{:?}", got.evidence);
}
