//! Tests of [`super`]: boxes as a sparse Tesseract read gives them.

use super::*;

/// A line at (x, y), `h` high, as wide as its text at 0.6 h per character.
fn at(text: &'static str, x: i32, y: i32, h: i32) -> Placed<'static> {
    let w = (text.len() as f32 * h as f32 * 0.6) as i32;
    Placed {
        text,
        confidence: 0.9,
        bbox: (x, y, x + w, y + h),
    }
}

fn v(f: &Option<(String, f32)>) -> Option<&str> {
    f.as_ref().map(|(s, _)| s.as_str())
}

#[test]
fn small_labels_over_values_in_two_columns() {
    // Labels 20 px high over 34 px values; a second column at x = 800.
    let f = read_placed(&[
        at("LN", 380, 140, 20),
        at("KOWALSKI", 380, 164, 34),
        at("9 CLASS", 800, 140, 20),
        at("M", 800, 164, 20),
        at("FN", 380, 220, 20),
        at("AISHA JAY", 380, 244, 34),
        at("4b EXP", 800, 200, 20),
        at("04/18/2031", 800, 224, 34),
        at("DL", 380, 300, 20),
        at("07141928", 380, 324, 34),
        at("4a ISS", 380, 380, 20),
        at("04/18/2023", 380, 404, 20),
        at("DOB", 380, 450, 20),
        at("12/19/1954", 380, 474, 34),
        at("DD", 380, 530, 20),
        at("125500946236", 380, 554, 20),
    ]);
    assert_eq!(v(&f.last_name), Some("KOWALSKI"));
    assert_eq!(v(&f.first_name), Some("AISHA"));
    assert_eq!(v(&f.middle_name), Some("JAY"));
    assert_eq!(v(&f.document_number), Some("07141928"));
    assert_eq!(v(&f.date_of_birth), Some("1954-12-19"));
    assert_eq!(v(&f.issue_date), Some("2023-04-18"));
    assert_eq!(v(&f.expiry_date), Some("2031-04-18"));
}

#[test]
fn small_labels_under_values_and_bare_numbers() {
    let f = read_placed(&[
        at("OKAFOR, JOSE Q", 380, 140, 34),
        at("S62862683", 380, 190, 34),
        at("4d", 380, 228, 20),
        at("10/02/1951", 380, 270, 34),
        at("3", 380, 308, 20),
        at("11/06/2025", 380, 340, 20),
        at("4a ISS", 380, 364, 20),
        at("D", 800, 260, 20),
        at("CLASS", 800, 284, 20),
        at("11/06/2032", 800, 320, 34),
        at("4b", 800, 358, 20),
        at("1 MAIN ST", 380, 420, 20),
        at("8 ADDRESS", 380, 444, 20),
        at("MIAMI, FL 87236", 380, 470, 20),
    ]);
    assert_eq!(v(&f.last_name), Some("OKAFOR"));
    assert_eq!(v(&f.first_name), Some("JOSE"));
    assert_eq!(v(&f.middle_name), Some("Q"));
    assert_eq!(v(&f.document_number), Some("S62862683"));
    assert_eq!(v(&f.date_of_birth), Some("1951-10-02"));
    assert_eq!(v(&f.issue_date), Some("2025-11-06"));
    assert_eq!(v(&f.expiry_date), Some("2032-11-06"));
    assert_eq!(v(&f.street), Some("1 MAIN ST"));
    assert_eq!(v(&f.city), Some("MIAMI"));
    assert_eq!(v(&f.postal_code), Some("87236"));
}

#[test]
fn a_label_between_two_equally_near_values_stays_unpaired() {
    // `DOB` exactly halfway between two dates: either could be its value.
    let f = read_placed(&[
        at("01/02/1950", 100, 100, 30),
        at("DOB", 100, 140, 20),
        at("03/04/1960", 100, 170, 30),
    ]);
    assert_eq!(f.date_of_birth, None);
}

#[test]
fn label_value_lines_still_read_as_before() {
    let f = read_placed(&[
        at("4d DLN 123456789", 400, 150, 38),
        at("1 SMITH", 400, 220, 38),
        at("2 JOHN PAUL", 400, 290, 38),
        at("3 DOB 08/07/1956", 400, 360, 38),
        at("4b EXP 08/07/2028", 400, 430, 38),
    ]);
    assert_eq!(v(&f.document_number), Some("123456789"));
    assert_eq!(v(&f.last_name), Some("SMITH"));
    assert_eq!(v(&f.first_name), Some("JOHN"));
    assert_eq!(v(&f.date_of_birth), Some("1956-08-07"));
    assert_eq!(v(&f.expiry_date), Some("2028-08-07"));
}

#[test]
fn two_date_labels_on_one_line_over_two_dates() {
    let f = read_placed(&[
        at("DOB      EXP", 100, 100, 20),
        at("08/07/1956   08/07/2030", 100, 124, 34),
    ]);
    assert_eq!(v(&f.date_of_birth), Some("1956-08-07"));
    assert_eq!(v(&f.expiry_date), Some("2030-08-07"));
}

#[test]
fn unlabelled_fields_by_shape_at_a_lower_confidence() {
    let f = read_placed(&[
        at("GARCIA, ANA", 100, 100, 34),
        at("D1234567", 100, 150, 34),
        at("05/06/1988", 100, 200, 34),
        at("05/06/2022", 100, 250, 34),
        at("05/06/2030", 100, 300, 34),
    ]);
    assert_eq!(v(&f.last_name), Some("GARCIA"));
    assert_eq!(v(&f.first_name), Some("ANA"));
    assert_eq!(v(&f.document_number), Some("D1234567"));
    assert_eq!(v(&f.date_of_birth), Some("1988-05-06"));
    assert_eq!(v(&f.expiry_date), Some("2030-05-06"));
    assert_eq!(f.issue_date, None);
    for c in [&f.last_name, &f.document_number, &f.date_of_birth] {
        assert!(c.as_ref().unwrap().1 < 0.6, "{c:?}");
    }
}

#[test]
fn shapes_that_could_be_two_fields_give_none() {
    // Two number-like tokens, two dates (issue or expiry?), a place with a comma.
    let f = read_placed(&[
        at("D1234567 D7654321", 100, 100, 34),
        at("05/06/2022", 100, 150, 34),
        at("05/06/2030", 100, 200, 34),
        at("MIAMI, FL", 100, 250, 34),
    ]);
    assert_eq!(f.document_number, None);
    assert_eq!(f.expiry_date, None);
    assert_eq!(f.date_of_birth, None);
    assert_eq!(f.last_name, None);
}

#[test]
fn a_house_number_is_no_field_number() {
    let f = read_placed(&[at("1 MAIN ST", 100, 100, 30), at("2 OAK AVE", 100, 150, 30)]);
    assert_eq!(f.last_name, None);
    assert_eq!(f.first_name, None);
}

#[test]
fn names_from_the_address_line_or_single_letters_are_dropped() {
    let f = read_placed(&[
        at("1 PORTLAND", 100, 100, 30),
        at("2 GA", 100, 140, 30),
        at("4 PINE LN", 100, 180, 30),
        at("PORTLAND, GA 88819", 100, 220, 30),
    ]);
    assert_eq!(f.last_name, None);
    assert_eq!(f.first_name, None);
    let f = read_placed(&[at("1 D", 100, 100, 30), at("2 ANA", 100, 140, 30)]);
    assert_eq!(f.last_name, None);
    assert_eq!(v(&f.first_name), Some("ANA"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("DOB".to_string()),
            Just("4b".to_string()),
            Just("4d".to_string()),
            Just("1,2".to_string()),
            Just("3".to_string()),
            Just("LN".to_string()),
            Just(",".to_string()),
            Just("08/07/1956".to_string()),
            Just("D1234567".to_string()),
            Just("MIAMI, FL 33101".to_string()),
            Just(" ".to_string()),
            Just("é".to_string()),
            "[A-Z0-9/.:,\\- ]{0,6}",
            any::<String>(),
        ]
    }

    proptest! {
        /// Hostile OCR text and boxes (negative, inverted, huge) never panic,
        /// and what comes out is well formed.
        #[test]
        fn hostile_placed_lines_never_panic(
            lines in proptest::collection::vec(
                (proptest::collection::vec(token(), 0..6), any::<(i32, i32, i32, i32)>(), 0.0f32..1.0),
                0..12),
        ) {
            let texts: Vec<String> = lines.iter().map(|l| l.0.concat()).collect();
            let input: Vec<Placed> = texts
                .iter()
                .zip(&lines)
                .map(|(t, l)| Placed { text: t, confidence: l.2, bbox: l.1 })
                .collect();
            let f = read_placed(&input);
            for d in [&f.date_of_birth, &f.issue_date, &f.expiry_date].into_iter().flatten() {
                prop_assert_eq!(d.0.len(), 10);
                prop_assert!(d.1 <= 1.0);
            }
            for v in [&f.last_name, &f.first_name, &f.document_number, &f.street].into_iter().flatten() {
                prop_assert!(!v.0.trim().is_empty());
            }
        }
    }
}

#[test]
fn names_stacked_above_the_address_without_their_numbers() {
    // Tesseract folded the small `1` and `2` into the names' boxes; the
    // address label sits between the street and the city line.
    let f = read_placed(&[
        at("JOHNSON", 378, 147, 52),
        at("D", 811, 144, 20),
        at("AISHA ANN", 380, 228, 52),
        at("09/25/2026", 811, 207, 52),
        at("742 EVERGREEN TERRACE", 381, 303, 15),
        at("8 ADDRESS", 381, 327, 15),
        at("MIAMI, OH 57531", 382, 352, 17),
        at("D44077566", 383, 399, 28),
    ]);
    assert_eq!(v(&f.last_name), Some("JOHNSON"));
    assert_eq!(v(&f.first_name), Some("AISHA"));
    assert_eq!(v(&f.middle_name), Some("ANN"));
    assert!(f.last_name.as_ref().unwrap().1 < 0.6);
    // One name line only: which part it is stays unknown.
    let f = read_placed(&[
        at("AISHA JOHNSON", 380, 228, 52),
        at("742 EVERGREEN TERRACE", 381, 303, 15),
        at("MIAMI, OH 57531", 382, 352, 17),
    ]);
    assert_eq!((f.last_name, f.first_name), (None, None));
    // Something else between the two names ends the search both ways,
    // and a header word is no name.
    let f = read_placed(&[
        at("JOHNSON", 378, 147, 52),
        at("09/25/2026", 381, 200, 20),
        at("AISHA ANN", 380, 228, 52),
        at("742 EVERGREEN TERRACE", 381, 303, 15),
        at("MIAMI, OH 57531", 382, 352, 17),
    ]);
    assert_eq!((f.last_name, f.first_name), (None, None));
    // A street whose number OCR garbled is still the street; an unsure
    // name line places neither name.
    let mut unsure = at("AISHA ANN", 380, 228, 52);
    unsure.confidence = 0.5;
    for (street, given) in [
        ("ipa ey TERRACE", at("AISHA ANN", 380, 228, 52)),
        ("742 EVERGREEN TERRACE", unsure),
    ] {
        let f = read_placed(&[
            at("JOHNSON", 378, 147, 52),
            given,
            at(street, 381, 303, 15),
            at("MIAMI, OH 57531", 382, 352, 17),
        ]);
        let expect = (street.starts_with("ipa")).then_some("JOHNSON");
        assert_eq!(v(&f.last_name), expect, "{street}");
    }
    // Names at the top of the address's column, other fields between.
    let f = read_placed(&[
        at("9 CLASS", 781, 145, 17),
        at("KOWALSKI", 381, 141, 71),
        at("AISHA JAY", 380, 220, 71),
        at("07141928", 381, 307, 54),
        at("12/19/1954", 382, 457, 56),
        at("ADDRESS", 381, 603, 17),
        at("1 MAIN ST", 382, 629, 17),
        at("PORTLAND, WA 13759", 382, 663, 20),
    ]);
    assert_eq!(v(&f.last_name), Some("KOWALSKI"));
    assert_eq!(v(&f.first_name), Some("AISHA"));
    let f = read_placed(&[
        at("WASHINGTON", 380, 60, 30),
        at("SMITH", 380, 140, 52),
        at("1 MAIN ST", 381, 303, 15),
        at("MIAMI, OH 57531", 382, 352, 17),
    ]);
    assert_eq!((f.last_name, f.first_name), (None, None));
    let f = read_placed(&[
        at("DRIVER LICENSE", 378, 100, 30),
        at("SMITH 2", 380, 228, 52),
        at("1 MAIN ST", 381, 303, 15),
        at("MIAMI, OH 57531", 382, 352, 17),
    ]);
    assert_eq!((f.last_name, f.first_name), (None, None));
}

#[test]
fn a_number_label_under_the_address_takes_the_number_below() {
    let f = read_placed(&[
        at("MUELLER, GRACE JAY", 382, 148, 27),
        at("1 MAIN ST", 381, 192, 14),
        at("BOSTON, IL 29138", 381, 217, 17),
        at("4d", 380, 257, 15),
        at("80581781", 381, 285, 22),
        at("5DD", 381, 471, 14),
        at("0865182515", 381, 495, 14),
    ]);
    assert_eq!(v(&f.document_number), Some("80581781"));
}
