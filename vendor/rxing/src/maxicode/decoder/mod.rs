mod bit_matrix_parser;
pub mod decoded_bit_stream_parser;
pub mod maxicode_decoder;

pub use bit_matrix_parser::*;
pub use maxicode_decoder::*;
