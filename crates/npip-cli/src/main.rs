//! `npip`: the planner engine on the command line. Everything lives in the library; this only hands over.

use std::process::ExitCode;

fn main() -> ExitCode {
    npip_cli::main()
}
