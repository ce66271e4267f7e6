//! Passports photographed at a strong angle on a dark table, their MRZ
//! printed close to the page's left edge. The locator's mask marks the
//! table beside the edge, and the smear that joins a line's characters
//! joined the lines to the page's outline: one component the size of the
//! page, and no band was found (`mrz_not_found`, or a read of the frame's
//! bottom that held nothing). The bands found with the mask's tall runs
//! cut are read when nothing else read sound. The pages are dev pipeline
//! cases (`c101-genuine` and `c105-name_variant` of
//! `scripts/gen-pipeline-corpus OUT --count 300 --seed 191 --split dev`).

mod common;

fn assert_read(path: &str, number: &str, surname: &str) {
    let Some(d) = common::read_fixture(path, "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?}", mrz.lines);
    assert_eq!(d.document_number.as_deref(), Some(number));
    assert_eq!(d.last_name.as_deref(), Some(surname));
    common::assert_sure(&d, &["document_number", "last_name", "date_of_birth"]);
}

#[test]
fn an_mrz_beside_the_edge_of_a_tilted_page_is_found() {
    assert_read("mrz_edge/c101-tilt.jpg", "K50823830", "OKONKWO");
}

#[test]
fn an_mrz_beside_the_edge_under_glare_is_found() {
    assert_read("mrz_edge/c105-tilt.jpg", "Y07372298", "LINDQVIST ABERG");
}
