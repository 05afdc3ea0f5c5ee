//! `npip example [NAME]`

use super::{out, usage};
use npip_core::examples::{example, EXAMPLES};
use std::process::ExitCode;

pub const HELP: &str = "\
Print an example plan, to start from.

Usage: npip example NAME      print the plan (save it with `npip example NAME > plan.json`)
       npip example           list the examples

Examples: managed-default, managed-custom-prefix, nat-gateway, load-balancer, firewall, existing-vnet,
service-tag-routes.
";

pub fn run(args: &[String]) -> ExitCode {
    match args {
        [] => {
            let width = EXAMPLES.iter().map(|e| e.name.len()).max().unwrap_or(0);
            let mut text = String::new();
            for e in EXAMPLES {
                text.push_str(&format!("{:<width$}  {}\n", e.name, e.summary));
            }
            out(&text);
            ExitCode::SUCCESS
        }
        [name] => match example(name) {
            Some(e) => {
                out(e.text);
                ExitCode::SUCCESS
            }
            None => usage(&format!(
                "example: no example `{name}`; choose one of {}",
                EXAMPLES.iter().map(|e| e.name).collect::<Vec<_>>().join(", ")
            )),
        },
        _ => usage("example: give one NAME at most"),
    }
}
