//! ISO 3166-1 countries: name, alpha-2, alpha-3 (the `country` object of documents).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub name: &'static str,
    pub iso2: &'static str,
    pub iso3: &'static str,
}

/// Case-insensitive lookup by alpha-3.
pub fn by_iso3(code: &str) -> Option<&'static Country> {
    todo!()
}
