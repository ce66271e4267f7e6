//! Bench driver for `bench/extract/run`: runs `extract()` on every file of a
//! corpus (`expected.json` from `scripts/gen-extract-corpus`) and prints one
//! JSON line per file: {file, reader, variant, ms, data}; an optional
//! second argument (comma list of readers) restricts the run. Time includes
//! decoding (12 MP JPEG) and every reader the declared type uses.

use std::time::Instant;

use colleckt_extract::{extract, DocKind, ExtractInput};

/// CPU time of this thread in ms (from /proc/thread-self/schedstat), so the
/// figures hold on a machine shared with other work; None off Linux.
fn thread_cpu_ms() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

fn main() {
    let Some(dir) = std::env::args().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: bench CORPUS_DIR [READER,...]");
        std::process::exit(2);
    };
    let manifest: Vec<serde_json::Value> = match std::fs::read(dir.join("expected.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
    {
        Some(m) => m,
        None => {
            eprintln!("no expected.json in {}", dir.display());
            std::process::exit(2);
        }
    };
    // An optional comma list of readers (licence, passport, td1, address)
    // restricts the run to their files.
    let only: Vec<String> = std::env::args()
        .nth(2)
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    // Warm-up: load Tesseract once so the first file is not charged for it.
    let _ = colleckt_extract::ocr_available();
    for entry in manifest {
        let file = entry["file"].as_str().unwrap_or_default();
        let reader = entry["reader"].as_str().unwrap_or_default();
        if !only.is_empty() && !only.iter().any(|o| o == reader) {
            continue;
        }
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            continue;
        };
        let kind = entry["type"].as_str().and_then(DocKind::from_name);
        let t = Instant::now();
        let c0 = thread_cpu_ms();
        let res = extract(&ExtractInput {
            front: &bytes,
            back: None,
            kind,
        });
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let cpu_ms = thread_cpu_ms().zip(c0).map(|(a, b)| a - b);
        let data = match res {
            Ok(d) => serde_json::to_value(d).unwrap_or_default(),
            Err(e) => serde_json::json!({"error": e.to_string()}),
        };
        let line = serde_json::json!({
            "file": file, "reader": entry["reader"], "variant": entry["variant"], "ms": ms, "cpu_ms": cpu_ms, "data": data,
        });
        println!("{line}");
    }
    colleckt_extract::ocr::release();
}
