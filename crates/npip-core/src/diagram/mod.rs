//! Pictures of a plan, drawn as SVG text: the network diagram and the address-space map.
//!
//! Both take the findings as an argument, so they draw whatever validation found without depending on how it is
//! done: a finding marks the element its field belongs to ([`marks::element_of`]). The output is a complete SVG
//! document (no XML prolog), deterministic, with a `<title>`, a `<desc>` that says in words what the picture shows,
//! and colours taken from CSS custom properties so the app can theme it. Class names and properties are documented
//! in docs/diagrams.md. Nothing here panics on any plan, however wrong its values.

mod address_map;
mod draw;
#[cfg(test)]
mod layout_tests;
pub mod marks;
mod network;
mod style;
mod svg;
pub(crate) mod text;

use crate::finding::Finding;
use crate::plan::Plan;

pub use marks::{element_of, Element};
pub use style::{contrast, Token, GRAPHIC_PAIRS, PALETTE, TEXT_PAIRS};

/// How big a picture is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DiagramSize {
    /// The whole picture, laid out for 1280 pixels wide (the review step, a projector, the download).
    #[default]
    Full,
    /// A small, narrow version with the essentials (beside the egress and address-space steps).
    Compact,
}

/// Which colours the embedded style sheet uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the reader's colour scheme (`prefers-color-scheme`), unless the page's root element says
    /// `data-theme="light"` or `"dark"`, or the SVG root carries the class `npip-light` or `npip-dark`.
    #[default]
    Auto,
    Light,
    Dark,
}

/// How to draw a picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagramOptions {
    pub size: DiagramSize,
    pub theme: Theme,
    /// Start of every `id` inside the picture. Pictures shown on one page need different prefixes (the network
    /// diagram and the address map already differ). Letters, digits, `-` and `_`, starting with a letter.
    pub id_prefix: String,
}

impl Default for DiagramOptions {
    fn default() -> Self {
        DiagramOptions {
            size: DiagramSize::Full,
            theme: Theme::Auto,
            id_prefix: "npip".to_string(),
        }
    }
}

impl DiagramOptions {
    pub fn compact() -> Self {
        DiagramOptions {
            size: DiagramSize::Compact,
            ..DiagramOptions::default()
        }
    }

    /// The id prefix with anything unsafe for an XML id or a CSS selector removed.
    fn safe_prefix(&self) -> String {
        let cleaned: String = self
            .id_prefix
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(40)
            .collect();
        if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
            cleaned
        } else {
            "npip".to_string()
        }
    }
}

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
