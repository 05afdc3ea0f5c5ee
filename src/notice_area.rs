//! The notices above the current step, each with its dismiss button; work kept aside gets buttons to download,
//! restore or delete it.

use crate::kept_aside;
use crate::notices::{Notice, Topic};
use crate::persist;
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::prelude::*;

/// The list of notices, above the current step, keyed by notice id.
#[component]
pub fn NoticeArea() -> impl IntoView {
    let state = PlanState::use_context();
    view! {
        <section class="notices" aria-label="Notices" data-testid=TestId::Notices.as_str()
            class:empty=move || state.notices.read().is_empty()>
            <For each=move || state.notices.get() key=|notice| notice.id let:notice>
                <NoticeCard notice/>
            </For>
        </section>
    }
}

/// Download, restore and delete for one piece of work kept aside.
#[component]
fn AsideActions(aside_id: String) -> impl IntoView {
    let state = PlanState::use_context();
    let restorable = kept_aside::set_aside_plan(&aside_id).is_some();
    let download_id = aside_id.clone();
    let restore_id = aside_id.clone();
    view! {
        <div class="notice-actions">
            <button type="button" class="button button-small"
                on:click=move |_| kept_aside::download_set_aside(&state, &download_id)>
                "Download it"
            </button>
            {restorable.then(|| view! {
                <button type="button" class="button button-small"
                    on:click=move |_| kept_aside::restore_set_aside(&state, &restore_id)>
                    "Restore it"
                </button>
            })}
            <button type="button" class="button button-small button-quiet"
                on:click=move |_| {
                    kept_aside::delete_set_aside(&aside_id);
                    kept_aside::refresh_kept_aside(&state);
                    state.announce("The work kept aside was deleted.");
                }>
                "Delete it"
            </button>
        </div>
    }
}

/// Download and discard for the saved work that autosave holds back from.
#[component]
fn HeldWorkActions() -> impl IntoView {
    let state = PlanState::use_context();
    view! {
        <div class="notice-actions">
            <button type="button" class="button button-small" data-testid=TestId::DownloadHeldWork.as_str()
                on:click=move |_| persist::download_held(&state)>
                "Download the saved work"
            </button>
            <button type="button" class="button button-small button-quiet" data-testid=TestId::DiscardHeldWork.as_str()
                on:click=move |_| persist::discard_held(&state)>
                "Discard it and save this plan"
            </button>
        </div>
    }
}

#[component]
fn NoticeCard(notice: Notice) -> impl IntoView {
    let state = PlanState::use_context();
    let id = notice.id;
    // One piece of work kept aside: its actions under the text. Several: one line each, newest first.
    let actions = match notice.set_aside.as_slice() {
        [] if notice.topic == Some(Topic::AutosavePaused) => Some(view! { <HeldWorkActions/> }.into_any()),
        [] => None,
        [one] => Some(view! { <AsideActions aside_id=one.clone()/> }.into_any()),
        several => Some(
            view! {
                <ul class="notice-list">
                    {several.iter().map(|aside_id| view! {
                        <li class="notice-list-item">
                            <p class="notice-detail">{kept_aside::aside_line(aside_id)}</p>
                            <AsideActions aside_id=aside_id.clone()/>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        ),
    };
    view! {
        <div class=notice.kind.class() role="group" aria-label=notice.kind.label()>
            <span class="notice-icon" aria-hidden="true"></span>
            <div class="notice-body">
                <p class="notice-text">
                    <strong class="notice-label">{notice.kind.label()}": "</strong>
                    {notice.text}
                </p>
                {notice.detail.map(|d| view! { <p class="notice-detail">{d}</p> })}
                {actions}
            </div>
            <button type="button" class="notice-close" aria-label="Dismiss this notice"
                on:click=move |_| state.dismiss(id)>
                <span aria-hidden="true">"×"</span>
            </button>
        </div>
    }
}
