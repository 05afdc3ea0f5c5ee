//! Everything generated from the plan, each in its own `Memo`: computed once per plan change and only while
//! something on screen reads it, shared by every component that shows, copies or downloads it.

use crate::browser;
use crate::engine::{self, ArtifactKind, Output};
use crate::notices::NoticeKind;
use crate::state::PlanState;
use leptos::prelude::*;
use npip_core::emit::{deploy_commands, Checklist, ChecklistKind, DeployCommands};

#[derive(Clone, Copy)]
pub struct Artifacts {
    files: [Memo<Output>; 8],
    /// Checklists list the region's IP ranges instead of service tags (for devices without service tags).
    pub checklist_ips: RwSignal<bool>,
    pub network_svg: Memo<String>,
    /// The same picture for the full-screen view (its own ids, as both are in the page at once).
    pub network_svg_zoom: Memo<String>,
    pub compact_network_svg: Memo<String>,
    pub address_map_svg: Memo<String>,
    pub address_map_svg_zoom: Memo<String>,
    pub deploy: Memo<DeployCommands>,
    /// The UDR and firewall checklists as data, for the printed record (computed only while it is on the page).
    pub checklists: [Memo<Option<Checklist>>; 2],
}

impl Artifacts {
    pub fn new(state: PlanState) -> Artifacts {
        let plan = state.plan;
        let findings = state.findings;
        let unread = state.unread;
        let checklist_ips = RwSignal::new(false);
        let files = ArtifactKind::ALL.map(|kind| {
            Memo::new(move |_| {
                // A number that does not read leaves an old value in the plan: no file may carry it unnoticed.
                if kind.blocked_by_errors() {
                    if let Some(first) = unread.with(|all| all.first().map(|u| u.message())) {
                        return engine::held_back_by_input(unread.with(Vec::len), &first);
                    }
                }
                let options = npip_core::emit::Options {
                    use_ip_addresses: checklist_ips.get(),
                };
                plan.with(|plan| engine::artifact(kind, plan, &findings.read(), &options))
            })
        });
        Artifacts {
            files,
            checklist_ips,
            network_svg: Memo::new(move |_| plan.with(|p| engine::network_svg(p, &findings.read(), "net", false))),
            network_svg_zoom: Memo::new(move |_| {
                plan.with(|p| engine::network_svg(p, &findings.read(), "net-zoom", false))
            }),
            compact_network_svg: Memo::new(move |_| {
                plan.with(|p| engine::network_svg(p, &findings.read(), "net-small", true))
            }),
            address_map_svg: Memo::new(move |_| {
                plan.with(|p| engine::address_map_svg(p, &findings.read(), "map", true))
            }),
            address_map_svg_zoom: Memo::new(move |_| {
                plan.with(|p| engine::address_map_svg(p, &findings.read(), "map-zoom", false))
            }),
            deploy: Memo::new(move |_| plan.with(deploy_commands)),
            checklists: [ChecklistKind::Udr, ChecklistKind::Firewall].map(|kind| {
                Memo::new(move |_| {
                    if !unread.read().is_empty() {
                        return None;
                    }
                    let options = npip_core::emit::Options {
                        use_ip_addresses: checklist_ips.get(),
                    };
                    plan.with(|plan| engine::checklist_data(kind, plan, &findings.read(), &options))
                })
            }),
        }
    }

    /// The files and pictures from context (the `Planner` provides them; see `PlanState::use_context`).
    pub fn use_context() -> Artifacts {
        expect_context::<Artifacts>()
    }

    pub fn file(&self, kind: ArtifactKind) -> Memo<Output> {
        let [template, parameters, udr_md, udr_csv, firewall_md, firewall_csv, plan, record] = self.files;
        match kind {
            ArtifactKind::Template => template,
            ArtifactKind::Parameters => parameters,
            ArtifactKind::UdrMarkdown => udr_md,
            ArtifactKind::UdrCsv => udr_csv,
            ArtifactKind::FirewallMarkdown => firewall_md,
            ArtifactKind::FirewallCsv => firewall_csv,
            ArtifactKind::PlanFile => plan,
            ArtifactKind::DesignRecord => record,
        }
    }

    /// The download name of a file for the current plan.
    pub fn file_name(&self, state: &PlanState, kind: ArtifactKind) -> String {
        state.plan.with_untracked(|plan| kind.file_name(plan))
    }
}

