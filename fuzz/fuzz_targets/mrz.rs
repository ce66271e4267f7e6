//! MRZ parser and OCR repair: any text, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = colleckt_extract::mrz::parse(&text);
    let lines: Vec<&str> = text.lines().collect();
    let _ = colleckt_extract::mrz::repair(&lines);
});
