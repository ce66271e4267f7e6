//! Where a string stands in OCR'd text but for one slip: a character left
//! out, read as another, or one added. Both the visual zone's confirmation
//! of an MRZ number and the licence front's confirmation of a barcode name
//! forgive one slip, each with its own limits on which.

/// How `text` holds a pattern: exactly, or but for one slip at this index
/// of the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slip {
    Exact,
    Dropped(usize),
    Other(usize),
    Added,
}

/// Every way `text` holds `pat` with at most one slip (an empty pattern:
/// none).
pub fn slips(text: &[u8], pat: &[u8]) -> Vec<Slip> {
    let n = pat.len();
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    for w in text.windows(n) {
        let mut diff = (0..n).filter(|&i| w[i] != pat[i]);
        match (diff.next(), diff.next()) {
            (None, _) => out.push(Slip::Exact),
            (Some(i), None) => out.push(Slip::Other(i)),
            _ => {}
        }
    }
    for i in 0..n {
        let mut part = pat.to_vec();
        part.remove(i);
        if !part.is_empty() && text.windows(part.len()).any(|w| w == part.as_slice()) {
            out.push(Slip::Dropped(i));
        }
    }
    let added = text
        .windows(n + 1)
        .any(|w| (0..w.len()).any(|i| w[..i].iter().chain(&w[i + 1..]).eq(pat.iter())));
    if added {
        out.push(Slip::Added);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_slip_is_found_where_it_is() {
        assert_eq!(slips(b"XXKOWALSKIX", b"KOWALSKI")[0], Slip::Exact);
        assert!(slips(b"KOWALSK", b"KOWALSKI").contains(&Slip::Dropped(7)));
        assert!(slips(b"KOWALSXI", b"KOWALSKI").contains(&Slip::Other(6)));
        assert!(slips(b"KOWWALSKI", b"KOWALSKI").contains(&Slip::Added));
        assert!(slips(b"KOWXXSKI", b"KOWALSKI").is_empty());
        assert!(slips(b"ABC", b"").is_empty());
    }
}
