//! `npip regions [--format text|json]`: the region catalog.

use super::{option_value, out, parse_format, set_once, usage};
use npip_core::regions;
use std::process::ExitCode;

pub const HELP: &str = "\
List the Azure Databricks regions the catalog knows, with any gaps in its data.

Usage: npip regions [--format text|json]

Options:
  --format text|json   text: one line per region (default); json: the whole catalog with every endpoint
";

pub fn run(args: &[String]) -> ExitCode {
    let mut format = None;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        match option_value(args, &mut i, "--format") {
            Some(Ok(value)) => {
                match parse_format(&value, &["text", "json"]).and_then(|f| set_once(&mut format, "--format", f)) {
                    Ok(()) => {}
                    Err(message) => return usage(&format!("regions: {message}")),
                }
            }
            Some(Err(message)) => return usage(&format!("regions: {message}")),
            None => {
                return usage(&format!(
                    "regions: unexpected argument `{arg}`; see `npip regions --help`"
                ))
            }
        }
    }
    match format.unwrap_or("text") {
        "json" => out(&regions::catalog_json()),
        _ => out(&text()),
    }
    ExitCode::SUCCESS
}

/// One line per region: name, display name, cloud and any gaps in the data.
fn text() -> String {
    let all = regions::all();
    let name_width = all.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let display_width = all.iter().map(|r| r.display_name.len()).max().unwrap_or(0);
    let mut text = format!(
        "{} Azure Databricks regions; data as of {} from {}\n\n",
        all.len(),
        regions::AS_OF,
        regions::SOURCE
    );
    for region in all {
        let gaps: Vec<String> = region.gaps().into_iter().map(regions::entry_title).collect();
        let gaps = if gaps.is_empty() {
            String::new()
        } else {
            format!("  (missing: {})", gaps.join(", "))
        };
        text.push_str(&format!(
            "{:name_width$}  {:display_width$}  {}{gaps}\n",
            region.name,
            region.display_name,
            region.cloud.title()
        ));
    }
    text
}
