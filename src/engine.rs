//! The app's calls into the planner engine, in one place. Each function adapts an engine result to what the
//! screens show; none decides or generates anything itself.
//!
//! Everything here is a call into `npip_core` plus the small amount of shaping the screens need (which files to
//! offer, what to say when one is held back).

use npip_core::diagram::{self, DiagramOptions, DiagramSize, Theme};
use npip_core::plan::Plan;
use npip_core::{emit, regions, sizing, Finding, Severity};

/// A generated file, or why there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Ready(String),
    /// Refused because the plan has errors; the text says which.
    Blocked(String),
    /// This file does not apply to the plan (a UDR checklist for a managed VNet); the text says why.
    NotApplicable(String),
}

/// The files the app offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArtifactKind {
    Template,
    Parameters,
    UdrMarkdown,
    UdrCsv,
    FirewallMarkdown,
    FirewallCsv,
    PlanFile,
    DesignRecord,
}

impl ArtifactKind {
    pub const ALL: [ArtifactKind; 8] = [
        ArtifactKind::Template,
        ArtifactKind::Parameters,
        ArtifactKind::UdrMarkdown,
        ArtifactKind::UdrCsv,
        ArtifactKind::FirewallMarkdown,
        ArtifactKind::FirewallCsv,
        ArtifactKind::PlanFile,
        ArtifactKind::DesignRecord,
    ];

    /// The download's file name, as the engine names the file (the plan file's name comes from the workspace name).
    pub fn file_name(self, plan: &Plan) -> String {
        match self {
            ArtifactKind::Template => emit::TEMPLATE_FILE_NAME.to_string(),
            ArtifactKind::Parameters => emit::PARAMETERS_FILE_NAME.to_string(),
            ArtifactKind::PlanFile => plan.file_name(),
            ArtifactKind::DesignRecord => emit::RECORD_FILE_NAME.to_string(),
            _ => match self.checklist() {
                Some((kind, format)) => kind.file_name(format),
                None => String::new(),
            },
        }
    }

    /// Which checklist in which format, for the checklist files.
    const fn checklist(self) -> Option<(emit::ChecklistKind, emit::Format)> {
        use emit::{ChecklistKind, Format};
        match self {
            ArtifactKind::UdrMarkdown => Some((ChecklistKind::Udr, Format::Markdown)),
            ArtifactKind::UdrCsv => Some((ChecklistKind::Udr, Format::Csv)),
            ArtifactKind::FirewallMarkdown => Some((ChecklistKind::Firewall, Format::Markdown)),
            ArtifactKind::FirewallCsv => Some((ChecklistKind::Firewall, Format::Csv)),
            ArtifactKind::Template | ArtifactKind::Parameters | ArtifactKind::PlanFile | ArtifactKind::DesignRecord => {
                None
            }
        }
    }

