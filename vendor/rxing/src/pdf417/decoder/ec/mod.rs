mod modulus_gf;
pub use modulus_gf::*;

mod modulus_poly;
pub use modulus_poly::*;

pub mod error_correction;

#[cfg(test)]
mod abstract_error_correction_test_case;
#[cfg(test)]
mod error_correction_test_case;
