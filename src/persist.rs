//! Where the work lives between visits: autosave to local storage, share links in the URL fragment, and work
//! kept aside.
//!
//! On load the plan comes from the link if there is one, else from the saved state, else it is fresh. Saved work
//! is never silently overwritten: a save this version cannot read, or saved work that a link or an import
//! replaces, is kept aside under its own key with a visible notice and a way to download or restore it.

use crate::browser;
use crate::fields::{field_name, NUMBER_FIELDS};
use crate::keys::{StorageKey, UrlKey};
use crate::notices::{Notice, NoticeKind, Topic};
use crate::plan_io::{plan_file_text, read_plan_text};
use crate::reactive::effect;
use crate::state::{PlanState, Start, Stash, Unread};
use leptos::prelude::*;
use npip_core::edit::{self, fresh_plan};
use npip_core::json::JsonWriter;
use npip_core::order::SortedSet;
use npip_core::plan::Plan;
use npip_core::share;
use npip_core::Step;
use serde_json::Value as Node;

/// Version of the saved envelope's shape. Bump it when the envelope changes; older saves are then set aside.
pub const STORAGE_VERSION: u32 = 1;

// The first line of what autosave writes is a small versioned header, one JSON object on one line:
// `{"storageVersion":1,"step":"address","visited":["workspace","network"]}`. The plan file's text follows on the
// next lines, so saved work is read by the same plan reader as an imported file (and stays readable by people).

/// Why work was kept aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

impl AsideReason {
    const ALL: [AsideReason; 6] = [
        AsideReason::OlderSave,
        AsideReason::NewerSave,
        AsideReason::UnreadableSave,
        AsideReason::ReplacedByLink,
        AsideReason::ReplacedByImport,
        AsideReason::ReplacedByRestore,
    ];

    /// The name stored in an aside record.
    const fn as_str(self) -> &'static str {
        match self {
            AsideReason::OlderSave => "olderSave",
            AsideReason::NewerSave => "newerSave",
            AsideReason::UnreadableSave => "unreadableSave",
            AsideReason::ReplacedByLink => "replacedByLink",
            AsideReason::ReplacedByImport => "replacedByImport",
            AsideReason::ReplacedByRestore => "replacedByRestore",
        }
    }

    fn from_str(name: &str) -> Option<AsideReason> {
        AsideReason::ALL.into_iter().find(|r| r.as_str() == name)
    }

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
        }
    }
}

/// Work kept aside, stored as one compact JSON object: `{"reason":"unreadableSave","at":…,"content":"…"}`.
struct AsideRecord {
    reason: AsideReason,
    /// Milliseconds since the epoch.
    at: u64,
    /// The raw saved text (an envelope, usually).
    content: String,
}

impl AsideRecord {
    fn to_text(&self) -> String {
        let mut w = JsonWriter::compact();
        w.object(|w| {
            w.key("reason").str(self.reason.as_str());
            w.key("at").uint(self.at);
            w.key("content").str(&self.content);
        });
        w.into_text()
    }

    fn from_text(text: &str) -> Option<AsideRecord> {
        let record: Node = serde_json::from_str(text).ok()?;
        Some(AsideRecord {
            reason: AsideReason::from_str(record.get("reason")?.as_str()?)?,
            at: record.get("at")?.as_u64()?,
            content: record.get("content")?.as_str()?.to_string(),
        })
    }
}

/// The autosave text for a state: the header line, then the plan file. Numbers whose typed text does not read go
/// in the header (`"unread":{"PeakNodes":"abc"}`, left out when there are none), so a reload shows what was typed.
pub fn save_text(plan: &Plan, step: Step, visited: &SortedSet<Step>, unread: &[Unread]) -> String {
    let mut w = JsonWriter::compact();
    w.object(|w| {
        w.key("storageVersion").uint(STORAGE_VERSION.into());
        w.key("step").str(step.slug());
        w.key("visited").array(|w| visited.iter().for_each(|s| w.str(s.slug())));
        if !unread.is_empty() {
            w.key("unread").object(|w| {
                for u in unread {
                    w.key(field_name(u.field)).str(&u.text);
                }
            });
        }
    });
    let mut text = w.into_text();
    text.push('\n');
    text.push_str(&plan.to_json_pretty());
    text
}

/// A header member that may be left out but, when given, must be of its type: `Ok(None)` when absent.
fn header_member<'a, T>(
    header: &'a Node,
    name: &str,
    read: impl Fn(&'a Node) -> Option<T>,
) -> Result<Option<T>, AsideReason> {
    match header.get(name) {
        None => Ok(None),
        Some(node) => read(node).map(Some).ok_or(AsideReason::UnreadableSave),
    }
}

fn step_from_slug(slug: &str) -> Option<Step> {
    Step::ALL.iter().copied().find(|s| s.slug() == slug)
}

