//! A licence front photographed with a shadow across its values: both of
//! Tesseract's readings (sparse and as one page) lost the left half of each
//! value under the shadow (`0011` for `S35420011`, `'Y-ANN`), its one
//! global threshold taking the shaded ground for ink, so no field of the
//! barcode was confirmed and a genuine holder went to a reviewer. A third
//! reading of the view with its light flattened (each pixel over the
//! ground around it) prints them all. The front is a dev pipeline case
//! (`c045-name_variant` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 173 --split dev`),
//! its back scaled down to 1100 px.

mod common;

#[test]
fn values_under_a_shadow_are_read_on_the_flattened_front() {
    let Some(d) = common::read_pair(
        "front_shadow/c045-front.jpg",
        "front_shadow/c045-back.jpg",
        "Driver License",
    ) else {
        return;
    };
    assert_eq!(d.document_number.as_deref(), Some("S35420011"));
    common::assert_front_confirms(&d);
}
