//! NPIP Planner engine: everything that decides or generates lives here.
//!
//! This crate has no web dependencies; the browser app and the `npip` command line are thin layers over it.

pub mod cidr;
pub mod deploy;
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
pub mod rules;
pub mod share;
pub mod sizing;
pub mod vnet_import;
pub mod zip;

pub use cidr::{Cidr, CidrError};
pub use finding::{has_errors, Field, Finding, Severity, Step};
pub use plan::{read_plan, Plan, ReadError};

/// A count and its noun, `1 error` or `3 errors`: the pictures, the VNet import and the design record word counts so.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// The engine's version, shown by `npip --version` and in the app's footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
