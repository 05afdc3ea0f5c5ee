//! Where the work lives between visits: autosave to local storage, share links in the URL fragment, other tabs.
//!
//! On load the plan comes from the link if there is one, else from the saved state, else it is fresh. Saved work
//! is never silently overwritten: a save this version cannot read, or saved work that a link, an import or another
//! tab replaces, is kept aside (`kept_aside.rs`) with a visible notice and a way to download or restore it; and
//! saved work that cannot be kept aside stays where it is, with autosave paused until the person decides.

use crate::browser;
use crate::envelope::{read_save, save_text_of, step_from_slug};
use crate::kept_aside::{
    keep_aside, keep_current_aside, kept_aside_changed_elsewhere, kept_aside_notice, offer_saved_text,
    refuse_to_replace, AsideReason,
};
use crate::keys::{StorageKey, UrlKey};
use crate::notices::{Notice, NoticeKind, Topic};
use crate::state::{PlanState, Start, Stash};
use leptos::prelude::*;
use npip_core::edit::fresh_plan;
use npip_core::plan::Plan;
use npip_core::share;
use npip_core::Step;

/// Values of the URL fragment's keys.
fn fragment_value(fragment: &str, key: UrlKey) -> Option<&str> {
    fragment
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key.as_str())
        .map(|(_, v)| v)
}

/// The start decision, free of browser effects so it can be tested anywhere.
#[derive(Debug)]
pub struct Decision {
    pub start: Start,
    /// Saved text to keep aside before anything overwrites it.
    pub keep_aside: Option<(AsideReason, String)>,
    /// Whether to drop the link from the address bar (it has been read; a reload must show the saved edits).
    pub clear_fragment: bool,
}

/// Link, then saved state, then a fresh plan.
pub fn decide_start(fragment: &str, saved: Option<&str>) -> Decision {
    let saved_start = saved.map(read_save);
    let link = fragment_value(fragment, UrlKey::Plan);
    let clear_fragment = link.is_some();

    if let Some(code) = link {
        match share::decode_plan(code) {
            Ok(opened) => {
                let unverified = opened.note();
                let plan = opened.plan;
                let step = fragment_value(fragment, UrlKey::Step)
                    .and_then(step_from_slug)
                    .unwrap_or(Step::Workspace);
                // Everything up to the link's step counts as seen, so its findings show.
                let visited = Step::ALL.into_iter().filter(|s| s.index() <= step.index()).collect();
                let keep_aside = match (&saved_start, saved) {
                    (Some(Ok(saved)), Some(text)) if saved.plan != plan && saved.plan != fresh_plan() => {
                        Some((AsideReason::ReplacedByLink, text.to_string()))
                    }
                    (Some(Err(_)), Some(text)) => Some((AsideReason::ReplacedByLink, text.to_string())),
                    _ => None,
                };
                let mut notices = Vec::new();
                if keep_aside.is_none() {
                    notices.push(
                        Notice::new(NoticeKind::Info, "This plan was opened from a shared link.").about(Topic::Link),
                    );
                }
                if let Some(note) = unverified {
                    notices.push(Notice::new(NoticeKind::Info, note).about(Topic::Link));
                }
                return Decision {
                    start: Start {
                        plan,
                        step,
                        visited,
                        stash: Stash::default(),
                        notices,
                        unread: Vec::new(),
                        autosave_paused: false,
                    },
                    keep_aside,
                    clear_fragment,
                };
            }
            Err(error) => {
                let mut decision = decide_start("", saved);
                decision.start.notices.insert(
                    0,
                    Notice::new(
                        NoticeKind::Error,
                        "The link you opened does not hold a plan this planner can read, so nothing was changed.",
                    )
                    .with_detail(format!("Reason: {error}."))
                    .about(Topic::Link),
                );
                decision.clear_fragment = true;
                return decision;
            }
        }
    }

    match (saved_start, saved) {
        (Some(Ok(start)), _) => Decision {
            start,
            keep_aside: None,
            clear_fragment,
        },
        (Some(Err(why)), Some(text)) => Decision {
            start: Start::fresh(),
            keep_aside: Some((why.into(), text.to_string())),
            clear_fragment,
        },
        _ => Decision {
            start: Start::fresh(),
            keep_aside: None,
            clear_fragment,
        },
    }
}

