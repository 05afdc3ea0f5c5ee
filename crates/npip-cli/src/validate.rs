//! `npip validate PLAN [--format text|json]`

use super::{answer_no, err, load_plan, option_value, out, parse_format, set_once, usage};
use npip_core::finding::{Finding, Severity};
use npip_core::rules::validate;
use serde::Serialize;
use std::process::ExitCode;

pub const HELP: &str = "\
Check a plan against every rule.

Usage: npip validate PLAN [--format text|json]

Prints every finding (errors, warnings, notes) with the field it is about, what is wrong, what to do and the source of
the fact behind it. PLAN is a plan file, or `-` for standard input.

Options:
  --format text|json   Output format (default: text)

Exit codes: 0 no errors (warnings and notes allowed), 1 errors found, 2 unreadable or malformed plan, or bad usage.
";

pub fn run(args: &[String]) -> ExitCode {
    let mut format = None;
    let mut path = None;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        if let Some(value) = option_value(args, &mut i, "--format") {
            let set = value
                .and_then(|v| parse_format(&v, &["text", "json"]).and_then(|f| set_once(&mut format, "--format", f)));
            if let Err(message) = set {
                return usage(&format!("validate: {message}"));
            }
            continue;
        }
        if arg.starts_with('-') && arg != "-" {
            return usage(&format!("validate: unknown option `{arg}`; see `npip validate --help`"));
        }
        if path.replace(arg.clone()).is_some() {
            return usage("validate: give one PLAN only");
        }
        i += 1;
    }
    let Some(path) = path else {
        return usage("validate: which plan? Usage: npip validate PLAN [--format text|json]");
    };
    let plan = match load_plan("validate", &path) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    // Errors first, then warnings, then notes; within each, the engine's order (by wizard step and field). Both
    // formats list them so.
    let mut findings = validate(&plan);
    findings.sort_by_key(|f| f.severity);
    let counts = Counts::of(&findings);
    let workspace = plan.normalised().workspace.name;
    match format.unwrap_or("text") {
        "json" => out(&json_report(&workspace, &counts, &findings)),
        _ => out(&text_report(&workspace, &counts, &findings)),
    }
    if counts.errors > 0 {
        err(&format!(
            "npip validate: {} has {}; no template can be made from it",
            if path == "-" { "<stdin>" } else { &path },
            plural(counts.errors, "error")
        ));
        return answer_no();
    }
    ExitCode::SUCCESS
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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn text_report(workspace: &str, counts: &Counts, findings: &[Finding]) -> String {
    let mut text = format!(
        "Plan for workspace `{workspace}`: {}, {}, {}\n",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.notes, "note")
    );
    for finding in findings {
        let label = finding.severity.as_str();
        let field = finding.field.path();
        // The path counts list items from 0, as JSON does; people count from 1, as the messages do.
        let place = match (field.is_empty(), finding.field.item_label()) {
            (true, _) => String::new(),
            (false, Some(label)) => format!(" at {field} ({label})"),
            (false, None) => format!(" at {field}"),
        };
        text.push_str(&format!(
            "\n{label} {}{place}\n  {}\n  Fix: {}\n  Source: {}\n",
            finding.code, finding.message, finding.remedy, finding.source
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
