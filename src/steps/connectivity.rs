//! Step 4: secure cluster connectivity, public network access and the required NSG rules.

use super::{bind, Callout};
use crate::fields::{ChoiceOption, Choices, Toggle};
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::prelude::*;
use npip_core::edit;
use npip_core::plan::{PublicNetworkAccess, RequiredNsgRules};
use npip_core::Field;

#[component]
pub fn ConnectivityStep() -> impl IntoView {
    let state = PlanState::use_context();
    let (scc, set_scc) = bind(
        state,
        |p| p.connectivity.secure_cluster_connectivity,
        |p, v| p.connectivity.secure_cluster_connectivity = v,
    );
    let (access, set_access) = bind(
        state,
        |p| p.connectivity.public_network_access,
        |p, v| p.connectivity.public_network_access = v,
    );
    let (rules, set_rules) = bind(
        state,
        |p| p.connectivity.required_nsg_rules,
        |p, v| p.connectivity.required_nsg_rules = v,
    );

    let access_options = vec![
        ChoiceOption::new(
            PublicNetworkAccess::Enabled,
            "enabled",
            "Enabled",
            "People and tools reach the workspace over the internet (you can still limit it with IP access lists).",
        )
        .badge("Default"),
        ChoiceOption::new(
            PublicNetworkAccess::Disabled,
            "disabled",
            "Disabled",
            "Only through Private Link endpoints you create yourself. Needs the premium tier, VNet injection and \
             the NSG rules setting NoAzureDatabricksRules.",
        ),
    ];
    let rules_options = vec![
        ChoiceOption::new(
            RequiredNsgRules::AllRules,
            "all-rules",
            "All rules",
            "Clusters reach the control plane through the AzureDatabricks service tag. Right unless you use back-end Private Link.",
        )
        .badge("Default"),
        ChoiceOption::new(
            RequiredNsgRules::NoAzureDatabricksRules,
            "no-azure-databricks-rules",
            "No Azure Databricks rules",
            "Clusters reach the control plane through a back-end Private Link endpoint, which you create separately.",
        ),
    ];

    // A managed VNet has no NSG of the plan's own, so the choice is not offered there, unless the plan holds a
    // value or a finding about it that needs fixing. Once shown, it stays while the step is on screen, so that it
    // does not vanish under the pointer when the fix is chosen.
    let offer_rules = Memo::new(move |shown: Option<&bool>| {
        shown.copied().unwrap_or(false)
            || state.plan.with(|p| {
                edit::required_nsg_rules_apply(&p.network)
                    || p.connectivity.required_nsg_rules != RequiredNsgRules::default()
            })
            || state.findings.read().iter().any(|f| f.field == Field::RequiredNsgRules)
    });

    view! {
        <Toggle
            field=Field::SecureClusterConnectivity
            label="Secure cluster connectivity (No Public IP)"
            hint="Nodes get no public IP address and accept no inbound connections; every connection to the control plane is opened from inside your network."
            value=scc
            on_change=set_scc
        />
        <Show when=move || !scc.get()>
            <Callout kind="warning" title="What opens up without it">
                <p>
                    "Every cluster node gets its own public IP address, and the Databricks control plane opens \
                     connections in to your nodes, so the network security group must let them in. Many \
                     landing zones forbid this by policy, and a NAT gateway or egress load balancer does not work \
                     with it."
                </p>
            </Callout>
        </Show>
        <Choices
            field=Field::PublicNetworkAccess
            legend="Public network access to the workspace"
            options=access_options
            value=access
            on_change=set_access
        />
        <Show
            when=move || offer_rules.get()
            fallback=|| view! {
                <p class="field-note field-wide" data-testid=TestId::NoOwnNsg.as_str()>
                    "Required NSG rules: not a choice with a managed VNet, which has no network security group of \
                     yours. The setting applies to VNet injection (step 2)."
                </p>
            }
        >
            <Choices
                field=Field::RequiredNsgRules
                legend="Required NSG rules"
                hint="Which rules Azure Databricks keeps in your network security group for cluster traffic to the control plane."
                options=rules_options.clone()
                value=rules
                on_change=set_rules
            />
        </Show>
    }
}
