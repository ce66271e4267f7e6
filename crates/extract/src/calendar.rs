//! The Gregorian calendar check every date reader shares.

/// Whether `y-m-d` is a real calendar date (any year; callers bound the range).
pub fn is_real_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::is_real_date;

    #[test]
    fn months_and_leap_years() {
        assert!(is_real_date(2024, 2, 29));
        assert!(!is_real_date(2023, 2, 29));
        assert!(!is_real_date(1900, 2, 29));
        assert!(is_real_date(2000, 2, 29));
        assert!(!is_real_date(2026, 4, 31));
        assert!(is_real_date(2026, 12, 31));
        assert!(
            !is_real_date(2026, 13, 1) && !is_real_date(2026, 0, 1) && !is_real_date(2026, 1, 0)
        );
    }
}
