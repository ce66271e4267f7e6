//! `document_type` is what the document shows (AAMVA subfile, MRZ document
//! code, a titled page), not what was declared, so the pipeline's
//! `document_type_matches` can tell a wrong declaration; the declared type
//! only fills in when the readers could not tell.

mod common;
use colleckt_extract::{extract, DocKind, ExtractInput};
use common::corpus;

fn detected(front: &[u8], back: Option<&[u8]>, kind: DocKind) -> Option<String> {
    extract(&ExtractInput {
        front,
        back,
        kind: Some(kind),
    })
    .expect("extract")
    .document_type
}

#[test]
fn the_document_not_the_declaration_names_the_type() {
    let passport = corpus("passport-000-clean.png");
    assert_eq!(
        detected(&passport, None, DocKind::Passport).as_deref(),
        Some("Passport")
    );
    // A passport page uploaded as a passport card: the TD3 MRZ says passport.
    assert_eq!(
        detected(&passport, Some(&passport), DocKind::PassportCard).as_deref(),
        Some("Passport")
    );
    // A licence (AAMVA DL subfile) declared as an ID card.
    let licence = corpus("licence-000-clean.png");
    assert_eq!(
        detected(&licence, Some(&licence), DocKind::IdCard).as_deref(),
        Some("Driver License")
    );
    // A lease (PDF text, titled) declared as an insurance policy.
    let lease = corpus("address-000-text.pdf");
    assert_eq!(
        detected(&lease, None, DocKind::HomeInsurancePolicy).as_deref(),
        Some("Lease")
    );
    assert_eq!(
        detected(&lease, None, DocKind::Lease).as_deref(),
        Some("Lease")
    );
}
