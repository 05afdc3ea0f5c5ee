//! The text autosave writes: a small versioned header line, then the plan file.
//!
//! The header is one JSON object on one line, `{"storageVersion":1,"step":"address-space","visited":["workspace"]}`;
//! the plan file's text follows on the next lines, so saved work is read by the same plan reader as an imported
//! file (and stays readable by people).

use crate::plan_io::read_plan_text;
use crate::state::{PlanState, Start, Stash, Unread};
use leptos::prelude::*;
use npip_core::edit;
use npip_core::plan::Plan;
use npip_core::{Field, Step};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Version of the header's shape. Bump it when the envelope changes; older saves are then kept aside.
pub const STORAGE_VERSION: u32 = 1;

/// Why a saved text is not a save this version reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Saved by an older version of the planner, in a shape this one does not read.
    Older,
    /// Saved by a newer version of the planner.
    Newer,
    /// Not a save at all, or a damaged one.
    Damaged,
}

/// The header line. Members other than the version may be left out, but when given must be of their type (else
/// the save is damaged).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    storage_version: u32,
    #[serde(default)]
    step: String,
    #[serde(default)]
    visited: Vec<String>,
    /// Number fields whose typed text does not read, by field name (left out when there are none).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    unread: BTreeMap<String, String>,
}

/// The autosave text for a state: the header line, then the plan file. Numbers whose typed text does not read go
/// in the header (`"unread":{"PeakNodes":"abc"}`), so a reload shows what was typed.
pub fn save_text(plan: &Plan, step: Step, visited: &BTreeSet<Step>, unread: &[Unread]) -> String {
    let header = Header {
        storage_version: STORAGE_VERSION,
        step: step.slug().to_string(),
        visited: visited.iter().map(|s| s.slug().to_string()).collect(),
        unread: unread
            .iter()
            .map(|u| (u.field.name().to_string(), u.text.clone()))
            .collect(),
    };
    // Cannot fail: strings and a number.
    let mut text = serde_json::to_string(&header).unwrap_or_default();
    text.push('\n');
    text.push_str(&plan.to_json_pretty());
    text
}

/// The autosave text of the state as it stands (read untracked).
pub fn save_text_of(state: &PlanState) -> String {
    state.plan.with_untracked(|plan| {
        state.unread.with_untracked(|unread| {
            save_text(
                plan,
                state.step.get_untracked(),
                &state.revealed_steps_untracked(),
                unread,
            )
        })
    })
}

pub fn step_from_slug(slug: &str) -> Option<Step> {
    Step::ALL.iter().copied().find(|s| s.slug() == slug)
}

/// Saved work, read; or why it cannot be.
pub fn read_save(text: &str) -> Result<Start, Unreadable> {
    let (header, plan) = text.split_once('\n').unwrap_or((text, ""));
    let header: serde_json::Value = serde_json::from_str(header).map_err(|_| Unreadable::Damaged)?;
    // The version first: a save from another version may not have the shape below.
    let version = header
        .get("storageVersion")
        .and_then(serde_json::Value::as_u64)
        .ok_or(Unreadable::Damaged)?;
    match version {
        v if v == u64::from(STORAGE_VERSION) => {}
        v if v < u64::from(STORAGE_VERSION) => return Err(Unreadable::Older),
        _ => return Err(Unreadable::Newer),
    }
    let header: Header = serde_json::from_value(header).map_err(|_| Unreadable::Damaged)?;
    let plan = read_plan_text(plan).map_err(|_| Unreadable::Damaged)?;
    // Only number fields can be unread, and only text that still does not read counts.
    let unread = header
        .unread
        .into_iter()
        .filter_map(|(name, text)| {
            let field = Field::from_name(&name).filter(|f| Field::WHOLE_NUMBERS.contains(f))?;
            edit::parse_count(&text).is_err().then(|| Unread::new(field, text))
        })
        .collect();
    Ok(Start {
        plan,
        step: step_from_slug(&header.step).unwrap_or(Step::Workspace),
        visited: header.visited.iter().filter_map(|s| step_from_slug(s)).collect(),
        stash: Stash::default(),
        notices: Vec::new(),
        unread,
        autosave_paused: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use npip_core::edit::fresh_plan;

    fn named(name: &str) -> Plan {
        let mut plan = fresh_plan();
        plan.workspace.name = name.to_string();
        plan
    }

    #[test]
    fn the_save_is_a_header_line_and_the_plan_file() {
        let plan = named("readable");
        let text = save_text(&plan, Step::Egress, &BTreeSet::from([Step::Workspace]), &[]);
        let (header, rest) = text.split_once('\n').unwrap();
        assert_eq!(
            header,
            r#"{"storageVersion":1,"step":"egress","visited":["workspace"]}"#
        );
        assert_eq!(rest, plan.to_json_pretty());
        let start = read_save(&text).unwrap();
        assert_eq!(start.plan, plan);
        assert_eq!(start.step, Step::Egress);
        assert_eq!(start.visited, BTreeSet::from([Step::Workspace]));
    }

    #[test]
    fn saves_of_other_versions_or_damaged_ones_say_which() {
        for (text, why) in [
            ("{not json", Unreadable::Damaged),
            ("{\"storageVersion\":0}\n{}", Unreadable::Older),
            ("{\"storageVersion\":99}\n{}", Unreadable::Newer),
            ("{\"storageVersion\":1}\n{\"version\":1}", Unreadable::Damaged),
            ("{\"storageVersion\":1}", Unreadable::Damaged),
            ("[1]\n{}", Unreadable::Damaged),
        ] {
            assert_eq!(read_save(text).err(), Some(why), "{text}");
        }
    }

    #[test]
    fn numbers_that_do_not_read_survive_a_reload() {
        let plan = named("typed");
        let unread = [Unread::new(Field::PeakNodes, "abc")];
        let text = save_text(&plan, Step::AddressSpace, &BTreeSet::new(), &unread);
        assert!(text
            .starts_with(r#"{"storageVersion":1,"step":"address-space","visited":[],"unread":{"PeakNodes":"abc"}}"#));
        let start = read_save(&text).unwrap();
        assert_eq!(start.plan, plan);
        assert_eq!(start.unread, unread);
        // Only number fields, and only text that still does not read.
        let odd =
            r#"{"storageVersion":1,"unread":{"WorkspaceName":"x","PeakNodes":"12","NatGatewayIdleTimeout":"zz"}}"#;
        let start = read_save(&format!("{odd}\n{}", plan.to_json_pretty())).unwrap();
        assert_eq!(start.unread, [Unread::new(Field::NatGatewayIdleTimeout, "zz")]);
        // A header member of the wrong shape makes the save damaged, as for the others.
        let wrong = format!("{{\"storageVersion\":1,\"unread\":[1]}}\n{}", plan.to_json_pretty());
        assert_eq!(read_save(&wrong).err(), Some(Unreadable::Damaged));
    }
}
