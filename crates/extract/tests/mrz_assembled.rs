//! A passport photographed with the hand moving along its lines: no
//! reading of the band held every check digit. Tesseract read the number
//! (`U138570602`) and lost the run of fillers after the dates; the
//! templates of other fonts read the dates and the personal number and
//! garbled the number. The data line is put together field by field, each
//! where its own digit holds, and the visual zone printing the number and
//! dates vouches for it. The page is a dev pipeline case (`c221-genuine`
//! of `scripts/gen-pipeline-corpus OUT --count 300 --seed 191 --split dev`).

mod common;

#[test]
fn a_data_line_read_in_pieces_is_put_together() {
    let Some(d) = common::read_fixture("mrz_assembled/c221-shake.jpg", "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some("U13857060"));
    assert_eq!(d.last_name.as_deref(), Some("QUARMBY"));
    assert_eq!(d.date_of_birth.as_deref(), Some("1953-10-24"));
    common::assert_sure(&d, &["document_number", "last_name", "date_of_birth"]);
}
