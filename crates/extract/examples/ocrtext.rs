//! Developer probe: print Tesseract's text for an image (as the address reader sees it).

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(img) = colleckt_extract::image::decode(&bytes) else {
            continue;
        };
        let view = colleckt_extract::image::ops::downscale_to(&img.gray, 2400);
        match colleckt_extract::ocr::recognize(&view, colleckt_extract::ocr::Layout::Page, "") {
            Ok(t) => println!("{path} ({:.2}):\n{}", t.mean_confidence(), t.text()),
            Err(e) => println!("{path}: {e}"),
        }
    }
    colleckt_extract::ocr::release();
}
