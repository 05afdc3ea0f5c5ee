//! `npip`: the planner engine on the command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") | Some("-V") => {
            println!("npip {}", npip_core::VERSION);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: npip --version");
            ExitCode::from(2)
        }
    }
}
