//! Finding dates in free text: "January 5, 2026", "Jan 5 2026", "01/05/2026",
//! "2026-01-05".

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    ((1900..=2199).contains(&y) && crate::calendar::is_real_date(y, m, d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.to_ascii_uppercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn num(s: &str) -> Option<u32> {
    let t = s.trim_matches(|c: char| !c.is_ascii_digit());
    if t.is_empty() || t.len() > 4 {
        return None;
    }
    t.parse().ok()
}

fn trailing_digits(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

fn leading_digits(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Every date in `line`, in order, as ISO strings.
pub fn find_dates(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i]
            .trim_matches(|c: char| c == ',' || c == '(' || c == ')' || c == ';' || c == '.');
        // Numeric forms.
        let sep = if w.contains('/') {
            Some('/')
        } else if w.matches('-').count() == 2 {
            Some('-')
        } else if w.matches('.').count() >= 2 {
            Some('.')
        } else {
            None
        };
        if let Some(sep) = sep {
            let p: Vec<&str> = w.trim_end_matches('.').split(sep).collect();
            if p.len() == 3 {
                // A card front's OCR glues the label to the date
                // (`3DOB08/07/1956`, `EXP:08/07/2030R`): the first part's
                // trailing digits and the last part's leading digits count.
                let (p0, p2) = (trailing_digits(p[0]), leading_digits(p[2]));
                let (a, b, c) = (num(p0), num(p[1]), num(p2));
                let d = match (a, b, c) {
                    (Some(y), Some(m), Some(d)) if p0.len() == 4 && p2.len() <= 2 => valid(y, m, d),
                    (Some(m), Some(d), Some(y)) if p0.len() <= 2 && p2.len() == 4 => valid(y, m, d),
                    (Some(m), Some(d), Some(y)) if p0.len() <= 2 && p2.len() == 2 && sep != '.' => {
                        valid(2000 + y, m, d)
                    }
                    _ => None,
                };
                if let Some(d) = d {
                    out.push(d);
                    i += 1;
                    continue;
                }
            }
            if let [a, b] = p[..] {
                // OCR lost one slash of `06/06/2025`: `0606/2025`, `06/062025`.
                let (a, b) = (trailing_digits(a), leading_digits(b));
                let d = match (a.len(), b.len()) {
                    (4, 4) => valid(
                        num(b).unwrap_or(0),
                        num(&a[..2]).unwrap_or(0),
                        num(&a[2..]).unwrap_or(0),
                    ),
                    (2, 6) => valid(
                        num(&b[2..]).unwrap_or(0),
                        num(a).unwrap_or(0),
                        num(&b[..2]).unwrap_or(0),
                    ),
                    _ => None,
                };
                if let (Some(d), '/') = (d, sep) {
                    out.push(d);
                    i += 1;
                    continue;
                }
            }
        }
        // "Month D, YYYY" / "D Month YYYY".
        if let Some(m) = month_of(w) {
            if let (Some(d), Some(y)) = (
                words.get(i + 1).and_then(|s| num(s)),
                words.get(i + 2).and_then(|s| num(s)),
            ) {
                if let Some(iso) = valid(y, m, d) {
                    out.push(iso);
                    i += 3;
                    continue;
                }
            }
        }
        if let (Some(d), Some(m), Some(y)) = (
            num(w),
            words.get(i + 1).and_then(|s| month_of(s)),
            words.get(i + 2).and_then(|s| num(s)),
        ) {
            if let Some(iso) = valid(y, m, d) {
                out.push(iso);
                i += 3;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(
            find_dates("Lease Term: January 1, 2026 to December 31, 2026"),
            vec!["2026-01-01", "2026-12-31"]
        );
        assert_eq!(
            find_dates("Policy Period: 03/01/2026 to 03/01/2027"),
            vec!["2026-03-01", "2027-03-01"]
        );
        assert_eq!(
            find_dates("issued 2026-02-03; 5 Mar 2027"),
            vec!["2026-02-03", "2027-03-05"]
        );
        assert!(find_dates("Rent $1,450.00 due on the 1st").is_empty());
        assert!(find_dates("13/45/2026").is_empty());
    }

    #[test]
    fn dates_glued_to_card_labels() {
        assert_eq!(find_dates("3DOB08/07/1956"), vec!["1956-08-07"]);
        assert_eq!(find_dates("4bEXP:08/07/2030R"), vec!["2030-08-07"]);
        assert_eq!(find_dates("DOB 1956.08.07"), vec!["1956-08-07"]);
        assert_eq!(find_dates("EXP 08.07.2030."), vec!["2030-08-07"]);
        // A price or a version number is not a date.
        assert!(find_dates("$1.450.00 10.2.3").is_empty());
        assert!(find_dates("12345/07/1956").is_empty());
    }

    #[test]
    fn a_date_that_lost_one_slash() {
        // Dev address draw 2037, an insurance card photographed.
        assert_eq!(find_dates("Effective date 0606/2025"), vec!["2025-06-06"]);
        assert_eq!(find_dates("06/062025"), vec!["2025-06-06"]);
        assert!(find_dates("1350/2025 4/5 0606-2025").is_empty());
    }
}
