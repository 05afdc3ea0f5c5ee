//! `npip emit arm|params|udr|firewall PLAN [--format md|csv|json] [--ips] [-o FILE]`
//! `npip emit all PLAN --out-dir DIR [--ips]`
//!
//! A plan with errors is refused: status 1, the findings on stderr, nothing written. Warnings go to stderr too but do
//! not stop the output.

use super::{option_value, read_plan_file, usage_error, BAD_INPUT, REFUSED};
use npip_core::emit::{self, Format, Options, Refused};
use npip_core::finding::{Finding, Severity};
use npip_core::plan::Plan;
use npip_core::rules;
use std::path::Path;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum What {
    Arm,
    Params,
    Udr,
    Firewall,
    All,
}

#[derive(Debug, Default)]
struct Args {
    plan: Option<String>,
    format: Option<Format>,
    ips: bool,
    output: Option<String>,
    out_dir: Option<String>,
}

pub fn run(args: &[String]) -> ExitCode {
    let Some((what, rest)) = args.split_first() else {
        return usage_error("emit needs what to emit: arm, params, udr, firewall or all");
    };
    let what = match what.as_str() {
        "arm" => What::Arm,
        "params" => What::Params,
        "udr" => What::Udr,
        "firewall" => What::Firewall,
        "all" => What::All,
        other => {
            return usage_error(&format!(
                "cannot emit '{other}': choose arm, params, udr, firewall or all"
            ))
        }
    };
    let parsed = match parse(what, rest) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error(&message),
    };
    let Some(plan_path) = parsed.plan.as_deref() else {
        return usage_error("emit needs a plan file");
    };
    let plan = match read_plan_file(plan_path) {
        Ok(plan) => plan,
        Err(message) => {
            eprintln!("npip: {message}");
            return ExitCode::from(BAD_INPUT);
        }
    };
    let options = Options {
        use_ip_addresses: parsed.ips,
    };
    let result = match what {
        What::All => {
            let Some(dir) = parsed.out_dir.as_deref() else {
                return usage_error("emit all needs --out-dir DIR");
            };
            emit::artifacts(&plan, &options).map(|artifacts| Output::Files(dir.to_string(), artifacts))
        }
        What::Arm => emit::arm_template(&plan).map(Output::Text),
        What::Params => emit::parameters_file(&plan).map(Output::Text),
        What::Udr => emit::udr_checklist(&plan, &options).map(|c| checklist_output(&c, parsed.format)),
        What::Firewall => emit::firewall_checklist(&plan, &options).map(|c| checklist_output(&c, parsed.format)),
    };
    match result {
        Err(refused) => report_refusal(&refused),
        Ok(output) => {
            report_warnings(&plan);
            match write(output, parsed.output.as_deref()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("npip: {message}");
                    ExitCode::from(BAD_INPUT)
                }
            }
        }
    }
}

enum Output {
    Text(String),
    /// A checklist that does not apply: its text (which says why) and the reason for stderr.
    NotApplicable(String, String),
    Files(String, Vec<emit::Artifact>),
}

fn checklist_output(checklist: &emit::Checklist, format: Option<Format>) -> Output {
    let text = checklist.render(format.unwrap_or(Format::Markdown));
    match checklist {
        emit::Checklist::NotApplicable(na) => Output::NotApplicable(text, na.reason.clone()),
        _ => Output::Text(text),
    }
}

fn parse(what: What, rest: &[String]) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        let (option, inline) = match arg.split_once('=') {
            Some((o, v)) if o.starts_with("--") => (o, Some(v)),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| match inline {
            Some(v) => Ok(v),
            None => option_value(&mut args, name),
        };
        match option {
            "--format" | "-f" => {
                let name = value("--format")?;
                let format =
                    Format::parse(name).ok_or_else(|| format!("unknown format '{name}': use md, csv or json"))?;
                if matches!(what, What::Arm | What::Params) && format != Format::Json {
                    return Err("the template and parameters file are JSON only".to_string());
                }
                if what == What::All {
                    return Err("emit all writes every format; drop --format".to_string());
                }
                parsed.format = Some(format);
            }
            "--ips" => parsed.ips = true,
            "-o" | "--output" => {
                if what == What::All {
                    return Err("emit all takes --out-dir, not -o".to_string());
                }
                parsed.output = Some(value("-o")?.to_string());
            }
            "--out-dir" => {
                if what != What::All {
                    return Err("--out-dir is for emit all; use -o FILE".to_string());
                }
                parsed.out_dir = Some(value("--out-dir")?.to_string());
            }
            _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option '{arg}'")),
            _ if parsed.plan.is_none() => parsed.plan = Some(arg.clone()),
            _ => return Err(format!("unexpected argument '{arg}'")),
        }
    }
    Ok(parsed)
}

fn print_finding(finding: &Finding) {
    eprintln!(
        "{} {} {}: {}",
        finding.severity,
        finding.code,
        finding.field.path(),
        finding.message
    );
    eprintln!("  remedy: {}", finding.remedy);
}

fn report_refusal(refused: &Refused) -> ExitCode {
    let count = refused.findings.len();
    eprintln!(
        "npip: the plan has {count} error{}; nothing was written",
        if count == 1 { "" } else { "s" }
    );
    for finding in &refused.findings {
        print_finding(finding);
    }
    ExitCode::from(REFUSED)
}

fn report_warnings(plan: &Plan) {
    for finding in rules::validate(plan).iter().filter(|f| f.severity != Severity::Error) {
        print_finding(finding);
    }
}

fn write(output: Output, file: Option<&str>) -> Result<(), String> {
    match output {
        Output::Text(text) => write_text(&text, file),
        Output::NotApplicable(text, reason) => {
            eprintln!("npip: not applicable to this plan: {reason}");
            write_text(&text, file)
        }
        Output::Files(dir, artifacts) => {
            let dir = Path::new(&dir);
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            for artifact in &artifacts {
                let path = dir.join(&artifact.file_name);
                std::fs::write(&path, &artifact.contents)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                println!("wrote {}", path.display());
            }
            Ok(())
        }
    }
}

fn write_text(text: &str, file: Option<&str>) -> Result<(), String> {
    match file {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}")),
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}
