//! How long the pictures take to draw and how big they are, for every example plan. Prints figures; asserts nothing.
//!
//! `cargo bench -p npip-core --bench diagrams`

use npip_core::diagram::{address_map_svg, network_svg, DiagramOptions, DiagramSize};
use npip_core::Plan;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `draw` repeatedly for about `budget`, returning the mean time per call and the output size.
fn measure(budget: Duration, draw: impl Fn() -> String) -> (Duration, usize) {
    let bytes = draw().len();
    // Warm up, then time batches until the budget is spent.
    for _ in 0..20 {
        black_box(draw());
    }
    let start = Instant::now();
    let mut runs: u32 = 0;
    while start.elapsed() < budget {
        for _ in 0..50 {
            black_box(draw());
        }
        runs += 50;
    }
    (start.elapsed() / runs.max(1), bytes)
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let mut plans: Vec<(String, Plan)> = std::fs::read_dir(dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable example");
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, serde_json::from_str(&text).expect("example plan"))
        })
        .collect();
    plans.sort_by(|a, b| a.0.cmp(&b.0));
    let budget = Duration::from_millis(300);
    let full = DiagramOptions::default();
    let compact = DiagramOptions {
        size: DiagramSize::Compact,
        ..DiagramOptions::default()
    };
    println!(
        "{:<24} {:>13} {:>9} {:>13} {:>9} {:>13} {:>9}",
        "plan", "network µs", "bytes", "compact µs", "bytes", "map µs", "bytes"
    );
    let mut worst = Duration::ZERO;
    for (name, plan) in &plans {
        let (net, net_bytes) = measure(budget, || network_svg(plan, &[], &full));
        let (small, small_bytes) = measure(budget, || network_svg(plan, &[], &compact));
        let (map, map_bytes) = measure(budget, || address_map_svg(plan, &[], &full));
        worst = worst.max(net).max(small).max(map);
        println!(
            "{:<24} {:>13.1} {:>9} {:>13.1} {:>9} {:>13.1} {:>9}",
            name,
            net.as_secs_f64() * 1e6,
            net_bytes,
            small.as_secs_f64() * 1e6,
            small_bytes,
            map.as_secs_f64() * 1e6,
            map_bytes
        );
    }
    println!("slowest picture: {:.1} µs (native, release)", worst.as_secs_f64() * 1e6);
}
