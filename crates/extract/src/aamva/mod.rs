//! AAMVA DL/ID card data (the PDF417 payload on the back of US and Canadian
//! licences and IDs): versions 1–10 and the deviations real scanners produce.

mod fields;
mod header;
pub mod iin;
mod record;

pub use fields::{parse_date, parse_postal, parse_sex, DateOrder};
pub use header::{parse_header, Header, SubfileEntry};
pub use record::{parse, AamvaRecord};

use thiserror::Error;

/// Why a payload is not an AAMVA card.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AamvaError {
    /// No `@` compliance indicator followed by `ANSI`/`AAMVA`.
    #[error("no AAMVA header")]
    NoHeader,
    /// The header is malformed.
    #[error("malformed AAMVA header: {0}")]
    BadHeader(&'static str),
    /// No `DL` or `ID` subfile was found.
    #[error("no DL or ID subfile")]
    NoSubfile,
    /// The subfile lacks the elements every card must carry.
    #[error("AAMVA subfile lacks {0}")]
    Missing(&'static str),
}

#[cfg(test)]
mod tests;
