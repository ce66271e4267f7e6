//! Locating and reading the MRZ band in a photo (filled in below).
