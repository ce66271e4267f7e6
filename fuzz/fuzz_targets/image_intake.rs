//! Image intake: sniff, bounded decode and quality on any bytes — never a
//! panic, never unbounded memory (run with -rss_limit_mb=2048).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = colleckt_extract::sniff(data);
    if let Ok(img) = colleckt_extract::image::decode(data) {
        let _ = colleckt_extract::image::quality(&img.gray);
    }
    let _ = colleckt_extract::pdf::read_pdf(data);
});
