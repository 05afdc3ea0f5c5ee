//! Step 1: the workspace's name, region, pricing tier and managed resource group.

use super::bind;
use crate::engine;
use crate::fields::{ChoiceOption, Choices, SuggestInput, TextInput};
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