/// The notice while autosave is paused because saved work could not be kept aside: what happened (`text`), and
/// the person's way out (download the saved work, then discard it).
fn paused_notice(text: String) -> Notice {
    Notice::new(NoticeKind::Error, text)
        .with_detail("Download the saved work to keep a copy, then discard it to save this plan again.")
        .about(Topic::AutosavePaused)
}

/// Decides where the app starts and carries out the storage side of it (keeping work aside, clearing the link).
pub fn load() -> Start {
    let saved = browser::storage_get(&StorageKey::State);
    let decision = decide_start(&browser::fragment(), saved.as_deref());
    let mut start = decision.start;
    let mut fresh_aside = None;
    if let Some((reason, text)) = decision.keep_aside {
        match keep_aside(reason, text) {
            Ok(id) => fresh_aside = Some(id),
            Err(error) => {
                // Storage refuses (it is full): the saved work stays where it is, and nothing may save over it.
                start.autosave_paused = true;
                start.notices.push(paused_notice(format!(
                    "Your saved work could not be kept aside ({error}). It stays in storage as it was, and \
                     autosave is paused so that nothing overwrites it."
                )));
            }
        }
    }
    if decision.clear_fragment {
        browser::replace_fragment(None);
    }
    // The work kept aside, this visit's first, is in one notice until the person deals with it.
    start.notices.extend(kept_aside_notice(fresh_aside.as_deref()));
    start
}

/// Offers the saved work that autosave is holding back from (see [`load`]) as a file.
pub fn download_held(state: &PlanState) {
    match browser::storage_get(&StorageKey::State) {
        Some(text) => offer_saved_text(state, &text, "npip-plan-saved", "npip-saved-work"),
        None => {
            state.notify(
                NoticeKind::Error,
                "The saved work is no longer in this browser's storage.",
            );
        }
    }
}

/// The person lets the saved work go: autosave resumes and saves the plan on screen over it.
pub fn discard_held(state: &PlanState) {
    state.dismiss_topic(Topic::AutosavePaused);
    state.autosave_paused.set(false);
    state.announce("The saved work was discarded; this plan is saved again.");
}

/// A share link opened in a tab that already shows the planner changes only the fragment, which reloads nothing:
/// read it then, with the same rules as on load (other work is kept aside, a bad link changes nothing).
pub fn watch_links(state: PlanState) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = browser::fragment();
        if fragment_value(&fragment, UrlKey::Plan).is_none() {
            return;
        }
        browser::replace_fragment(None);
        let decision = decide_start(&fragment, None);
        let Some(notice) = decision.start.notices.first().cloned() else {
            return;
        };
        if notice.kind == NoticeKind::Error {
            state.push_notice(notice);
            return;
        }
        let start = decision.start;
        if let Err(error) = keep_current_aside(&state, AsideReason::ReplacedByLink, &start.plan) {
            return refuse_to_replace(&state, &error);
        }
        state.replace_plan(start.plan, start.step, start.visited);
        state.push_notice(notice);
    });
    on_cleanup(move || handle.remove());
}

/// Another tab of the planner saved its work over this tab's: the browser says so with a `storage` event. This tab
/// then shows that work too, and keeps its own aside first if it was typed here, so that neither tab silently
/// replaces what a person typed in the other. Work kept aside, restored or deleted in another tab updates the
/// kept-aside notice here.
pub fn watch_other_tabs(state: PlanState) {
    // The save text of the work as this tab last took it from storage (its start, or another tab's save): work that
    // differs from it was typed here.
    let taken = StoredValue::new(save_text_of(&state));
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else { return };
        if StorageKey::set_aside_id(&key).is_some() {
            kept_aside_changed_elsewhere(&state);
        } else if key == StorageKey::State.as_string() {
            if let Some(text) = ev.new_value() {
                take_other_tabs_save(&state, taken, &text);
            }
        }
    });
    on_cleanup(move || handle.remove());
}

