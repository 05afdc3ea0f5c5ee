//! The app's calls into the planner engine, in one place. Each function adapts an engine result to what the
//! screens show; none decides or generates anything itself.
//!
//! INTEGRATION POINTS: the region catalog, sizing, emitters and diagrams are being built in the engine on other
//! branches. Until each lands, its function here says "not in this build" (`None` / `Output::Unavailable`) and
//! the screens hide what depends on it. Wire each in here when it is merged; nothing else changes.

use crate::plan_io::plan_file_text;
use npip_core::plan::Plan;
use npip_core::Finding;

/// A generated file, or why there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Ready(String),
    /// Refused because the plan has errors; the text says which.
    Blocked(String),
    /// This file does not apply to the plan (a UDR checklist for a managed VNet); the text says why.
    NotApplicable(String),
    /// The generator is not part of this build.
    Unavailable,
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

    pub fn index(self) -> usize {
        ArtifactKind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

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

/// One generated file for the plan.
pub fn artifact(kind: ArtifactKind, plan: &Plan, findings: &[Finding]) -> Output {
    let _ = findings;
    match kind {
        ArtifactKind::PlanFile => Output::Ready(plan_file_text(plan)),
        // Integration point: `npip_core::emit` (template, parameters, UDR and firewall checklists).
        _ => Output::Unavailable,
    }
}

/// The regions to suggest in the region input: (name as Azure writes it, display label).
pub fn region_options() -> Vec<(String, String)> {
    // Integration point: `npip_core::regions` (the region catalog).
    Vec::new()
}

/// Subnets the engine's sizing suggests for the plan, or why it cannot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubnetSuggestion {
    pub host: String,
    pub container: String,
}

/// `None` when sizing is not part of this build.
pub fn suggest_subnets(plan: &Plan) -> Option<Result<SubnetSuggestion, String>> {
    // Integration point: `npip_core::sizing`.
    let _ = plan;
    None
}

/// The network diagram (`compact` for the small one beside the egress step); `None` when not in this build.
pub fn network_svg(plan: &Plan, findings: &[Finding], compact: bool) -> Option<String> {
    // Integration point: `npip_core::diagram::network_svg`.
    let _ = (plan, findings, compact);
    None
}

/// The address-space map; `None` when not in this build.
pub fn address_map_svg(plan: &Plan, findings: &[Finding]) -> Option<String> {
    // Integration point: `npip_core::diagram::address_map_svg`.
    let _ = (plan, findings);
    None
}
