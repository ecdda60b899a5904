//! Summaries printed on standard output that more than one command prints: the limits of a
//! report (`run`, `limits`), a shower result (`shower`, `merge`) and A' yields (`yield`,
//! `merge`).

mod report;
mod shower;
mod yields;

pub use report::print_report;
pub use shower::print_shower;
pub use yields::print_yields;
