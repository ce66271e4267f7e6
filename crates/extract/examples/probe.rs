//! Developer probe: `cargo run --example probe -- FILE...` prints what each
//! reader finds and how long it took: decode, quality, barcode, MRZ, and a
//! whole-frame OCR at 1800 px (what a licence front costs).

fn main() {
    // Load Tesseract's model before timing anything: a server keeps its engines.
    let _ = colleckt_extract::ocr::recognize(
        &image::GrayImage::from_pixel(64, 32, image::Luma([255])),
        colleckt_extract::ocr::Layout::Line,
        "",
    );
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
        let _ = colleckt_extract::image::quality(&img.gray);
        let t4 = t0.elapsed();
        let view = colleckt_extract::image::ops::downscale_to(&img.gray, 2000);
        let ocr =
            colleckt_extract::ocr::recognize(&view, colleckt_extract::ocr::Layout::Sparse, "");
        let t5 = t0.elapsed();
        println!(
            "{path}: decode {:?} barcode {:?} ({:?}) mrz {:?} ({:?}) quality {:?} ocr {} lines ({:?})",
            t1,
            bc.as_ref().map(|b| b.attempt),
            t2 - t1,
            mrz.as_ref()
                .map(|r| (r.mrz.checks_valid(), r.ocr_confidence, r.mrz.lines.clone())),
            t3 - t2,
            t4 - t3,
            ocr.map(|t| t.lines.len()).unwrap_or(0),
            t5 - t4
        );
    }
}
