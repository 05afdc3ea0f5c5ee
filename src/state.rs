//! The app's state: the plan being edited, where the person is in the wizard, which findings they have been shown,
//! and everything derived from the plan (findings, files, pictures), each computed once per change in a `Memo`.
//!
//! Components get a [`PlanState`] from context and change the plan only through its methods, so the rules about
//! touching, revealing and switching options live in one place.

use crate::notices::{Notice, NoticeKind, Topic};
use leptos::prelude::*;
use npip_core::edit::{self, NetworkChoice};
use npip_core::plan::{Egress, EgressKind, Injection, Network, Plan};
use npip_core::{Field, Finding, Severity, Step};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the person typed for options they switched away from, so switching back restores it instead of defaults.
/// Kept for the session only (not saved): the plan itself is what matters on reload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stash {
    networks: Vec<Network>,
    egresses: Vec<Egress>,
}

impl Stash {
    fn keep_network(&mut self, network: Network) {
        let choice = NetworkChoice::of(&network);
        self.networks.retain(|n| NetworkChoice::of(n) != choice);
        self.networks.push(network);
    }

    fn take_network(&mut self, choice: NetworkChoice) -> Option<Network> {
        let at = self.networks.iter().position(|n| NetworkChoice::of(n) == choice)?;
        Some(self.networks.remove(at))
    }

    fn keep_egress(&mut self, egress: Egress) {
        let kind = egress.kind();
        self.egresses.retain(|e| e.kind() != kind);
        self.egresses.push(egress);
    }

    fn take_egress(&mut self, kind: EgressKind) -> Option<Egress> {
        let at = self.egresses.iter().position(|e| e.kind() == kind)?;
        Some(self.egresses.remove(at))
    }

    /// The egress the person left most recently among `kinds`.
    fn take_latest_egress(&mut self, kinds: &[EgressKind]) -> Option<Egress> {
        let at = self.egresses.iter().rposition(|e| kinds.contains(&e.kind()))?;
        Some(self.egresses.remove(at))
    }
}

/// A number field whose typed text does not read. The plan keeps its last good value, so until the text is fixed
/// this counts as an error everywhere: at the field, in the step's summary and the stepper, on the review, and it
/// holds back the generated files. The text stays in the field, also after leaving the step or reloading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    pub field: Field,
    pub text: String,
    /// Why it does not read, from the engine (`edit::parse_count`).
    pub why: String,
}

impl Unread {
    pub fn new(field: Field, text: impl Into<String>) -> Unread {
        let text = text.into();
        let why = edit::parse_count(&text).err().unwrap_or_default();
        Unread { field, text, why }
    }

    /// The message, naming the field: "Peak cluster nodes: “abc” is not a whole number; …".
    pub fn message(&self) -> String {
        format!("{}: {}", self.field.number_label().unwrap_or_default(), self.why)
    }

    /// Whether the field is part of the plan as it stands (the idle timeout only with a NAT gateway).
    fn applies(&self, plan: &Plan) -> bool {
        match self.field {
            Field::NatGatewayIdleTimeout => plan.egress.kind() == EgressKind::NatGateway,
            _ => true,
        }
    }
}

/// Where the app starts: decided by `persist::decide_start` from the link, the saved state or a fresh plan.
#[derive(Clone, Debug)]
pub struct Start {
    pub plan: Plan,
    pub step: Step,
    pub visited: BTreeSet<Step>,
    pub stash: Stash,
    pub notices: Vec<Notice>,
    pub unread: Vec<Unread>,
    /// Saved work could not be kept aside, so it stays in storage and autosave must not overwrite it.
    pub autosave_paused: bool,
}

impl Start {
    pub fn fresh() -> Start {
        Start {
            plan: edit::fresh_plan(),
            step: Step::Workspace,
            visited: BTreeSet::new(),
            stash: Stash::default(),
            notices: Vec::new(),
            unread: Vec::new(),
            autosave_paused: false,
        }
    }
}

