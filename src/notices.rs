//! Notices: messages about the person's work that stay on screen until dismissed (a link opened, saved work set
//! aside, an import refused). Work kept aside gets buttons to download, restore or delete it.

use crate::persist;
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Warning,
    Error,
}

impl NoticeKind {
    const fn class(self) -> &'static str {
        match self {
            NoticeKind::Info => "notice notice-info",
            NoticeKind::Success => "notice notice-success",
            NoticeKind::Warning => "notice notice-warning",
            NoticeKind::Error => "notice notice-error",
        }
    }

    const fn label(self) -> &'static str {
        match self {
            NoticeKind::Info => "Note",
            NoticeKind::Success => "Done",
            NoticeKind::Warning => "Attention",
            NoticeKind::Error => "Problem",
        }
    }
}

/// What a notice is about, where a newer notice on the same thing makes the older one stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// Importing a plan file or opening an example.
    Import,
    /// Opening a shared link.
    Link,
    /// Copying a share link.
    CopyLink,
    StartOver,
    /// The work kept aside in this browser: one notice for all of it.
    KeptAside,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub kind: NoticeKind,
    pub text: String,
    /// A second line: the exact reason, such as the reader's line and column.
    pub detail: Option<String>,
    /// The ids of the work kept aside that this notice is about, newest first.
    pub set_aside: Vec<String>,
    /// Replaced by the next notice on the same topic.
    pub topic: Option<Topic>,
}

impl Notice {
    pub fn new(kind: NoticeKind, text: impl Into<String>) -> Notice {
        Notice {
            id: 0,
            kind,
            text: text.into(),
            detail: None,
            set_aside: Vec::new(),
            topic: None,
        }
    }

    pub fn about(mut self, topic: Topic) -> Notice {
        self.topic = Some(topic);
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Notice {
        self.detail = Some(detail.into());
        self
    }

    pub fn about_set_aside(mut self, ids: Vec<String>) -> Notice {
        self.set_aside = ids;
        self.topic = Some(Topic::KeptAside);
        self
    }

    /// Whether the notice is about something that outlasts what the person does next (work kept aside in
    /// storage); the others are transient, and starting over clears them.
    pub fn lasts(&self) -> bool {
        !self.set_aside.is_empty()
    }
}

/// The list of notices, above the current step.
#[component]
pub fn NoticeArea() -> impl IntoView {
    let state = PlanState::use_context();
    view! {
        <section class="notices" aria-label="Notices" data-testid=TestId::Notices.as_str()
            class:empty=move || state.notices.read().is_empty()>
            // A plain list, not a keyed `<For>`: notices are few, and the keyed list's machinery (hash sets per
            // key type) cost 5.5 KB of the bundle for this one use.
            {move || state.notices.get().into_iter().map(|notice| view! { <NoticeCard notice/> }).collect_view()}
        </section>
    }
}

/// Download, restore and delete for one piece of work kept aside.
fn aside_actions(state: PlanState, aside_id: String) -> impl IntoView {
    let restorable = persist::set_aside_plan(&aside_id).is_some();
    let download_id = aside_id.clone();
    let restore_id = aside_id.clone();
    view! {
        <div class="notice-actions">
            <button type="button" class="button button-small"
                on:click=move |_| persist::download_set_aside(&state, &download_id)>
                "Download it"
            </button>
            {restorable.then(|| view! {
                <button type="button" class="button button-small"
                    on:click=move |_| persist::restore_set_aside(&state, &restore_id)>
                    "Restore it"
                </button>
            })}
            <button type="button" class="button button-small button-quiet"
                on:click=move |_| {
                    persist::delete_set_aside(&aside_id);
                    persist::refresh_kept_aside(&state);
                    state.announce("The work kept aside was deleted.");
                }>
                "Delete it"
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
        [] => None,
        [one] => Some(aside_actions(state, one.clone()).into_any()),
        several => Some(
            view! {
                <ul class="notice-list">
                    {several.iter().map(|aside_id| view! {
                        <li class="notice-list-item">
                            <p class="notice-detail">{persist::aside_line(aside_id)}</p>
                            {aside_actions(state, aside_id.clone())}
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
