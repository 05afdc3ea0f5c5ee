//! The wizard: the stepper, the frame every step shares (heading, explanation, findings summary, navigation,
//! live preview) and one module per step.

mod address;
mod connectivity;
mod egress;
mod network;
mod review;
mod workspace;

use crate::artifacts::Artifacts;
use crate::browser;
use crate::engine::{ArtifactKind, Output};
use crate::fields::{field_dom_id, FindingItem, UnreadItem};
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::prelude::*;
use npip_core::diff::changed_lines;
use npip_core::plan::{Egress, Injection, Network, Plan};
use npip_core::text::plural;
use npip_core::{Severity, Step};

/// The address step's explanation for the managed VNet, where there are no subnets to size.
const MANAGED_ADDRESS_LEAD: &str = "With the managed VNet, Azure Databricks creates and sizes the subnets itself, \
    inside a /16 range whose first two numbers you may choose (10.139 unless you change it). Change it only to stay \
    clear of a network you will peer with or route to, and list those networks at the end so the planner can check.";

/// The plain-language explanation at the top of a step and its official source.
struct Guide {
    lead: &'static str,
    learn_url: &'static str,
    learn_label: &'static str,
}

fn guide(step: Step) -> Guide {
    match step {
        Step::Workspace => Guide {
            lead: "The workspace is the Azure resource your team signs in to. Its name and region are fixed once \
                   it exists, and the region decides which Databricks endpoints your clusters talk to. Azure \
                   Databricks also creates a managed resource group for it, which it locks: only Databricks \
                   changes what is inside.",
            learn_url: "https://learn.microsoft.com/en-us/azure/templates/microsoft.databricks/workspaces",
            learn_label: "The workspace resource on Microsoft Learn",
        },
        Step::NetworkModel => Guide {
            lead: "Clusters run either in a network Azure Databricks creates and manages for you, or in two \
                   subnets of a virtual network you own (VNet injection). Your own VNet lets you choose the \
                   addresses, routes and egress; the managed one needs no planning but allows little change. A \
                   VNet-injected workspace cannot be moved to another VNet once it exists.",
            learn_url: "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/vnet-inject",
            learn_label: "Deploy Azure Databricks in your virtual network",
        },
        Step::AddressSpace => Guide {
            lead: "Every cluster node takes one address in the host subnet and one in the container subnet, and \
                   Azure keeps five addresses of every subnet for itself. Size both for the most nodes you will \
                   ever run at the same time, across all clusters: subnets cannot simply grow later. Keep clear \
                   of the ranges you peer with or route to, listed at the end.",
            learn_url: "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/vnet-inject",
            learn_label: "Address space and subnet requirements",
        },
        Step::Connectivity => Guide {
            lead: "With secure cluster connectivity (also called No Public IP), nodes have no public addresses \
                   and no open inbound ports: each cluster dials out to the Databricks relay instead. It is the \
                   default and the safe choice. The other two settings decide whether people reach the workspace \
                   over the internet or only through Private Link.",
            learn_url: "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/secure-cluster-connectivity",
            learn_label: "Secure cluster connectivity",
        },
        Step::Egress => Guide {
            lead: "Clusters need a way out: to the Databricks control plane, to Azure storage and to any package \
                   repositories. Subnets of new VNets no longer get a hidden route to the internet, so a workspace \
                   in your own VNet needs an explicit egress path. The options differ in whether you get a stable \
                   public IP, who runs it and what it costs.",
            learn_url: "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/udr",
            learn_label: "User-defined routes for Azure Databricks",
        },
        Step::Review => Guide {
            lead: "Everything the planner found, grouped by step, then the files: the ARM template with its \
                   parameters, the route and firewall checklists, and the commands that deploy them. Errors hold \
                   back the template until they are fixed; warnings do not.",
            learn_url: "https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/deploy-cli",
            learn_label: "Deploy ARM templates with the Azure CLI",
        },
    }
}

fn step_button_id(step: Step) -> String {
    format!("step-button-{}", step.slug())
}

