//! `npip size --nodes N [--vnet CIDR [--avoid CIDR]... [--avoid-file FILE]...] [--format text|json]`

use crate::terminal::escaped;
use crate::{answer_no, err, input_name, out, usage, Outcome, TextOrJson};
use npip_core::cidr::Cidr;
use npip_core::finding::Severity;
use npip_core::rules::check_vnet_range;
use npip_core::sizing::{size_for_nodes, suggest_subnets, SizingError};
use serde_json::json;
use std::process::ExitCode;

/// Size the host and container subnets for a peak number of cluster nodes
///
/// With --nodes alone: the smallest subnet prefix that holds N nodes (each node takes one address in each subnet,
/// Azure keeps 5 per subnet, never smaller than /26) and the smallest VNet that holds both subnets.
///
/// With --vnet: host and container CIDRs inside that VNet, clear of every --avoid range, the smallest that fit,
/// placed side by side at one end of a free run so the rest of the VNet stays in one piece.
///
/// Exit codes: 0 an answer, 1 nothing fits, 2 bad input or usage, or an answer that could not be written.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Peak number of cluster nodes running at once
    #[arg(long, value_name = "N", value_parser = whole_number)]
    nodes: u64,
    /// The VNet to place the subnets in, judged by the plan's VNet rules (/16 to /24, clear of the ranges Azure
    /// reserves)
    #[arg(long, value_name = "CIDR", value_parser = cidr)]
    vnet: Option<Cidr>,
    /// A range in use (another subnet, a peered network); repeat as needed
    #[arg(long, value_name = "CIDR", value_parser = cidr, requires = "vnet")]
    avoid: Vec<Cidr>,
    /// Ranges in use, one CIDR per line (blank lines and # comments ignored); `-` for standard input; repeat as
    /// needed
    #[arg(long, value_name = "FILE", requires = "vnet")]
    avoid_file: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: TextOrJson,
}

/// Generous room for an avoid list: 10,000 ranges take about 200 KB.
const MAX_AVOID_FILE_BYTES: u64 = 16 * 1024 * 1024;

fn whole_number(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| "it must be a whole number".to_string())
}

fn cidr(text: &str) -> Result<Cidr, String> {
    text.parse::<Cidr>().map_err(|e| format!("it {e}"))
}

pub fn run(args: Args) -> Outcome {
    let Args {
        nodes,
        vnet,
        mut avoid,
        avoid_file,
        format,
    } = args;
    for path in &avoid_file {
        match read_avoid_file(path) {
            Ok(mut list) => avoid.append(&mut list),
            Err(message) => return Err(usage(&format!("size: {message}"))),
        }
    }
    if let Some(vnet) = vnet {
        // The VNet is judged by the same rules as a plan's VNet address space.
        let findings = check_vnet_range(vnet);
        for finding in findings.iter().filter(|f| f.severity != Severity::Error) {
            err(&format!(
                "npip size: {} {}: {}",
                finding.severity,
                finding.code,
                escaped(&finding.message)
            ));
        }
        if let Some(error) = findings.iter().find(|f| f.severity == Severity::Error) {
            return Err(usage(&format!(
                "size: --vnet {vnet}: {} {}",
                error.code,
                escaped(&error.message)
            )));
        }
    }
    let result = match vnet {
        Some(vnet) => suggest_subnets(vnet, nodes, &avoid).map(|s| {
            let value = json!({
                "nodes": nodes,
                "vnet": s.vnet.to_string(),
                "hostSubnet": s.host.to_string(),
                "containerSubnet": s.container.to_string(),
                "subnetPrefix": s.host.prefix(),
                "capacity": s.capacity,
                "adjacent": s.adjacent,
                "freeAddressesAfter": s.free_addresses_after,
            });
            let text = format!(
                "VNet:              {}\nHost subnet:       {}\nContainer subnet:  {}\nCapacity:          {} nodes \
                 ({} asked)\nFree after:        {} addresses of the VNet\n",
                s.vnet, s.host, s.container, s.capacity, nodes, s.free_addresses_after
            );
            (value, text)
        }),
        None => size_for_nodes(nodes).map(|s| {
            let value = json!({
                "nodes": nodes,
                "subnetPrefix": s.subnet_prefix,
                "capacity": s.capacity,
                "vnetPrefix": s.vnet_prefix,
            });
            let text = format!(
                "Peak nodes:        {nodes}\nSubnets:           host and container, {}\n\
                 VNet:              {} (holds both subnets)\n",
                s.subnets_text(),
                s.vnet_text()
            );
            (value, text)
        }),
    };
    match result {
        Ok((value, text)) => {
            if format == TextOrJson::Json {
                out(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&value).unwrap_or_default()
                ))?;
            } else {
                out(&text)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error @ (SizingError::VnetOutOfRange { .. } | SizingError::NoNodes)) => {
            Err(usage(&format!("size: {error}")))
        }
        Err(error) => {
            err(&format!("npip size: {error}"));
            Err(answer_no())
        }
    }
}

fn read_avoid_file(path: &str) -> Result<Vec<Cidr>, String> {
    use std::io::Read;
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_AVOID_FILE_BYTES)
            .read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_AVOID_FILE_BYTES).read_to_string(&mut text))
    };
    let name = input_name(path);
    read.map_err(|e| format!("cannot read {name}: {e}"))?;
    let mut ranges = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let range = line
            .parse::<Cidr>()
            .map_err(|e| format!("{name}, line {}: `{}` {e}", number + 1, escaped(line)))?;
        ranges.push(range);
    }
    Ok(ranges)
}
