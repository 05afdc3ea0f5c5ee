//! `npip fill-vnet PLAN VNET_JSON [-o FILE]`

use crate::terminal::escaped;
use crate::{err, failed, input_name, load_plan, out, usage, write_file, Outcome, OutputFile};
use npip_core::vnet_import::import_vnet;
use std::path::Path;
use std::process::ExitCode;

/// Fill an existing-VNet plan from the VNet's JSON
///
/// The plan takes the VNet's resource ID and address prefixes; the VNet's other subnets and the address spaces of its
/// peerings join the ranges to avoid; subnets named like the plan's host and container subnets are taken as those
/// subnets. The plan must be VNet injection into an existing VNet. Prints the plan, with a summary on standard error.
/// PLAN or VNET_JSON (not both) can be `-` for standard input.
///
/// Exit codes: 0 filled, 2 unreadable plan or VNet JSON, a plan that is not into an existing VNet, bad usage, or a
/// plan that could not be written.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file, or `-` for standard input
    plan: String,
    /// What `az network vnet show -g <group> -n <name>` prints (or the VNet's JSON view in the portal), or `-`
    vnet_json: String,
    #[command(flatten)]
    output: OutputFile,
}

pub fn run(args: Args) -> Outcome {
    let (plan_path, vnet_path) = (&args.plan, &args.vnet_json);
    if plan_path == "-" && vnet_path == "-" {
        return Err(usage("fill-vnet: only one of PLAN and VNET_JSON can be standard input"));
    }
    let mut plan = load_plan("fill-vnet", plan_path)?;
    let vnet_name = input_name(vnet_path);
    let text = if vnet_path == "-" {
        std::io::read_to_string(std::io::stdin().lock())
    } else {
        std::fs::read_to_string(vnet_path)
    };
    let text = text.map_err(|error| {
        err(&format!("npip fill-vnet: cannot read {vnet_name}: {error}"));
        failed()
    })?;
    let import = import_vnet(&mut plan, &text).map_err(|why| {
        err(&format!(
            "npip fill-vnet: {vnet_name}: {} Nothing was written.",
            escaped(&why.to_string())
        ));
        failed()
    })?;
    let json = plan.to_json_pretty();
    match &args.output.output {
        Some(path) => write_file("fill-vnet", Path::new(path), json.as_bytes())?,
        None => out(&json)?,
    }
    // Said only once the plan is written: the summary tells what the written plan holds.
    // The summary names the VNet and its subnets, which come from the VNet's JSON.
    err(&escaped(&import.summary()));
    Ok(ExitCode::SUCCESS)
}
