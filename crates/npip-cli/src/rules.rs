//! `npip rules [--format text|md|json]`

use crate::{out, Outcome};
use clap::ValueEnum;
use npip_core::rules::docs::{rules_json, rules_markdown};
use npip_core::rules::RULES;
use std::process::ExitCode;

/// List every validation rule
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: RulesFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// One line per rule
    #[default]
    Text,
    /// The full catalogue, exactly docs/rules.md
    Md,
    /// {"rules", "domainRules", "coverage"} for tools (severity: error, warning or note)
    Json,
}

pub fn run(args: Args) -> Outcome {
    match args.format {
        RulesFormat::Md => out(&rules_markdown())?,
        RulesFormat::Json => out(&rules_json())?,
        RulesFormat::Text => {
            let mut text = String::new();
            for rule in RULES {
                let severity = rule.severity.as_str();
                text.push_str(&format!("{}  {severity:<7}  {}\n", rule.code, rule.title.as_str()));
            }
            out(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
