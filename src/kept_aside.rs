//! Work kept aside: saved work that something was about to replace (a link, an import, a restore, another tab) or
//! that this version cannot read, stored under its own key instead of being overwritten, with one notice for all of
//! it and a way to download, restore or delete each piece.

use crate::browser;
use crate::envelope::{read_save, save_text_of, Unreadable};
use crate::keys::StorageKey;
use crate::notices::{Notice, NoticeKind, Topic};
use crate::plan_io::{plan_file_text, read_plan_text};
use crate::state::PlanState;
use leptos::prelude::*;
use npip_core::edit::fresh_plan;
use npip_core::plan::Plan;
use npip_core::Step;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeSet;

/// Why work was kept aside (stored in the aside record by its camelCase name, `unreadableSave`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AsideReason {
    /// Saved by an older version of the planner, in a shape this one does not read.
    OlderSave,
    /// Saved by a newer version of the planner.
    NewerSave,
    /// Saved state that could not be read at all.
    UnreadableSave,
    /// Replaced by the plan of a shared link.
    ReplacedByLink,
    /// Replaced by an imported plan file.
    ReplacedByImport,
    /// Replaced by restoring other work kept aside.
    ReplacedByRestore,
    /// Replaced by the work saved in another tab of the planner.
    ReplacedInOtherTab,
}

impl From<Unreadable> for AsideReason {
    fn from(why: Unreadable) -> AsideReason {
        match why {
            Unreadable::Older => AsideReason::OlderSave,
            Unreadable::Newer => AsideReason::NewerSave,
            Unreadable::Damaged => AsideReason::UnreadableSave,
        }
    }
}

impl AsideReason {
    fn sentence(self) -> &'static str {
        match self {
            AsideReason::OlderSave => {
                "Work saved by an older version of the planner could not be carried over, so it was kept aside \
                 instead of being overwritten."
            }
            AsideReason::NewerSave => {
                "Work saved by a newer version of the planner was kept aside; this version cannot open it."
            }
            AsideReason::UnreadableSave => {
                "Saved work from an earlier visit could not be read, so it was kept aside instead of being \
                 overwritten."
            }
            AsideReason::ReplacedByLink => {
                "You opened a shared link, so its plan is shown. Your own work from before was kept aside."
            }
            AsideReason::ReplacedByImport => "The imported plan replaced your previous work, which was kept aside.",
            AsideReason::ReplacedByRestore => "Your previous work was kept aside when you restored other work.",
            AsideReason::ReplacedInOtherTab => {
                "The plan was changed in another tab, so that version is shown here. The work you had here was \
                 kept aside."
            }
        }
    }

    /// The reason in a few words, for a list of several pieces of work kept aside.
    fn label(self) -> &'static str {
        match self {
            AsideReason::OlderSave => "Saved by an older version",
            AsideReason::NewerSave => "Saved by a newer version",
            AsideReason::UnreadableSave => "Saved work that could not be read",
            AsideReason::ReplacedByLink => "Replaced by a shared link",
            AsideReason::ReplacedByImport => "Replaced by an import",
            AsideReason::ReplacedByRestore => "Replaced when you restored other work",
            AsideReason::ReplacedInOtherTab => "Replaced by your work in another tab",
        }
    }
}

/// Work kept aside, stored as one compact JSON object: `{"reason":"unreadableSave","at":…,"content":"…"}`.
#[derive(Serialize, Deserialize)]
struct AsideRecord {
    reason: AsideReason,
    /// Milliseconds since the epoch; `None` when the record's time is missing or not a count of milliseconds, so
    /// that the work still shows (its time unknown) rather than vanishing from the list.
    #[serde(default, deserialize_with = "any_time")]
    at: Option<u64>,
    /// The raw saved text (an envelope, usually).
    content: String,
}

/// A record's time if it is a whole number of milliseconds, whatever else the member holds.
fn any_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    Ok(serde_json::Value::deserialize(deserializer)?.as_u64())
}

