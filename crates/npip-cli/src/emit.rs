//! `npip emit WHAT PLAN …`: the files a plan gives. A plan with errors is refused: exit 1, the findings on standard
//! error, nothing written. Warnings go to standard error too but do not stop the output.

use super::diagram::{run_address_map, run_diagram};
use super::{answer_no, bad_input, err, load_plan, option_value, out, set_once, usage};
use npip_core::emit::{self, Format, Options, Refused};
use npip_core::finding::{Finding, Severity};
use npip_core::plan::Plan;
use npip_core::rules;
use std::path::Path;
use std::process::ExitCode;

pub const HELP: &str = "\
Write the files a plan gives: ARM template, parameters file, UDR and firewall checklists, pictures.

Usage: npip emit arm|params|record PLAN [-o FILE]
       npip emit udr|firewall PLAN [--format md|csv|json] [--ips] [-o FILE]
       npip emit all PLAN --out-dir DIR | --zip FILE [--ips]
       npip emit diagram|address-map PLAN [--compact] [--theme auto|light|dark] [-o FILE]

  arm        azuredeploy.json, the ARM template
  params     azuredeploy.parameters.json, its parameters file
  udr        the route table checklist (Markdown by default)
  firewall   the firewall rule checklist (Markdown by default)
  record     the design record (Markdown): the plan, what the checks found, the deploy commands; written for a
             plan with errors too, which it lists
  all        every file that applies to the plan, into DIR or one ZIP archive
  diagram    the network diagram (SVG); drawn even for a plan with errors, which it marks
  address-map  the VNet address-space map (SVG), likewise

Options:
  --format md|csv|json   Checklist format (default md)
  --ips                  In checklists, the region's IP ranges instead of service tags
  -o, --output FILE      Write to FILE instead of standard output
  --out-dir DIR          Where `emit all` writes
  --zip FILE             `emit all` into one ZIP archive instead (the same files, byte for byte the same on every run)
  --compact              Pictures: the small version
  --theme auto|light|dark  Pictures: colours (auto follows the reader's colour scheme)

A plan with errors is refused: exit 1, the findings on standard error, nothing written. Exit 2: bad input or usage.
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum What {
    Arm,
    Params,
    Udr,
    Firewall,
    All,
    Record,
}

#[derive(Debug, Default)]
struct Args {
    plan: Option<String>,
    format: Option<Format>,
    ips: bool,
    output: Option<String>,
    out_dir: Option<String>,
    zip: Option<String>,
}

pub fn run(args: &[String]) -> ExitCode {
    let Some((what, rest)) = args.split_first() else {
        return usage("emit: what to emit? arm, params, udr, firewall or all (see `npip emit --help`)");
    };
    let what = match what.as_str() {
        "arm" => What::Arm,
        "params" => What::Params,
        "udr" => What::Udr,
        "firewall" => What::Firewall,
        "all" => What::All,
        "record" => What::Record,
        "diagram" => return run_diagram(rest),
        "address-map" => return run_address_map(rest),
        other => {
            return usage(&format!(
                "emit: cannot emit `{other}`; choose arm, params, udr, firewall, all, record, diagram or address-map"
            ))
        }
    };
    let parsed = match parse(what, rest) {
        Ok(parsed) => parsed,
        Err(message) => return usage(&format!("emit: {message}")),
    };
    let Some(plan_path) = parsed.plan.as_deref() else {
        return usage("emit: which plan? Give a plan file, or - for standard input");
    };
    let plan = match load_plan("emit", plan_path) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let options = Options {
        use_ip_addresses: parsed.ips,
    };
    let result = match what {
        What::All => match (parsed.out_dir.as_deref(), parsed.zip.as_deref()) {
            (Some(dir), None) => {
                emit::artifacts(&plan, &options).map(|artifacts| Output::Files(dir.to_string(), artifacts))
            }
            (None, Some(file)) => {
                emit::artifacts(&plan, &options).map(|artifacts| Output::Archive(file.to_string(), artifacts))
            }
            (Some(_), Some(_)) => return usage("emit: give --out-dir or --zip, not both"),
            (None, None) => return usage("emit: `emit all` needs --out-dir DIR or --zip FILE"),
        },
        What::Arm => emit::arm_template(&plan).map(Output::Text),
        What::Record => Ok(Output::Text(emit::design_record(&plan))),
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
                    err(&format!("npip emit: {message}"));
                    bad_input()
                }
            }
        }
    }
}

