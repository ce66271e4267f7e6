//! MRZs in OCR-B and in other monospace fonts (DejaVu Sans Mono, Liberation
//! Mono, Nimbus Mono PS, FreeMono, Noto Mono), TD3, TD1, TD2 and MRV-A, and
//! the five ICAO 9303 specimens, on photographed pages with a printed visual
//! zone (`tests/mrz/`, made by `scripts/gen-mrz-fixtures`). Trust must come
//! from the check digits and from the visual zone agreeing, not from how
//! much the glyphs look like OCR-B: before, a page in another font read
//! character-perfect and was still `checks_valid: false` with names at 0.

use colleckt_extract::{extract, DocKind, ExtractInput, ExtractedData};
use serde_json::Value;

fn dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mrz/").to_string()
}

fn manifest() -> Vec<Value> {
    let bytes = std::fs::read(format!("{}expected.json", dir())).expect("manifest");
    serde_json::from_slice(&bytes).expect("manifest json")
}

fn read(entry: &Value) -> ExtractedData {
    let file = entry["file"].as_str().expect("file");
    let bytes = std::fs::read(format!("{}{file}", dir())).expect("fixture");
    let kind = entry["type"].as_str().and_then(DocKind::from_name);
    extract(&ExtractInput {
        front: &bytes,
        back: None,
        kind,
    })
    .expect("extract")
}

const FIELDS: [&str; 7] = [
    "last_name",
    "first_name",
    "middle_name",
    "document_number",
    "date_of_birth",
    "expiry_date",
    "sex",
];

fn field(d: &ExtractedData, k: &str) -> Option<String> {
    serde_json::to_value(d).ok()?[k].as_str().map(str::to_string)
}

fn conf(d: &ExtractedData, k: &str) -> f64 {
    d.evidence.get(k).map_or(0.0, |e| e.confidence)
}

/// Check every page of one kind; returns the failures, so that one run shows
/// all of them.
fn check(select: impl Fn(&Value) -> bool) -> Vec<String> {
    let ocr = colleckt_extract::ocr_available();
    let mut bad = Vec::new();
    for e in manifest().iter().filter(|e| select(e)) {
        let file = e["file"].as_str().unwrap_or_default();
        let d = read(e);
        let valid = d.mrz.as_ref().is_some_and(|m| m.checks_valid);
        if !valid {
            bad.push(format!("{file}: checks_valid false {:?} {:?}", d.mrz, d.notes));
            continue;
        }
        for k in FIELDS {
            let want = e["expected"][k].as_str().map(str::to_string);
            if field(&d, k) != want {
                bad.push(format!("{file}: {k} {:?} != {want:?}", field(&d, k)));
            }
        }
        for k in ["document_number", "date_of_birth", "expiry_date"] {
            if conf(&d, k) < 1.0 {
                bad.push(format!("{file}: {k} confidence {}", conf(&d, k)));
            }
        }
        let names = conf(&d, "last_name");
        let agrees = e["viz_agrees"].as_bool() == Some(true);
        match (ocr, agrees) {
            // The visual zone prints the same names: they are vouched for.
            (true, true) if names < 0.85 => {
                bad.push(format!("{file}: names {names} {:?}", d.notes))
            }
            // It prints another surname: never trusted, and said why.
            (true, false) => {
                if names >= 0.85 || !d.notes.iter().any(|n| n == "mrz_names_viz_mismatch") {
                    bad.push(format!("{file}: other VIZ name, names {names} {:?}", d.notes));
                }
            }
            // No OCR: no visual zone, a moderate confidence and a note.
            (false, _) => {
                if names >= 0.85 || !d.notes.iter().any(|n| n == "mrz_names_unconfirmed") {
                    bad.push(format!("{file}: no OCR, names {names} {:?}", d.notes));
                }
            }
            _ => {}
        }
    }
    bad
}

fn font_is(e: &Value, f: &str) -> bool {
    e["font"] == f && e["file"].as_str().is_some_and(|n| n.starts_with(f))
}

#[test]
fn ocr_b_pages_read_and_are_trusted() {
    let bad = check(|e| font_is(e, "ocrb"));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn other_monospace_fonts_read_and_are_trusted() {
    let bad = check(|e| {
        ["dejavu", "liberation", "nimbus", "freemono", "noto"]
            .iter()
            .any(|f| font_is(e, f))
    });
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_five_icao_specimens_read_with_every_check_digit() {
    let entries: Vec<Value> = manifest()
        .into_iter()
        .filter(|e| e["file"].as_str().is_some_and(|f| f.starts_with("specimen-")))
        .collect();
    let formats: Vec<&str> = entries.iter().filter_map(|e| e["format"].as_str()).collect();
    assert_eq!(formats, ["TD3", "TD1", "TD2", "MRV-A", "MRV-B"]);
    let bad = check(|e| e["file"].as_str().is_some_and(|f| f.starts_with("specimen-")));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn a_visual_zone_showing_another_name_leaves_the_names_untrusted() {
    let n = manifest().iter().filter(|e| e["viz_agrees"] == false).count();
    assert_eq!(n, 2);
    let bad = check(|e| e["viz_agrees"] == false);
    assert!(bad.is_empty(), "{bad:#?}");
}