impl AsideRecord {
    fn to_text(&self) -> String {
        // Cannot fail: a string-named enum, a number and a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    fn from_text(text: &str) -> Option<AsideRecord> {
        serde_json::from_str(text).ok()
    }

    /// When it was kept aside, for a sentence: "on 2026-11-27 21:40", or "at an unknown time".
    fn when(&self) -> String {
        match self.at.and_then(browser::local_timestamp) {
            Some(time) => format!("on {time}"),
            None => "at an unknown time".to_string(),
        }
    }
}

/// Writes work aside under a new key and returns its id. Work already kept aside word for word is not kept twice:
/// its id is returned.
pub fn keep_aside(reason: AsideReason, content: String) -> Result<String, String> {
    if let Some(id) = aside_ids(None)
        .into_iter()
        .find(|id| read_aside(id).is_some_and(|record| record.content == content))
    {
        return Ok(id);
    }
    let at = browser::now_ms();
    let mut id = at.to_string();
    // Two asides in one millisecond must not overwrite each other.
    let mut n = 1;
    while browser::storage_get(&StorageKey::SetAside(id.clone())).is_some() {
        n += 1;
        id = format!("{at}-{n}");
    }
    let record = AsideRecord {
        reason,
        at: Some(at),
        content,
    };
    browser::storage_set(&StorageKey::SetAside(id.clone()), &record.to_text())?;
    Ok(id)
}

fn read_aside(id: &str) -> Option<AsideRecord> {
    let text = browser::storage_get(&StorageKey::SetAside(id.to_string()))?;
    AsideRecord::from_text(&text)
}

/// The ids of all work kept aside in this browser, newest first (`first`, the one just kept, ahead of all).
fn aside_ids(first: Option<&str>) -> Vec<String> {
    let mut ids: Vec<String> = browser::storage_keys()
        .iter()
        .filter_map(|key| StorageKey::set_aside_id(key).map(str::to_string))
        .collect();
    ids.sort_by(|a, b| {
        (Some(b.as_str()) == first)
            .cmp(&(Some(a.as_str()) == first))
            .then(b.cmp(a))
    });
    ids
}

/// The one notice for all the work kept aside in this browser (none when there is none): what happened to the
/// newest (or `first`), and how many there are when several, each with its actions.
pub fn kept_aside_notice(first: Option<&str>) -> Option<Notice> {
    let ids: Vec<String> = aside_ids(first)
        .into_iter()
        .filter(|id| read_aside(id).is_some())
        .collect();
    let newest = read_aside(ids.first()?)?;
    let notice = match ids.len() {
        1 => Notice::new(NoticeKind::Warning, newest.reason.sentence())
            .with_detail(format!("Kept aside {}.", newest.when())),
        n => Notice::new(
            NoticeKind::Warning,
            format!(
                "{} {n} pieces of work are kept aside in this browser, the newest first.",
                newest.reason.sentence()
            ),
        ),
    };
    Some(notice.about_set_aside(ids))
}

/// One line about a piece of work kept aside: why and when.
pub fn aside_line(id: &str) -> String {
    match read_aside(id) {
        Some(record) => format!("{}, kept aside {}.", record.reason.label(), record.when()),
        None => "No longer in this browser's storage.".to_string(),
    }
}

/// Brings the kept-aside notice, if one is shown, up to date after another tab kept work aside, restored or deleted
/// it (quietly, in place). Its words do not say why the newest was kept: that was said in the other tab.
pub fn kept_aside_changed_elsewhere(state: &PlanState) {
    let shown = state
        .notices
        .with_untracked(|all| all.iter().any(|n| n.topic == Some(Topic::KeptAside)));
    if !shown {
        return;
    }
    let ids: Vec<String> = aside_ids(None)
        .into_iter()
        .filter(|id| read_aside(id).is_some())
        .collect();
    let notice = match ids.as_slice() {
        [] => return state.dismiss_topic(Topic::KeptAside),
        [one] => Notice::new(NoticeKind::Warning, "Work is kept aside in this browser.").with_detail(aside_line(one)),
        several => Notice::new(
            NoticeKind::Warning,
            format!(
                "{} pieces of work are kept aside in this browser, the newest first.",
                several.len()
            ),
        ),
    };
    state.replace_notice(notice.about_set_aside(ids));
}

