//! Where a front's values stand relative to their labels, and what a value is
//! by its shape when no label names it.
//!
//! [`front_labels`] reads a label and the text after it on the same OCR line.
//! Real fronts print a small label ABOVE its value as often as BELOW it or
//! beside it, in two columns, and Tesseract (sparse layout) returns a small
//! label and its big value as separate lines. Taking "the next line" after a
//! label then takes the next cell's value, a wrong field. So, before the
//! line reader runs, every line that is nothing but a label is paired with
//! the nearest line to its right, below or above it (by the boxes), whose
//! text has the shape that label's field needs; when two candidates are
//! about as near, the label stays unpaired (a missing field is better than a
//! wrong one). The pair becomes one `LABEL VALUE` line for [`front_labels`].
//!
//! Then fields no label gave are looked for by shape, at a lower confidence:
//! the dates ordered (date of birth well before issue, expiry last), one
//! licence-number-like token, one `LAST, FIRST` line, the `CITY, ST ZIP` line
//! and the street above it.
//!
//! Pure: boxes and text in, fields out, so it is tested without Tesseract.

use crate::address::{city_state_zip, find_dates};

use super::front_labels::{self, is_street, Field, FrontFields, Line};

/// One OCR line with its box (left, top, right, bottom), in view pixels.
#[derive(Debug, Clone)]
pub struct Placed<'a> {
    pub text: &'a str,
    pub confidence: f32,
    pub bbox: (i32, i32, i32, i32),
}

/// Confidence factor of a field found by its shape alone, not by a label.
pub(super) const SHAPE: f32 = 0.6;

/// A pairing is kept only when the runner-up is this much farther.
const MARGIN: f32 = 1.8;

/// The fields of the label if `text` holds nothing but labels (`DOB`,
/// `4b EXP`, `4d`, `3`, `1,2`), else `None`.
pub(super) fn label_only(text: &str) -> Option<Vec<Field>> {
    let up = text.trim().to_ascii_uppercase();
    // A bare field number alone on its line: `front_labels` only trusts it
    // before a value (`1 SMITH`), here the value is elsewhere.
    let bare = match up.trim_matches(|c: char| c == '.' || c == ':') {
        "1" => Some(Field::LastName),
        "2" => Some(Field::GivenNames),
        "1,2" | "1, 2" => Some(Field::FullName),
        "3" => Some(Field::DateOfBirth),
        "4A" => Some(Field::Issue),
        "4B" => Some(Field::Expiry),
        "4D" => Some(Field::Number),
        "8" => Some(Field::Address),
        "5" | "9" | "9A" | "12" | "15" | "16" | "17" | "18" | "19" => Some(Field::Other),
        _ => None,
    };
    if let Some(f) = bare {
        return Some(vec![f]);
    }
    let hs = front_labels::hits(&up);
    if hs.is_empty() {
        return None;
    }
    // What is left once the labels are cut out: field numbers and separators only.
    let mut rest = String::new();
    let mut at = 0;
    for h in &hs {
        rest.push_str(&up[at..h.start]);
        at = h.end;
    }
    rest.push_str(&up[at..]);
    let leftover_ok = rest.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| matches!(c, ':' | '.' | ',' | '#' | '|'));
        w.is_empty()
            || matches!(
                w,
                "1" | "2" | "3" | "4A" | "4B" | "4D" | "5" | "8" | "9" | "15" | "16" | "NO"
            )
    });
    leftover_ok.then(|| hs.iter().map(|h| h.field).collect())
}

/// Whether `value` has the shape `field` needs.
fn fits(field: Field, value: &str) -> bool {
    let letters_only = |v: &str| {
        v.chars().any(|c| c.is_ascii_alphabetic())
            && v.chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'' | ',' | '.'))
    };
    match field {
        Field::DateOfBirth | Field::Issue | Field::Expiry => !find_dates(value).is_empty(),
        // Not the `CITY, ST ZIP` or street line next to it (`4d` just under
        // the address).
        Field::Number => {
            value.chars().filter(|c| c.is_ascii_digit()).count() >= 4
                && find_dates(value).is_empty()
                && city_state_zip(value).is_none()
                && !is_street(value)
        }
        Field::LastName | Field::GivenNames => letters_only(value) && !value.contains(','),
        Field::FullName => letters_only(value) && value.contains(','),
        Field::Address => is_street(value),
        // A value of a field we do not return is still claimed, so that it
        // is not taken for another field's value.
        Field::Other => value.split_whitespace().count() <= 2,
    }
}

