//! A licence front whose name row, read as scattered text, came out as
//! `ee OLIVER LEE`: Tesseract's sparse layout merged it with the header
//! above and the `1,2` label beside it, and lost `ILLINGWORTH`. The
//! barcode's surname was then unconfirmed and a genuine verification went
//! to a person. A field the sparse reading does not print is looked for in
//! a second reading of the front as one page, which prints
//! `ILLINGWORTH, OLIVER LEE`. The pictures are a dev pipeline case
//! (`c000-genuine` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 53 --split dev`).

mod common;

#[test]
fn a_name_the_sparse_reading_lost_is_found_in_the_page_reading() {
    let Some(d) = common::read_pair(
        "front_page_read/c000-front.png",
        "front_page_read/c000-back.png",
        "Driver License",
    ) else {
        return;
    };
    assert_eq!(d.last_name.as_deref(), Some("ILLINGWORTH"));
    common::assert_front_confirms(&d);
}
