//! Engine benchmarks: `cargo bench -p npip-core` prints the median and 95th percentile per operation.
//!
//! No framework: a small timing helper, so that other operations (emitters, diagrams) are one `bench(...)` call away.

use npip_core::cidr::Cidr;
use npip_core::examples::example;
use npip_core::plan::read_plan;
use npip_core::rules::validate;
use npip_core::sizing::suggest_subnets;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `op` `iterations` times (after a short warm-up), timing each run, and prints median and p95.
fn bench<T>(name: &str, iterations: usize, mut op: impl FnMut() -> T) -> Duration {
    for _ in 0..iterations.div_ceil(10) {
        black_box(op());
    }
    let mut samples: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            black_box(op());
            start.elapsed()
        })
        .collect();
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    let (median, p95) = (at(0.5), at(0.95));
    println!(
        "{name:<56} median {:>10.2?}   p95 {:>10.2?}   ({iterations} iterations)",
        median, p95
    );
    median
}

/// `count` distinct /28 ranges spread over the VNet, deterministic (a fixed linear congruential sequence), leaving
/// a free /22 pair somewhere for the suggestion to find.
fn avoid_ranges(vnet: Cidr, count: usize) -> Vec<Cidr> {
    let mut state: u32 = 0x2545_f491;
    let blocks = (vnet.size() / 16) as u32;
    let mut ranges = Vec::with_capacity(count);
    while ranges.len() < count {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let block = (state >> 8) % blocks;
        // Keep the top /20 of the VNet free.
        if block >= blocks - 256 {
            continue;
        }
        ranges.push(Cidr::containing(vnet.network() + block * 16, 28));
    }
    ranges
}

fn main() {
    println!("npip-core engine benchmarks");
    let typical = read_plan(example("nat-gateway").map(|e| e.text).unwrap_or_default()).expect("example reads");
    let firewall = read_plan(example("firewall").map(|e| e.text).unwrap_or_default()).expect("example reads");
    let text = example("existing-vnet").map(|e| e.text).unwrap_or_default();

    bench("read_plan (existing-vnet example)", 20_000, || read_plan(text));
    bench("validate (nat-gateway example)", 20_000, || validate(&typical));
    bench("validate (firewall example)", 20_000, || validate(&firewall));

    let vnet: Cidr = "10.0.0.0/16".parse().expect("literal CIDR");
    let avoid = avoid_ranges(vnet, 10_000);
    match suggest_subnets(vnet, 1000, &avoid) {
        Ok(s) => println!(
            "  (suggestion against 10,000 avoid ranges: host {}, container {})",
            s.host, s.container
        ),
        Err(e) => println!("  (suggestion against 10,000 avoid ranges failed: {e})"),
    }
    let mut crowded = typical.clone();
    crowded.avoid = avoid_ranges("10.180.0.0/16".parse().expect("literal CIDR"), 10_000)
        .into_iter()
        .map(|c| npip_core::plan::AvoidRange {
            cidr: c.to_string(),
            label: String::new(),
        })
        .collect();
    bench("validate (nat-gateway, 10,000 avoid ranges)", 500, || {
        validate(&crowded)
    });
    let median = bench("suggest_subnets (/16, 10,000 avoid ranges, 1000 nodes)", 500, || {
        suggest_subnets(vnet, 1000, &avoid)
    });
    println!(
        "  target: suggest with 10,000 avoid ranges <= 2 ms: {}",
        if median <= Duration::from_millis(2) {
            "met"
        } else {
            "MISSED"
        }
    );
}