/// How far `v` is from label `l` in label heights, if it stands where a value
/// of that label may stand: right of it on the same row, or below or above it
/// in the same column.
fn distance(l: (i32, i32, i32, i32), v: (i32, i32, i32, i32)) -> Option<f32> {
    // In f32: boxes from a hostile picture must not overflow i32 arithmetic.
    let f = |b: (i32, i32, i32, i32)| (b.0 as f32, b.1 as f32, b.2 as f32, b.3 as f32);
    let (l, v) = (f(l), f(v));
    let h = (l.3 - l.1).max(1.0);
    let (lcy, vcy) = ((l.1 + l.3) / 2.0, (v.1 + v.3) / 2.0);
    let same_row = (vcy - lcy).abs() <= h;
    let right_gap = v.0 - l.2;
    if same_row && right_gap >= -h / 2.0 && right_gap <= 8.0 * h {
        return Some(right_gap.max(0.0) / h);
    }
    // Same column: left edges close, or the spans overlap.
    let aligned = (v.0 - l.0).abs() <= 2.0 * h || (v.0 < l.2 && l.0 < v.2);
    if !aligned {
        return None;
    }
    let below = v.1 - l.3;
    let above = l.1 - v.3;
    let gap = if below >= -h / 2.0 { below } else { above };
    (gap >= -h / 2.0 && gap <= 3.0 * h).then_some(gap.max(0.0) / h)
}

/// One label line and what it may name.
struct Label {
    line: usize,
    fields: Vec<Field>,
}

/// The label's field when all its hits agree (`4b EXP`); `None` for a line
/// of two different labels (`DOB EXP`), which needs [`split_dates`].
fn single(fields: &[Field]) -> Option<Field> {
    let f = *fields.first()?;
    fields.iter().all(|g| *g == f).then_some(f)
}

/// `DOB EXP` over `08/07/1956 08/07/2030`: date labels on one line and as many
/// dates on the value line, paired in order.
fn split_dates(fields: &[Field], value: &str) -> Option<Vec<String>> {
    let dated = |f: &Field| matches!(f, Field::DateOfBirth | Field::Issue | Field::Expiry);
    let dates = find_dates(value);
    (fields.len() > 1 && fields.iter().all(dated) && dates.len() == fields.len()).then_some(dates)
}

