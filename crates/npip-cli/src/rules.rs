//! `npip rules [--format text|md|json]`

use super::{option_value, out, parse_format, set_once, usage};
use npip_core::rules::docs::{rules_json, rules_markdown};
use npip_core::rules::RULES;
use std::process::ExitCode;

pub const HELP: &str = "\
List every validation rule.

Usage: npip rules [--format text|md|json]

Options:
  --format text|md|json   text: one line per rule (default); md: the full catalogue, exactly docs/rules.md;
                          json: {\"rules\", \"domainRules\", \"coverage\"} for tools (severity: error,
                          warning or note)
";

pub fn run(args: &[String]) -> ExitCode {
    let mut format = None;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        match option_value(args, &mut i, "--format") {
            Some(Ok(value)) => {
                match parse_format(&value, &["text", "md", "json"]).and_then(|f| set_once(&mut format, "--format", f)) {
                    Ok(()) => {}
                    Err(message) => return usage(&format!("rules: {message}")),
                }
            }
            Some(Err(message)) => return usage(&format!("rules: {message}")),
            None => return usage(&format!("rules: unexpected argument `{arg}`; see `npip rules --help`")),
        }
    }
    match format.unwrap_or("text") {
        "md" => out(&rules_markdown()),
        "json" => out(&rules_json()),
        _ => {
            let mut text = String::new();
            for rule in RULES {
                let severity = rule.severity.as_str();
                text.push_str(&format!("{}  {severity:<7}  {}\n", rule.code, rule.title.as_str()));
            }
            out(&text);
        }
    }
    ExitCode::SUCCESS
}
