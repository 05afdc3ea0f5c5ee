//! Pictures of a plan, drawn as SVG text: the network diagram and the address-space map.
//!
//! Both take the findings as an argument, so they draw whatever validation found without depending on how it is
//! done: a finding marks the element its field belongs to ([`marks::element_of`]). The output is a complete SVG
//! document (no XML prolog), deterministic, with a `<title>`, a `<desc>` that says in words what the picture shows,
//! and colours taken from CSS custom properties so the app can theme it. Class names and properties are documented
//! in docs/diagrams.md. Nothing here panics on any plan, however wrong its values. The `_for` functions draw a
//! [`Checked`] plan with its own findings.

mod address_map;
mod draw;
#[cfg(test)]
mod layout_tests;
pub mod marks;
mod network;
mod options;
mod shown;
mod style;
mod svg;
mod text;

use crate::finding::Finding;
use crate::plan::Plan;
use crate::rules::Checked;

pub use marks::{element_of, Element};
pub use options::{DiagramOptions, DiagramSize, Theme};
pub use style::{contrast, Token, GRAPHIC_PAIRS, PALETTE, TEXT_PAIRS};

/// The network diagram: control plane, the VNet (or the managed VNet) with its subnets and NSG, the egress path,
/// and arrows for who opens which connection. Findings mark the element they concern.
pub fn network_svg(plan: &Plan, findings: &[Finding], options: &DiagramOptions) -> String {
    // The normalised copy, as the rules judged it and the emitters write it: a pasted " 10.1.0.0/16 " is drawn as
    // the range it is, labelled without its spaces.
    network::draw(&plan.normalised(), findings, options)
}

/// The address-space map: each VNet prefix as a bar holding the subnets, free space and avoid-list ranges, with
/// overlaps drawn as overlaps, and a table of every range below.
pub fn address_map_svg(plan: &Plan, findings: &[Finding], options: &DiagramOptions) -> String {
    address_map::draw(&plan.normalised(), findings, options)
}

/// [`network_svg`] of a checked plan with its own findings (no second copy of the plan).
pub fn network_svg_for(checked: &Checked, options: &DiagramOptions) -> String {
    network::draw(checked.plan(), checked.findings(), options)
}

/// [`address_map_svg`] of a checked plan with its own findings.
pub fn address_map_svg_for(checked: &Checked, options: &DiagramOptions) -> String {
    address_map::draw(checked.plan(), checked.findings(), options)
}
