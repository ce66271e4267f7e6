//! PDF intake: the pre-scan, then (when it accepts) lopdf on its big-stack
//! thread — never a panic out of `read_pdf`, a stack overflow or unbounded
//! memory, whatever the bytes (run with -rss_limit_mb=2048). A scan that
//! accepts must also bound what it measured.
//!
//! lopdf panics on some inputs (e.g. an inline image whose size overflows);
//! `read_pdf` catches those on its `pdf-reader` thread and answers with an
//! error, which is its contract. libfuzzer-sys's panic hook would abort on
//! them anyway, so panics on that thread skip it; any other panic still aborts.
#![no_main]
use colleckt_extract::pdf::{self, Limits};
use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static HOOK: Once = Once::new();

fn quiet_reader_panics() {
    HOOK.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some("pdf-reader") {
                abort(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    quiet_reader_panics();
    let limits = Limits::default();
    if let Ok(report) = pdf::scan(data) {
        assert!(report.max_depth <= limits.max_depth);
        assert!(report.objects <= limits.max_objects);
        assert!(report.decoded_bytes <= limits.max_total_bytes);
    }
    let _ = pdf::read_pdf(data);
});
