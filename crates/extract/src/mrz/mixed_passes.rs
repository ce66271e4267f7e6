//! A card's three lines taken from different Tesseract passes over the
//! same band. Each pass slips somewhere else: on dev pipeline seed 233
//! (c202) three passes read the first line `I<USAK28793963<<<` (the
//! number's check digit lost) and the second line whole, while the half
//! scale pass read the first line whole (`I<USAK287939637<<`) and lost the
//! second line's first digit. No pass was sound; the first line of one
//! with the second and third of another is, every check digit and the
//! composite holding.
//!
//! Choosing among mixes by their check digits spends them, as a repair
//! choosing a character does: the read is marked spent, so it ends no
//! search and is trusted only when the visual zone prints its number
//! exactly (see [`super::MrzRead::decisive`]).

use super::reads::sound;
use super::repair::{repair_spent, MIN_FIRST_TD1};
use super::Mrz;

/// The lines of a card's MRZ.
const LINES: usize = 3;
/// Passes compared at most (the four variants of one crop).
const MAX_PASSES: usize = 4;

/// The windows of three lines of `lines` that can be a card's MRZ: a
/// first line of [`MIN_FIRST_TD1`] cells or more, the others of 20 or more.
fn windows(lines: &[String]) -> Vec<[&str; LINES]> {
    lines
        .windows(LINES)
        .filter(|w| w[0].len() >= MIN_FIRST_TD1 && w[1..].iter().all(|l| l.len() >= 20))
        .map(|w| [w[0].as_str(), w[1].as_str(), w[2].as_str()])
        .collect()
}

/// Whether the card's composite check digit was read, not fitted: a
/// dates line cut short is padded with fillers, and a filler there is
/// worth 0, holding one time in ten (dev hard draw 3001: a mix whose
/// optional data was junk held so).
fn composite_read(m: &Mrz) -> bool {
    m.lines
        .get(1)
        .and_then(|l| l.as_bytes().last())
        .is_some_and(u8::is_ascii_digit)
}

/// The one sound reading of a card made of lines of two of `passes` (each
/// a Tesseract pass's lines), the check digits spent on no character;
/// None when no mix is sound, or two sound mixes read other checked fields.
pub(super) fn mix(passes: &[Vec<String>]) -> Option<Mrz> {
    let wins: Vec<Vec<[&str; LINES]>> =
        passes.iter().take(MAX_PASSES).map(|p| windows(p)).collect();
    let mut found: Option<Mrz> = None;
    for (i, a_wins) in wins.iter().enumerate() {
        for b_wins in wins.iter().skip(i + 1) {
            for a in a_wins {
                for b in b_wins {
                    for mask in 1..(1 << LINES) - 1 {
                        let lines: Vec<&str> = (0..LINES)
                            .map(|k| if mask & (1 << k) != 0 { b[k] } else { a[k] })
                            .collect();
                        let Some((m, false)) = repair_spent(&lines) else {
                            continue;
                        };
                        if !sound(&m) || !composite_read(&m) {
                            continue;
                        }
                        let key = |m: &Mrz| {
                            (
                                m.document_number.clone(),
                                m.birth_date.clone(),
                                m.expiry_date.clone(),
                            )
                        };
                        match &found {
                            Some(f) if key(f) != key(&m) => return None,
                            Some(_) => {}
                            None => found = Some(m),
                        }
                    }
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn lines_of_two_passes_make_the_card_neither_read() {
        // Dev pipeline seed 233, c202, as Tesseract read it.
        let passes = [
            pass(&[
                "I<USAK28793963<<<<<<<<<<<<<<<",
                "0511287M2904191USA<<<<<<<<<<<4",
                "GUDMUNDSSON<<IBRAHIM<MARIE<<<<",
            ]),
            pass(&[
                "I<USAK287939637<<<<<<<<<<<<<<<",
                "511287M2904191USA<<<<<<<<<<<4",
                "GUDMUNDSSON<<IBRAHIM<MARIE<<<<",
            ]),
        ];
        for p in &passes {
            let lines: Vec<&str> = p.iter().map(String::as_str).collect();
            assert!(!repair_spent(&lines).is_some_and(|(m, _)| sound(&m)));
        }
        let m = mix(&passes).expect("a sound mix");
        assert_eq!(
            (m.document_number.as_str(), m.birth_date.as_deref()),
            ("K28793963", Some("2005-11-28"))
        );
        assert_eq!(m.surname, "GUDMUNDSSON");
    }

    #[test]
    fn no_mix_holds_and_a_passport_is_no_card() {
        // Both passes lost the number's check digit: nothing to take.
        let lost = pass(&[
            "I<USAK28793963<<<<<<<<<<<<<<<",
            "0511287M2904191USA<<<<<<<<<<<4",
            "GUDMUNDSSON<<IBRAHIM<MARIE<<<<",
        ]);
        assert!(mix(&[lost.clone(), lost]).is_none());
        // A passport's two lines are no card.
        let td3 = pass(&[
            "P<JPNHADDAD<<BJORN<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "X584945101JPN8312262F2907206<<<<<<<<<<<<<<00",
        ]);
        assert!(mix(&[td3.clone(), td3]).is_none());
    }
}