enum Output {
    Text(String),
    /// A checklist that does not apply: its text (which says why) and the reason for standard error.
    NotApplicable(String, String),
    Files(String, Vec<emit::Artifact>),
    /// Every file in one ZIP archive at the path.
    Archive(String, Vec<emit::Artifact>),
}

fn checklist_output(checklist: &emit::Checklist, format: Option<Format>) -> Output {
    let text = checklist.render(format.unwrap_or(Format::Markdown));
    match checklist {
        emit::Checklist::NotApplicable(na) => Output::NotApplicable(text, na.reason.clone()),
        _ => Output::Text(text),
    }
}

fn parse(what: What, args: &[String]) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        if let Some(value) = option_value(args, &mut i, "--format") {
            let value = value?;
            let format =
                Format::parse(&value).ok_or_else(|| format!("unknown format `{value}`: use md, csv or json"))?;
            if what == What::Record {
                return Err("the design record is Markdown only".to_string());
            }
            if matches!(what, What::Arm | What::Params) && format != Format::Json {
                return Err("the template and parameters file are JSON only".to_string());
            }
            if what == What::All {
                return Err("`emit all` writes every format; drop --format".to_string());
            }
            set_once(&mut parsed.format, "--format", format)?;
            continue;
        }
        if let Some(value) = option_value(args, &mut i, "-o").or_else(|| option_value(args, &mut i, "--output")) {
            if what == What::All {
                return Err("`emit all` takes --out-dir, not -o".to_string());
            }
            set_once(&mut parsed.output, "-o/--output", value?)?;
            continue;
        }
        if let Some(value) = option_value(args, &mut i, "--zip") {
            if what != What::All {
                return Err("--zip is for `emit all`; use -o FILE".to_string());
            }
            set_once(&mut parsed.zip, "--zip", value?)?;
            continue;
        }
        if let Some(value) = option_value(args, &mut i, "--out-dir") {
            if what != What::All {
                return Err("--out-dir is for `emit all`; use -o FILE".to_string());
            }
            set_once(&mut parsed.out_dir, "--out-dir", value?)?;
            continue;
        }
        match arg.as_str() {
            "--ips" => parsed.ips = true,
            _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option `{arg}`")),
            _ if parsed.plan.is_none() => parsed.plan = Some(arg.clone()),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
        i += 1;
    }
    Ok(parsed)
}

fn print_finding(finding: &Finding) {
    err(&format!(
        "{} {} {}: {}\n  remedy: {}",
        finding.severity,
        finding.code,
        finding.field.path(),
        finding.message,
        finding.remedy
    ));
}

fn report_refusal(refused: &Refused) -> ExitCode {
    let count = refused.findings.len();
    err(&format!(
        "npip emit: the plan has {count} error{}; nothing was written",
        if count == 1 { "" } else { "s" }
    ));
    for finding in &refused.findings {
        print_finding(finding);
    }
    answer_no()
}

fn report_warnings(plan: &Plan) {
    for finding in rules::validate(plan).iter().filter(|f| f.severity == Severity::Warning) {
        print_finding(finding);
    }
}

fn write(output: Output, file: Option<&str>) -> Result<(), String> {
    match output {
        Output::Text(text) => write_text(&text, file),
        Output::NotApplicable(text, reason) => {
            err(&format!("npip emit: not applicable to this plan: {reason}"));
            write_text(&text, file)
        }
        Output::Files(dir, artifacts) => {
            let dir = Path::new(&dir);
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            for artifact in &artifacts {
                let path = dir.join(&artifact.file_name);
                std::fs::write(&path, &artifact.contents)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                out(&format!("wrote {}\n", path.display()));
            }
            Ok(())
        }
        Output::Archive(path, artifacts) => {
            let entries: Vec<(&str, &[u8])> = artifacts
                .iter()
                .map(|a| (a.file_name.as_str(), a.contents.as_bytes()))
                .collect();
            std::fs::write(&path, npip_core::zip::zip(&entries)).map_err(|e| format!("cannot write {path}: {e}"))?;
            out(&format!("wrote {path} ({} files)\n", artifacts.len()));
            Ok(())
        }
    }
}

fn write_text(text: &str, file: Option<&str>) -> Result<(), String> {
    match file {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}")),
        None => {
            out(text);
            Ok(())
        }
    }
}