/// Saved work, read; or why it cannot be.
fn read_envelope(text: &str) -> Result<Start, AsideReason> {
    let (header, plan) = text.split_once('\n').unwrap_or((text, ""));
    let header: Node = serde_json::from_str(header).map_err(|_| AsideReason::UnreadableSave)?;
    // The version first: a save from another version may not have the shape below.
    let version = header
        .get("storageVersion")
        .and_then(Node::as_u64)
        .ok_or(AsideReason::UnreadableSave)?;
    match version {
        v if v == u64::from(STORAGE_VERSION) => {}
        v if v < u64::from(STORAGE_VERSION) => return Err(AsideReason::OlderSave),
        _ => return Err(AsideReason::NewerSave),
    }
    let step = header_member(&header, "step", Node::as_str)?.unwrap_or_default();
    let visited = header_member(&header, "visited", |node| match node {
        Node::Array(items) => items.iter().map(Node::as_str).collect::<Option<Vec<&str>>>(),
        _ => None,
    })?
    .unwrap_or_default();
    let unread = header_member(&header, "unread", |node| {
        node.as_object()?
            .iter()
            .map(|(name, value)| Some((name.as_str(), value.as_str()?)))
            .collect::<Option<Vec<_>>>()
    })?
    .unwrap_or_default();
    let plan = read_plan_text(plan).map_err(|_| AsideReason::UnreadableSave)?;
    // Only number fields can be unread, and only text that still does not read counts.
    let unread = unread
        .into_iter()
        .filter_map(|(name, text)| {
            let field = NUMBER_FIELDS.into_iter().find(|f| field_name(*f) == name)?;
            edit::parse_count(text).is_err().then(|| Unread::new(field, text))
        })
        .collect();
    Ok(Start {
        plan,
        step: step_from_slug(step).unwrap_or(Step::Workspace),
        visited: npip_core::order::set_of(visited.into_iter().filter_map(step_from_slug)),
        stash: Stash::default(),
        notices: Vec::new(),
        unread,
    })
}

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
    let saved_start = saved.map(read_envelope);
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
                let visited = npip_core::order::set_of(Step::ALL.iter().copied().filter(|s| s.index() <= step.index()));
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
        (Some(Err(reason)), Some(text)) => Decision {
            start: Start::fresh(),
            keep_aside: Some((reason, text.to_string())),
            clear_fragment,
        },
        _ => Decision {
            start: Start::fresh(),
            keep_aside: None,
            clear_fragment,
        },
    }
}

/// Writes work aside under a new key and returns its id. Work already kept aside word for word is not kept twice:
/// its id is returned.
fn keep_aside(reason: AsideReason, content: String) -> Result<String, String> {
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
    let record = AsideRecord { reason, at, content };
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
    npip_core::order::sort_by(&mut ids, |a, b| {
        (Some(b.as_str()) == first)
            .cmp(&(Some(a.as_str()) == first))
            .then(b.cmp(a))
    });
    ids
}

/// The one notice for all the work kept aside in this browser (none when there is none): what happened to the
/// newest (or `first`), and how many there are when several, each with its actions.
fn kept_aside_notice(first: Option<&str>) -> Option<Notice> {
    let ids: Vec<String> = aside_ids(first)
        .into_iter()
        .filter(|id| read_aside(id).is_some())
        .collect();
    let newest = read_aside(ids.first()?)?;
    let notice = match ids.len() {
        1 => Notice::new(NoticeKind::Warning, newest.reason.sentence())
            .with_detail(format!("Kept aside on {}.", browser::local_timestamp(newest.at))),
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
        Some(record) => format!(
            "{}, kept aside on {}.",
            record.reason.label(),
            browser::local_timestamp(record.at)
        ),
        None => "No longer in this browser's storage.".to_string(),
    }
}

/// Brings the kept-aside notice up to date after work kept aside was restored or deleted (quietly, in place).
pub fn refresh_kept_aside(state: &PlanState) {
    match kept_aside_notice(None) {
        Some(notice) => state.replace_notice(notice),
        None => state.dismiss_topic(Topic::KeptAside),
    }
}

/// The plan in work kept aside, if it holds one this version reads.
pub fn set_aside_plan(id: &str) -> Option<Plan> {
    let record = read_aside(id)?;
    read_envelope(&record.content)
        .map(|start| start.plan)
        .ok()
        .or_else(|| read_plan_text(&record.content).ok())
}

pub fn delete_set_aside(id: &str) {
    browser::storage_remove(&StorageKey::SetAside(id.to_string()));
}

/// Offers work kept aside as a file: the plan file when a plan can be found in it, else the raw saved text.
pub fn download_set_aside(state: &PlanState, id: &str) {
    let Some(record) = read_aside(id) else {
        state.notify(
            NoticeKind::Error,
            "That work kept aside is no longer in this browser's storage.",
        );
        return;
    };
    let day = browser::local_timestamp(record.at).replace([' ', ':'], "-");
    let result = match set_aside_plan(id) {
        Some(plan) => browser::download_text(
            &format!("npip-plan-kept-aside-{day}.json"),
            "application/json",
            &plan_file_text(&plan),
        ),
        None => {
            // Unreadable: hand over exactly what was saved, so nothing is lost.
            browser::download_text(
                &format!("npip-saved-work-{day}.json"),
                "application/json",
                &record.content,
            )
        }
    };
    if let Err(error) = result {
        state.notify(NoticeKind::Error, format!("The download did not start: {error}."));
    }
}