    pub const fn mime(self) -> &'static str {
        match self {
            ArtifactKind::Template | ArtifactKind::Parameters | ArtifactKind::PlanFile => "application/json",
            ArtifactKind::UdrMarkdown | ArtifactKind::FirewallMarkdown | ArtifactKind::DesignRecord => "text/markdown",
            ArtifactKind::UdrCsv | ArtifactKind::FirewallCsv => "text/csv",
        }
    }

    pub const fn title(self) -> &'static str {
        match self {
            ArtifactKind::Template => "ARM template",
            ArtifactKind::Parameters => "Parameters file",
            ArtifactKind::UdrMarkdown => "UDR checklist (Markdown)",
            ArtifactKind::UdrCsv => "UDR checklist (CSV)",
            ArtifactKind::FirewallMarkdown => "Firewall checklist (Markdown)",
            ArtifactKind::FirewallCsv => "Firewall checklist (CSV)",
            ArtifactKind::PlanFile => "Plan file",
            ArtifactKind::DesignRecord => "Design record (Markdown)",
        }
    }

    pub const fn description(self) -> &'static str {
        match self {
            ArtifactKind::Template => "Deploys the workspace and the network resources it needs.",
            ArtifactKind::Parameters => "Your plan's values for the template's parameters.",
            ArtifactKind::UdrMarkdown | ArtifactKind::UdrCsv => {
                "The routes the workspace's subnets need, for your region."
            }
            ArtifactKind::FirewallMarkdown | ArtifactKind::FirewallCsv => {
                "What a firewall in the egress path must allow, for your region."
            }
            ArtifactKind::PlanFile => "This plan, to open again here or to feed the npip command line.",
            ArtifactKind::DesignRecord => {
                "The plan, what the checks found and the deploy commands, for a wiki page or a ticket."
            }
        }
    }

    /// Whether errors in the plan stop this file (the plan file and the design record, which lists them, are always
    /// available).
    pub const fn blocked_by_errors(self) -> bool {
        !matches!(self, ArtifactKind::PlanFile | ArtifactKind::DesignRecord)
    }

    pub const fn slug(self) -> &'static str {
        match self {
            ArtifactKind::Template => "template",
            ArtifactKind::Parameters => "parameters",
            ArtifactKind::UdrMarkdown => "udr-md",
            ArtifactKind::UdrCsv => "udr-csv",
            ArtifactKind::FirewallMarkdown => "firewall-md",
            ArtifactKind::FirewallCsv => "firewall-csv",
            ArtifactKind::PlanFile => "plan",
            ArtifactKind::DesignRecord => "record",
        }
    }
}

/// Why files are held back, in one sentence naming the first error.
fn blocked(errors: &[&Finding]) -> Output {
    let count = errors.len();
    let first = errors
        .first()
        .map(|f| format!(" The first: {}", f.message))
        .unwrap_or_default();
    let (noun, them) = if count == 1 {
        ("error", "it")
    } else {
        ("errors", "them")
    };
    Output::Blocked(format!(
        "Held back by {count} {noun} in the plan; fix {them} and this file appears.{first}"
    ))
}

/// Why files are held back while number fields' typed text does not read (`first` names the field and says why):
/// the plan still has the last numbers that read, which are not what the person typed.
pub fn held_back_by_input(count: usize, first: &str) -> Output {
    Output::Blocked(if count == 1 {
        format!("Held back: a number does not read, so the plan still has the old value; fix it and this file appears. {first}")
    } else {
        format!(
            "Held back: {count} numbers do not read, so the plan still has the old values; fix them and this file \
             appears. The first: {first}"
        )
    })
}

/// One generated file for the plan. Files other than the plan file are held back while the plan has errors.
/// `options` says how checklists are written (service tags or the region's IPs).
pub fn artifact(kind: ArtifactKind, plan: &Plan, findings: &[Finding], options: &emit::Options) -> Output {
    match kind {
        ArtifactKind::PlanFile => return Output::Ready(plan.to_json_pretty()),
        ArtifactKind::DesignRecord => return Output::Ready(emit::design_record(plan)),
        _ => {}
    }
    // A checklist the plan does not need is "not needed" whatever else is wrong with the plan.
    if let Some(why) = kind
        .checklist()
        .and_then(|(checklist, _)| emit::not_applicable(checklist, plan))
    {
        return Output::NotApplicable(why);
    }
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    if !errors.is_empty() {
        return blocked(&errors);
    }
    let result = match (kind, kind.checklist()) {
        (ArtifactKind::Template, _) => emit::arm_template(plan).map(Output::Ready),
        (ArtifactKind::Parameters, _) => emit::parameters_file(plan).map(Output::Ready),
        (_, Some((emit::ChecklistKind::Udr, format))) => {
            emit::udr_checklist(plan, options).map(|c| checklist(&c, format))
        }
        (_, Some((emit::ChecklistKind::Firewall, format))) => {
            emit::firewall_checklist(plan, options).map(|c| checklist(&c, format))
        }
        _ => Ok(Output::Ready(plan.to_json_pretty())),
    };
    result.unwrap_or_else(|refused| blocked(&refused.findings.iter().collect::<Vec<_>>()))
}

