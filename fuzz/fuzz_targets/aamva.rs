//! AAMVA parser: any bytes, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = colleckt_extract::aamva::parse(data);
});
