//! `npip fill-vnet PLAN VNET_JSON [-o FILE]`

use crate::{bad_input, err, input_name, load_plan, out, usage, OutputFile};
use npip_core::vnet_import::import_vnet;
use std::process::ExitCode;

/// Fill an existing-VNet plan from the VNet's JSON
///
/// The plan takes the VNet's resource ID and address prefixes; the VNet's other subnets and the address spaces of its
/// peerings join the ranges to avoid; subnets named like the plan's host and container subnets are taken as those
/// subnets. The plan must be VNet injection into an existing VNet. Prints the plan, with a summary on standard error.
/// PLAN or VNET_JSON (not both) can be `-` for standard input.
///
/// Exit codes: 0 filled, 2 unreadable plan or VNet JSON, a plan that is not into an existing VNet, or bad usage.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file, or `-` for standard input
    plan: String,
    /// What `az network vnet show -g <group> -n <name>` prints (or the VNet's JSON view in the portal), or `-`
    vnet_json: String,
    #[command(flatten)]
    output: OutputFile,
}

pub fn run(args: Args) -> ExitCode {
    let (plan_path, vnet_path, output) = (&args.plan, &args.vnet_json, &args.output.output);
    if plan_path == "-" && vnet_path == "-" {
        return usage("fill-vnet: only one of PLAN and VNET_JSON can be standard input");
    }
    let mut plan = match load_plan("fill-vnet", plan_path) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let vnet_name = input_name(vnet_path);
    let text = if vnet_path == "-" {
        std::io::read_to_string(std::io::stdin().lock())
    } else {
        std::fs::read_to_string(vnet_path)
    };
    let text = match text {
        Ok(text) => text,
        Err(error) => {
            err(&format!("npip fill-vnet: cannot read {vnet_name}: {error}"));
            return bad_input();
        }
    };
    match import_vnet(&mut plan, &text) {
        Ok(import) => {
            let json = plan.to_json_pretty();
            match output {
                Some(path) => {
                    if let Err(error) = std::fs::write(path, &json) {
                        err(&format!("npip fill-vnet: cannot write {path}: {error}"));
                        return bad_input();
                    }
                }
                None => out(&json),
            }
            err(&import.summary());
            ExitCode::SUCCESS
        }
        Err(why) => {
            err(&format!("npip fill-vnet: {vnet_name}: {why} Nothing was written."));
            bad_input()
        }
    }
}