/// The UDR or firewall checklist as data, for the printed record to lay out as tables; `None` when the plan has
/// errors or the checklist does not apply to it.
pub fn checklist_data(
    kind: emit::ChecklistKind,
    plan: &Plan,
    findings: &[Finding],
    options: &emit::Options,
) -> Option<emit::Checklist> {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return None;
    }
    let checklist = match kind {
        emit::ChecklistKind::Udr => emit::udr_checklist(plan, options),
        emit::ChecklistKind::Firewall => emit::firewall_checklist(plan, options),
    };
    checklist.ok().filter(emit::Checklist::applies)
}

fn checklist(checklist: &emit::Checklist, format: emit::Format) -> Output {
    match checklist {
        emit::Checklist::NotApplicable(why) => Output::NotApplicable(why.reason.clone()),
        _ => Output::Ready(checklist.render(format)),
    }
}

/// The regions to suggest in the region input: (name as Azure writes it, display name).
pub fn region_options() -> Vec<(String, String)> {
    regions::all()
        .iter()
        .map(|r| (r.name.to_string(), r.display_name.to_string()))
        .collect()
}

/// The display name of a known region ("West Europe"), for the region input's hint.
pub fn region_display_name(name: &str) -> Option<&'static str> {
    regions::find(name.trim()).map(|r| r.display_name)
}

/// Subnets the engine's sizing suggests for the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubnetSuggestion {
    pub host: String,
    pub container: String,
    /// The suggestion and the room it leaves, for people.
    pub sentence: String,
}

/// The engine's "suggest subnets" for the plan, or why there are none, as a sentence. `None` for the managed VNet.
pub fn suggest_subnets(plan: &Plan) -> Option<Result<SubnetSuggestion, String>> {
    Some(match sizing::suggest_for_plan(plan)? {
        Ok(suggestion) => Ok(SubnetSuggestion {
            host: suggestion.host.to_string(),
            container: suggestion.container.to_string(),
            sentence: suggestion.sentence(u64::from(plan.peak_nodes)),
        }),
        Err(why) => Err(format!("No suggestion: {why}.")),
    })
}

fn diagram_options(size: DiagramSize, id_prefix: &str) -> DiagramOptions {
    DiagramOptions {
        size,
        theme: Theme::Auto,
        id_prefix: id_prefix.to_string(),
    }
}

/// The network diagram (`compact` for the small one beside the egress step). `id_prefix` keeps the ids of two
/// pictures on one page apart.
pub fn network_svg(plan: &Plan, findings: &[Finding], id_prefix: &str, compact: bool) -> String {
    let size = if compact {
        DiagramSize::Compact
    } else {
        DiagramSize::Full
    };
    diagram::network_svg(plan, findings, &diagram_options(size, id_prefix))
}

/// The address-space map (`compact` in the address step's column, where the full layout's text would be too
/// small to read).
pub fn address_map_svg(plan: &Plan, findings: &[Finding], id_prefix: &str, compact: bool) -> String {
    let size = if compact {
        DiagramSize::Compact
    } else {
        DiagramSize::Full
    };
    diagram::address_map_svg(plan, findings, &diagram_options(size, id_prefix))
}

/// A print-only style sheet that gives the inline pictures the engine's light palette whatever the theme: their
/// own styles turn dark with the page's theme or the system's, and a printed record is on white paper.
pub fn print_diagram_palette() -> String {
    let mut css = String::from("@media print{html .npip-svg{");
    for token in diagram::PALETTE {
        css.push_str("--npip-");
        css.push_str(token.name);
        css.push(':');
        css.push_str(token.light);
        css.push_str("!important;");
    }
    css.push_str("}}");
    css
}
