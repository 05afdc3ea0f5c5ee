//! `npip regions [--format text|json]`: the region catalog.

use super::{option_value, usage_error};
use npip_core::regions;
use std::process::ExitCode;

pub fn run(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let format = match arg.as_str() {
            "--format" | "-f" => match option_value(&mut iter, "--format") {
                Ok(value) => value,
                Err(message) => return usage_error(&message),
            },
            other => match other.strip_prefix("--format=") {
                Some(value) => value,
                None => return usage_error(&format!("unknown argument '{other}'")),
            },
        };
        json = match format {
            "text" => false,
            "json" => true,
            other => return usage_error(&format!("unknown format '{other}': use text or json")),
        };
    }
    if json {
        print!("{}", regions::catalog_json());
    } else {
        print!("{}", text());
    }
    ExitCode::SUCCESS
}

/// One line per region: name, display name, cloud and any gaps in the data.
fn text() -> String {
    let all = regions::all();
    let name_width = all.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let display_width = all.iter().map(|r| r.display_name.len()).max().unwrap_or(0);
    let mut out = format!(
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
        out.push_str(&format!(
            "{:name_width$}  {:display_width$}  {}{gaps}\n",
            region.name,
            region.display_name,
            region.cloud.title()
        ));
    }
    out
}