fn take_other_tabs_save(state: &PlanState, taken: StoredValue<String>, text: &str) {
    let incoming =
        match read_save(text) {
            Ok(start) => start,
            Err(why) => {
                // Saved by another version of the planner in another tab: kept aside before this tab saves over it.
                if let Ok(id) = keep_aside(why.into(), text.to_string()) {
                    state.push_notice(kept_aside_notice(Some(&id)).unwrap_or_else(|| {
                        Notice::new(NoticeKind::Warning, "Work saved in another tab was kept aside.")
                    }));
                }
                return;
            }
        };
    if state.autosave_paused.get_untracked() {
        // The saved work this tab held back from is replaced by the other tab's: there is nothing left to protect.
        state.autosave_paused.set(false);
        state.dismiss_topic(Topic::AutosavePaused);
    }
    if state.plan.with_untracked(|plan| *plan == incoming.plan) {
        taken.set_value(save_text_of(state));
        return;
    }
    let typed_here = save_text_of(state) != taken.get_value();
    let kept = if typed_here {
        keep_current_aside(state, AsideReason::ReplacedInOtherTab, &incoming.plan)
    } else {
        Ok(false)
    };
    let kept = match kept {
        Ok(kept) => kept,
        Err(error) => {
            // Neither version may overwrite the other: this tab keeps its work on screen and stops saving.
            state.autosave_paused.set(true);
            state.push_notice(paused_notice(format!(
                "The plan was changed in another tab, and the work you have here could not be kept aside \
                 ({error}). It stays on screen here, and autosave is paused so that it does not overwrite the \
                 other tab's work."
            )));
            return;
        }
    };
    // The person's place in this tab stays; the plan and its typed numbers are the other tab's.
    state.replace_plan(
        incoming.plan,
        state.step.get_untracked(),
        state.revealed_steps_untracked(),
    );
    state.unread.set(incoming.unread);
    taken.set_value(save_text_of(state));
    // The kept-aside notice says it all when this tab's work was kept aside; else a note says what changed.
    if kept {
        state.dismiss_topic(Topic::OtherTab);
    } else {
        state.push_notice(
            Notice::new(
                NoticeKind::Info,
                "This plan was changed in another tab, so that version is shown here.",
            )
            .about(Topic::OtherTab),
        );
    }
}

/// Saves the state on every change (cheap enough not to debounce: the envelope is a few KB of JSON), except while
/// it is paused over saved work that could not be kept aside.
pub fn autosave(state: PlanState) {
    // Whether the last save failed, so that a run of failures is reported once.
    let failed = std::cell::Cell::new(false);
    Effect::new(move |_| {
        if state.autosave_paused.get() {
            return;
        }
        let text = state.plan.with(|plan| {
            state
                .unread
                .with(|unread| crate::envelope::save_text(plan, state.step.get(), &state.revealed_steps(), unread))
        });
        match browser::storage_set(&StorageKey::State, &text) {
            Ok(()) => failed.set(false),
            Err(error) => {
                if !failed.replace(true) {
                    state.notify(
                        NoticeKind::Warning,
                        format!(
                            "Your work cannot be saved in this browser ({error}). Export the plan file to keep it."
                        ),
                    );
                }
            }
        }
    });
}

