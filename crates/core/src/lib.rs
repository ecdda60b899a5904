//! Stage 0 of aprime: the notions every stage shares, each defined and validated here once.
//!
//! - [`grid`]: number lists as written on the command line (`0.01,0.1`, `20,40,...,160`,
//!   `log:LO:HI:N`, `lin:LO:HI:N`) and the log/linear spacing formulae;
//! - [`mass`]: the A' (or any new boson's) mass and the validated mass grid;
//! - [`seed`]: the default seed and the named salts of every derived random stream;
//! - [`rng`]: the generator (Xoshiro256++), the SplitMix64 mixer and the deviates built on it.

pub mod error;
pub mod grid;
pub mod mass;
pub mod rng;
pub mod seed;

pub use error::error_chain;
pub use grid::{GridError, lin_spaced, log_spaced, parse_list};
pub use mass::{MassError, MassGrid, check_mass};
pub use seed::DEFAULT_SEED;
