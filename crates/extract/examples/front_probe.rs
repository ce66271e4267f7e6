//! Developer probe: a front's OCR lines with their boxes, roughly as the
//! front reader sees them (sparse layout, longest side 1800 px; the reader
//! also crops to the text region first). Dev corpus only.

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(img) = colleckt_extract::image::decode(&bytes) else {
            continue;
        };
        let view = colleckt_extract::image::ops::downscale_to(&img.gray, 1800);
        match colleckt_extract::ocr::recognize(&view, colleckt_extract::ocr::Layout::Sparse, "") {
            Ok(t) => {
                println!("{path}:");
                for l in &t.lines {
                    println!("  {:?} {:.2} {:?}", l.bbox, l.confidence, l.text);
                }
            }
            Err(e) => println!("{path}: {e}"),
        }
    }
    colleckt_extract::ocr::release();
}