/// Keeps the current work aside when it holds anything worth keeping (it differs from a fresh plan and from
/// `incoming`), with a notice. Returns false if it should have been kept but could not be, so the caller stops.
pub fn keep_current_aside(state: &PlanState, reason: AsideReason, incoming: &Plan) -> bool {
    let current = state.plan.get_untracked();
    if current == fresh_plan() || &current == incoming {
        return true;
    }
    let text = save_text(
        &current,
        state.step.get_untracked(),
        &state.revealed_steps_untracked(),
        &state.unread.get_untracked(),
    );
    match keep_aside(reason, text) {
        Ok(id) => {
            if let Some(notice) = kept_aside_notice(Some(&id)) {
                state.push_notice(notice);
            }
            true
        }
        Err(error) => {
            state.notify(
                NoticeKind::Error,
                format!("Your current work could not be kept aside ({error}), so it was not replaced."),
            );
            false
        }
    }
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
    if !keep_current_aside(state, AsideReason::ReplacedByRestore, &plan) {
        return;
    }
    delete_set_aside(id);
    refresh_kept_aside(state);
    state.replace_plan(plan, Step::Workspace, SortedSet::default());
    state.notify(NoticeKind::Success, "The work kept aside is back.");
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
                // Storage refuses: do not overwrite what is there; say so, and autosave will fail visibly too.
                start.notices.push(Notice::new(
                    NoticeKind::Error,
                    format!("Saved work could not be kept aside ({error}); it stays in storage untouched."),
                ));
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
        if !keep_current_aside(&state, AsideReason::ReplacedByLink, &start.plan) {
            return;
        }
        state.replace_plan(start.plan, start.step, start.visited);
        state.push_notice(notice);
    });
    on_cleanup(move || handle.remove());
}

/// Saves the state on every change. Cheap enough not to debounce: the envelope is a few KB of JSON.
pub fn autosave(state: PlanState) {
    // Whether the last save failed, so that a run of failures is reported once.
    let failed = std::cell::Cell::new(false);
    effect(move || {
        let text = state.plan.with(|plan| {
            state
                .unread
                .with(|unread| save_text(plan, state.step.get(), &state.revealed_steps(), unread))
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
    use npip_core::edit::{default_network, NetworkChoice};
    use npip_core::Field;

    fn saved(plan: &Plan, step: Step) -> String {
        save_text(plan, step, &SortedSet::from([Step::Workspace]), &[])
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
        assert_eq!(decision.start.visited, SortedSet::from([Step::Workspace]));
        assert!(decision.keep_aside.is_none() && !decision.clear_fragment);
    }

    #[test]
    fn the_save_is_a_header_line_and_the_plan_file() {
        let plan = named("readable");
        let text = saved(&plan, Step::Egress);
        let (header, rest) = text.split_once('\n').unwrap();
        assert_eq!(
            header,
            r#"{"storageVersion":1,"step":"egress","visited":["workspace"]}"#
        );
        assert_eq!(rest, plan.to_json_pretty());
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
    fn numbers_that_do_not_read_survive_a_reload() {
        let plan = named("typed");
        let unread = [Unread::new(Field::PeakNodes, "abc")];
        let text = save_text(&plan, Step::AddressSpace, &SortedSet::default(), &unread);
        assert!(text
            .starts_with(r#"{"storageVersion":1,"step":"address-space","visited":[],"unread":{"PeakNodes":"abc"}}"#));
        let start = decide_start("", Some(&text)).start;
        assert_eq!(start.plan, plan);
        assert_eq!(start.unread, unread);
        // Only number fields, and only text that still does not read.
        let odd =
            r#"{"storageVersion":1,"unread":{"WorkspaceName":"x","PeakNodes":"12","NatGatewayIdleTimeout":"zz"}}"#;
        let start = decide_start("", Some(&format!("{odd}\n{}", plan.to_json_pretty()))).start;
        assert_eq!(start.unread, [Unread::new(Field::NatGatewayIdleTimeout, "zz")]);
        // A header member of the wrong shape makes the save unreadable, as for the others.
        let wrong = format!("{{\"storageVersion\":1,\"unread\":[1]}}\n{}", plan.to_json_pretty());
        assert_eq!(
            decide_start("", Some(&wrong)).keep_aside.map(|k| k.0),
            Some(AsideReason::UnreadableSave)
        );
    }

    #[test]
    fn fragments_without_a_plan_are_ignored() {
        let decision = decide_start("step=review&other=1", None);
        assert_eq!(decision.start.step, Step::Workspace);
        assert!(!decision.clear_fragment);
    }
}
