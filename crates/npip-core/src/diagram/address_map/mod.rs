//! The address-space map. Each VNet prefix (one for a new or managed VNet, one or more for an existing VNet) is a
//! bar from its first to its last address. The subnets, the avoid-list ranges that fall inside and the free space
//! are drawn in proportion, except that every range gets a minimum width so that tiny ones stay visible and
//! labelled, and a bigger range is never drawn narrower than a smaller one. Ranges that overlap go on separate lanes
//! and the shared addresses are hatched on an overlap lane, so an overlap is never hidden. The table below each bar
//! lists every range in words; avoid ranges carry the number the app and the findings give them ("Avoid range 3").
//!
//! From the plan to the picture, one way down: `model.rs` (the ranges and each prefix's pieces), `layout.rs`
//! (where each address falls), `describe.rs` (the map in words), `paint.rs` (the SVG).

mod describe;
mod layout;
mod model;
mod paint;

use super::draw::Type;
use super::marks::Marks;
use super::options::DiagramOptions;
use crate::finding::Finding;
use crate::plan::Plan;
use layout::{Bar, Geometry};
use model::{Input, Section};
use paint::Painter;

pub fn draw(plan: &Plan, findings: &[Finding], options: &DiagramOptions) -> String {
    let marks = Marks::for_address_map(findings);
    let input = Input::of(plan);
    let layout = Geometry::of(options.size);
    let bars: Vec<Bar> = input
        .prefixes
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            p.cidr
                .map(|cidr| Bar::lay_out(Section::build(i, cidr, &input), &layout))
        })
        .collect();
    let title = format!("Address map: {}", input.vnet_name);
    let desc = describe::describe(&input, &bars, &marks);
    Painter {
        input: &input,
        marks: &marks,
        layout,
        ty: Type::of(options.size),
    }
    .paint(options, &bars, &title, &desc)
}
