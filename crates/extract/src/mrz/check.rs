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

/// Whether `cd` is the right check digit for `field`. A filler stands for
/// a check digit only over a field of fillers (ICAO 9303 lets an unused
/// personal number, or an unknown date, carry `<`): over a date or a
/// number it is a misread, though `<` weighs 0 like the digit `0` (a dev
/// page's expiry `330720` read with its `0` lost, `330725<`, held so).
pub fn holds(field: &[u8], cd: u8) -> bool {
    if cd == b'<' {
        return field.iter().all(|&c| c == b'<');
    }
    check_digit(field) == Some(cd)
}

/// Whether `cd` is the right composite digit over `field`, a filler
/// counting as 0. The composite is the last cell of its line, and a line
/// read a cell short, or whose last `0` was lost at the edge of the band,
/// is filled out with fillers there: a dev Monoid card's `…<<<<0` came out
/// `…<<<<<`, every other digit holding. Nothing follows that cell, so no
/// shifted field can hand it a filler, as a lost date digit did to the
/// date's own check cell (see [`holds`]).
pub fn composite_holds(field: &[u8], cd: u8) -> bool {
    holds(field, if cd == b'<' { b'0' } else { cd })
}

/// Whether `cd` is the right check digit for a TD3 personal number, `<`
/// counting as 0 whatever the field holds. ICAO 9303 lets an empty one
/// carry `<`, and small chevrons are read as K, which weighs 0 too: a dev
/// page's empty number read `<<<KKKKKKKKKKK` with its `<` digit is such a
/// field, not a number. The composite digit still covers the cell, and no
/// reported field comes from it.
pub fn personal_number_holds(field: &[u8], cd: u8) -> bool {
    holds(field, if cd == b'<' { b'0' } else { cd })
}

/// Whether a TD3 data line's composite digit (cell 43) holds over the
/// number, birth date, expiry date and personal number with their digits.
pub fn td3_composite_holds(line: &[u8]) -> bool {
    line.len() == 44
        && composite_holds(
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
        && composite_holds(
            &[&l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]].concat(),
            l2[29],
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filler_is_a_check_digit_over_fillers_only() {
        assert!(holds(b"<<<<<<<<<<<<<<", b'<'));
        assert!(holds(b"<<<<<<<<<<<<<<", b'0'));
        assert!(holds(b"330725", b'0'));
        // Dev (fonts13, Monoid, hard photo): expiry 330720 read 330725 with
        // a filler for its digit; the date's digit would be 0.
        assert!(!holds(b"330725", b'<'));
        assert!(!holds(b"L898902C3", b'<'));
    }

    #[test]
    fn a_filler_in_the_composite_cell_weighs_0() {
        // Dev (seed 2030, Monoid card, clean): the composite `0` read `<`.
        let card = [
            &b"H227832351<<<<<<<<<<<<<<<"[..],
            b"9005237",
            b"3408076",
            b"<<<<<<<<<<<",
        ]
        .concat();
        let card = &card[..];
        assert!(composite_holds(card, b'<'));
        assert!(composite_holds(card, b'0'));
        assert!(!composite_holds(card, b'7'));
        assert!(!composite_holds(b"L898902C3", b'<'));
        // A personal number's digit: `<` is 0 over any field.
        assert!(personal_number_holds(b"<<<KKKKKKKKKKK", b'<'));
        assert!(!personal_number_holds(b"<<<KKKKKKKKKK1", b'<'));
    }
}