/// Brings the kept-aside notice up to date after work kept aside was restored or deleted (quietly, in place).
pub fn refresh_kept_aside(state: &PlanState) {
    match kept_aside_notice(None) {
        Some(notice) => state.replace_notice(notice),
        None => state.dismiss_topic(Topic::KeptAside),
    }
}

/// The plan in saved text (a save, or a plan file), if it holds one this version reads.
fn plan_in(text: &str) -> Option<Plan> {
    read_save(text)
        .map(|start| start.plan)
        .ok()
        .or_else(|| read_plan_text(text).ok())
}

/// The plan in work kept aside, if it holds one this version reads.
pub fn set_aside_plan(id: &str) -> Option<Plan> {
    plan_in(&read_aside(id)?.content)
}

pub fn delete_set_aside(id: &str) {
    browser::storage_remove(&StorageKey::SetAside(id.to_string()));
}

/// Offers saved text as a file: the plan file (`{name}.json`) when a plan can be found in it, else exactly the text
/// that was saved (`{raw_name}.json`), so that nothing is lost.
pub fn offer_saved_text(state: &PlanState, text: &str, name: &str, raw_name: &str) {
    let result = match plan_in(text) {
        Some(plan) => browser::download_text(&format!("{name}.json"), "application/json", &plan_file_text(&plan)),
        None => browser::download_text(&format!("{raw_name}.json"), "application/json", text),
    };
    if let Err(error) = result {
        state.notify(NoticeKind::Error, format!("The download did not start: {error}."));
    }
}

/// Offers work kept aside as a file (see [`offer_saved_text`]), named with the day it was kept aside.
pub fn download_set_aside(state: &PlanState, id: &str) {
    let Some(record) = read_aside(id) else {
        state.notify(
            NoticeKind::Error,
            "That work kept aside is no longer in this browser's storage.",
        );
        return;
    };
    let day = match record.at.and_then(browser::local_timestamp) {
        Some(time) => format!("-{}", time.replace([' ', ':'], "-")),
        None => String::new(),
    };
    offer_saved_text(
        state,
        &record.content,
        &format!("npip-plan-kept-aside{day}"),
        &format!("npip-saved-work{day}"),
    );
}

/// Keeps the current work aside when it holds anything worth keeping (it differs from a fresh plan and from
/// `incoming`), with a notice; says whether it kept anything. An error says why it could not be kept: the caller
/// must not replace it then.
pub fn keep_current_aside(state: &PlanState, reason: AsideReason, incoming: &Plan) -> Result<bool, String> {
    let current = state.plan.get_untracked();
    if current == fresh_plan() || &current == incoming {
        return Ok(false);
    }
    let id = keep_aside(reason, save_text_of(state))?;
    if let Some(notice) = kept_aside_notice(Some(&id)) {
        state.push_notice(notice);
    }
    Ok(true)
}

/// Says that the current work could not be kept aside, and so was not replaced.
pub fn refuse_to_replace(state: &PlanState, error: &str) {
    state.notify(
        NoticeKind::Error,
        format!("Your current work could not be kept aside ({error}), so it was not replaced."),
    );
}

/// Restores work kept aside, keeping the current work aside in its place.
pub fn restore_set_aside(state: &PlanState, id: &str) {
    let Some(plan) = set_aside_plan(id) else {
        state.notify(
            NoticeKind::Error,
            "That work kept aside holds no plan this planner can open.",
        );
        return;
    };
    if let Err(error) = keep_current_aside(state, AsideReason::ReplacedByRestore, &plan) {
        return refuse_to_replace(state, &error);
    }
    delete_set_aside(id);
    refresh_kept_aside(state);
    state.replace_plan(plan, Step::Workspace, BTreeSet::new());
    state.notify(NoticeKind::Success, "The work kept aside is back.");
}
