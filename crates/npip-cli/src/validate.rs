//! `npip validate PLAN [--format text|json]`

use crate::terminal::escaped;
use crate::{answer_no, err, input_name, load_plan, out, Outcome, TextOrJson};
use npip_core::finding::{Finding, Severity};
use npip_core::rules::validate;
use npip_core::text::plural;
use serde::Serialize;
use std::process::ExitCode;

/// Check a plan against every rule
///
/// Prints every finding (errors, warnings, notes) with the field it is about, what is wrong, what to do and the
/// source of the fact behind it.
///
/// Exit codes: 0 no errors (warnings and notes allowed), 1 errors found, 2 unreadable or malformed plan, bad usage,
/// or a report that could not be written.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file, or `-` for standard input
    plan: String,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: TextOrJson,
}

pub fn run(args: Args) -> Outcome {
    let plan = load_plan("validate", &args.plan)?;
    // Errors first, then warnings, then notes; within each, the engine's order (by wizard step and field). Both
    // formats list them so.
    let mut findings = validate(&plan);
    findings.sort_by_key(|f| f.severity);
    let counts = Counts::of(&findings);
    let workspace = plan.normalised().workspace.name;
    match args.format {
        TextOrJson::Json => out(&json_report(&workspace, &counts, &findings))?,
        TextOrJson::Text => out(&text_report(&workspace, &counts, &findings))?,
    }
    if counts.errors > 0 {
        err(&format!(
            "npip validate: {} has {}; no template can be made from it",
            input_name(&args.plan),
            plural(counts.errors, "error", "errors")
        ));
        return Ok(answer_no());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
    notes: usize,
}

impl Counts {
    fn of(findings: &[Finding]) -> Counts {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Counts {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Info),
        }
    }
}

fn text_report(workspace: &str, counts: &Counts, findings: &[Finding]) -> String {
    let mut text = format!(
        "Plan for workspace `{}`: {}, {}, {}\n",
        escaped(workspace),
        plural(counts.errors, "error", "errors"),
        plural(counts.warnings, "warning", "warnings"),
        plural(counts.notes, "note", "notes")
    );
    for finding in findings {
        let label = finding.severity.as_str();
        let field = finding.field.path();
        // The path counts list items from 0, as JSON does; people count from 1, as the messages do.
        let place = match (field.is_empty(), finding.field.item_label()) {
            (true, _) => String::new(),
            (false, Some(label)) => format!(" at {} ({})", escaped(&field), escaped(&label)),
            (false, None) => format!(" at {}", escaped(&field)),
        };
        // A message quotes the plan's values, which may hold control characters.
        text.push_str(&format!(
            "\n{label} {}{place}\n  {}\n  Fix: {}\n  Source: {}\n",
            finding.code,
            escaped(&finding.message),
            escaped(finding.remedy),
            escaped(finding.source)
        ));
    }
    text
}

#[derive(Serialize)]
struct Report<'a> {
    workspace: &'a str,
    valid: bool,
    #[serde(flatten)]
    counts: &'a Counts,
    findings: &'a [Finding],
}

fn json_report(workspace: &str, counts: &Counts, findings: &[Finding]) -> String {
    let report = Report {
        workspace,
        valid: counts.errors == 0,
        counts,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
