//! `npip`: the planner engine on the command line.

mod cli;

use std::process::ExitCode;

const USAGE: &str = "usage: npip --version\n       npip emit diagram|address-map PLAN.json [-o FILE.svg] [--compact] [--theme auto|light|dark]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") | Some("-V") => {
            println!("npip {}", npip_core::VERSION);
            ExitCode::SUCCESS
        }
        Some("emit") => match args.get(1).map(String::as_str) {
            Some("diagram") => cli::diagram::run_diagram(args.get(2..).unwrap_or_default()),
            Some("address-map") => cli::diagram::run_address_map(args.get(2..).unwrap_or_default()),
            _ => {
                eprintln!("{USAGE}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
