//! ICAO 9303 check digits (weights 7-3-1).

/// The value of an MRZ character: digits 0–9, A–Z 10–35, `<` 0. Others: None.
pub fn char_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The check digit of a field, or None if it holds a non-MRZ character.
pub fn check_digit(field: &[u8]) -> Option<u8> {
    const W: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (i, &c) in field.iter().enumerate() {
        sum += char_value(c)? * W[i % 3];
    }
    Some(b'0' + (sum % 10) as u8)
}

/// Whether `cd` is the right check digit for `field` (`<` counts as 0).
pub fn holds(field: &[u8], cd: u8) -> bool {
    let cd = if cd == b'<' { b'0' } else { cd };
    check_digit(field) == Some(cd)
}

/// Whether a TD3 data line's composite digit (cell 43) holds over the
/// number, birth date, expiry date and personal number with their digits.
pub fn td3_composite_holds(line: &[u8]) -> bool {
    line.len() == 44
        && holds(
            &[&line[0..10], &line[13..20], &line[21..43]].concat(),
            line[43],
        )
}

/// Whether a TD1 card's composite digit (second line, cell 29) holds over
/// the first line's number and optional data and the second line's dates
/// and optional data.
pub fn td1_composite_holds(l1: &[u8], l2: &[u8]) -> bool {
    l1.len() == 30
        && l2.len() == 30
        && holds(
            &[&l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]].concat(),
            l2[29],
        )
}
