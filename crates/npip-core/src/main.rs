//! `npip`: the planner engine on the command line. Everything lives in `cli/`; this only hands over the arguments.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
