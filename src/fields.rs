//! The shared form pieces: every input has a visible label, an optional hint, and the findings about its field
//! right under it, tied together with `aria-describedby` and `aria-invalid`.
//!
//! Inputs show exactly what the person typed. Text fields write straight into the plan (CIDRs and names are
//! strings there); number fields keep their raw text and only write when it is a number; list fields keep their
//! raw text and write the parsed list.

use crate::state::{PlanState, Unread};
use leptos::prelude::*;
use npip_core::edit;
use npip_core::{Field, Finding, Severity};

/// The DOM id of a field's input (list fields share one input).
pub fn field_dom_id(field: Field) -> String {
    format!("field-{}", field.family().name())
}

fn findings_id(field: Field) -> String {
    format!("{}-findings", field_dom_id(field))
}

fn hint_id(field: Field) -> String {
    format!("{}-hint", field_dom_id(field))
}

/// `aria-describedby` for a field: its hint (if any), its local message and its findings.
fn described_by(field: Field, has_hint: bool) -> String {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(hint_id(field));
    }
    ids.push(format!("{}-local", field_dom_id(field)));
    ids.push(findings_id(field));
    ids.join(" ")
}

/// Which item of a list a finding is about, for people ("Range 3").
fn list_position(field: Field) -> Option<usize> {
    match field {
        Field::VnetAddressPrefix(i) | Field::ExtraFqdn(i) | Field::AvoidCidr(i) => i.checked_add(1),
        _ => None,
    }
}