/// The share link for a plan at a step: this page's address plus the plan in the fragment.
pub fn share_link(plan: &Plan, step: Step) -> Result<String, String> {
    let code = share::encode_plan(plan).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}#{}={code}&{}={}",
        browser::page_url(),
        UrlKey::Plan.as_str(),
        UrlKey::Step.as_str(),
        step.slug()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::save_text;
    use npip_core::edit::{default_network, NetworkChoice};
    use std::collections::BTreeSet;

    fn saved(plan: &Plan, step: Step) -> String {
        save_text(plan, step, &BTreeSet::from([Step::Workspace]), &[])
    }

    fn named(name: &str) -> Plan {
        let mut plan = fresh_plan();
        plan.workspace.name = name.to_string();
        plan
    }

    fn link(plan: &Plan, step: Step) -> String {
        format!("plan={}&step={}", share::encode_plan(plan).unwrap(), step.slug())
    }

    #[test]
    fn saved_state_restores_exactly() {
        let mut plan = named("adb-saved");
        plan.network = default_network(NetworkChoice::Managed, "adb-saved");
        let decision = decide_start("", Some(&saved(&plan, Step::Egress)));
        assert_eq!(decision.start.plan, plan);
        assert_eq!(decision.start.step, Step::Egress);
        assert_eq!(decision.start.visited, BTreeSet::from([Step::Workspace]));
        assert!(decision.keep_aside.is_none() && !decision.clear_fragment);
    }

    #[test]
    fn nothing_saved_starts_fresh() {
        let decision = decide_start("", None);
        assert_eq!(decision.start.plan, fresh_plan());
        assert_eq!(decision.start.step, Step::Workspace);
        assert!(decision.keep_aside.is_none() && decision.start.notices.is_empty());
    }

    #[test]
    fn unreadable_or_other_version_saves_are_kept_aside() {
        for (text, reason) in [
            ("{not json", AsideReason::UnreadableSave),
            ("{\"storageVersion\":0}\n{}", AsideReason::OlderSave),
            ("{\"storageVersion\":99}\n{}", AsideReason::NewerSave),
            ("{\"storageVersion\":1}\n{\"version\":1}", AsideReason::UnreadableSave),
            ("{\"storageVersion\":1}", AsideReason::UnreadableSave),
        ] {
            let decision = decide_start("", Some(text));
            assert_eq!(decision.start.plan, fresh_plan(), "{text}");
            assert_eq!(decision.keep_aside, Some((reason, text.to_string())), "{text}");
        }
    }

    #[test]
    fn a_link_wins_and_keeps_different_saved_work_aside() {
        let mine = saved(&named("mine"), Step::AddressSpace);
        let theirs = named("theirs");
        let decision = decide_start(&link(&theirs, Step::Review), Some(&mine));
        assert_eq!(decision.start.plan, theirs);
        assert_eq!(decision.start.step, Step::Review);
        assert_eq!(decision.start.visited.len(), Step::ALL.len());
        assert_eq!(decision.keep_aside, Some((AsideReason::ReplacedByLink, mine)));
        assert!(decision.clear_fragment);
    }

    #[test]
    fn a_link_to_the_same_plan_or_over_a_fresh_plan_keeps_nothing_aside() {
        let plan = named("same");
        let decision = decide_start(&link(&plan, Step::Egress), Some(&saved(&plan, Step::Workspace)));
        assert!(decision.keep_aside.is_none());
        assert_eq!(decision.start.notices.len(), 1, "says the plan came from a link");
        let decision = decide_start(&link(&plan, Step::Egress), Some(&saved(&fresh_plan(), Step::Workspace)));
        assert!(decision.keep_aside.is_none());
    }

    #[test]
    fn a_broken_link_changes_nothing_and_says_why() {
        let mine = saved(&named("mine"), Step::Connectivity);
        let decision = decide_start("plan=1.garbage!&step=review", Some(&mine));
        assert_eq!(decision.start.plan, named("mine"));
        assert_eq!(decision.start.step, Step::Connectivity);
        assert!(decision.keep_aside.is_none());
        assert!(decision.clear_fragment);
        assert_eq!(decision.start.notices[0].kind, NoticeKind::Error);
    }

    #[test]
    fn a_link_that_does_not_decode_is_called_damaged_not_another_version() {
        let decision = decide_start("plan=garbage", None);
        let detail = decision.start.notices[0].detail.clone().unwrap_or_default();
        assert!(detail.contains("incomplete or was altered"), "{detail}");
        assert!(!detail.contains("version"), "{detail}");
    }

    #[test]
    fn fragments_without_a_plan_are_ignored() {
        let decision = decide_start("step=review&other=1", None);
        assert_eq!(decision.start.step, Step::Workspace);
        assert!(!decision.clear_fragment);
    }
}
