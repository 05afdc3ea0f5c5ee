//! Step 1: the workspace's name, region, pricing tier and managed resource group.

use super::bind;
use crate::browser;
use crate::engine;
use crate::fields::{field_dom_id, ChoiceOption, Choices, SuggestInput, TextInput};
use crate::state::PlanState;
use leptos::prelude::*;
use npip_core::edit;
use npip_core::plan::{derived_managed_resource_group, PricingTier};
use npip_core::Field;

#[component]
pub fn WorkspaceStep() -> impl IntoView {
    let state = PlanState::use_context();
    let name = Signal::derive(move || state.plan.with(|p| p.workspace.name.clone()));
    let rename = Callback::new(move |name: String| state.update(|p| edit::rename_workspace(p, &name)));
    let (region, set_region) = bind(state, |p| p.workspace.region.clone(), |p, v| p.workspace.region = v);
    let (tier, set_tier) = bind(state, |p| p.workspace.pricing_tier, |p, v| p.workspace.pricing_tier = v);
    let (group, set_group) = bind(
        state,
        |p| p.workspace.managed_resource_group.clone().unwrap_or_default(),
        // Empty means "derive it from the name", which the plan writes as no value at all.
        |p, v| p.workspace.managed_resource_group = (!v.is_empty()).then_some(v),
    );
    let derived_group = Signal::derive(move || state.plan.with(|p| derived_managed_resource_group(&p.workspace.name)));

    let tiers = vec![
        ChoiceOption::new(
            PricingTier::Premium,
            "premium",
            "Premium",
            "Needed for Private Link, customer-managed keys and fine-grained access control.",
        )
        .badge("Recommended"),
        ChoiceOption::new(
            PricingTier::Standard,
            "standard",
            "Standard",
            "Core features; no Private Link.",
        ),
        ChoiceOption::new(
            PricingTier::Trial,
            "trial",
            "Trial",
            "Premium features free for a limited time.",
        ),
    ];

    view! {
        <div class="field-grid">
            <TextInput
                field=Field::WorkspaceName
                label="Workspace name"
                hint="3 to 64 letters, digits, hyphens or underscores. Resource names that start with it follow it until you change them."
                value=name
                on_change=rename
                placeholder="adb-analytics-prod"
            />
            <SuggestInput
                field=Field::Region
                label="Region"
                hint="As Azure writes it, such as westeurope. Type to search the list."
                value=region
                on_change=set_region
                options=engine::region_options()
                placeholder="westeurope"
                note=Signal::derive(move || {
                    region.with(|r| engine::region_display_name(r).map(|name| format!("✓ {name}")).unwrap_or_default())
                })
            />
            <RegionList on_pick=Callback::new(move |name: String| {
                state.edit(Field::Region, || set_region.run(name));
                browser::focus_id(&field_dom_id(Field::Region));
            })/>
            <Choices
                field=Field::PricingTier
                legend="Pricing tier"
                options=tiers
                value=tier
                on_change=set_tier
                compact=true
            />
            <TextInput
                field=Field::ManagedResourceGroup
                label="Managed resource group (optional)"
                hint="Azure Databricks creates this group and locks it; it must not exist yet. Leave empty for the name shown."
                value=group
                on_change=set_group
                placeholder=derived_group
                wide=true
            />
        </div>
    }
}

/// Every region the planner knows, to pick from: the same list the region input suggests, for browsers whose
/// suggestions are hard to use, and so "choose the region from the list" always has the list at hand.
#[component]
fn RegionList(on_pick: Callback<String>) -> impl IntoView {
    let details = NodeRef::<leptos::html::Details>::new();
    let mut regions = engine::region_options();
    regions.sort_by(|a, b| a.1.cmp(&b.1));
    let count = regions.len();
    let buttons = regions
        .into_iter()
        .map(|(name, display)| {
            let picked = name.clone();
            view! {
                <li>
                    <button type="button" class="region-choice"
                        on:click=move |_| {
                            if let Some(details) = details.get() {
                                details.set_open(false);
                            }
                            on_pick.run(picked.clone());
                        }>
                        <span class="region-display">{display}</span>
                        <code class="region-name">{name}</code>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="region-list field-wide" node_ref=details>
            <summary>{format!("Browse all {count} regions")}</summary>
            <ul class="region-grid">{buttons}</ul>
        </details>
    }
}