/// Text from the engine with its `code` spans (names, ranges, commands: the engine marks them with backticks, as
/// in the Markdown docs) shown as code. Text with an unmatched backtick is shown as it is.
pub fn marked_text(text: &str) -> AnyView {
    let ticks = text.matches('`').count();
    if ticks == 0 || !ticks.is_multiple_of(2) {
        return text.to_string().into_any();
    }
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_string();
            if i % 2 == 1 {
                view! { <code class="inline-code">{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// One finding: severity in words and a mark (never colour alone), the message, what to do, the rule and source.
#[component]
pub fn FindingItem(
    finding: Finding,
    #[prop(optional)] item_label: &'static str,
    /// Offer a link that jumps to the finding's field (in lists away from the field).
    #[prop(optional)]
    jump: bool,
) -> impl IntoView {
    let state = PlanState::use_context();
    let field = finding.field;
    let (class, word, mark) = match finding.severity {
        Severity::Error => ("finding finding-error", "Error", "!"),
        Severity::Warning => ("finding finding-warning", "Warning", "!"),
        Severity::Info => ("finding finding-info", "Note", "i"),
    };
    // "Range 3: …", unless the engine's message already names the item ("Avoid range 3 …").
    let named = finding
        .field
        .item_label()
        .is_some_and(|label| finding.message.contains(&label));
    let position = list_position(finding.field)
        .filter(|_| !item_label.is_empty() && !named)
        .map(|n| format!("{item_label} {n}: "));
    view! {
        <div class=class data-code=finding.code>
            <span class="finding-mark" aria-hidden="true">{mark}</span>
            <div class="finding-body">
                <p class="finding-message">
                    <span class="finding-severity">{word}": "</span>
                    {position}
                    {marked_text(&finding.message)}
                </p>
                {(!finding.remedy.is_empty()).then(|| view! { <p class="finding-remedy">{marked_text(finding.remedy)}</p> })}
                <p class="finding-meta">
                    <code>{finding.code}</code>
                    {(!finding.source.is_empty()).then(|| view! {
                        " · "
                        <a href=finding.source target="_blank" rel="noopener noreferrer">"Source"</a>
                    })}
                    {(jump && field != Field::Plan).then(|| view! {
                        " · "
                        <button type="button" class="link-button" on:click=move |_| state.jump_to(field)>
                            "Go to the field"
                        </button>
                    })}
                </p>
            </div>
        </div>
    }
}

/// A number whose text does not read, shown as the error it is (in a step's findings and the review).
#[component]
pub fn UnreadItem(
    unread: Unread,
    /// Offer a link that jumps to the field (in lists away from the field).
    #[prop(optional)]
    jump: bool,
) -> impl IntoView {
    let state = PlanState::use_context();
    let field = unread.field;
    view! {
        <div class="finding finding-error" data-unread=field.name()>
            <span class="finding-mark" aria-hidden="true">"!"</span>
            <div class="finding-body">
                <p class="finding-message">
                    <span class="finding-severity">"Error: "</span>
                    {unread.message()}
                </p>
                <p class="finding-remedy">"The plan keeps the last number that read until this one does."</p>
                {jump.then(|| view! {
                    <p class="finding-meta">
                        <button type="button" class="link-button" on:click=move |_| state.jump_to(field)>
                            "Go to the field"
                        </button>
                    </p>
                })}
            </div>
        </div>
    }
}

/// The findings shown for a field (empty until the field is touched or its step revealed).
#[component]
pub fn FieldFindings(field: Field, #[prop(optional)] item_label: &'static str) -> impl IntoView {
    let state = PlanState::use_context();
    view! {
        <div id=findings_id(field) class="field-findings">
            {move || {
                state
                    .visible_for(field)
                    .into_iter()
                    .map(|finding| view! { <FindingItem finding item_label/> })
                    .collect_view()
            }}
        </div>
    }
}

/// The local message of a field (a number that is not a number); empty when all is well.
#[component]
fn LocalMessage(field: Field, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div id=format!("{}-local", field_dom_id(field)) class="field-local">
            {move || message.get().map(|text| view! {
                <div class="finding finding-error">
                    <span class="finding-mark" aria-hidden="true">"!"</span>
                    <div class="finding-body">
                        <p class="finding-message"><span class="finding-severity">"Error: "</span>{text}</p>
                    </div>
                </div>
            })}
        </div>
    }
}

/// Label, hint, control, local message and findings, laid out the same everywhere.
#[component]
fn FieldShell(
    field: Field,
    label: &'static str,
    /// Words read before the label but not shown, where the layout already says them ("Host subnet" + "Range").
    #[prop(optional)]
    context: &'static str,
    hint: &'static str,
    #[prop(optional)] wide: bool,
    #[prop(optional)] item_label: &'static str,
    local: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let state = PlanState::use_context();
    let invalid = move || state.has_visible_error(field) || local.read().is_some();
    view! {
        <div class="field" class:field-wide=wide class:field-invalid=invalid>
            <label class="field-label" for=field_dom_id(field)>
                {(!context.is_empty()).then(|| view! { <span class="visually-hidden">{context}" "</span> })}
                {label}
            </label>
            {children()}
            {(!hint.is_empty()).then(|| view! { <p class="field-hint" id=hint_id(field)>{hint}</p> })}
            <LocalMessage field message=local/>
            <FieldFindings field item_label/>
        </div>
    }
}

fn aria_invalid(state: PlanState, field: Field, local: Signal<Option<String>>) -> impl Fn() -> &'static str {
    move || {
        if state.has_visible_error(field) || local.read().is_some() {
            "true"
        } else {
            "false"
        }
    }
}

/// A one-line text input bound to a string in the plan.
#[component]
pub fn TextInput(
    field: Field,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(optional, into)] placeholder: Signal<String>,
    /// Monospace: CIDRs, IP addresses, resource IDs.
    #[prop(optional)]
    mono: bool,
    #[prop(optional)] wide: bool,
    /// Read before the label by screen readers (see `FieldShell`).
    #[prop(optional)]
    context: &'static str,
) -> impl IntoView {
    let state = PlanState::use_context();
    let local = Signal::stored(None);
    view! {
        <FieldShell field label context hint wide local>
            <input
                id=field_dom_id(field)
                class="input"
                class:mono=mono
                type="text"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || placeholder.get()
                aria-describedby=described_by(field, !hint.is_empty())
                aria-invalid=aria_invalid(state, field, local)
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit(field, || on_change.run(text));
                }
                on:blur=move |_| state.touch(field)
            />
        </FieldShell>
    }
}

/// A text input with suggestions (a native `datalist`): the region list.
#[component]
pub fn SuggestInput(
    field: Field,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    /// (value, label) pairs.
    options: Vec<(String, String)>,
    #[prop(optional, into)] placeholder: Signal<String>,
    /// A short confirmation under the input (the region's display name once it is known).
    #[prop(optional, into)]
    note: Signal<String>,
) -> impl IntoView {
    let state = PlanState::use_context();
    let local = Signal::stored(None);
    let list_id = format!("{}-options", field_dom_id(field));
    view! {
        <FieldShell field label hint local>
            <input
                id=field_dom_id(field)
                class="input"
                type="text"
                autocomplete="off"
                spellcheck="false"
                list=list_id.clone()
                placeholder=move || placeholder.get()
                aria-describedby=described_by(field, !hint.is_empty())
                aria-invalid=aria_invalid(state, field, local)
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit(field, || on_change.run(text));
                }
                on:blur=move |_| state.touch(field)
            />
            <p class="field-note">{move || note.get()}</p>
            <datalist id=list_id>
                {options
                    .into_iter()
                    .map(|(value, label)| view! { <option value=value>{label}</option> })
                    .collect_view()}
            </datalist>
        </FieldShell>
    }
}

