//! A licence back photographed with the phone at an angle (a dev pipeline
//! case, `c045-name_variant` of `scripts/gen-pipeline-corpus OUT --count
//! 200 --seed 11 --split dev`, 16 % perspective): levelled, the symbol is
//! still a trapezoid whose rows converge, and neither rxing nor zxing-cpp
//! decoded it. Its guard bars give its corners, and the crop resampled to
//! a rectangle decodes (`barcode/quad.rs`).

use colleckt_extract::barcode::read_pdf417;
use colleckt_extract::image::decode;

#[test]
fn a_symbol_seen_in_perspective_is_made_a_rectangle_and_decodes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/pdf417_tilt/c045-back.jpg"
    );
    let img = decode(&std::fs::read(path).expect("fixture")).expect("decode");
    let read = read_pdf417(&img.gray).expect("read");
    assert_eq!(read.record.document_number.as_deref(), Some("T40856711"));
    assert_eq!(read.record.last_name.as_deref(), Some("OBRIEN"));
}
