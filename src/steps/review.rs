//! Step 6: review and export. The status, every finding by step, the plan summary and diagram (the design
//! record when printed), the files with preview, download and copy, and the commands that deploy them.

use super::{FindingsByStep, Notes};
use crate::artifacts::{self, Artifacts, Diagram};
use crate::browser;
use crate::engine::{ArtifactKind, Output};
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::prelude::*;
use npip_core::emit::{or_dash, summary_rows, Checklist, ChecklistKind, FirewallChecklist, Header, UdrChecklist};
use npip_core::text::plural;
use npip_core::Severity;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let state = PlanState::use_context();
    view! {
        <header class="print-only print-title">
            <p class="print-eyebrow">"Network design record"</p>
            <h2>{move || state.plan.with(|p| or_dash(&p.workspace.name))}</h2>
            <p>
                {move || state.plan.with(|p| or_dash(&p.workspace.region))}
                " · printed " {browser::local_timestamp(browser::now_ms()).unwrap_or_default()}
                " · NPIP Planner " {npip_core::VERSION}
            </p>
        </header>
        <ReviewStatus/>
        <Show when=move || {
            !state.unread.read().is_empty() || state.standing.read().iter().any(|f| f.severity != Severity::Info)
        }>
            <section class="review-section r-findings" aria-labelledby="review-findings-title">
                <h3 id="review-findings-title" class="section-title">"Errors and warnings"</h3>
                <FindingsByStep/>
            </section>
        </Show>
        <NetworkPicture/>
        <Files/>
        <DeployCommandsBlock/>
        <section class="review-section r-notes" aria-labelledby="review-notes-title">
            <h3 id="review-notes-title" class="section-title">"Good to know before you deploy"</h3>
            <Notes/>
        </section>
        <section class="review-section r-summary" aria-labelledby="review-summary-title">
            <h3 id="review-summary-title" class="section-title">"The plan"</h3>
            <PlanSummary/>
        </section>
        <PrintedChecklists/>
    }
}

#[component]
fn ReviewStatus() -> impl IntoView {
    let state = PlanState::use_context();
    let counts = move || {
        let warnings = state
            .standing
            .with(|all| all.iter().filter(|f| f.severity == Severity::Warning).count());
        (state.error_count(), warnings)
    };
    view! {
        <div class="review-status" class:review-blocked={move || counts().0 > 0}
            data-testid=TestId::ReviewStatus.as_str() role="status">
            <span class="review-status-mark" aria-hidden="true">{move || if counts().0 > 0 { "!" } else { "✓" }}</span>
            <div>
                <p class="review-status-title">
                    {move || match counts() {
                        (0, 0) => "Ready to deploy: every check passes.".to_string(),
                        (0, w) => format!("Ready to deploy, with {} to read first.", plural(w, "warning", "warnings")),
                        (1, _) => "1 error holds back the template. Fix it to download it.".to_string(),
                        (e, _) => format!("{} hold back the template. Fix them to download it.", plural(e, "error", "errors")),
                    }}
                </p>
                <p class="review-status-detail">
                    "Checked against the rules for Azure Databricks networking, offline; nothing you entered has left this page."
                </p>
            </div>
        </div>
    }
}

#[component]
fn PlanSummary() -> impl IntoView {
    let state = PlanState::use_context();
    view! {
        <dl class="plan-summary">
            {move || state.plan.with(summary_rows).into_iter().map(|(key, value)| view! {
                <div class="plan-summary-row"><dt>{key}</dt><dd>{value}</dd></div>
            }).collect_view()}
        </dl>
    }
}

