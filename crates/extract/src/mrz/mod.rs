//! Machine-readable zones (ICAO 9303): parser for TD1, TD2, TD3 and MRV-A/B
//! with every check digit, OCR-confusion repair, and the photo reader.

mod assemble;
mod cells_vote;
mod check;
mod collide;
mod doubled;
mod fillers;
mod inserted;
mod locate;
mod margins;
mod mixed_passes;
mod names_filler;
mod names_mend;
mod names_near;
mod names_shape;
mod names_vote;
mod names_witness;
mod ocrb;
mod ocrb_cell;
mod parse;
pub mod read;
mod reads;
mod repair;
mod repair_check;
mod second_read;
mod state_glyph;
pub(crate) mod state_twin;
mod states;
mod tess_number;
#[doc(hidden)]
pub mod text_chain;
mod trust;
pub mod viz;
pub mod viz_choose;
mod viz_date;
mod viz_names;
mod viz_number;
mod viz_rival;
mod viz_settle;
mod viz_text;
mod zone_read;

pub use check::{char_value, check_digit};
pub use locate::{locate, Band};
pub use ocrb::read_band;
pub use parse::{parse, parse_lines, Mrz, MrzChecks, MrzError, MrzFormat};
pub use read::{read_mrz, read_mrz_all, MrzRead};
pub use repair::{repair, repair_spent};
pub use states::is_state;

/// Whether to trace the reader on stderr (`COLLECKT_DEBUG_MRZ=1`, for
/// `cargo run --example probe`): bands, blobs, lines and every read.
fn debug() -> bool {
    std::env::var_os("COLLECKT_DEBUG_MRZ").is_some()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_collide;
#[cfg(test)]
mod tests_read;
