//! The `npip` command line: a thin layer over the engine. One file per command, each exposing
//! `run(args) -> ExitCode` for the words after the command name.
//!
//! Exit status: 0 done; 1 the plan has errors (findings on stderr, nothing written); 2 bad input or usage (unreadable
//! or malformed plan, unknown option, a file that cannot be written).

pub mod emit;
pub mod regions;

use npip_core::plan::Plan;
use std::io::Read;
use std::process::ExitCode;

/// Status 1: the plan has errors.
pub const REFUSED: u8 = 1;
/// Status 2: bad input or usage.
pub const BAD_INPUT: u8 = 2;

const USAGE: &str = "usage:
  npip emit arm|params|udr|firewall PLAN [--format md|csv|json] [--ips] [-o FILE]
  npip emit all PLAN --out-dir DIR [--ips]
  npip regions [--format text|json]
  npip --version

PLAN is a plan file (JSON) or - for standard input.";

/// Dispatches on the first word.
pub fn run(args: &[String]) -> ExitCode {
    match args.split_first() {
        Some((command, rest)) => match command.as_str() {
            "emit" => emit::run(rest),
            "regions" => regions::run(rest),
            "--version" | "-V" => {
                println!("npip {}", npip_core::VERSION);
                ExitCode::SUCCESS
            }
            "--help" | "-h" | "help" => {
                println!("{USAGE}");
                ExitCode::SUCCESS
            }
            other => usage_error(&format!("unknown command '{other}'")),
        },
        None => usage_error("no command given"),
    }
}

/// Prints `message` and the usage to stderr; status 2.
pub fn usage_error(message: &str) -> ExitCode {
    eprintln!("npip: {message}\n\n{USAGE}");
    ExitCode::from(BAD_INPUT)
}

/// Plans larger than this are refused unread: real plans are a few kilobytes.
const PLAN_SIZE_LIMIT: u64 = 1024 * 1024;

// LEAD: replace with `npip_core::plan::read_plan` when merging with the rules branch; this local reader only exists
// so that `npip emit` can be tested on its own.
/// Reads and parses a plan file (`-` reads standard input), at most 1 MB.
pub fn read_plan_file(path: &str) -> Result<Plan, String> {
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().take(PLAN_SIZE_LIMIT + 1).read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(PLAN_SIZE_LIMIT + 1).read_to_string(&mut text))
    };
    let name = if path == "-" { "standard input" } else { path };
    read.map_err(|e| format!("cannot read {name}: {e}"))?;
    if text.len() as u64 > PLAN_SIZE_LIMIT {
        return Err(format!("{name} is larger than 1 MB; a plan is a few kilobytes"));
    }
    serde_json::from_str(&text).map_err(|e| format!("{name} is not a valid plan: {e}"))
}

/// The value after an option, or a usage error naming it.
pub fn option_value<'a>(args: &mut std::slice::Iter<'a, String>, option: &str) -> Result<&'a str, String> {
    args.next()
        .map(String::as_str)
        .ok_or_else(|| format!("{option} needs a value"))
}
