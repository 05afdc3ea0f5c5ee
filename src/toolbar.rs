//! The header's actions: import and export the plan file, copy a share link, start over (after asking), and the
//! theme. Also the drop zone that imports a plan file dragged onto the page.

use crate::artifacts::{self, Artifacts};
use crate::browser;
use crate::engine::ArtifactKind;
use crate::kept_aside::{keep_current_aside, refuse_to_replace, AsideReason};
use crate::keys::StorageKey;
use crate::notices::{Notice, NoticeKind, Topic};
use crate::persist;
use crate::plan_io::read_plan_text;
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::html;
use leptos::prelude::*;
use npip_core::edit::fresh_plan;
use npip_core::Step;
use std::collections::BTreeSet;

/// Reads plan text from a file and, if it is a plan, makes it the current plan (keeping the old one aside).
/// A bad file changes nothing and says exactly what is wrong.
pub fn import_plan_text(state: PlanState, text: &str, source: &str) {
    match read_plan_text(text) {
        Err(why) => {
            state.push_notice(
                Notice::new(
                    NoticeKind::Error,
                    format!(
                        "{source} was not imported: it is not a plan file this planner can read. Nothing was changed."
                    ),
                )
                .with_detail(why)
                .about(Topic::Import),
            );
        }
        Ok(plan) => {
            if let Err(error) = keep_current_aside(&state, AsideReason::ReplacedByImport, &plan) {
                return refuse_to_replace(&state, &error);
            }
            state.replace_plan(plan, Step::Review, Step::ALL.into());
            state.push_notice(Notice::new(NoticeKind::Success, format!("{source} was imported.")).about(Topic::Import));
        }
    }
}

fn import_file(state: PlanState, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        match browser::read_file(file).await {
            Ok(text) => import_plan_text(state, &text, &name),
            Err(why) => {
                state.push_notice(
                    Notice::new(
                        NoticeKind::Error,
                        format!("{name} was not imported. Nothing was changed."),
                    )
                    .with_detail(why)
                    .about(Topic::Import),
                );
            }
        }
    });
}

