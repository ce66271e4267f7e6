//! The MRZ reader's text half: any MRZ lines, other readings' lines and
//! visual-zone texts (what Tesseract may print for a stranger's picture)
//! through the repair, the mixed-pass read and every mend the zone drives
//! — never a panic. Input: see `colleckt_extract::mrz::text_chain::run`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = colleckt_extract::mrz::text_chain::run(&text);
});
