//! Blackbox test over the generated corpus (`scripts/gen-extract-corpus`):
//! every file goes through `extract()` with its declared type and the fields
//! are compared with `expected.json`. Thresholds per reader and variant;
//! a barcode or an MRZ whose check digits hold must never be wrong.

use std::collections::BTreeMap;
use std::path::PathBuf;

use colleckt_extract::{extract, DocKind, ExtractInput, ExtractedData};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    std::env::var_os("COLLECKT_EXTRACT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"))
}

/// Compare extracted fields with the expected ones: (right, total, wrong names).
fn score(expected: &Value, got: &ExtractedData) -> (usize, usize, Vec<String>) {
    let got = serde_json::to_value(got).unwrap_or(Value::Null);
    let mut right = 0;
    let mut total = 0;
    let mut wrong = Vec::new();
    let Some(obj) = expected.as_object() else {
        return (0, 0, wrong);
    };
    for (k, v) in obj {
        if k == "document_type" {
            continue;
        }
        let pairs: Vec<(String, &Value, &Value)> = match v {
            Value::Object(m) => m
                .iter()
                .map(|(kk, vv)| {
                    (
                        format!("{k}.{kk}"),
                        vv,
                        got.get(k).and_then(|a| a.get(kk)).unwrap_or(&Value::Null),
                    )
                })
                .collect(),
            _ => vec![(k.clone(), v, got.get(k).unwrap_or(&Value::Null))],
        };
        for (name, want, have) in pairs {
            total += 1;
            let norm = |x: &Value| {
                x.as_str().map(|s| {
                    s.to_ascii_uppercase()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
            };
            if norm(want).is_some() && norm(want) == norm(have) {
                right += 1;
            } else {
                wrong.push(format!("{name}: want {want} got {have}"));
            }
        }
    }
    (right, total, wrong)
}

#[test]
fn corpus_meets_thresholds() {
    let dir = corpus_dir();
    let manifest: Vec<Value> = match std::fs::read(dir.join("expected.json")) {
        Ok(b) => serde_json::from_slice(&b).expect("expected.json"),
        Err(e) => panic!("no corpus at {}: {e}", dir.display()),
    };
    let ocr = colleckt_extract::ocr_available();
    // (reader, variant) -> (files, fully right, fields right, fields total)
    let mut stats: BTreeMap<(String, String), (usize, usize, usize, usize)> = BTreeMap::new();
    let mut misreads = Vec::new();
    for entry in &manifest {
        let file = entry["file"].as_str().unwrap_or_default();
        let reader = entry["reader"].as_str().unwrap_or_default().to_string();
        let variant = entry["variant"].as_str().unwrap_or_default().to_string();
        if !ocr && reader != "licence" && variant != "pdf_text" {
            continue;
        }
        let bytes = std::fs::read(dir.join(file)).expect("read corpus file");
        let kind = entry["type"].as_str().and_then(DocKind::from_name);
        let got = extract(&ExtractInput {
            front: &bytes,
            back: None,
            kind,
        })
        .expect("extract");
        let (right, total, wrong) = score(&entry["expected"], &got);
        let s = stats.entry((reader.clone(), variant.clone())).or_default();
        s.0 += 1;
        s.1 += usize::from(right == total);
        s.2 += right;
        s.3 += total;
        // High-confidence evidence must never be wrong.
        let decisive = got.barcode.is_some()
            || got
                .evidence
                .get("document_number")
                .is_some_and(|e| e.source == colleckt_extract::Source::Mrz && e.confidence >= 0.99);
        if decisive && !wrong.is_empty() && reader != "address" {
            misreads.push(format!("{file}: {wrong:?}"));
        }
        if !wrong.is_empty() {
            eprintln!("{file}: {wrong:?}");
        }
    }
    for ((reader, variant), (n, full, right, total)) in &stats {
        eprintln!("{reader:>9} {variant:>8}: {full}/{n} fully right, fields {right}/{total}");
    }
    assert!(misreads.is_empty(), "misreads: {misreads:#?}");
    let rate = |r: &str, v: &str| {
        stats
            .get(&(r.to_string(), v.to_string()))
            .map_or(1.0, |(n, _, right, total)| {
                if *n == 0 {
                    1.0
                } else {
                    *right as f64 / (*total).max(1) as f64
                }
            })
    };
    // Thresholds: clean inputs and text PDFs must be read entirely.
    assert!(rate("licence", "clean") >= 1.0, "licence clean");
    assert!(rate("address", "pdf_text") >= 1.0, "address pdf_text");
    if ocr {
        assert!(rate("passport", "clean") >= 1.0, "passport clean");
        assert!(rate("td1", "clean") >= 0.9, "td1 clean");
        assert!(rate("passport", "photo") >= 0.9, "passport photo");
        assert!(rate("address", "clean") >= 0.8, "address clean");
    }
    assert!(rate("licence", "photo") >= 0.5, "licence photo");
}
