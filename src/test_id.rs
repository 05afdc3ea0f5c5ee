//! Every DOM test id in one place, so components, browser tests and end-to-end tests agree on them.
//!
//! Form fields need no test id: each has a stable DOM id from [`crate::fields::field_dom_id`] and a visible label.

/// A `data-testid` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestId {
    AppRoot,
    StepList,
    Version,
    /// The current step's heading (focus lands here on every step change).
    StepHeading,
    NextButton,
    BackButton,
    /// The findings summary of the current step.
    StepSummary,
    /// The polite live region that announces errors and notices.
    Announcer,
    Notices,
    /// The notice's buttons over saved work that autosave holds back from.
    DownloadHeldWork,
    DiscardHeldWork,
    ImportButton,
    ImportInput,
    ExampleSelect,
    ExportButton,
    CopyLinkButton,
    StartOverButton,
    ThemeButton,
    ConfirmDialog,
    ConfirmYes,
    ConfirmNo,
    DropOverlay,
    SuggestSubnets,
    /// The network step's button that fills an existing VNet from its pasted JSON.
    VnetImport,
    CapacitySummary,
    AddressMap,
    NetworkDiagram,
    EgressDiagram,
    /// The egress step's note that a managed VNet without secure cluster connectivity has no NAT gateway.
    NoManagedNatGateway,
    /// The connectivity step's note that a managed VNet has no NSG of its own.
    NoOwnNsg,
    LivePreview,
    LivePreviewBody,
    LivePreviewChange,
    /// Review step.
    ReviewStatus,
    ReviewFindings,
    ArtifactTabs,
    ArtifactPreview,
    DownloadButton,
    CopyButton,
    DeployCommands,
    DownloadDiagram,
    /// Every ready file and the diagram in one ZIP archive.
    DownloadAll,
    ChecklistIps,
}

impl TestId {
    /// The attribute value as written in the DOM.
    pub const fn as_str(self) -> &'static str {
        match self {
            TestId::AppRoot => "app-root",
            TestId::StepList => "step-list",
            TestId::Version => "version",
            TestId::StepHeading => "step-heading",
            TestId::NextButton => "next",
            TestId::BackButton => "back",
            TestId::StepSummary => "step-summary",
            TestId::Announcer => "announcer",
            TestId::Notices => "notices",
            TestId::DownloadHeldWork => "download-held",
            TestId::DiscardHeldWork => "discard-held",
            TestId::ImportButton => "import",
            TestId::ImportInput => "import-input",
            TestId::ExampleSelect => "example-select",
            TestId::ExportButton => "export",
            TestId::CopyLinkButton => "copy-link",
            TestId::StartOverButton => "start-over",
            TestId::ThemeButton => "theme",
            TestId::ConfirmDialog => "confirm-dialog",
            TestId::ConfirmYes => "confirm-yes",
            TestId::ConfirmNo => "confirm-no",
            TestId::DropOverlay => "drop-overlay",
            TestId::SuggestSubnets => "suggest-subnets",
            TestId::VnetImport => "vnet-import",
            TestId::CapacitySummary => "capacity",
            TestId::AddressMap => "address-map",
            TestId::NetworkDiagram => "network-diagram",
            TestId::EgressDiagram => "egress-diagram",
            TestId::NoManagedNatGateway => "no-managed-nat-gateway",
            TestId::NoOwnNsg => "no-own-nsg",
            TestId::LivePreview => "live-preview",
            TestId::LivePreviewBody => "live-preview-body",
            TestId::LivePreviewChange => "live-preview-change",
            TestId::ReviewStatus => "review-status",
            TestId::ReviewFindings => "review-findings",
            TestId::ArtifactTabs => "artifact-tabs",
            TestId::ArtifactPreview => "artifact-preview",
            TestId::DownloadButton => "download",
            TestId::CopyButton => "copy",
            TestId::DeployCommands => "deploy-commands",
            TestId::DownloadDiagram => "download-diagram",
            TestId::DownloadAll => "download-all",
            TestId::ChecklistIps => "checklist-ips",
        }
    }
}