#[component]
fn NetworkPicture() -> impl IntoView {
    let state = PlanState::use_context();
    let artifacts = Artifacts::use_context();
    let svg = artifacts.network_svg;
    let download = move |_| {
        let text = svg.get_untracked();
        let name = state.plan.with_untracked(|p| p.file_name_with("network.svg"));
        let outcome = browser::download_text(&name, "image/svg+xml", &text);
        artifacts::report_download(&state, &name, outcome, || format!("{name} downloaded."));
    };
    view! {
        <section class="review-section r-diagram" aria-labelledby="review-diagram-title">
                <div class="section-head">
                    <h3 id="review-diagram-title" class="section-title">"Network diagram"</h3>
                    <button type="button" class="button button-small" data-testid=TestId::DownloadDiagram.as_str()
                        on:click=download>"Download SVG"</button>
                </div>
            <Diagram svg test_id=TestId::NetworkDiagram class="diagram-wide" title="Network diagram"
                zoom=artifacts.network_svg_zoom/>
        </section>
    }
}

/// Files: one row each with download and copy, and a preview of the chosen one.
#[component]
fn Files() -> impl IntoView {
    let state = PlanState::use_context();
    let artifacts = Artifacts::use_context();
    let selected = RwSignal::new(ArtifactKind::Template);
    let rows = ArtifactKind::ALL
        .iter()
        .map(|&kind| {
            let output = artifacts.file(kind);
            let ready = move || matches!(*output.read(), Output::Ready(_));
            // Held back by errors reads as a problem; a file this plan does not need is just absent.
            let blocked = move || matches!(*output.read(), Output::Blocked(_));
            let status = move || match output.get() {
                Output::Ready(text) => format!("{} lines", text.lines().count()),
                Output::Blocked(_) => "Held back by errors".to_string(),
                Output::NotApplicable(_) => "Not needed for this plan".to_string(),
            };
            let name = move || artifacts.file_name(&state, kind);
            let copy = move |_| {
                if let Output::Ready(text) = output.get_untracked() {
                    artifacts::copy(state, artifacts.file_name(&state, kind), text);
                }
            };
            view! {
                <li class="file-row" class:file-selected=move || selected.get() == kind
                    class:file-unavailable=move || !ready() class:file-blocked=blocked data-file=kind.slug()>
                    <div class="file-info">
                        <p class="file-name"><code>{name}</code></p>
                        <p class="file-desc">{kind.title()} ". " {kind.description()}</p>
                        <p class="file-status">{status}</p>
                    </div>
                    <div class="file-actions">
                        <button type="button" class="button button-small"
                            aria-pressed=move || (selected.get() == kind).to_string()
                            aria-controls="artifact-preview"
                            on:click=move |_| selected.set(kind)>"Preview"</button>
                        <button type="button" class="button button-small" aria-disabled=move || (!ready()).to_string()
                            data-testid=TestId::CopyButton.as_str()
                            on:click=copy>"Copy"</button>
                        <button type="button" class="button button-small button-primary"
                            aria-disabled=move || (!ready()).to_string()
                            data-testid=TestId::DownloadButton.as_str()
                            on:click=move |_| artifacts::download(&state, &artifacts, kind)>"Download"</button>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="review-section r-files no-print" aria-labelledby="review-files-title">
            <div class="section-head">
                <h3 id="review-files-title" class="section-title">"Files"</h3>
                <button type="button" class="button button-small" data-testid=TestId::DownloadAll.as_str()
                    on:click=move |_| artifacts::download_all(&state, &artifacts)>
                    "Download all (.zip)"
                </button>
            </div>
            <ChecklistIpsOption/>
            <ul class="file-list" data-testid=TestId::ArtifactTabs.as_str()>{rows}</ul>
            <Preview selected=selected.into()/>
        </section>
    }
}

/// Service tags or IP ranges in the checklists, for firewalls and route tables that cannot use service tags.
#[component]
fn ChecklistIpsOption() -> impl IntoView {
    let artifacts = Artifacts::use_context();
    let ips = artifacts.checklist_ips;
    // Only where the plan has a checklist (VNet injection with routes); a held-back checklist may still apply.
    let any_checklist = move || {
        [ArtifactKind::UdrMarkdown, ArtifactKind::FirewallMarkdown]
            .into_iter()
            .any(|kind| !matches!(*artifacts.file(kind).read(), Output::NotApplicable(_)))
    };
    view! {
        <Show when=any_checklist>
        <div class="field toggle-field checklist-option">
            <div class="toggle-row">
                <input type="checkbox" role="switch" class="toggle" id="checklist-ips"
                    aria-describedby="checklist-ips-hint" data-testid=TestId::ChecklistIps.as_str()
                    prop:checked=move || ips.get()
                    on:change=move |ev| ips.set(event_target_checked(&ev))/>
                <label class="field-label toggle-label" for="checklist-ips">
                    "Checklists list the region's IP ranges, not service tags"
                </label>
            </div>
            <p class="field-hint" id="checklist-ips-hint">
                "For a firewall or router that does not know Azure service tags. Only the Databricks control plane \
                 has fixed IP ranges; the metastore, storage and Event Hubs have none, so routes keep their service \
                 tags and firewall rules name their host names."
            </p>
        </div>
        </Show>
    }
}

#[component]
fn Preview(selected: Signal<ArtifactKind>) -> impl IntoView {
    let state = PlanState::use_context();
    let artifacts = Artifacts::use_context();
    view! {
        <div class="preview" id="artifact-preview" role="region" aria-labelledby="artifact-preview-title"
            data-testid=TestId::ArtifactPreview.as_str()>
            <p class="preview-title" id="artifact-preview-title">
                "Preview: " <code>{move || artifacts.file_name(&state, selected.get())}</code>
            </p>
            {move || match artifacts.file(selected.get()).get() {
                Output::Ready(text) => view! {
                    <pre class="code" tabindex="0" aria-label="File contents"><code>{text}</code></pre>
                }.into_any(),
                Output::Blocked(why) => view! {
                    <p class="preview-blocked" data-blocked="true">{why}</p>
                }.into_any(),
                Output::NotApplicable(why) => view! { <p class="preview-blocked">{why}</p> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn DeployCommandsBlock() -> impl IntoView {
    let state = PlanState::use_context();
    let artifacts = Artifacts::use_context();
    let deploy = artifacts.deploy;
    view! {
        <section class="review-section r-deploy" aria-labelledby="review-deploy-title">
            <div class="section-head">
                <h3 id="review-deploy-title" class="section-title">"Deploy with the Azure CLI"</h3>
                <button type="button" class="button button-small"
                    on:click=move |_| artifacts::copy(state, "The commands".to_string(), deploy.get_untracked().script)>
                    "Copy commands"
                </button>
            </div>
            <p class="section-lead">
                {move || if deploy.read().resource_group_required {
                    format!("The template adds subnets to your existing VNet, so it deploys into that VNet's resource group, {}.", deploy.read().resource_group)
                } else {
                    format!("Run these where the two files are. The resource group name {} is a suggestion: use any.", deploy.read().resource_group)
                }}
            </p>
            <pre class="code code-commands" tabindex="0" aria-label="Azure CLI commands"
                data-testid=TestId::DeployCommands.as_str()><code>{move || deploy.get().script}</code></pre>
        </section>
    }
}

/// The checklists in full, for the printed design record only: laid out as tables from the engine's checklist
/// data (the same data the Markdown and CSV files are written from).
#[component]
fn PrintedChecklists() -> impl IntoView {
    let artifacts = Artifacts::use_context();
    view! {
        <section class="print-only r-checklists">
            {artifacts.checklists.into_iter().map(|checklist| move || match checklist.get() {
                Some(Checklist::Udr(c)) => view! { <PrintedUdr c/> }.into_any(),
                Some(Checklist::Firewall(c)) => view! { <PrintedFirewall c/> }.into_any(),
                _ => ().into_any(),
            }).collect_view()}
        </section>
    }
}

/// Values one per line; a dash when there are none (the row's note says where to find them).
fn lines(values: &[String]) -> AnyView {
    if values.is_empty() {
        return "—".into_any();
    }
    values
        .iter()
        .map(|v| view! { <span class="print-line">{v.clone()}</span> })
        .collect_view()
        .into_any()
}

fn checklist_source(header: &Header) -> String {
    format!(
        "{} ({}). Region data as of {}, from {}; check the values against {}.",
        header.region, header.region_display_name, header.catalog_as_of, header.catalog_source, header.official_page
    )
}

fn note_list(title: &'static str, notes: Vec<String>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <h4 class="print-subtitle">{title}</h4>
            <ul class="print-notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
        }
    })
}

#[component]
fn PrintedUdr(c: UdrChecklist) -> impl IntoView {
    let subnets = c
        .associate_with
        .iter()
        .map(|s| format!("{} subnet {} ({})", s.role, s.name, s.cidr))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <div class="print-checklist">
            <h3 class="section-title">{format!("{}: route table {}", ChecklistKind::Udr.title(), c.route_table)}</h3>
            <p class="print-source">{checklist_source(&c.header)}</p>
            <p>"Associate the route table with: " {subnets}</p>
            <table class="print-table">
                <thead><tr>
                    <th scope="col">"#"</th><th scope="col">"Route"</th><th scope="col">"Address prefix"</th>
                    <th scope="col">"Next hop"</th><th scope="col">"Purpose"</th>
                </tr></thead>
                <tbody>
                    {c.routes.into_iter().enumerate().map(|(i, r)| {
                        let prefix = if r.is_service_tag {
                            format!("{} (service tag)", r.address_prefix)
                        } else {
                            r.address_prefix
                        };
                        let hop = match r.next_hop_ip {
                            Some(ip) => format!("{} {ip}", r.next_hop_type.as_str()),
                            None => r.next_hop_type.as_str().to_string(),
                        };
                        view! {
                            <tr>
                                <td>{i + 1}</td><td>{r.name}</td><td class="mono">{prefix}</td>
                                <td>{hop}</td><td>{r.purpose}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {note_list("Notes", c.notes)}
        </div>
    }
}

#[component]
fn PrintedFirewall(c: FirewallChecklist) -> impl IntoView {
    view! {
        <div class="print-checklist">
            <h3 class="section-title">{ChecklistKind::Firewall.title()}</h3>
            <p class="print-source">{checklist_source(&c.header)}</p>
            <p>"Source addresses for every rule: " <span class="mono">{c.source_addresses.join(", ")}</span></p>
            <h4 class="print-subtitle">"Application rules (FQDNs)"</h4>
            <table class="print-table">
                <thead><tr>
                    <th scope="col">"#"</th><th scope="col">"Rule"</th><th scope="col">"FQDNs"</th>
                    <th scope="col">"Protocol and port"</th><th scope="col">"Note"</th>
                </tr></thead>
                <tbody>
                    {c.application_rules.into_iter().enumerate().map(|(i, r)| view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td><strong>{r.name}</strong><span class="print-line">{r.purpose}</span></td>
                            <td class="mono">{lines(&r.fqdns)}</td>
                            <td class="nowrap">{format!("{}:{}", r.protocol, r.port)}</td>
                            <td>{r.note.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h4 class="print-subtitle">"Network rules"</h4>
            <table class="print-table">
                <thead><tr>
                    <th scope="col">"#"</th><th scope="col">"Rule"</th><th scope="col">"Destinations"</th>
                    <th scope="col">"Protocol and ports"</th><th scope="col">"Note"</th>
                </tr></thead>
                <tbody>
                    {c.network_rules.into_iter().enumerate().map(|(i, r)| view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td><strong>{r.name}</strong><span class="print-line">{r.purpose}</span></td>
                            <td>
                                <span class="print-line print-kind">{r.destination_kind.title()}</span>
                                <span class="mono">{lines(&r.destinations)}</span>
                            </td>
                            <td class="nowrap">{format!("{} {}", r.protocol, r.ports.join(", "))}</td>
                            <td>{r.note.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {note_list("Routed past the firewall (no rule needed)", c.bypassing)}
            <h4 class="print-subtitle">"SCC relay and the firewall"</h4>
            <p>{c.scc_relay_bypass}</p>
            {note_list("Notes", c.notes)}
        </div>
    }
}
