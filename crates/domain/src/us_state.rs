//! US states, DC, territories and military "states": USPS two-letter codes and
//! full names, so "Tennessee" and "TN" compare equal.

/// The USPS code for a code or a full name, case- and space-insensitive.
pub fn normalize(state: &str) -> Option<&'static str> {
    todo!()
}

/// The full name of a USPS code.
pub fn name(code: &str) -> Option<&'static str> {
    todo!()
}
