//! The network diagram. Full size reads left to right: the VNet (or the managed VNet) with its subnets and NSG, the
//! egress path of the chosen option, then where traffic goes (the control plane, Azure services, the internet).
//! Arrows point the way connections are opened. The compact size stacks the same story top to bottom.
//!
//! From the plan to the picture, one way down: `model.rs` (what the picture shows), `describe.rs` (the same in
//! words), `cards.rs` (what each box says), `layout.rs` (where the boxes go), `paint.rs` (the SVG).

mod cards;
mod describe;
mod layout;
mod model;
mod paint;

use super::marks::Marks;
use super::options::{DiagramOptions, DiagramSize};
use crate::finding::Finding;
use crate::plan::Plan;

pub fn draw(plan: &Plan, findings: &[Finding], options: &DiagramOptions) -> String {
    let marks = Marks::for_network(findings);
    let facts = model::Facts::of(plan);
    let title = format!("Network diagram: {}", facts.workspace);
    let desc = describe::describe(&facts, &marks);
    match options.size {
        DiagramSize::Full => paint::full(&facts, &marks, options, &title, &desc),
        DiagramSize::Compact => paint::compact(&facts, &marks, options, &title, &desc),
    }
}
