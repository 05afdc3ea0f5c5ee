//! NPIP Planner engine: everything that decides or generates lives here.
//!
//! This crate has no web dependencies; the browser app and the `npip` command line are thin layers over it.

pub mod cidr;
pub mod diagram;
pub mod diff;
pub mod edit;
pub mod emit;
pub mod examples;
pub mod finding;
pub mod json;
pub mod order;
pub mod plan;
pub mod quote;
pub mod regions;
pub mod routes;
pub mod rules;
pub mod share;
pub mod sizing;
pub mod text;
pub mod vnet_import;
pub mod zip;

pub use cidr::{Cidr, CidrError};
pub use finding::{has_errors, Field, Finding, Severity, Step};
pub use plan::{read_plan, Plan, ReadError};
pub use text::plural;

/// The engine's version, shown by `npip --version` and in the app's footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
