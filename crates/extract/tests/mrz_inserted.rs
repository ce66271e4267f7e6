//! One glyph read as two in a data line: Tesseract reads the I of `IND`
//! in a bold slab monospace as `1I`, the line comes out 45 cells long, and
//! every field after it is shifted. The one cell to drop is the one that
//! makes every check digit hold; where two drops do, the pair of glyphs
//! sharing one cell says which (`mrz::inserted`). Both pages are dev
//! pipeline cases (`scripts/gen-pipeline-corpus OUT --count 300 --seed 79
//! --split dev`): `c279` on a clean page, `c283` photographed, where
//! dropping the number's 7 also held the number's digit and the composite.
//! `c112` of `--seed 113` has two glyphs each read as two in one line
//! (the number's check digit 0 as `OQ`, the expiry's 3 as `38`): the two
//! pairs of glyphs sharing a cell say which two cells go, where dropping
//! the number's W and the Q also held every digit.

mod common;

fn read_right(file: &str, number: &str, last: &str, nationality: &str) {
    let Some(d) = common::read_fixture(&format!("mrz_inserted/{file}"), "Passport") else {
        return;
    };
    let mrz = d.mrz.as_ref().expect("mrz");
    assert!(mrz.checks_valid, "{:?} {:?}", mrz.lines, d.notes);
    assert_eq!(d.document_number.as_deref(), Some(number));
    assert_eq!(d.last_name.as_deref(), Some(last));
    assert_eq!(d.nationality.as_deref(), Some(nationality));
    common::assert_sure(&d, &["document_number", "date_of_birth", "last_name"]);
}

#[test]
fn a_glyph_read_as_two_on_a_clean_page_is_one() {
    read_right("c279-passport.png", "J11558701", "QUARMBY", "IND");
}

#[test]
fn a_glyph_read_as_two_in_a_photo_is_dropped_where_two_glyphs_share_a_cell() {
    read_right("c283-passport.jpg", "Y93693075", "HADDAD", "IND");
}

#[test]
fn two_glyphs_each_read_as_two_are_dropped_where_glyphs_share_cells() {
    read_right("s113-c112-passport.png", "W74199888", "SMITH", "NLD");
}
