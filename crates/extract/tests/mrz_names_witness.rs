//! Passports whose chosen Tesseract read slipped in the names line where
//! another pass, or the other code, had it right. Both pages are dev
//! pipeline cases of `scripts/gen-pipeline-corpus OUT --count 300 --seed
//! 229 --split dev` (photo IDs of `c043-genuine` and `c225-name_variant`).

mod common;

#[test]
fn another_pass_the_zone_prints_whole_gives_the_names() {
    // Read `LEMIEU<<<EMMASMARTE` (a filler as S, a serifed I as T); another
    // pass read `LEMIEUX<<EMMA<MARIE`, as the zone prints.
    let Some(d) = common::read_fixture("mrz_names_witness/c043-photo.jpg", "Passport") else {
        return;
    };
    assert_eq!(d.last_name.as_deref(), Some("LEMIEUX"));
    assert_eq!(d.first_name.as_deref(), Some("EMMA"));
    assert_eq!(d.middle_name.as_deref(), Some("MARIE"));
    common::assert_sure(&d, &["first_name", "last_name", "document_number"]);
}

#[test]
fn a_glued_filler_goes_and_a_stateless_code_takes_the_nationality() {
    // Read `P<LTASLMPSON<<HOMERK<JAY`: the I of ITA as L, a filler as `K<`.
    let Some(d) = common::read_fixture("mrz_names_witness/c225-photo.jpg", "Passport") else {
        return;
    };
    assert_eq!(d.issuing_country.as_deref(), Some("ITA"));
    assert_eq!(d.first_name.as_deref(), Some("HOMER"));
    assert_eq!(d.middle_name.as_deref(), Some("JAY"));
    common::assert_sure(&d, &["first_name", "last_name"]);
}
