//! NPIP Planner in the browser: a thin Leptos layer over the `npip-core` engine.
//!
//! The app holds state, shows it and talks to the browser; every decision and every generated file comes from
//! the engine (see `engine.rs` for the calls).

use leptos::prelude::*;

pub mod artifacts;
pub mod browser;
pub mod engine;
pub mod envelope;
pub mod fields;
pub mod kept_aside;
pub mod keys;
pub mod notice_area;
pub mod notices;
pub mod persist;
pub mod plan_io;
pub mod state;
pub mod steps;
mod test_id;
pub mod toolbar;

pub use test_id::TestId;

use artifacts::Artifacts;
use npip_core::{Field, Severity};
use state::PlanState;
use std::collections::BTreeSet;

/// The app as the page mounts it: the start comes from the link, the saved work or a fresh plan, and every change
/// is saved.
#[component]
pub fn App() -> impl IntoView {
    toolbar::Theme::saved().apply();
    let state = PlanState::new(persist::load());
    persist::autosave(state);
    persist::watch_links(state);
    persist::watch_other_tabs(state);
    browser::register_offline_support();
    view! { <Planner state/> }
}

/// The planner over a given state (the browser tests mount it with a start of their choosing).
#[component]
pub fn Planner(state: PlanState) -> impl IntoView {
    provide_context(state);
    provide_context(Artifacts::new(state));
    announce_new_errors(state);

    view! {
        <div class="app" data-testid=TestId::AppRoot.as_str()>
            <a class="skip-link" href="#main"
                on:click=move |ev| {
                    ev.prevent_default();
                    browser::focus_id("step-heading");
                }>
                "Skip to the current step"
            </a>
            <header class="app-header">
                <h1 class="brand-heading">
                    <a class="brand" href="./">
                        <img class="brand-mark" src="favicon.svg" alt="" width="28" height="28"/>
                        <span class="brand-name">"NPIP Planner"</span>
                    </a>
                </h1>
                <p class="tagline">"Azure Databricks with secure cluster connectivity, planned offline"</p>
                <toolbar::Toolbar/>
            </header>
            <div class="app-body">
                <steps::Stepper/>
                <main class="app-main" id="main">
                    <notice_area::NoticeArea/>
                    <steps::StepView/>
                </main>
            </div>
            <footer class="app-footer">
                <span>"Runs entirely in your browser; nothing you enter leaves this page."</span>
                <span data-testid=TestId::Version.as_str()>"Version " {npip_core::VERSION}</span>
            </footer>
            <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid=TestId::Announcer.as_str()>
                {move || state.announcement.get()}
            </div>
            <toolbar::DropZone/>
            // The pictures' own styles follow the theme; paper is always light.
            <style>{engine::print_diagram_palette()}</style>
        </div>
    }
}

/// Announces an error through the live region when it first shows (not the ones already shown on load).
fn announce_new_errors(state: PlanState) {
    Effect::new(move |previous: Option<BTreeSet<(Field, &'static str)>>| {
        let visible = state.visible.read();
        let errors: Vec<_> = visible.iter().filter(|f| f.severity == Severity::Error).collect();
        if let Some(previous) = previous {
            let new: Vec<_> = errors
                .iter()
                .filter(|f| !previous.contains(&(f.field, f.code)))
                .collect();
            if let Some(first) = new.first() {
                let more = new.len() - 1;
                let tail = if more > 0 {
                    format!(" ({more} more)")
                } else {
                    String::new()
                };
                state.announce(format!("Error: {}{tail}", first.message));
            }
        }
        errors.iter().map(|f| (f.field, f.code)).collect()
    });
}