/// The fields of a front from its placed OCR lines.
pub fn read_placed(lines: &[Placed<'_>]) -> FrontFields {
    let labels: Vec<Label> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| label_only(l.text).map(|fields| Label { line: i, fields }))
        .collect();
    let is_label: Vec<bool> = (0..lines.len())
        .map(|i| labels.iter().any(|l| l.line == i))
        .collect();
    // Every plausible (distance, label, value line), nearest first.
    let mut options: Vec<(f32, usize, usize)> = vec![];
    for (k, lab) in labels.iter().enumerate() {
        for (j, v) in lines.iter().enumerate() {
            if is_label[j] || j == lab.line {
                continue;
            }
            let shape_ok = match single(&lab.fields) {
                Some(f) => fits(f, v.text.trim()),
                None => split_dates(&lab.fields, v.text).is_some(),
            };
            if !shape_ok {
                continue;
            }
            if let Some(d) = distance(lines[lab.line].bbox, v.bbox) {
                options.push((d, k, j));
            }
        }
    }
    options.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Greedy, nearest first; a label whose two nearest candidates are about
    // as near stays unpaired, and so does a value two labels want equally.
    let mut label_done = vec![false; labels.len()];
    let mut value_done = vec![false; lines.len()];
    let mut paired: Vec<(usize, String, f32)> = vec![];
    for &(d, k, j) in &options {
        if label_done[k] || value_done[j] {
            continue;
        }
        let near = |d2: f32| d2 < (d * MARGIN).max(d + 0.5);
        let other_value = options
            .iter()
            .any(|&(d2, k2, j2)| k2 == k && j2 != j && !value_done[j2] && near(d2));
        let other_label = options
            .iter()
            .any(|&(d2, k2, j2)| j2 == j && k2 != k && !label_done[k2] && near(d2));
        label_done[k] = true;
        if other_label {
            // Nobody gets a value two labels want about equally.
            value_done[j] = true;
        }
        if other_value || other_label {
            continue;
        }
        value_done[j] = true;
        let lab = &labels[k];
        let (lt, vt) = (lines[lab.line].text.trim(), lines[j].text.trim());
        let conf = lines[lab.line].confidence.min(lines[j].confidence);
        let text = match split_dates(&lab.fields, vt) {
            // One `LABEL DATE` line per label, read by the line reader.
            Some(dates) => {
                let up = lt.to_ascii_uppercase();
                let hs = front_labels::hits(&up);
                hs.iter()
                    .zip(dates)
                    .map(|(h, d)| format!("{} {}", &up[h.start..h.end], iso_to_us(&d)))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            None => format!("{} {vt}", label_text(lt)),
        };
        paired.push((lab.line, text, conf));
    }
    // The line reader gets: the pairs (at the label's place), and every line
    // that is neither a label nor a paired value. A label left unpaired is
    // dropped: the line reader would give it the next line, maybe a wrong one.
    let mut rows: Vec<((i32, i32), String, f32)> = vec![];
    for (i, l) in lines.iter().enumerate() {
        if let Some((_, t, c)) = paired.iter().find(|p| p.0 == i) {
            rows.push(((l.bbox.1, l.bbox.0), t.clone(), *c));
        } else if !is_label[i] && !value_done[i] {
            rows.push((
                (l.bbox.1, l.bbox.0),
                l.text.trim().to_string(),
                l.confidence,
            ));
        }
    }
    rows.sort_by_key(|r| r.0);
    let for_reader: Vec<Line> = rows
        .iter()
        .map(|r| Line {
            text: &r.1,
            confidence: r.2,
        })
        .collect();
    let mut out = front_labels::read(&for_reader);
    by_shape(&mut out, lines);
    super::front_stacked::stacked_names(&mut out, lines);
    drop_address_names(&mut out, lines);
    out
}

/// A name that is a word of the `CITY, ST ZIP` line (`PORTLAND`, `GA`) or a
/// single letter came from a label paired with the wrong line, or from OCR
/// debris: not given.
fn drop_address_names(out: &mut FrontFields, lines: &[Placed<'_>]) {
    let place_words: Vec<String> = lines
        .iter()
        .filter(|l| city_state_zip(l.text.trim()).is_some())
        .flat_map(|l| {
            l.text
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty())
                .map(|w| w.to_ascii_uppercase())
                .collect::<Vec<_>>()
        })
        .collect();
    let bad = |v: &Option<(String, f32)>| {
        v.as_ref()
            .is_some_and(|(n, _)| n.len() < 2 || place_words.iter().any(|w| w == n))
    };
    if bad(&out.last_name) {
        out.last_name = None;
    }
    if bad(&out.first_name) {
        out.first_name = None;
        out.middle_name = None;
    }
}

/// The label as the line reader knows it: a bare number alone on its line
/// (`4d`, `3`, `1,2`) becomes the word it stands for.
fn label_text(t: &str) -> String {
    match t
        .to_ascii_uppercase()
        .trim_matches(|c: char| c == '.' || c == ':')
    {
        "1" => "LAST NAME".into(),
        "2" => "GIVEN NAMES".into(),
        "1,2" | "1, 2" => "NAME".into(),
        "3" => "DOB".into(),
        "4A" => "ISS".into(),
        "4B" => "EXP".into(),
        "4D" => "DLN".into(),
        "8" => "ADDRESS".into(),
        "5" | "9" | "9A" | "12" | "15" | "16" | "17" | "18" | "19" => "CLASS".into(),
        other => other.to_string(),
    }
}

/// `1956-08-07` back to `08/07/1956`, which the line reader parses.
fn iso_to_us(d: &str) -> String {
    match (d.get(0..4), d.get(5..7), d.get(8..10)) {
        (Some(y), Some(m), Some(dd)) => format!("{m}/{dd}/{y}"),
        _ => d.to_string(),
    }
}

/// Years between two ISO dates, roughly (by the year digits).
fn years(a: &str, b: &str) -> i32 {
    let y = |d: &str| d.get(0..4).and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    y(b) - y(a)
}

/// Fields no label gave, by their shape (see the module doc), at [`SHAPE`] ×
/// the line's confidence.
fn by_shape(out: &mut FrontFields, lines: &[Placed<'_>]) {
    let mut dates: Vec<(String, f32)> = vec![];
    for l in lines {
        for d in find_dates(l.text) {
            if !dates.iter().any(|(e, _)| *e == d) {
                dates.push((d, l.confidence));
            }
        }
    }
    dates.sort_by(|a, b| a.0.cmp(&b.0));
    let taken = |out: &FrontFields, d: &str| {
        [&out.date_of_birth, &out.issue_date, &out.expiry_date]
            .iter()
            .any(|f| f.as_ref().is_some_and(|(v, _)| v == d))
    };
    // Date of birth: the earliest date, at least 14 years before every other
    // one (a licence is issued at 14 at the earliest).
    if out.date_of_birth.is_none() && dates.len() >= 2 {
        let (d, c) = &dates[0];
        if !taken(out, d) && dates[1..].iter().all(|(o, _)| years(d, o) >= 14) {
            out.date_of_birth = Some((d.clone(), c * SHAPE));
        }
    }
    // Expiry: the latest of exactly three dates (birth, issue, expiry) when
    // the earliest is the birth date; with two the other could be either.
    if out.expiry_date.is_none() && dates.len() == 3 {
        let dob_ok = out
            .date_of_birth
            .as_ref()
            .is_some_and(|(d, _)| *d == dates[0].0);
        let (d, c) = &dates[2];
        if dob_ok && !taken(out, d) && years(&dates[1].0, d) >= 1 {
            out.expiry_date = Some((d.clone(), c * SHAPE));
        }
    }
    let csz = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| city_state_zip(l.text.trim()).map(|c| (i, c)));
    if out.city.is_none() {
        if let Some((i, (_, city, st, zip))) = &csz {
            let c = lines[*i].confidence * SHAPE;
            out.city = Some((city.clone(), c));
            out.state = Some((st.clone(), c));
            out.postal_code = Some((zip.clone(), c));
            if out.street.is_none() {
                // The street: the nearest street-shaped line just above.
                let b = lines[*i].bbox;
                let above = lines
                    .iter()
                    .filter(|l| is_street(l.text.trim()) && l.bbox.3 <= b.1.saturating_add(4))
                    .filter_map(|l| distance(b, l.bbox).map(|d| (d, l)))
                    .min_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, l)) = above {
                    out.street = Some((l.text.trim().to_string(), l.confidence * SHAPE));
                }
            }
        }
    }
    if out.document_number.is_none() {
        let mut found: Vec<(String, f32)> = vec![];
        for l in lines {
            for t in l.text.split_whitespace() {
                if let Some(n) = licence_number_shape(t) {
                    if !found.iter().any(|(f, _)| *f == n) {
                        found.push((n, l.confidence));
                    }
                }
            }
        }
        if let [(n, c)] = found.as_slice() {
            out.document_number = Some((n.clone(), c * SHAPE));
        }
    }
    if out.last_name.is_none() {
        let names: Vec<(Vec<String>, f32)> = lines
            .iter()
            .filter_map(|l| comma_name(l.text.trim()).map(|w| (w, l.confidence)))
            .collect();
        if let [(w, c)] = names.as_slice() {
            out.last_name = Some((w[0].clone(), c * SHAPE));
            if out.first_name.is_none() {
                out.first_name = Some((w[1].clone(), c * SHAPE));
                if w.len() > 2 && out.middle_name.is_none() {
                    out.middle_name = Some((w[2..].join(" "), c * SHAPE));
                }
            }
        }
    }
}