/// The list of steps: where you are, where you have been, and what each step has to say.
#[component]
pub fn Stepper() -> impl IntoView {
    let state = PlanState::use_context();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let current = Step::ALL
            .iter()
            .position(|s| Some(step_button_id(*s)) == browser::active_element_id())
            .unwrap_or(0);
        let last = Step::ALL.len() - 1;
        let target = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => Some(if current >= last { 0 } else { current + 1 }),
            "ArrowUp" | "ArrowLeft" => Some(if current == 0 { last } else { current - 1 }),
            "Home" => Some(0),
            "End" => Some(last),
            _ => None,
        };
        if let Some(step) = target.and_then(|i| Step::ALL.get(i)) {
            ev.prevent_default();
            browser::focus_id(&step_button_id(*step));
        }
    };
    view! {
        <nav class="stepper" aria-label="Planner steps">
            <ol class="steps" data-testid=TestId::StepList.as_str() on:keydown=on_keydown>
                {Step::ALL
                    .iter()
                    .map(|&step| {
                        let current = move || state.step.get() == step;
                        let counts = move || state.visible_counts(step);
                        let seen = move || state.is_revealed(step);
                        let status = move || {
                            let (errors, warnings) = counts();
                            match (errors, warnings) {
                                (0, 0) if seen() && step != Step::Review => "Checked".to_string(),
                                (0, 0) => String::new(),
                                (e, 0) => plural(e, "error", "errors"),
                                (0, w) => plural(w, "warning", "warnings"),
                                (e, w) => format!("{}, {}", plural(e, "error", "errors"), plural(w, "warning", "warnings")),
                            }
                        };
                        view! {
                            <li class="step"
                                class:step-current=current
                                class:step-error={move || counts().0 > 0}
                                class:step-warning={move || counts().0 == 0 && counts().1 > 0}
                                class:step-done={move || seen() && counts() == (0, 0) && step != Step::Review}>
                                <button type="button" class="step-button" id=step_button_id(step)
                                    aria-current=move || current().then_some("step")
                                    on:click=move |_| state.go_to(step)>
                                    <span class="step-number" aria-hidden="true">{step.index() + 1}</span>
                                    <span class="step-text">
                                        <span class="step-name">{step.title()}</span>
                                        <span class="step-status">{status}</span>
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

const HEADING_ID: &str = "step-heading";
/// The live preview's mark around the lines the last edit changed.
const CHANGE_ID: &str = "live-preview-change";
const SUMMARY_ID: &str = "step-summary";

/// The current step inside its frame. Focus moves to the heading on every step change, or to the field a
/// "jump to field" link asked for.
#[component]
pub fn StepView() -> impl IntoView {
    let state = PlanState::use_context();
    Effect::new(move |previous: Option<Step>| {
        let step = state.step.get();
        if step == Step::Review {
            // The review lists every finding, so from here on they all show next to their fields too.
            for step in Step::ALL {
                state.reveal(step);
            }
        }
        if previous.is_some_and(|p| p != step) && state.pending_focus.get_untracked().is_none() {
            request_animation_frame(|| {
                browser::focus_id(HEADING_ID);
            });
        }
        step
    });
    Effect::new(move |_| {
        if let Some(field) = state.pending_focus.get() {
            request_animation_frame(move || {
                if !browser::focus_id(&field_dom_id(field)) {
                    browser::focus_id(HEADING_ID);
                }
                state.pending_focus.set(None);
            });
        }
    });

    view! {
        {move || {
            let step = state.step.get();
            let guide = guide(step);
            let body = match step {
                Step::Workspace => workspace::WorkspaceStep().into_any(),
                Step::NetworkModel => network::NetworkStep().into_any(),
                Step::AddressSpace => address::AddressStep().into_any(),
                Step::Connectivity => connectivity::ConnectivityStep().into_any(),
                Step::Egress => egress::EgressStep().into_any(),
                Step::Review => review::ReviewStep().into_any(),
            };
            view! {
                <article class="step-card" aria-labelledby=HEADING_ID data-step=step.slug()>
                    <header class="step-header">
                        <p class="step-eyebrow">"Step " {step.index() + 1} " of " {Step::ALL.len()}</p>
                        <h2 id=HEADING_ID class="step-title" tabindex="-1" data-testid=TestId::StepHeading.as_str()>
                            {step.title()}
                        </h2>
                        <p class="step-lead">
                            {move || {
                                let managed = state.plan.with(|p| p.network.is_managed());
                                if step == Step::AddressSpace && managed { MANAGED_ADDRESS_LEAD } else { guide.lead }
                            }}
                        </p>
                        <p class="step-learn">
                            <a href=guide.learn_url target="_blank" rel="noopener noreferrer">
                                {guide.learn_label}
                                <span class="visually-hidden">" (Microsoft Learn, opens in a new tab)"</span>
                            </a>
                        </p>
                    </header>
                    {(step != Step::Review).then(|| view! { <StepSummary step above=true/> })}
                    <div class="step-body">{body}</div>
                    {(step != Step::Review).then(|| view! { <StepSummary step above=false/> })}
                    {(step != Step::Review).then(|| view! { <LivePreview/> })}
                    <StepNav step/>
                </article>
            }
        }}
    }
}

/// The findings shown on this step, with links to their fields, and the numbers on it that do not read. Pressing
/// Next on a step with errors shows this first; pressing Next again goes on anyway. Styled by the worst it holds.
#[component]
fn StepSummary(step: Step, above: bool) -> impl IntoView {
    let state = PlanState::use_context();
    let shown = move || {
        state
            .visible
            .read()
            .iter()
            .filter(|f| f.field.step() == step && f.severity != Severity::Info)
            .cloned()
            .collect::<Vec<_>>()
    };
    let unread = move || state.unread_on(step);
    // Above the form once the step is revealed (Next, or the review); before that below it, so that a summary
    // appearing as a field loses focus never pushes the form down under the person's hands.
    view! {
        <Show when=move || state.is_revealed(step) == above && (!shown().is_empty() || !unread().is_empty())>
            <section class="step-summary" id=SUMMARY_ID tabindex="-1" aria-labelledby="step-summary-title"
                class:step-summary-warning=move || state.visible_counts(step).0 == 0
                data-testid=TestId::StepSummary.as_str()>
                <h3 id="step-summary-title" class="step-summary-title">
                    {move || {
                        let (e, w) = state.visible_counts(step);
                        match (e, w) {
                            (0, w) => format!("{} on this step", plural(w, "warning", "warnings")),
                            (e, 0) => format!("{} on this step", plural(e, "error", "errors")),
                            (e, w) => format!("{} and {} on this step", plural(e, "error", "errors"), plural(w, "warning", "warnings")),
                        }
                    }}
                </h3>
                <ul class="summary-list">
                    {move || unread().into_iter().map(|unread| {
                        let field = unread.field;
                        view! {
                            <li class="summary-item summary-error">
                                <span class="summary-kind">"Error"</span>
                                <span class="summary-message">{unread.message()}</span>
                                <button type="button" class="link-button" on:click=move |_| state.jump_to(field)>
                                    "Go to field"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                    {move || shown().into_iter().map(|finding| {
                        let field = finding.field;
                        view! {
                            <li class="summary-item" class:summary-error=finding.severity == Severity::Error>
                                <span class="summary-kind">{if finding.severity == Severity::Error { "Error" } else { "Warning" }}</span>
                                <span class="summary-message">{crate::fields::marked_text(&finding.message)}</span>
                                <button type="button" class="link-button" on:click=move |_| state.jump_to(field)>
                                    "Go to field"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || (state.visible_counts(step).0 > 0).then(|| view! {
                    <p class="summary-hint">"You can fix these now or go on and come back: nothing is lost."</p>
                })}
            </section>
        </Show>
    }
}

#[component]
fn StepNav(step: Step) -> impl IntoView {
    let state = PlanState::use_context();
    let first = step.index() == 0;
    let last = step.index() + 1 == Step::ALL.len();
    let next_title = Step::ALL.get(step.index() + 1).map(|s| s.title()).unwrap_or_default();
    let on_next = move |_| {
        if state.step_has_errors_untracked(step) && !state.is_revealed_untracked(step) {
            state.reveal(step);
            request_animation_frame(|| {
                browser::focus_id(SUMMARY_ID);
            });
            state.announce("This step has errors; they are listed at the top. Press Next again to go on anyway.");
        } else {
            state.next();
        }
    };
    view! {
        <nav class="step-nav" aria-label="Step navigation">
            {(!first).then(|| view! {
                <button type="button" class="button button-secondary" data-testid=TestId::BackButton.as_str()
                    on:click=move |_| state.back()>
                    <span aria-hidden="true">"← "</span>"Back"
                </button>
            })}
            <span class="step-nav-spacer"></span>
            {(!last).then(|| view! {
                <button type="button" class="button button-primary" data-testid=TestId::NextButton.as_str()
                    on:click=on_next>
                    "Next: " {next_title} <span aria-hidden="true">" →"</span>
                </button>
            })}
            {last.then(|| view! {
                <button type="button" class="button button-secondary" on:click=move |_| browser::print()>
                    "Print the design record"
                </button>
            })}
        </nav>
    }
}

/// The template as it changes, under every input step, closed by default (nothing is generated while closed).
#[component]
fn LivePreview() -> impl IntoView {
    let state = PlanState::use_context();
    let artifacts = Artifacts::use_context();
    let open = RwSignal::new(false);
    let template = artifacts.file(ArtifactKind::Template);
    // The template as last shown, to mark (and scroll to) the lines the next edit changes.
    // Not reactive: only the next render reads it. Empty until the first template is shown.
    let shown = StoredValue::new(String::new());
    view! {
        <details class="live-preview" data-testid=TestId::LivePreview.as_str()
            on:toggle=move |ev| {
                let details: web_sys::HtmlDetailsElement = event_target(&ev);
                open.set(details.open());
            }>
            <summary>"Watch the ARM template change as you type"</summary>
            <Show when=move || open.get()>
                <div class="live-preview-body" data-testid=TestId::LivePreviewBody.as_str()>
                    {move || match template.get() {
                        Output::Ready(text) => {
                            let before = shown.try_update_value(|old| std::mem::replace(old, text.clone()));
                            let change = before
                                .filter(|before| !before.is_empty())
                                .and_then(|before| changed_lines(&before, &text));
                            let parts = change.and_then(|range| {
                                let before = text.get(..range.start)?.to_string();
                                let changed = text.get(range.clone())?.to_string();
                                Some((before, changed, text.get(range.end..)?.to_string()))
                            });
                            match parts {
                                Some((before, changed, after)) => {
                                    request_animation_frame(|| browser::scroll_within_pre(CHANGE_ID));
                                    view! {
                                        <pre class="code" tabindex="0" aria-label="ARM template preview"><code>
                                            {before}
                                            <mark class="code-change" id=CHANGE_ID data-testid=TestId::LivePreviewChange.as_str()>{changed}</mark>
                                            {after}
                                        </code></pre>
                                    }.into_any()
                                }
                                None => view! {
                                    <pre class="code" tabindex="0" aria-label="ARM template preview"><code>{text}</code></pre>
                                }.into_any(),
                            }
                        }
                        Output::Blocked(why) => view! {
                            <p class="preview-blocked">
                                {why} " "
                                <button type="button" class="link-button" on:click=move |_| state.go_to(Step::Review)>
                                    "See all findings"
                                </button>
                            </p>
                        }.into_any(),
                        Output::NotApplicable(why) => view! { <p class="preview-blocked">{why}</p> }.into_any(),
                    }}
                </div>
            </Show>
        </details>
    }
}

// Bindings: a plan value as a signal plus a callback that writes it, for the shared inputs.

type Binding<T> = (Signal<T>, Callback<T>);

/// A string inside the injection part of the plan (empty and ignored for the managed VNet).
fn bind_injection(
    state: PlanState,
    get: fn(&Injection) -> &String,
    set: fn(&mut Injection) -> &mut String,
) -> Binding<String> {
    let value = Signal::derive(move || {
        state
            .plan
            .with(|p| p.network.injection().map(get).cloned().unwrap_or_default())
    });
    let write = Callback::new(move |text: String| {
        state.update(|p| {
            if let Network::VnetInjection(injection) = &mut p.network {
                *set(injection) = text;
            }
        })
    });
    (value, write)
}

/// A string of the current egress option (empty and ignored for other options).
fn bind_egress(
    state: PlanState,
    get: fn(&Egress) -> Option<&String>,
    set: fn(&mut Egress) -> Option<&mut String>,
) -> Binding<String> {
    let value = Signal::derive(move || state.plan.with(|p| get(&p.egress).cloned().unwrap_or_default()));
    let write = Callback::new(move |text: String| {
        state.update(|p| {
            if let Some(slot) = set(&mut p.egress) {
                *slot = text;
            }
        })
    });
    (value, write)
}

/// Any plan value through plain accessors.
fn bind<T, G, S>(state: PlanState, get: G, set: S) -> Binding<T>
where
    T: Clone + Send + Sync + 'static,
    G: Fn(&Plan) -> T + Send + Sync + 'static,
    S: Fn(&mut Plan, T) + Send + Sync + 'static,
{
    let value = Signal::derive(move || state.plan.with(|p| get(p)));
    let write = Callback::new(move |v: T| state.update(|p| set(p, v)));
    (value, write)
}

/// A callout: a short, highlighted explanation inside a step.
#[component]
fn Callout(#[prop(optional)] kind: &'static str, title: &'static str, children: Children) -> impl IntoView {
    let class = if kind.is_empty() {
        "callout".to_string()
    } else {
        format!("callout callout-{kind}")
    };
    view! {
        <aside class=class>
            <p class="callout-title">{title}</p>
            <div class="callout-body">{children()}</div>
        </aside>
    }
}

/// The plan's errors and warnings, and the numbers that do not read, grouped by step, each with a link to its
/// field.
#[component]
fn FindingsByStep() -> impl IntoView {
    let state = PlanState::use_context();
    view! {
        <div class="findings-by-step" data-testid=TestId::ReviewFindings.as_str()>
            {move || {
                let findings = state.standing.get();
                let unread = state.unread.get();
                let problems: Vec<_> = findings.into_iter().filter(|f| f.severity != Severity::Info).collect();
                if problems.is_empty() && unread.is_empty() {
                    return view! { <p class="all-clear">"No errors or warnings: every check passes."</p> }.into_any();
                }
                Step::ALL
                    .iter()
                    .filter_map(|&step| {
                        let on_step: Vec<_> = problems.iter().filter(|f| f.field.step() == step).cloned().collect();
                        let unread_on_step: Vec<_> = unread.iter().filter(|u| u.field.step() == step).cloned().collect();
                        (!on_step.is_empty() || !unread_on_step.is_empty()).then(|| view! {
                            <section class="findings-group">
                                <h4 class="findings-group-title">
                                    <button type="button" class="link-button" on:click=move |_| state.go_to(step)>
                                        {step.index() + 1} ". " {step.title()}
                                    </button>
                                </h4>
                                <ul class="findings-group-list">
                                    {unread_on_step.into_iter().map(|unread| view! {
                                        <li><UnreadItem unread jump=true/></li>
                                    }).collect_view()}
                                    {on_step.into_iter().map(|finding| view! {
                                        <li><FindingItem finding jump=true/></li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        })
                    })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}

/// The plan's notes: things to know before deploying rather than things to fix.
#[component]
fn Notes() -> impl IntoView {
    let state = PlanState::use_context();
    let notes = move || {
        state
            .standing
            .read()
            .iter()
            .filter(|f| f.severity == Severity::Info)
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        <ul class="findings-group-list findings-notes">
            {move || notes().into_iter().map(|finding| view! {
                <li><FindingItem finding jump=true/></li>
            }).collect_view()}
        </ul>
    }
}