/// The colour theme: the system's, or one the person chose (remembered).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn saved() -> Theme {
        match browser::storage_get(&StorageKey::Theme).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    pub fn apply(self) {
        browser::apply_theme(self.attribute());
    }

    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = PlanState::use_context();
    let artifacts = Artifacts::use_context();
    let file_input = NodeRef::<html::Input>::new();
    let dialog = NodeRef::<html::Dialog>::new();
    let theme = RwSignal::new(Theme::saved());

    let copy_link = move |_| {
        let link = state
            .plan
            .with_untracked(|plan| persist::share_link(plan, state.step.get_untracked()));
        match link {
            Ok(link) => leptos::task::spawn_local(async move {
                let notice = match browser::copy_text(&link).await {
                    Ok(()) if link.len() > npip_core::share::SAFE_LINK_CHARS => Notice::new(
                        NoticeKind::Info,
                        format!(
                            "Link copied. It holds the whole plan and is {} characters long: some mail and chat \
                             tools cut links that long, so for this plan the plan file (Export) travels more safely.",
                            link.len()
                        ),
                    ),
                    Ok(()) => Notice::new(
                        NoticeKind::Success,
                        "Link copied. It holds the whole plan, so anyone who opens it sees this plan; nothing is stored on a server.",
                    ),
                    Err(_) => Notice::new(NoticeKind::Info, "The browser did not allow copying. Copy the link below by hand.")
                        .with_detail(link),
                };
                state.push_notice(notice.about(Topic::CopyLink));
            }),
            Err(why) => {
                state.notify(NoticeKind::Error, format!("No link could be made: {why}."));
            }
        }
    };

    let start_over = move |_| {
        state.replace_plan(fresh_plan(), Step::Workspace, BTreeSet::new());
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
        state.clear_transient_notices();
        state.push_notice(Notice::new(NoticeKind::Info, "Started over with a fresh plan.").about(Topic::StartOver));
    };

    view! {
        <div class="toolbar" role="toolbar" aria-label="Plan actions">
            <button type="button" class="tool" data-testid=TestId::ImportButton.as_str()
                on:click=move |_| {
                    if let Some(input) = file_input.get() {
                        input.click();
                    }
                }>
                "Import"
            </button>
            <input type="file" accept=".json,application/json" class="visually-hidden" tabindex="-1"
                aria-hidden="true" node_ref=file_input data-testid=TestId::ImportInput.as_str()
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(file) = input.files().and_then(|files| files.get(0)) {
                        import_file(state, file);
                    }
                    // Let the same file be chosen again after a fix.
                    input.set_value("");
                }/>
            <label class="visually-hidden" for="open-example">"Open an example plan"</label>
            <select id="open-example" class="tool tool-select" data-testid=TestId::ExampleSelect.as_str()
                on:change=move |ev| {
                    let select: web_sys::HtmlSelectElement = event_target(&ev);
                    let name = select.value();
                    if let Some(example) = npip_core::examples::example(&name) {
                        // Named as the list shows it, not by its file name.
                        let title = format!("The example \u{201c}{}\u{201d}", example.summary);
                        import_plan_text(state, example.text, &title);
                    }
                    select.set_value("");
                }>
                <option value="">"Examples"</option>
                {npip_core::examples::EXAMPLES
                    .iter()
                    .map(|e| view! { <option value=e.name>{e.summary}</option> })
                    .collect_view()}
            </select>
            <button type="button" class="tool" data-testid=TestId::ExportButton.as_str()
                on:click=move |_| artifacts::download(&state, &artifacts, ArtifactKind::PlanFile)>
                "Export"
            </button>
            <button type="button" class="tool" data-testid=TestId::CopyLinkButton.as_str() on:click=copy_link>
                "Copy link"
            </button>
            <button type="button" class="tool" data-testid=TestId::StartOverButton.as_str()
                on:click=move |_| {
                    if let Some(dialog) = dialog.get() {
                        let _ = dialog.show_modal();
                    }
                }>
                "Start over"
            </button>
            <button type="button" class="tool tool-theme" data-testid=TestId::ThemeButton.as_str()
                aria-label=move || format!("Colour theme: {}. Change it.", theme.get().label())
                on:click=move |_| {
                    let next = theme.get_untracked().next();
                    theme.set(next);
                    next.apply();
                    match next.attribute() {
                        Some(value) => {
                            let _ = browser::storage_set(&StorageKey::Theme, value);
                        }
                        None => browser::storage_remove(&StorageKey::Theme),
                    }
                }>
                <span class="theme-icon" aria-hidden="true"
                    class:theme-dark=move || theme.get() == Theme::Dark
                    class:theme-light=move || theme.get() == Theme::Light></span>
                <span class="tool-label" aria-hidden="true">{move || theme.get().label()}</span>
            </button>
        </div>
        <dialog class="dialog" node_ref=dialog aria-labelledby="start-over-title"
            aria-describedby="start-over-text" data-testid=TestId::ConfirmDialog.as_str()>
            <h2 id="start-over-title" class="dialog-title">"Start over with a fresh plan?"</h2>
            <p id="start-over-text">
                "Everything on every step goes back to the starting values. Export the plan file first if you may \
                 want it again."
            </p>
            <div class="dialog-actions">
                <button type="button" class="button button-secondary" autofocus data-testid=TestId::ConfirmNo.as_str()
                    on:click=move |_| {
                        if let Some(dialog) = dialog.get() {
                            dialog.close();
                        }
                    }>
                    "Keep my plan"
                </button>
                <button type="button" class="button button-danger" data-testid=TestId::ConfirmYes.as_str()
                    on:click=start_over>
                    "Start over"
                </button>
            </div>
        </dialog>
    }
}

fn has_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer()
        .map(|transfer| {
            transfer
                .types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

/// A plan file dropped anywhere on the page is imported; while dragging, an overlay says so.
#[component]
pub fn DropZone() -> impl IntoView {
    let state = PlanState::use_context();
    let dragging = RwSignal::new(false);
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if has_files(&ev) {
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window (no element under the pointer) ends the drag.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        dragging.set(false);
        if !has_files(&ev) {
            return;
        }
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|t| t.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            import_file(state, file);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-overlay" data-testid=TestId::DropOverlay.as_str()>
                <p>"Drop a plan file to open it"</p>
            </div>
        </Show>
    }
}