/// A token shaped like a US licence number: 7 to 10 characters, at most two
/// leading letters, the rest digits (`S62862683`, `D12345678`, `123456789`).
/// Longer digit runs are more often document discriminators (`5 DD`, whose
/// label OCR may miss) than numbers: a licence number of 11 or more is left
/// to its label.
fn licence_number_shape(t: &str) -> Option<String> {
    let t = t.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let letters = t.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let digits = &t[letters..];
    let ok = (7..=10).contains(&t.len())
        && letters <= 2
        && digits.len() >= 7
        && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| t.to_ascii_uppercase())
}

/// `OKAFOR, JOSE Q`: letters only, one comma after the first word or two,
/// a given name after it. Not a `CITY, ST` line.
fn comma_name(t: &str) -> Option<Vec<String>> {
    let up = t.to_ascii_uppercase();
    let (last, rest) = up.split_once(',')?;
    let word_ok = |w: &str| {
        w.len() > 1
            && w.chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
    };
    let lasts: Vec<&str> = last.split_whitespace().collect();
    let givens: Vec<&str> = rest.split_whitespace().collect();
    let ok = (1..=2).contains(&lasts.len())
        && lasts.iter().all(|w| word_ok(w))
        && (1..=3).contains(&givens.len())
        && word_ok(givens[0])
        && givens[1..].iter().all(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        // `MIAMI, FL`: a state code after the comma is a place.
        && !(givens.len() == 1 && givens[0].len() == 2);
    ok.then(|| {
        let mut w = vec![lasts.join(" ")];
        w.extend(givens.iter().map(|g| g.to_string()));
        w
    })
}

#[cfg(test)]
#[path = "front_layout_tests.rs"]
mod tests;
