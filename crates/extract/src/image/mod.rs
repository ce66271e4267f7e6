//! Image intake: bounded decoding with EXIF orientation, grey-level helpers
//! shared by every reader, and the quality report.

pub mod components;
mod decode;
pub mod filter;
pub mod ops;
mod png_luma;
mod quality;
#[cfg(test)]
pub(crate) mod test_scenes;

pub use decode::{decode, DecodedImage, MAX_ALLOC_BYTES, MAX_PIXELS};
pub use quality::{quality, Quality};
