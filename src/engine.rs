//! The app's calls into the planner engine, in one place. Each function adapts an engine result to what the
//! screens show; none decides or generates anything itself.
//!
//! Everything here is a call into `npip_core` plus the small amount of shaping the screens need (which files to
//! offer, what to say when one is held back).

use npip_core::diagram::{self, DiagramOptions, DiagramSize, Theme};
use npip_core::plan::{Plan, Vnet};
use npip_core::{emit, regions, sizing, Cidr, Finding, Severity};

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
}

impl ArtifactKind {
    pub const ALL: [ArtifactKind; 7] = [
        ArtifactKind::Template,
        ArtifactKind::Parameters,
        ArtifactKind::UdrMarkdown,
        ArtifactKind::UdrCsv,
        ArtifactKind::FirewallMarkdown,
        ArtifactKind::FirewallCsv,
        ArtifactKind::PlanFile,
    ];

    /// The file name of the download (the plan file's name comes from the workspace name instead).
    pub const fn file_name(self) -> &'static str {
        match self {
            ArtifactKind::Template => "azuredeploy.json",
            ArtifactKind::Parameters => "azuredeploy.parameters.json",
            ArtifactKind::UdrMarkdown => "udr-checklist.md",
            ArtifactKind::UdrCsv => "udr-checklist.csv",
            ArtifactKind::FirewallMarkdown => "firewall-checklist.md",
            ArtifactKind::FirewallCsv => "firewall-checklist.csv",
            ArtifactKind::PlanFile => "npip-plan.json",
        }
    }

    pub const fn mime(self) -> &'static str {
        match self {
            ArtifactKind::Template | ArtifactKind::Parameters | ArtifactKind::PlanFile => "application/json",
            ArtifactKind::UdrMarkdown | ArtifactKind::FirewallMarkdown => "text/markdown",
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
        }
    }

    /// Whether errors in the plan stop this file (the plan file is always available).
    pub const fn blocked_by_errors(self) -> bool {
        !matches!(self, ArtifactKind::PlanFile)
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
    let noun = if count == 1 { "error" } else { "errors" };
    Output::Blocked(format!(
        "Held back by {count} {noun} in the plan; fix them and this file appears.{first}"
    ))
}

/// One generated file for the plan. Files other than the plan file are held back while the plan has errors.
pub fn artifact(kind: ArtifactKind, plan: &Plan, findings: &[Finding]) -> Output {
    if kind == ArtifactKind::PlanFile {
        return Output::Ready(plan.to_json_pretty());
    }
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    if !errors.is_empty() {
        return blocked(&errors);
    }
    let options = emit::Options::default();
    let result = match kind {
        ArtifactKind::Template => emit::arm_template(plan).map(Output::Ready),
        ArtifactKind::Parameters => emit::parameters_file(plan).map(Output::Ready),
        ArtifactKind::UdrMarkdown | ArtifactKind::UdrCsv => {
            emit::udr_checklist(plan, &options).map(|c| checklist(&c, kind))
        }
        ArtifactKind::FirewallMarkdown | ArtifactKind::FirewallCsv => {
            emit::firewall_checklist(plan, &options).map(|c| checklist(&c, kind))
        }
        ArtifactKind::PlanFile => Ok(Output::Ready(plan.to_json_pretty())),
    };
    result.unwrap_or_else(|refused| blocked(&refused.findings.iter().collect::<Vec<_>>()))
}

fn checklist(checklist: &emit::Checklist, kind: ArtifactKind) -> Output {
    match checklist {
        emit::Checklist::NotApplicable(why) => Output::NotApplicable(why.reason.clone()),
        _ => {
            let format = match kind {
                ArtifactKind::UdrCsv | ArtifactKind::FirewallCsv => emit::Format::Csv,
                _ => emit::Format::Markdown,
            };
            Output::Ready(checklist.render(format))
        }
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
}

/// The smallest host and container subnets for the peak nodes inside the VNet (the first of an existing VNet's
/// prefixes with room), clear of the avoid ranges; or why there are none. `None` for the managed VNet.
pub fn suggest_subnets(plan: &Plan) -> Option<Result<SubnetSuggestion, String>> {
    let injection = plan.network.injection()?;
    let prefixes: Vec<&String> = match &injection.vnet {
        Vnet::New { address_space, .. } => vec![address_space],
        Vnet::Existing { address_prefixes, .. } => address_prefixes.iter().collect(),
    };
    let vnets: Vec<Cidr> = prefixes.iter().filter_map(|p| p.trim().parse().ok()).collect();
    if vnets.is_empty() {
        return Some(Err(
            "Enter a valid VNet address range first; the subnets are placed inside it.".to_string(),
        ));
    }
    let avoid: Vec<Cidr> = plan.avoid.iter().filter_map(|a| a.cidr.trim().parse().ok()).collect();
    let nodes = u64::from(plan.peak_nodes);
    let mut last_error = None;
    for vnet in vnets {
        match sizing::suggest_subnets(vnet, nodes, &avoid) {
            Ok(suggestion) => {
                return Some(Ok(SubnetSuggestion {
                    host: suggestion.host.to_string(),
                    container: suggestion.container.to_string(),
                }))
            }
            Err(error) => last_error = Some(error),
        }
    }
    let why = last_error.map(|e| e.to_string()).unwrap_or_default();
    Some(Err(format!("No suggestion: {why}.")))
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
