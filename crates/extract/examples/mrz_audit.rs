//! Developer audit of the MRZ reader's trust on a corpus (dev split only):
//! `cargo run --release --example mrz_audit -- CORPUS_DIR [SOURCE_PREFIX]`
//! prints one JSON line per MRZ file of `CORPUS_DIR/expected.json`: the read
//! (before the visual zone), whether it is sound and confident, its margins
//! and its check-digit collision cost, and whether the number and dates the
//! check digits cover are right.

use colleckt_extract::mrz::{self, read::sound};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: mrz_audit CORPUS_DIR [PREFIX]"));
    let prefix = args.next().unwrap_or_default();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json"))
            .expect("json");
    for e in manifest.as_array().expect("array") {
        let file = e["file"].as_str().unwrap_or_default();
        if e["mrz"].is_null() || !file.starts_with(&prefix) {
            continue;
        }
        let want: Vec<String> = e["mrz"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|l| l.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            continue;
        };
        let Ok(img) = colleckt_extract::image::decode(&bytes) else {
            continue;
        };
        let r = mrz::read_mrz(&img.gray);
        let truth = mrz::parse_lines(&want.iter().map(String::as_str).collect::<Vec<_>>()).ok();
        let line = match (r, truth) {
            (Some(r), Some(t)) => serde_json::json!({
                "file": file,
                "lines": r.mrz.lines,
                "engine": r.engine,
                "sound": sound(&r.mrz),
                "confident": r.is_confident(),
                "right": r.mrz.document_number == t.document_number
                    && r.mrz.birth_date == t.birth_date
                    && r.mrz.expiry_date == t.expiry_date,
                "conf": r.ocr_confidence,
                "checked_margin": r.checked_margin,
                "number_margin": r.number_margin,
                "collision": r.collision_cost,
            }),
            _ => serde_json::json!({"file": file, "sound": false}),
        };
        println!("{line}");
    }
}
