//! Engine benchmarks: median and p95 of each step, printed. Run with `cargo bench -p npip-core` (or `./x bench`).
//!
//! Target: validate + emit of every artifact for a typical plan at most 50 µs (release build). The typical plan is
//! the firewall example, the variant that emits the most: template, parameters, and both checklists in three formats.

use npip_core::emit::{self, Format, Options};
use npip_core::rules;
use npip_core::Plan;
use std::hint::black_box;
use std::time::{Duration, Instant};

const TARGET_TOTAL: Duration = Duration::from_micros(50);

/// Runs `f` in batches until about `budget` has passed and returns (median, p95) per call.
fn measure(mut f: impl FnMut(), budget: Duration) -> (Duration, Duration) {
    // Warm up, and size batches so that each takes at least ~20 µs (well above the clock's resolution).
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(20) {
        f();
        calls += 1;
    }
    let per_call = start.elapsed() / calls.max(1);
    let batch = (Duration::from_micros(20).as_nanos() / per_call.as_nanos().max(1)).clamp(1, 10_000) as u32;
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 50 {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        samples.push(t.elapsed() / batch);
    }
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}

fn report(name: &str, (median, p95): (Duration, Duration)) {
    println!(
        "{name:<44} median {:>9.2} µs   p95 {:>9.2} µs",
        micros(median),
        micros(p95)
    );
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let plan: Plan = serde_json::from_str(include_str!("../../../examples/firewall.json")).expect("example plan");
    let options = Options::default();
    let budget = Duration::from_millis(300);
    println!("npip-core engine benchmarks (firewall example)\n");

    report(
        "validate",
        measure(|| drop(black_box(rules::validate(black_box(&plan)))), budget),
    );
    report(
        "arm_template",
        measure(|| drop(black_box(emit::arm_template(black_box(&plan)))), budget),
    );
    report(
        "parameters_file",
        measure(|| drop(black_box(emit::parameters_file(black_box(&plan)))), budget),
    );
    for format in Format::ALL {
        report(
            &format!("udr_checklist + render {}", format.extension()),
            measure(
                || {
                    let c = emit::udr_checklist(black_box(&plan), &options).expect("udr");
                    drop(black_box(c.render(format)));
                },
                budget,
            ),
        );
        report(
            &format!("firewall_checklist + render {}", format.extension()),
            measure(
                || {
                    let c = emit::firewall_checklist(black_box(&plan), &options).expect("firewall");
                    drop(black_box(c.render(format)));
                },
                budget,
            ),
        );
    }
    let total = measure(
        || {
            let artifacts = emit::artifacts(black_box(&plan), &options).expect("artifacts");
            drop(black_box(artifacts));
        },
        Duration::from_millis(500),
    );
    println!();
    report("validate + emit every artifact (8 files)", total);
    println!(
        "target: median at most {} µs: {}",
        TARGET_TOTAL.as_micros(),
        if total.0 <= TARGET_TOTAL { "met" } else { "NOT met" }
    );
}
