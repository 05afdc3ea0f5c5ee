//! `npip fill-vnet PLAN VNET_JSON [-o FILE]`

use super::{err, load_plan, option_value, out, set_once, usage};
use npip_core::vnet_import::import_vnet;
use std::process::ExitCode;

pub const HELP: &str = "\
Fill an existing-VNet plan from the VNet's JSON.

Usage: npip fill-vnet PLAN VNET_JSON [-o FILE]

VNET_JSON is what `az network vnet show -g <group> -n <name>` prints (or the VNet's JSON view in the portal). The
plan takes the VNet's resource ID and address prefixes; the VNet's other subnets and the address spaces of its
peerings join the ranges to avoid; subnets named like the plan's host and container subnets are taken as those
subnets. The plan must be VNet injection into an existing VNet. Prints the plan with a summary on standard error.
PLAN or VNET_JSON (not both) can be `-` for standard input.

Options:
  -o, --output FILE   Write the plan to FILE instead of standard output

Exit codes: 0 filled, 2 unreadable plan or VNet JSON, a plan that is not into an existing VNet, or bad usage.
";

pub fn run(args: &[String]) -> ExitCode {
    let mut output = None;
    let mut paths = Vec::new();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        if let Some(value) = option_value(args, &mut i, "-o").or_else(|| option_value(args, &mut i, "--output")) {
            if let Err(message) = value.and_then(|v| set_once(&mut output, "-o/--output", v)) {
                return usage(&format!("fill-vnet: {message}"));
            }
            continue;
        }
        if arg.starts_with('-') && arg != "-" {
            return usage(&format!(
                "fill-vnet: unknown option `{arg}`; see `npip fill-vnet --help`"
            ));
        }
        paths.push(arg.clone());
        i += 1;
    }
    let [plan_path, vnet_path] = paths.as_slice() else {
        return usage("fill-vnet: give a PLAN and a VNET_JSON. Usage: npip fill-vnet PLAN VNET_JSON [-o FILE]");
    };
    if plan_path == "-" && vnet_path == "-" {
        return usage("fill-vnet: only one of PLAN and VNET_JSON can be standard input");
    }
    let mut plan = match load_plan("fill-vnet", plan_path) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let vnet_name = if vnet_path == "-" {
        "<stdin>"
    } else {
        vnet_path.as_str()
    };
    let text = if vnet_path == "-" {
        std::io::read_to_string(std::io::stdin().lock())
    } else {
        std::fs::read_to_string(vnet_path)
    };
    let text = match text {
        Ok(text) => text,
        Err(error) => {
            err(&format!("npip fill-vnet: cannot read {vnet_name}: {error}"));
            return super::bad_input();
        }
    };
    match import_vnet(&mut plan, &text) {
        Ok(import) => {
            let json = plan.to_json_pretty();
            match &output {
                Some(path) => {
                    if let Err(error) = std::fs::write(path, &json) {
                        err(&format!("npip fill-vnet: cannot write {path}: {error}"));
                        return super::bad_input();
                    }
                }
                None => out(&json),
            }
            err(&import.summary());
            ExitCode::SUCCESS
        }
        Err(why) => {
            err(&format!("npip fill-vnet: {vnet_name}: {why} Nothing was written."));
            super::bad_input()
        }
    }
}