/// Downloads a generated file, or says why it cannot.
pub fn download(state: &PlanState, artifacts: &Artifacts, kind: ArtifactKind) {
    let name = artifacts.file_name(state, kind);
    match artifacts.file(kind).get_untracked() {
        Output::Ready(text) => {
            let outcome = browser::download_text(&name, kind.mime(), &text);
            report_download(state, &name, outcome, || format!("{name} downloaded."));
        }
        Output::Blocked(why) | Output::NotApplicable(why) => state.announce(format!("{name} is not available: {why}")),
    }
}

/// Downloads every file that is ready, and the network diagram, in one ZIP archive; says what was left out and why.
pub fn download_all(state: &PlanState, artifacts: &Artifacts) {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut left_out = Vec::new();
    for kind in ArtifactKind::ALL {
        let name = artifacts.file_name(state, kind);
        match artifacts.file(kind).get_untracked() {
            Output::Ready(text) => files.push((name, text)),
            Output::Blocked(_) => left_out.push(name),
            Output::NotApplicable(_) => {}
        }
    }
    let diagram = state.plan.with_untracked(|p| p.file_name_with("network.svg"));
    files.push((diagram, artifacts.network_svg.get_untracked()));
    let entries: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (n.as_str(), t.as_bytes())).collect();
    let archive = npip_core::zip::zip(&entries);
    let name = state.plan.with_untracked(|p| p.file_name_with("files.zip"));
    let outcome = browser::download_bytes(&name, "application/zip", &archive);
    report_download(state, &name, outcome, || {
        let mut said = format!("{name} downloaded with {} files.", files.len());
        if !left_out.is_empty() {
            said.push_str(&format!(" Held back by errors and left out: {}.", left_out.join(", ")));
        }
        said
    });
}

/// Announces a download that started (in the words `said` gives), or says in a notice why it did not.
pub fn report_download(state: &PlanState, name: &str, outcome: Result<(), String>, said: impl FnOnce() -> String) {
    match outcome {
        Ok(()) => state.announce(said()),
        Err(error) => {
            state.notify(
                NoticeKind::Error,
                format!("The download of {name} did not start: {error}."),
            );
        }
    }
}

/// Copies text to the clipboard and says whether it worked.
pub fn copy(state: PlanState, what: String, text: String) {
    leptos::task::spawn_local(async move {
        match browser::copy_text(&text).await {
            Ok(()) => state.announce(format!("{what} copied to the clipboard.")),
            Err(error) => {
                state.notify(NoticeKind::Error, format!("{what} could not be copied: {error}."));
            }
        }
    });
}

/// An SVG from the engine, inline so it follows the page's theme and stays crisp when zoomed or printed. With
/// `zoom`, a button opens the picture across the whole window (for a projector). On a phone the picture keeps a
/// legible scale and scrolls in its frame, so the frame is focusable (keyboard scrolling) and named by `title`.
#[component]
pub fn Diagram(
    svg: Memo<String>,
    test_id: crate::test_id::TestId,
    title: &'static str,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] zoom: Option<Memo<String>>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = RwSignal::new(false);
    let zoom_view = zoom.map(|large| {
        view! {
            <button type="button" class="button button-small diagram-zoom"
                on:click=move |_| {
                    open.set(true);
                    if let Some(dialog) = dialog.get() {
                        let _ = dialog.show_modal();
                    }
                }>
                "View larger"
            </button>
            <dialog class="dialog diagram-dialog" node_ref=dialog aria-label=title
                on:close=move |_| open.set(false)>
                <div class="diagram-dialog-head">
                    <p class="dialog-title">{title}</p>
                    <p class="diagram-scroll-hint">"Scroll to see all of it"</p>
                    <button type="button" class="button button-small" autofocus
                        on:click=move |_| {
                            if let Some(dialog) = dialog.get() {
                                dialog.close();
                            }
                        }>
                        "Close"
                    </button>
                </div>
                <Show when=move || open.get()>
                    <div class="diagram diagram-large" tabindex="0" role="group" aria-label=title
                        inner_html=move || large.get()></div>
                </Show>
            </dialog>
        }
    });
    view! {
        <div class=format!("diagram {class}") data-testid=test_id.as_str() tabindex="0" role="group"
            aria-label=title inner_html=move || svg.get()></div>
        {zoom_view}
    }
}
