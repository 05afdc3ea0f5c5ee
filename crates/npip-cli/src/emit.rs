//! `npip emit WHAT PLAN …`: the files a plan gives. A plan with errors is refused: exit 1, the findings on standard
//! error, nothing written. Warnings go to standard error too but do not stop the output. The pictures are in
//! diagram.rs.

use crate::diagram::{self, Picture};
use crate::terminal::escaped;
use crate::{answer_no, err, failed, load_plan, out, shown_path, usage, write_file, Outcome, OutputFile};
use clap::{Subcommand, ValueEnum};
use npip_core::emit::{self, Format, Options, Refused};
use npip_core::finding::{Finding, Severity};
use npip_core::plan::Plan;
use npip_core::rules;
use std::path::Path;
use std::process::ExitCode;

/// Write the files a plan gives: ARM template, parameters file, checklists, design record, pictures
///
/// A plan with errors is refused: exit 1, the findings on standard error, nothing written (the design record and the
/// pictures excepted: they show the errors). Warnings go to standard error too but do not stop the output. Exit 2:
/// bad input or usage, or a file that could not be written.
#[derive(Debug, Subcommand)]
pub enum What {
    /// azuredeploy.json, the ARM template
    Arm(JsonFile),
    /// azuredeploy.parameters.json, its parameters file
    Params(JsonFile),
    /// The route table checklist (Markdown by default)
    Udr(ChecklistArgs),
    /// The firewall rule checklist (Markdown by default)
    Firewall(ChecklistArgs),
    /// The design record (Markdown): the plan, what the checks found, the deploy commands
    ///
    /// Written for a plan with errors too, which it lists.
    Record(RecordArgs),
    /// Every file that applies to the plan, into a folder or one ZIP archive
    All(AllArgs),
    /// The network diagram (SVG); drawn even for a plan with errors, which it marks
    Diagram(Picture),
    /// The VNet address-space map (SVG); drawn even for a plan with errors, which it marks
    AddressMap(Picture),
}

/// The plan argument of every `emit` command.
#[derive(Debug, clap::Args)]
struct PlanFile {
    /// The plan file, or `-` for standard input
    plan: String,
}

/// `emit arm` and `emit params`: JSON files.
#[derive(Debug, clap::Args)]
pub struct JsonFile {
    #[command(flatten)]
    plan: PlanFile,
    #[command(flatten)]
    output: OutputFile,
    /// JSON, the only format of these files (accepted so that scripts may say it)
    #[arg(long, hide = true, value_parser = ["json"])]
    format: Option<String>,
    /// No effect: these files list no IP ranges (accepted as it always was)
    #[arg(long, hide = true)]
    ips: bool,
}

#[derive(Debug, clap::Args)]
pub struct ChecklistArgs {
    #[command(flatten)]
    plan: PlanFile,
    /// Checklist format
    #[arg(long, value_enum, default_value_t)]
    format: ChecklistFormat,
    /// List the region's IP ranges instead of service tags
    #[arg(long)]
    ips: bool,
    #[command(flatten)]
    output: OutputFile,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum ChecklistFormat {
    #[default]
    #[value(alias = "markdown")]
    Md,
    Csv,
    Json,
}

impl From<ChecklistFormat> for Format {
    fn from(format: ChecklistFormat) -> Format {
        match format {
            ChecklistFormat::Md => Format::Markdown,
            ChecklistFormat::Csv => Format::Csv,
            ChecklistFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    #[command(flatten)]
    plan: PlanFile,
    #[command(flatten)]
    output: OutputFile,
    /// No effect: the record lists no IP ranges (accepted as it always was)
    #[arg(long, hide = true)]
    ips: bool,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["out_dir", "zip"])))]
pub struct AllArgs {
    #[command(flatten)]
    plan: PlanFile,
    /// Write the files into DIR (made if missing)
    #[arg(long, value_name = "DIR")]
    out_dir: Option<String>,
    /// Write one ZIP archive instead: the same files, byte for byte the same on every run
    #[arg(long, value_name = "FILE")]
    zip: Option<String>,
    /// In the checklists, the region's IP ranges instead of service tags
    #[arg(long)]
    ips: bool,
}

/// What `emit` makes, once the pictures (which have their own path) are set apart.
enum Make {
    Arm,
    Params,
    Udr(ChecklistFormat),
    Firewall(ChecklistFormat),
    Record,
    Dir(String),
    Zip(String),
}

