//! NPIP Planner in the browser: a thin Leptos layer over the `npip-core` engine.
//!
//! The app holds state, shows it and talks to the browser; every decision and every generated file comes from
//! the engine.

use leptos::prelude::*;

mod test_id;

pub use test_id::TestId;

/// The wizard's steps, in order. Kept here until the wizard takes them over.
const STEPS: [&str; 6] = [
    "Workspace",
    "Network model",
    "Address space",
    "Connectivity",
    "Egress",
    "Review and export",
];

/// The whole app: header, the step list and a footer with the version.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <div class="app" data-testid=TestId::AppRoot.as_str()>
            <header class="app-header">
                <a class="brand" href="./">
                    <img class="brand-mark" src="favicon.svg" alt="" width="32" height="32"/>
                    <span class="brand-name">"NPIP Planner"</span>
                </a>
                <p class="tagline">
                    "Plan Azure Databricks workspaces with secure cluster connectivity (No Public IP)."
                </p>
            </header>
            <main class="app-main" id="main">
                <nav aria-label="Planner steps">
                    <ol class="steps" data-testid=TestId::StepList.as_str()>
                        {STEPS
                            .iter()
                            .enumerate()
                            .map(|(i, name)| {
                                view! {
                                    <li class="step">
                                        <span class="step-number" aria-hidden="true">{i + 1}</span>
                                        <span class="step-name">{*name}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                </nav>
            </main>
            <footer class="app-footer">
                <span>"Runs entirely in your browser; nothing you enter leaves this page."</span>
                <span data-testid=TestId::Version.as_str()>"Version " {npip_core::VERSION}</span>
            </footer>
        </div>
    }
}
