//! PDF417 symbols made by other people's encoders (pdf417gen, zint, bwip-js;
//! `scripts/gen-pdf417-fixtures`), given with no declared type, as a
//! scanner, a crop or a phone gives them: every file zxing-cpp reads must be
//! read by us, every field exactly; a read is never a wrong payload; the
//! same bytes read in two processes give the same JSON byte for byte; and
//! Tesseract's chatter stays out of stderr.

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
}
