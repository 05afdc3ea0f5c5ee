//! `npip size --nodes N [--vnet CIDR [--avoid CIDR]... [--avoid-file FILE]] [--format text|json]`

use super::{answer_no, err, option_value, out, parse_format, set_once, usage};
use npip_core::cidr::Cidr;
use npip_core::finding::Severity;
use npip_core::rules::check_vnet_range;
use npip_core::sizing::{size_for_nodes, suggest_subnets, SizingError};
use serde_json::json;
use std::process::ExitCode;

pub const HELP: &str = "\
Size the host and container subnets for a peak number of cluster nodes.

Usage: npip size --nodes N
       npip size --nodes N --vnet CIDR [--avoid CIDR]... [--avoid-file FILE]

With --nodes alone: the smallest subnet prefix that holds N nodes (each node takes one address in each subnet, Azure
keeps 5 per subnet, never smaller than /26) and the smallest VNet that holds both subnets.
With --vnet: host and container CIDRs inside that VNet, clear of every --avoid range, the smallest that fit, placed
side by side at one end of a free run so the rest of the VNet stays in one piece.

Options:
  --nodes N            Peak number of cluster nodes running at once (required)
  --vnet CIDR          The VNet to place the subnets in, judged by the plan's VNet rules (/16 to /24, clear
                       of the ranges Azure reserves)
  --avoid CIDR         A range in use (another subnet, a peered network); repeat as needed
  --avoid-file FILE    Ranges in use, one CIDR per line (blank lines and # comments ignored); `-` for stdin;
                       repeat as needed
  --format text|json   Output format (default: text)

Exit codes: 0 an answer, 1 nothing fits, 2 bad input or usage.
";

/// Generous room for an avoid list: 10,000 ranges take about 200 KB.
const MAX_AVOID_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub fn run(args: &[String]) -> ExitCode {
    let mut nodes: Option<u64> = None;
    let mut vnet: Option<Cidr> = None;
    let mut avoid: Vec<Cidr> = Vec::new();
    let mut format: Option<&str> = None;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        let result = if let Some(value) = option_value(args, &mut i, "--nodes") {
            value.and_then(|v| {
                let n = v
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| format!("--nodes must be a whole number, not `{v}`"))?;
                set_once(&mut nodes, "--nodes", n)
            })
        } else if let Some(value) = option_value(args, &mut i, "--vnet") {
            value.and_then(|v| parse_cidr("--vnet", &v).and_then(|c| set_once(&mut vnet, "--vnet", c)))
        } else if let Some(value) = option_value(args, &mut i, "--avoid") {
            value.and_then(|v| parse_cidr("--avoid", &v).map(|c| avoid.push(c)))
        } else if let Some(value) = option_value(args, &mut i, "--avoid-file") {
            value.and_then(|path| read_avoid_file(&path).map(|mut list| avoid.append(&mut list)))
        } else if let Some(value) = option_value(args, &mut i, "--format") {
            value.and_then(|v| parse_format(&v, &["text", "json"]).and_then(|f| set_once(&mut format, "--format", f)))
        } else {
            Err(format!("unexpected argument `{arg}`; see `npip size --help`"))
        };
        if let Err(message) = result {
            return usage(&format!("size: {message}"));
        }
    }
    let format = format.unwrap_or("text");
    let Some(nodes) = nodes else {
        return usage("size: --nodes N is required; see `npip size --help`");
    };
    if let Some(vnet) = vnet {
        // The VNet is judged by the same rules as a plan's VNet address space.
        let findings = check_vnet_range(vnet);
        for finding in findings.iter().filter(|f| f.severity != Severity::Error) {
            err(&format!(
                "npip size: {} {}: {}",
                finding.severity, finding.code, finding.message
            ));
        }
        if let Some(error) = findings.iter().find(|f| f.severity == Severity::Error) {
            return usage(&format!("size: --vnet {vnet}: {} {}", error.code, error.message));
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
        None if !avoid.is_empty() => return usage("size: --avoid needs --vnet, the VNet to place the subnets in"),
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
            if format == "json" {
                out(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&value).unwrap_or_default()
                ));
            } else {
                out(&text);
            }
            ExitCode::SUCCESS
        }
        Err(error @ (SizingError::VnetOutOfRange { .. } | SizingError::NoNodes)) => usage(&format!("size: {error}")),
        Err(error) => {
            err(&format!("npip size: {error}"));
            answer_no()
        }
    }
}

fn parse_cidr(option: &str, text: &str) -> Result<Cidr, String> {
    text.parse::<Cidr>()
        .map_err(|e| format!("{option} `{}` {e}", text.trim()))
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
    read.map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut ranges = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let range = line
            .parse::<Cidr>()
            .map_err(|e| format!("{path}, line {}: `{line}` {e}", number + 1))?;
        ranges.push(range);
    }
    Ok(ranges)
}
