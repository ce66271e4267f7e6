//! Without OCR (`COLLECKT_OCR=off`, as on a machine without Tesseract):
//! barcodes, MRZs (OCR-B templates) and PDF text layers are still read, and
//! the output says OCR was unavailable.

mod common;
use common::corpus;

use colleckt_extract::{extract, DocKind, ExtractInput};

#[test]
fn readers_that_need_no_ocr_still_read() {
    std::env::set_var("COLLECKT_OCR", "off");
    assert!(!colleckt_extract::ocr_available());
    assert_eq!(colleckt_extract::ocr_version(), None);

    let lic = extract(&ExtractInput {
        front: &corpus("licence-000-clean.png"),
        back: None,
        kind: Some(DocKind::DriverLicense),
    })
    .expect("licence");
    assert!(lic.barcode.is_some());
    assert_eq!(lic.ocr_available, Some(false));
    assert!(lic.notes.iter().any(|n| n == "ocr_unavailable"));

    let pass = extract(&ExtractInput {
        front: &corpus("passport-000-clean.png"),
        back: None,
        kind: Some(DocKind::Passport),
    })
    .expect("passport");
    assert!(
        pass.mrz.as_ref().is_some_and(|m| m.checks_valid),
        "{pass:?}"
    );

    let pdf = extract(&ExtractInput {
        front: &corpus("address-000-text.pdf"),
        back: None,
        kind: None,
    })
    .expect("pdf");
    assert!(pdf.address.is_some());

    let photo = extract(&ExtractInput {
        front: &corpus("address-000-clean.png"),
        back: None,
        kind: Some(DocKind::Lease),
    })
    .expect("address photo");
    assert!(photo.address.is_none());
    assert!(photo.notes.iter().any(|n| n == "ocr_unavailable"));
}
