//! `npip regions [--format text|json]`: the region catalog.

use crate::{out, Outcome, TextOrJson};
use npip_core::regions;
use std::process::ExitCode;

/// List the Azure Databricks regions the catalog knows, with any gaps in its data
#[derive(Debug, clap::Args)]
pub struct Args {
    /// text: one line per region; json: the whole catalog with every endpoint
    #[arg(long, value_enum, default_value_t)]
    format: TextOrJson,
}

pub fn run(args: Args) -> Outcome {
    match args.format {
        TextOrJson::Json => out(&regions::catalog_json())?,
        TextOrJson::Text => out(&text())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Both sources with their dates, then one line per region: name, display name, cloud and any gaps in the data.
fn text() -> String {
    let all = regions::all();
    let name_width = all.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let display_width = all.iter().map(|r| r.display_name.len()).max().unwrap_or(0);
    let mut text = format!(
        "{} Azure Databricks regions\n\
         Regions: Microsoft's list, {}, read {}\n\
         Endpoints: as of {}, from {}; check them against {}\n\n",
        all.len(),
        regions::REGION_LIST_SOURCE,
        regions::REGION_LIST_AS_OF,
        regions::AS_OF,
        regions::SOURCE,
        regions::OFFICIAL_PAGE
    );
    for region in all {
        let gaps: Vec<String> = region.gaps().into_iter().map(regions::entry_title).collect();
        let gaps = if !region.has_endpoint_data() {
            "  (no endpoint data)".to_string()
        } else if gaps.is_empty() {
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
