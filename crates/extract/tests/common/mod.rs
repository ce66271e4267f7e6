//! What the integration tests share: the committed corpus under
//! `tests/corpus` and its manifest, `expected.json`.
#![allow(dead_code)] // each test crate uses its own part of this module

use serde_json::Value;

/// The bytes of a committed corpus file.
pub fn corpus(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/");
    std::fs::read(format!("{dir}{name}")).expect("corpus file")
}

/// The manifest entry of a corpus file: `{file, reader, variant, expected, …}`.
pub fn manifest_entry(name: &str) -> Value {
    let m: Vec<Value> = serde_json::from_slice(&corpus("expected.json")).expect("manifest");
    m.into_iter()
        .find(|e| e["file"] == name)
        .expect("manifest entry")
}
