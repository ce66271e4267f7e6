//! A licence front photographed at 2000 px (tilted, a glare spot): its OCR
//! must confirm the barcode's name, number and date of birth. Read at the
//! 1000 px an integer downscale gave, Tesseract read `845329185` for
//! `S45329185` and `PETE!` for `PETER`.

mod common;
use colleckt_extract::{extract, DocKind, ExtractInput};
use common::corpus;

#[test]
fn photographed_front_confirms_the_barcode() {
    if !colleckt_extract::ocr_available() {
        eprintln!("skipped: Tesseract not available");
        return;
    }
    let front = corpus("licence-front-photo-front.jpg");
    let back = corpus("licence-front-photo-back.jpg");
    let got = extract(&ExtractInput {
        front: &front,
        back: Some(&back),
        kind: Some(DocKind::DriverLicense),
    })
    .expect("extract");
    common::assert_front_confirms(&got);
}