/// The app state, shared through context. Copy: every part is an arena handle.
#[derive(Clone, Copy)]
pub struct PlanState {
    pub plan: RwSignal<Plan>,
    pub step: RwSignal<Step>,
    /// Fields the person has edited or left.
    touched: RwSignal<BTreeSet<Field>>,
    /// Steps whose findings all show: the person pressed Next there, or came back to saved work.
    revealed: RwSignal<BTreeSet<Step>>,
    /// Findings an edit brought about on other fields (a pasted range that now overlaps a subnet), by field and
    /// rule: they show at once, as consequences of what the person just did.
    caused: RwSignal<BTreeSet<(Field, &'static str)>>,
    pub stash: RwSignal<Stash>,
    /// Number fields whose typed text does not read (changed through `set_unread` and `clear_unread`).
    pub unread: RwSignal<Vec<Unread>>,
    /// Every finding of the plan, in the engine's order (what the files and pictures are made with).
    pub findings: Memo<Vec<Finding>>,
    /// The findings the app shows and counts: the engine's, less those about a number whose text does not read.
    /// Those judge the last good value the plan kept, not what is on screen; the field's own error says what is
    /// wrong until the text reads again.
    pub standing: Memo<Vec<Finding>>,
    /// The standing findings shown next to fields: those of touched fields, revealed steps and the ones edits
    /// caused.
    pub visible: Memo<Vec<Finding>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Text for the polite live region.
    pub announcement: RwSignal<String>,
    /// A field to focus once its step is on screen (set by "jump to field" links).
    pub pending_focus: RwSignal<Option<Field>>,
    /// Autosave waits: the saved work in storage could not be kept aside, and the person decides what becomes of it
    /// (`persist::discard_held`).
    pub autosave_paused: RwSignal<bool>,
}

/// A notice id never given before in this page (the notice list is keyed by it; ids only need to differ).
fn new_notice_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl PlanState {
    pub fn new(start: Start) -> PlanState {
        let plan = RwSignal::new(start.plan);
        let touched = RwSignal::new(BTreeSet::new());
        let revealed = RwSignal::new(start.visited);
        let caused = RwSignal::new(BTreeSet::new());
        // Integration point: `rules::validate` is the engine's; the app only reads its findings.
        let findings = Memo::new(move |_| plan.with(npip_core::rules::validate));
        let unread = RwSignal::new(start.unread);
        let standing = Memo::new(move |_| {
            let unread = unread.read();
            findings
                .read()
                .iter()
                .filter(|f| !unread.iter().any(|u| u.field == f.field.family()))
                .cloned()
                .collect::<Vec<_>>()
        });
        let visible = Memo::new(move |_| {
            let touched = touched.read();
            let revealed = revealed.read();
            let caused = caused.read();
            standing
                .read()
                .iter()
                .filter(|f| {
                    revealed.contains(&f.field.step())
                        || touched.contains(&f.field.family())
                        || caused.contains(&(f.field, f.code))
                })
                .cloned()
                .collect::<Vec<_>>()
        });
        // The start's notices are numbered here, like every later one, so each can be dismissed alone.
        let mut notices = start.notices;
        for notice in &mut notices {
            notice.id = new_notice_id();
        }
        PlanState {
            plan,
            step: RwSignal::new(start.step),
            touched,
            revealed,
            caused,
            stash: RwSignal::new(start.stash),
            unread,
            findings,
            standing,
            visible,
            notices: RwSignal::new(notices),
            announcement: RwSignal::new(String::new()),
            pending_focus: RwSignal::new(None),
            autosave_paused: RwSignal::new(start.autosave_paused),
        }
    }

    /// The state from context. Every component is mounted under the `Planner`, which provides it; one mounted
    /// without it is a wiring mistake, which fails loudly (in every browser test) rather than editing a detached
    /// plan.
    pub fn use_context() -> PlanState {
        expect_context::<PlanState>()
    }

    pub fn update(&self, change: impl FnOnce(&mut Plan)) {
        self.plan.update(change);
    }

    pub fn touch(&self, field: Field) {
        let field = field.family();
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| {
                t.insert(field);
            });
        }
    }

    /// An edit of `field` by the person: the field counts as touched, and findings the edit brings about on other
    /// fields show at once too, wherever they are (see `caused`).
    pub fn edit(&self, field: Field, change: impl FnOnce()) {
        self.touch(field);
        let before = self.finding_keys();
        change();
        // The findings Memo recomputes here, on this read, rather than on the next one: no extra work.
        let new: Vec<_> = self.finding_keys().difference(&before).copied().collect();
        if !new.is_empty() {
            self.caused.update(|caused| caused.extend(new));
        }
    }

    /// Each finding's field and rule.
    fn finding_keys(&self) -> BTreeSet<(Field, &'static str)> {
        self.findings
            .with_untracked(|all| all.iter().map(|f| (f.field, f.code)).collect())
    }

    /// Records that `field`'s typed text does not read (replacing what was recorded before).
    pub fn set_unread(&self, field: Field, text: String) {
        let unread = Unread::new(field, text);
        self.unread
            .update(|all| match all.iter_mut().find(|u| u.field == field) {
                Some(slot) => *slot = unread,
                None => all.push(unread),
            });
    }

    pub fn clear_unread(&self, field: Field) {
        if self.unread.with_untracked(|all| all.iter().any(|u| u.field == field)) {
            self.unread.update(|all| all.retain(|u| u.field != field));
        }
    }

    pub fn unread_for(&self, field: Field) -> Option<Unread> {
        self.unread.with(|all| all.iter().find(|u| u.field == field).cloned())
    }

    pub fn unread_for_untracked(&self, field: Field) -> Option<Unread> {
        self.unread
            .with_untracked(|all| all.iter().find(|u| u.field == field).cloned())
    }

    /// The unread fields of a step.
    pub fn unread_on(&self, step: Step) -> Vec<Unread> {
        self.unread
            .with(|all| all.iter().filter(|u| u.field.step() == step).cloned().collect())
    }

    /// After an option switch: a number field the plan no longer has no longer counts.
    fn forget_unread_that_no_longer_applies(&self) {
        let plan = self.plan;
        if self
            .unread
            .with_untracked(|all| plan.with_untracked(|p| all.iter().any(|u| !u.applies(p))))
        {
            self.unread
                .update(|all| plan.with_untracked(|p| all.retain(|u| u.applies(p))));
        }
    }

    pub fn reveal(&self, step: Step) {
        if !self.revealed.with_untracked(|r| r.contains(&step)) {
            self.revealed.update(|r| {
                r.insert(step);
            });
        }
    }

    /// Steps whose findings all show (saved with the work, so a reload shows what it showed).
    pub fn revealed_steps(&self) -> BTreeSet<Step> {
        self.revealed.get()
    }

    pub fn revealed_steps_untracked(&self) -> BTreeSet<Step> {
        self.revealed.get_untracked()
    }

    pub fn is_revealed(&self, step: Step) -> bool {
        self.revealed.with(|r| r.contains(&step))
    }

    pub fn is_revealed_untracked(&self, step: Step) -> bool {
        self.revealed.with_untracked(|r| r.contains(&step))
    }

    /// Visible findings about `field` (any index of a list field).
    pub fn visible_for(&self, field: Field) -> Vec<Finding> {
        let field = field.family();
        self.visible
            .read()
            .iter()
            .filter(|f| f.field.family() == field)
            .cloned()
            .collect()
    }

    pub fn has_visible_error(&self, field: Field) -> bool {
        let field = field.family();
        self.visible
            .read()
            .iter()
            .any(|f| f.severity == Severity::Error && f.field.family() == field)
    }

    /// (errors, warnings) shown for a step; a number that does not read is an error.
    pub fn visible_counts(&self, step: Step) -> (usize, usize) {
        let unread = self
            .unread
            .with(|all| all.iter().filter(|u| u.field.step() == step).count());
        let visible = self.visible.read();
        let on_step = visible.iter().filter(|f| f.field.step() == step);
        on_step.fold((unread, 0), |(e, w), f| match f.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
            Severity::Info => (e, w),
        })
    }

    /// Errors in the plan, and numbers that do not read.
    pub fn error_count(&self) -> usize {
        let errors = self
            .standing
            .read()
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        errors + self.unread.read().len()
    }

    /// Whether a step has errors, shown or not (numbers that do not read included).
    pub fn step_has_errors_untracked(&self, step: Step) -> bool {
        self.unread
            .with_untracked(|all| all.iter().any(|u| u.field.step() == step))
            || self.standing.with_untracked(|all| {
                all.iter()
                    .any(|f| f.field.step() == step && f.severity == Severity::Error)
            })
    }

    pub fn go_to(&self, step: Step) {
        self.step.set(step);
    }

    /// Next: shows every finding of the step being left, then moves on.
    pub fn next(&self) {
        let step = self.step.get_untracked();
        self.reveal(step);
        if let Some(next) = Step::ALL.get(step.index() + 1) {
            self.step.set(*next);
        }
    }

    pub fn back(&self) {
        let index = self.step.get_untracked().index();
        if let Some(previous) = index.checked_sub(1).and_then(|i| Step::ALL.get(i)) {
            self.step.set(*previous);
        }
    }

    /// Goes to the step of `field` and focuses it (or the step heading if the field is not on screen).
    pub fn jump_to(&self, field: Field) {
        self.reveal(field.step());
        self.pending_focus.set(Some(field));
        self.step.set(field.step());
    }

    /// Switches the network model, keeping what was typed for the one left and restoring what was typed before
    /// for the one chosen. The egress option follows when the old one does not fit the new model.
    pub fn set_network_choice(&self, choice: NetworkChoice) {
        if self.plan.with_untracked(|p| NetworkChoice::of(&p.network)) == choice {
            return;
        }
        let mut stash = self.stash.get_untracked();
        self.plan.update(|plan| {
            let name = plan.workspace.name.clone();
            let next = stash
                .take_network(choice)
                .unwrap_or_else(|| match (&plan.network, choice) {
                    // Between a new and an existing VNet, the subnets and NSG carry over.
                    (Network::VnetInjection(injection), NetworkChoice::NewVnet | NetworkChoice::ExistingVnet) => {
                        Network::VnetInjection(Injection {
                            vnet: edit::default_vnet(choice, &name),
                            ..injection.clone()
                        })
                    }
                    _ => edit::default_network(choice, &name),
                });
            stash.keep_network(std::mem::replace(&mut plan.network, next));

            let allowed = edit::egress_kinds_for(choice);
            if !allowed.contains(&plan.egress.kind()) {
                let restored = stash.take_latest_egress(allowed);
                let first = allowed.first().copied().unwrap_or(EgressKind::NatGateway);
                let next = restored.unwrap_or_else(|| edit::default_egress(first, &name));
                stash.keep_egress(std::mem::replace(&mut plan.egress, next));
            }
        });
        self.stash.set(stash);
        self.forget_unread_that_no_longer_applies();
    }

    /// Switches the egress option, keeping the settings of the one left.
    pub fn set_egress_kind(&self, kind: EgressKind) {
        if self.plan.with_untracked(|p| p.egress.kind()) == kind {
            return;
        }
        let mut stash = self.stash.get_untracked();
        self.plan.update(|plan| {
            let next = stash
                .take_egress(kind)
                .unwrap_or_else(|| edit::default_egress(kind, &plan.workspace.name));
            stash.keep_egress(std::mem::replace(&mut plan.egress, next));
        });
        self.stash.set(stash);
        self.forget_unread_that_no_longer_applies();
    }

    /// Replaces the whole plan (import, restore, start over): the wizard starts again at the first step with
    /// nothing touched, and the stash goes with the old plan.
    pub fn replace_plan(&self, plan: Plan, step: Step, revealed: BTreeSet<Step>) {
        self.touched.set(BTreeSet::new());
        self.revealed.set(revealed);
        self.caused.set(BTreeSet::new());
        self.unread.set(Vec::new());
        self.stash.set(Stash::default());
        self.plan.set(plan);
        self.step.set(step);
    }

    pub fn notify(&self, kind: NoticeKind, text: impl Into<String>) -> u64 {
        self.push_notice(Notice::new(kind, text))
    }

    /// Shows a notice. One about a topic (an import, say) replaces the earlier ones on it, so an old refusal does
    /// not linger above a later success.
    pub fn push_notice(&self, mut notice: Notice) -> u64 {
        let id = new_notice_id();
        notice.id = id;
        self.announce(notice.text.clone());
        self.notices.update(|n| {
            if let Some(topic) = notice.topic {
                n.retain(|old| old.topic != Some(topic));
            }
            n.push(notice);
        });
        id
    }

    /// Puts `notice` in the place of the one on its topic (at the end if there is none), without announcing it:
    /// an update of something already said. It gets a new id, like any new notice.
    pub fn replace_notice(&self, mut notice: Notice) {
        notice.id = new_notice_id();
        self.notices.update(|n| {
            match n
                .iter_mut()
                .find(|old| old.topic.is_some() && old.topic == notice.topic)
            {
                Some(slot) => *slot = notice,
                None => n.push(notice),
            }
        });
    }

    pub fn dismiss_topic(&self, topic: Topic) {
        self.notices.update(|n| n.retain(|notice| notice.topic != Some(topic)));
    }

    /// Clears the notices about what was just done (imports, links, refusals), keeping those about work kept
    /// aside, which is still in storage.
    pub fn clear_transient_notices(&self) {
        self.notices.update(|n| n.retain(Notice::lasts));
    }

    pub fn dismiss(&self, id: u64) {
        self.notices.update(|n| n.retain(|notice| notice.id != id));
    }

    /// Says something through the live region without a visible notice (copied, saved, …). The region is emptied
    /// first and filled on the next frame, so that the same words said twice are heard twice.
    pub fn announce(&self, text: impl Into<String>) {
        let text = text.into();
        let announcement = self.announcement;
        announcement.set(String::new());
        request_animation_frame(move || announcement.set(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stash_keeps_one_of_each_and_gives_it_back() {
        let mut stash = Stash::default();
        stash.keep_egress(edit::default_egress(EgressKind::NatGateway, "a"));
        stash.keep_egress(edit::default_egress(EgressKind::NatGateway, "b"));
        stash.keep_egress(edit::default_egress(EgressKind::Firewall, "a"));
        assert_eq!(stash.egresses.len(), 2);
        assert_eq!(
            stash.take_egress(EgressKind::NatGateway),
            Some(edit::default_egress(EgressKind::NatGateway, "b"))
        );
        assert_eq!(stash.take_egress(EgressKind::NatGateway), None);
        stash.keep_egress(edit::default_egress(EgressKind::NatGateway, "c"));
        assert_eq!(
            stash
                .take_latest_egress(&[EgressKind::Firewall, EgressKind::NatGateway])
                .map(|e| e.kind()),
            Some(EgressKind::NatGateway),
            "the one left last"
        );
        stash.keep_network(edit::default_network(NetworkChoice::Managed, "a"));
        assert!(stash.take_network(NetworkChoice::NewVnet).is_none());
        assert!(stash.take_network(NetworkChoice::Managed).is_some());
    }
}
