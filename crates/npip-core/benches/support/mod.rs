//! The one timing helper every benchmark uses: no framework, figures printed, nothing asserted.
#![allow(dead_code)] // each benchmark uses a different subset

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Median and 95th percentile time per call.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    pub median: Duration,
    pub p95: Duration,
}

/// Times `op` for about `budget`: a warm-up, then batches sized so that each takes at least ~20 µs (well above the
/// clock's resolution), and at least 50 samples.
pub fn measure<T>(budget: Duration, mut op: impl FnMut() -> T) -> Timing {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(20) || calls == 0 {
        black_box(op());
        calls += 1;
    }
    let per_call = start.elapsed() / calls;
    let batch = (Duration::from_micros(20).as_nanos() / per_call.as_nanos().max(1)).clamp(1, 10_000) as u32;
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 50 {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(op());
        }
        samples.push(t.elapsed() / batch);
    }
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Timing {
        median: at(0.5),
        p95: at(0.95),
    }
}

/// Measures `op` for 300 ms and prints one line: name, median, p95.
pub fn bench<T>(name: &str, op: impl FnMut() -> T) -> Timing {
    let timing = measure(Duration::from_millis(300), op);
    println!("{name:<60} median {:>10.2?}   p95 {:>10.2?}", timing.median, timing.p95);
    timing
}

/// Prints whether a target was met by the median.
pub fn target(what: &str, timing: Timing, limit: Duration) {
    let verdict = if timing.median <= limit { "met" } else { "NOT MET" };
    println!(
        "  target: {what} <= {limit:?}: {verdict} (median {:.2?}, p95 {:.2?})",
        timing.median, timing.p95
    );
}

/// For operations that take seconds: times `runs` calls one by one and prints the median and the slowest.
pub fn bench_slow<T>(name: &str, runs: usize, mut op: impl FnMut() -> T) -> Timing {
    let mut samples: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            black_box(op());
            t.elapsed()
        })
        .collect();
    samples.sort_unstable();
    let timing = Timing {
        median: samples[samples.len() / 2],
        p95: samples[samples.len() - 1],
    };
    println!("{name:<60} median {:>10.2?}   max {:>10.2?}", timing.median, timing.p95);
    timing
}