/// A whole-number input, labelled by [`Field::number_label`]. Text that does not read stays on screen with its message and
/// is recorded in the state (`state::Unread`), where it counts as an error everywhere until fixed; the plan keeps
/// its last good value meanwhile. Text that reads is kept as typed ("1,200" stays, the plan takes 1200).
#[component]
pub fn NumberInput(
    field: Field,
    #[prop(optional)] hint: &'static str,
    #[prop(into)] value: Signal<u32>,
    #[prop(into)] on_change: Callback<u32>,
    /// Shown after the input, such as "nodes" or "minutes".
    #[prop(optional)]
    unit: &'static str,
) -> impl IntoView {
    let state = PlanState::use_context();
    let label = field.number_label().unwrap_or_default();
    let raw = RwSignal::new(
        state
            .unread_for_untracked(field)
            .map(|unread| unread.text)
            .unwrap_or_else(|| value.get_untracked().to_string()),
    );
    // Follow changes from elsewhere (import, restore, start over) without disturbing what is being typed.
    Effect::new(move |_| {
        let current = value.get();
        match state.unread_for(field) {
            Some(unread) => {
                if raw.get_untracked() != unread.text {
                    raw.set(unread.text);
                }
            }
            None => {
                if edit::parse_count(&raw.get_untracked()).ok() != Some(current) {
                    raw.set(current.to_string());
                }
            }
        }
    });
    let local = Signal::derive(move || state.unread_for(field).map(|unread| unread.why));
    view! {
        <FieldShell field label hint local>
            <div class="input-with-unit">
                <input
                    id=field_dom_id(field)
                    class="input input-number"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-describedby=described_by(field, !hint.is_empty())
                    aria-invalid=aria_invalid(state, field, local)
                    prop:value=move || raw.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        raw.set(text.clone());
                        match edit::parse_count(&text) {
                            Ok(n) => {
                                state.clear_unread(field);
                                state.edit(field, || on_change.run(n));
                            }
                            Err(why) => {
                                state.touch(field);
                                state.announce(format!("{label}: {why}"));
                                state.set_unread(field, text);
                            }
                        }
                    }
                    on:blur=move |_| state.touch(field)
                />
                {(!unit.is_empty()).then(|| view! { <span class="input-unit" aria-hidden="true">{unit}</span> })}
            </div>
        </FieldShell>
    }
}

/// A multi-line input for a list (one item per line; pasting many at once works). Keeps the raw text and writes
/// the parsed list.
#[component]
pub fn ListInput<T>(
    field: Field,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(into)] value: Signal<Vec<T>>,
    #[prop(into)] on_change: Callback<Vec<T>>,
    parse: fn(&str) -> Vec<T>,
    format: fn(&[T]) -> String,
    /// How findings name one item ("Range" gives "Range 3: …").
    item_label: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] rows: u32,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let state = PlanState::use_context();
    let raw = RwSignal::new(value.with_untracked(|items| format(items)));
    Effect::new(move |_| {
        value.with(|items| {
            if parse(&raw.get_untracked()) != *items {
                raw.set(format(items));
            }
        })
    });
    let local = Signal::stored(None);
    view! {
        <FieldShell field label hint wide=true local item_label>
            <textarea
                id=field_dom_id(field)
                class="input textarea mono"
                rows=if rows == 0 { 4 } else { rows }
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                aria-describedby=described_by(field, !hint.is_empty())
                aria-invalid=aria_invalid(state, field, local)
                prop:value=move || raw.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let items = parse(&text);
                    raw.set(text);
                    state.edit(field, || on_change.run(items));
                }
                on:blur=move |_| state.touch(field)
            ></textarea>
        </FieldShell>
    }
}

/// One option of a [`Choices`] group.
#[derive(Clone)]
pub struct ChoiceOption<T> {
    pub value: T,
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// Short facts shown as a list: ("Egress IP", "Stable, yours").
    pub facts: Vec<(&'static str, &'static str)>,
    pub badge: Option<&'static str>,
}

impl<T> ChoiceOption<T> {
    pub fn new(value: T, slug: &'static str, title: &'static str, summary: &'static str) -> ChoiceOption<T> {
        ChoiceOption {
            value,
            slug,
            title,
            summary,
            facts: Vec::new(),
            badge: None,
        }
    }

    pub fn facts(mut self, facts: Vec<(&'static str, &'static str)>) -> ChoiceOption<T> {
        self.facts = facts;
        self
    }

    pub fn badge(mut self, badge: &'static str) -> ChoiceOption<T> {
        self.badge = Some(badge);
        self
    }
}