pub fn run(what: What) -> Outcome {
    let (make, plan_path, ips, output) = match what {
        What::Diagram(picture) => return diagram::run(&picture, npip_core::diagram::network_svg),
        What::AddressMap(picture) => return diagram::run(&picture, npip_core::diagram::address_map_svg),
        What::Arm(a) => (Make::Arm, a.plan.plan, a.ips, a.output.output),
        What::Params(a) => (Make::Params, a.plan.plan, a.ips, a.output.output),
        What::Udr(c) => (Make::Udr(c.format), c.plan.plan, c.ips, c.output.output),
        What::Firewall(c) => (Make::Firewall(c.format), c.plan.plan, c.ips, c.output.output),
        What::Record(r) => (Make::Record, r.plan.plan, r.ips, r.output.output),
        What::All(a) => match (a.out_dir, a.zip) {
            (Some(dir), None) => (Make::Dir(dir), a.plan.plan, a.ips, None),
            (None, Some(file)) => (Make::Zip(file), a.plan.plan, a.ips, None),
            // clap lets through exactly one of the two.
            _ => return Err(usage("emit all: give --out-dir DIR or --zip FILE")),
        },
    };
    let plan = load_plan("emit", &plan_path)?;
    let options = Options { use_ip_addresses: ips };
    let result = match make {
        Make::Dir(dir) => emit::artifacts(&plan, &options).map(|artifacts| Output::Files(dir, artifacts)),
        Make::Zip(file) => emit::artifacts(&plan, &options).map(|artifacts| Output::Archive(file, artifacts)),
        Make::Arm => emit::arm_template(&plan).map(Output::Text),
        Make::Record => Ok(Output::Text(emit::design_record(&plan))),
        Make::Params => emit::parameters_file(&plan).map(Output::Text),
        Make::Udr(format) => emit::udr_checklist(&plan, &options).map(|list| checklist_output(&list, format)),
        Make::Firewall(format) => emit::firewall_checklist(&plan, &options).map(|list| checklist_output(&list, format)),
    };
    let made = result.map_err(|refused| report_refusal(&refused))?;
    report_warnings(&plan);
    write(made, output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

enum Output {
    Text(String),
    /// A checklist that does not apply: its text (which says why) and the reason for standard error.
    NotApplicable(String, String),
    Files(String, Vec<emit::Artifact>),
    /// Every file in one ZIP archive at the path.
    Archive(String, Vec<emit::Artifact>),
}

fn checklist_output(checklist: &emit::Checklist, format: ChecklistFormat) -> Output {
    let text = checklist.render(format.into());
    match checklist {
        emit::Checklist::NotApplicable(na) => Output::NotApplicable(text, na.reason.clone()),
        _ => Output::Text(text),
    }
}

fn print_finding(finding: &Finding) {
    err(&format!(
        "{} {} {}: {}\n  remedy: {}",
        finding.severity,
        finding.code,
        escaped(&finding.field.path()),
        escaped(&finding.message),
        escaped(finding.remedy)
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

/// Writes what was made to standard output, the file, the folder or the archive; a failure is told and gives exit
/// code 2.
fn write(made: Output, file: Option<&str>) -> Result<(), ExitCode> {
    match made {
        Output::Text(text) => write_text(&text, file),
        Output::NotApplicable(text, reason) => {
            err(&format!("npip emit: not applicable to this plan: {}", escaped(&reason)));
            write_text(&text, file)
        }
        Output::Files(dir, artifacts) => {
            let dir = Path::new(&dir);
            std::fs::create_dir_all(dir).map_err(|e| {
                err(&format!("npip emit: cannot create {}: {e}", shown_path(dir)));
                failed()
            })?;
            for artifact in &artifacts {
                let path = dir.join(&artifact.file_name);
                write_file("emit", &path, artifact.contents.as_bytes())?;
                out(&format!("wrote {}\n", shown_path(&path)))?;
            }
            Ok(())
        }
        Output::Archive(path, artifacts) => {
            let entries: Vec<(&str, &[u8])> = artifacts
                .iter()
                .map(|a| (a.file_name.as_str(), a.contents.as_bytes()))
                .collect();
            write_file("emit", Path::new(&path), &npip_core::zip::zip(&entries))?;
            out(&format!("wrote {} ({} files)\n", escaped(&path), artifacts.len()))
        }
    }
}

fn write_text(text: &str, file: Option<&str>) -> Result<(), ExitCode> {
    match file {
        Some(path) => write_file("emit", Path::new(path), text.as_bytes()),
        None => out(text),
    }
}
