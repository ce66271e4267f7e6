//! AAMVA DL/ID card data (the PDF417 payload on the back of US and Canadian
//! licences and IDs): versions 1–10 and the deviations real scanners produce.

mod fields;
mod header;
pub mod iin;
mod names;
mod normalise;
mod record;
mod scrub;
mod unseparated;

pub use fields::{parse_date, parse_postal, parse_sex, DateOrder};
pub use header::{parse_header, Header, SubfileEntry};
pub use names::{split_full_name, split_given, Name};
pub use record::{parse, AamvaRecord, Truncation};

use thiserror::Error;

/// Why a payload is not an AAMVA card.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AamvaError {
    /// No `ANSI`/`AAMVA` file type near the start (after an `@`, or before
    /// an issuer number): not a card's payload.
    #[error("no AAMVA header")]
    NoHeader,
    /// A header, but not a single data element after it.
    #[error("no DL or ID subfile")]
    NoSubfile,
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_wild;
