//! NPIP Planner engine: everything that decides or generates lives here.
//!
//! This crate has no web dependencies; the browser app and the `npip` command line are thin layers over it.

pub mod cidr;
pub mod diagram;
pub mod finding;
pub mod plan;
pub mod rules;

pub use cidr::{Cidr, CidrError};
pub use finding::{Field, Finding, Severity, Step};
pub use plan::Plan;

/// The engine's version, shown by `npip --version` and in the app's footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
