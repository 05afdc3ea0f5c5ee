//! How long the pictures take to draw and how big they are, for every example plan. Prints figures; asserts nothing.
//!
//! `cargo bench -p npip-core --bench diagrams`

mod support;

use npip_core::diagram::{address_map_svg, network_svg, DiagramOptions, DiagramSize};
use npip_core::examples::EXAMPLES;
use npip_core::plan::read_plan;
use std::time::Duration;
use support::measure;

fn main() {
    let budget = Duration::from_millis(300);
    let full = DiagramOptions::default();
    let compact = DiagramOptions {
        size: DiagramSize::Compact,
        ..DiagramOptions::default()
    };
    println!(
        "{:<24} {:>13} {:>9} {:>13} {:>9} {:>13} {:>9}",
        "plan (median)", "network µs", "bytes", "compact µs", "bytes", "map µs", "bytes"
    );
    let mut slowest = Duration::ZERO;
    for example in EXAMPLES {
        let Ok(plan) = read_plan(example.text) else {
            println!("{:<24} does not read", example.name);
            continue;
        };
        let mut row = format!("{:<24}", example.name);
        for (draw, options) in [
            (network_svg as fn(_, _, _) -> String, &full),
            (network_svg, &compact),
            (address_map_svg, &full),
        ] {
            let bytes = draw(&plan, &[], options).len();
            let timing = measure(budget, || draw(&plan, &[], options));
            slowest = slowest.max(timing.median);
            row.push_str(&format!(" {:>13.1} {:>9}", timing.median.as_secs_f64() * 1e6, bytes));
        }
        println!("{row}");
    }
    println!(
        "slowest picture: {:.1} µs median (native, release)",
        slowest.as_secs_f64() * 1e6
    );
}