/// A group of radio cards: each option explains itself. Arrow keys move between options (native radios).
#[component]
pub fn Choices<T>(
    field: Field,
    legend: &'static str,
    #[prop(optional)] hint: &'static str,
    options: Vec<ChoiceOption<T>>,
    #[prop(into)] value: Signal<T>,
    #[prop(into)] on_change: Callback<T>,
    /// Small cards in a row (for short options such as the pricing tier).
    #[prop(optional)]
    compact: bool,
    /// The choice decides which fields the plan has (network model, egress option): the new, empty fields' findings
    /// wait until they are touched, instead of showing as consequences of the switch.
    #[prop(optional)]
    switch: bool,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let state = PlanState::use_context();
    let group = field_dom_id(field);
    let has_hint = !hint.is_empty();
    let cards = options
        .into_iter()
        .map(|option| {
            let ChoiceOption {
                value: option_value,
                slug,
                title,
                summary,
                facts,
                badge,
            } = option;
            let chosen = move || value.get() == option_value;
            let input_id = format!("{group}-{slug}");
            let label_for = input_id.clone();
            let title_id = format!("{input_id}-title");
            let summary_id = format!("{input_id}-summary");
            let facts_id = format!("{input_id}-facts");
            // Named by the title alone; the summary and facts are its description, read after the name.
            let described = if facts.is_empty() {
                summary_id.clone()
            } else {
                format!("{summary_id} {facts_id}")
            };
            view! {
                <label class="choice" class:choice-selected=chosen for=label_for>
                    <input
                        type="radio"
                        id=input_id
                        name=group.clone()
                        class="choice-input"
                        value=slug
                        aria-labelledby=title_id.clone()
                        aria-describedby=described
                        prop:checked=chosen
                        on:change=move |_| {
                            if switch {
                                state.touch(field);
                                on_change.run(option_value);
                            } else {
                                state.edit(field, || on_change.run(option_value));
                            }
                        }
                    />
                    <span class="choice-head">
                        <span class="choice-title" id=title_id>{title}</span>
                        {badge.map(|b| view! { <span class="badge">{b}</span> })}
                    </span>
                    <span class="choice-summary" id=summary_id>{summary}</span>
                    {(!facts.is_empty()).then(|| view! {
                        <span class="choice-facts" id=facts_id>
                            {facts.into_iter().map(|(k, v)| view! {
                                <span class="fact"><span class="fact-key">{k}</span><span class="fact-value">{v}</span></span>
                            }).collect_view()}
                        </span>
                    })}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="field field-wide choices"
            class:choices-compact=compact
            id=group.clone()
            tabindex="-1"
            aria-describedby=described_by(field, has_hint)
        >
            <legend class="field-label">{legend}</legend>
            {has_hint.then(|| view! { <p class="field-hint" id=hint_id(field)>{hint}</p> })}
            <div class="choice-grid">{cards}</div>
            <div id=format!("{}-local", field_dom_id(field))></div>
            <FieldFindings field/>
        </fieldset>
    }
}

/// An on/off setting (a checkbox styled as a switch) with its explanation.
#[component]
pub fn Toggle(
    field: Field,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(into)] value: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
) -> impl IntoView {
    let state = PlanState::use_context();
    let local = Signal::stored(None);
    let id = field_dom_id(field);
    view! {
        <div class="field field-wide toggle-field" class:field-invalid=move || state.has_visible_error(field)>
            <div class="toggle-row">
                <input
                    type="checkbox"
                    role="switch"
                    class="toggle"
                    id=id.clone()
                    aria-describedby=described_by(field, !hint.is_empty())
                    aria-invalid=aria_invalid(state, field, local)
                    prop:checked=move || value.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.edit(field, || on_change.run(on));
                    }
                />
                <label class="field-label toggle-label" for=id>{label}</label>
            </div>
            {(!hint.is_empty()).then(|| view! { <p class="field-hint" id=hint_id(field)>{hint}</p> })}
            <div id=format!("{}-local", field_dom_id(field))></div>
            <FieldFindings field/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_fields_share_one_input() {
        assert_eq!(field_dom_id(Field::AvoidCidr(7)), field_dom_id(Field::AvoidCidr(0)));
        assert_eq!(field_dom_id(Field::AvoidCidr(7)), "field-AvoidCidr");
        assert_eq!(field_dom_id(Field::HostSubnetCidr), "field-HostSubnetCidr");
        assert_ne!(
            field_dom_id(Field::LoadBalancerPublicIpName),
            field_dom_id(Field::NatGatewayPublicIpName)
        );
    }
}
