//! Developer probe: `cargo run --example probe -- FILE...` prints what each
//! reader finds and how long it took.

fn main() {
    for path in std::env::args().skip(1) {
        let t0 = std::time::Instant::now();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("{path}: {e}");
                continue;
            }
        };
        let img = match colleckt_extract::image::decode(&bytes) {
            Ok(i) => i,
            Err(e) => {
                println!("{path}: {e}");
                continue;
            }
        };
        let t1 = t0.elapsed();
        let bc = colleckt_extract::barcode::read_pdf417(&img.gray);
        let t2 = t0.elapsed();
        let mrz = if bc.is_none() {
            colleckt_extract::mrz::read_mrz(&img.gray)
        } else {
            None
        };
        let t3 = t0.elapsed();
        println!(
            "{path}: decode {:?} barcode {:?} ({:?}) mrz {:?} ({:?})",
            t1,
            bc.as_ref().map(|b| b.attempt),
            t2 - t1,
            mrz.as_ref()
                .map(|r| (r.mrz.checks_valid(), r.ocr_confidence, r.mrz.lines.clone())),
            t3 - t2
        );
    }
}
