//! Address-document text parser: any text, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = colleckt_extract::address::parse_text(&String::from_utf8_lossy(data));
});
