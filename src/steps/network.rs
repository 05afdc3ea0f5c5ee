//! Step 2: managed VNet or VNet injection (into a new or an existing VNet), and the names that go with it.

use super::{bind_injection, Callout};
use crate::fields::{ChoiceOption, Choices, TextInput};
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::prelude::*;
use npip_core::edit::NetworkChoice;
use npip_core::plan::{Network, Vnet};
use npip_core::vnet_import::import_vnet;
use npip_core::Field;

#[component]
pub fn NetworkStep() -> impl IntoView {
    let state = PlanState::use_context();
    let choice = Signal::derive(move || state.plan.with(|p| NetworkChoice::of(&p.network)));
    let set_choice = Callback::new(move |c: NetworkChoice| state.set_network_choice(c));

    let options = vec![
        ChoiceOption::new(
            NetworkChoice::Managed,
            "managed",
            "Managed VNet",
            "Azure Databricks creates the network in its locked resource group. Nothing to plan, little to change.",
        )
        .facts(vec![
            ("Egress", "A NAT gateway Databricks creates and runs"),
            ("Cost", "That NAT gateway and its public IP, billed to you"),
            ("You control", "The /16 range and a few names"),
            ("Later", "No routes, NSG rules or firewall of your own"),
        ]),
        ChoiceOption::new(
            NetworkChoice::NewVnet,
            "new-vnet",
            "VNet injection, new VNet",
            "The template creates a VNet with the two subnets and their network security group.",
        )
        .facts(vec![
            ("Egress", "Your choice: NAT gateway, load balancer or firewall"),
            ("Cost", "The egress you choose and its public IP"),
            ("You control", "Addresses, routes, peering, NSG rules"),
            ("Later", "VNet and subnets are fixed once the workspace exists"),
        ])
        .badge("Most flexible"),
        ChoiceOption::new(
            NetworkChoice::ExistingVnet,
            "existing-vnet",
            "VNet injection, existing VNet",
            "The template adds the two subnets to a VNet you already run, such as a spoke peered to your hub.",
        )
        .facts(vec![
            ("Egress", "Your choice, often the hub's firewall"),
            ("Cost", "What you add; a hub firewall is often shared"),
            ("You control", "Everything in your VNet"),
            ("Needs", "Same region and subscription; Network Contributor on the VNet"),
            ("Later", "The two subnets are fixed once the workspace exists"),
        ]),
    ];

    let (vnet_name, set_vnet_name) = (
        Signal::derive(move || {
            state.plan.with(|p| match &p.network {
                Network::VnetInjection(injection) => match &injection.vnet {
                    Vnet::New { name, .. } => name.clone(),
                    Vnet::Existing { .. } => String::new(),
                },
                Network::Managed { .. } => String::new(),
            })
        }),
        Callback::new(move |text: String| {
            state.update(|p| {
                if let Network::VnetInjection(injection) = &mut p.network {
                    if let Vnet::New { name, .. } = &mut injection.vnet {
                        *name = text;
                    }
                }
            })
        }),
    );
    let (resource_id, set_resource_id) = (
        Signal::derive(move || {
            state.plan.with(|p| match &p.network {
                Network::VnetInjection(injection) => match &injection.vnet {
                    Vnet::Existing { resource_id, .. } => resource_id.clone(),
                    Vnet::New { .. } => String::new(),
                },
                Network::Managed { .. } => String::new(),
            })
        }),
        Callback::new(move |text: String| {
            state.update(|p| {
                if let Network::VnetInjection(injection) = &mut p.network {
                    if let Vnet::Existing { resource_id, .. } = &mut injection.vnet {
                        *resource_id = text;
                    }
                }
            })
        }),
    );
    let (nsg, set_nsg) = bind_injection(state, |i| &i.nsg_name, |i| &mut i.nsg_name);

    view! {
        <Choices
            field=Field::NetworkModel
            legend="Where do the clusters' network interfaces live?"
            options
            value=choice
            on_change=set_choice
            switch=true
        />
        <div class="field-grid">
            <Show when=move || choice.get() == NetworkChoice::NewVnet>
                <TextInput field=Field::VnetName label="VNet name" hint="2 to 64 characters." value=vnet_name
                    on_change=set_vnet_name/>
            </Show>
            <Show when=move || choice.get() == NetworkChoice::ExistingVnet>
                <TextInput
                    field=Field::VnetResourceId
                    label="VNet resource ID"
                    hint="From the VNet's Properties page or az network vnet show --query id, or fill it in with the rest from the VNet's JSON below. The template deploys into this VNet's resource group."
                    value=resource_id
                    on_change=set_resource_id
                    placeholder="/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…"
                    mono=true
                    wide=true
                />
                <VnetImporter/>
            </Show>
            <Show when=move || choice.get().is_injection()>
                <TextInput field=Field::NsgName label="Network security group name"
                    hint="One NSG on both subnets. Azure Databricks adds and manages its own rules in it."
                    value=nsg on_change=set_nsg/>
            </Show>
        </div>
        <Callout kind="info" title="Decide once">
            <p>
                "Plan as if the network is fixed: an existing workspace cannot be moved to another VNet, and its \
                 subnet names and ranges stay as created. Growing a subnet later takes a request to your \
                 Databricks account team."
            </p>
        </Callout>
    }
}

/// Fills the existing VNet's ID and prefixes, and the ranges to avoid, from the VNet's JSON pasted here (the engine
/// reads it; see `npip_core::vnet_import`). A text that is not one VNet changes nothing and says why, next to it.
#[component]
fn VnetImporter() -> impl IntoView {
    let state = PlanState::use_context();
    let text = RwSignal::new(String::new());
    // (whether it worked, what to say)
    let outcome = RwSignal::new(None::<(bool, String)>);
    let fill = move |_| {
        let mut plan = state.plan.get_untracked();
        // Bounded where it enters: the engine refuses text over its limit for a VNet's JSON before reading it.
        let result = text.with_untracked(|text| import_vnet(&mut plan, text));
        match result {
            Ok(import) => {
                let summary = import.summary();
                state.edit(Field::VnetResourceId, || state.update(|p| *p = plan));
                for field in [
                    Field::VnetAddressPrefix(0),
                    Field::HostSubnetCidr,
                    Field::ContainerSubnetCidr,
                    Field::AvoidCidr(0),
                    Field::Region,
                ] {
                    state.touch(field);
                }
                text.set(String::new());
                state.announce(summary.clone());
                outcome.set(Some((true, summary)));
            }
            Err(why) => {
                state.announce(format!("Error: {why}"));
                outcome.set(Some((false, why)));
            }
        }
    };
    let failed = move || outcome.with(|o| matches!(o, Some((false, _))));
    view! {
        <details class="vnet-import field-wide">
            <summary>"Fill in from the VNet\u{2019}s JSON"</summary>
            <label class="field-label" for="vnet-import-text">"VNet JSON"</label>
            <textarea id="vnet-import-text" class="input textarea mono" rows="5" spellcheck="false"
                autocomplete="off" aria-describedby="vnet-import-hint vnet-import-result"
                aria-invalid=move || if failed() { "true" } else { "false" }
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p class="field-hint" id="vnet-import-hint">
                "Paste the output of " <code>"az network vnet show -g <group> -n <name>"</code>
                " or the VNet\u{2019}s JSON view in the portal. Its ID and address prefixes fill in, and its other \
                 subnets and peered ranges join the ranges to avoid. It is read here; nothing leaves the page."
            </p>
            <div class="suggest-row">
                <button type="button" class="button button-secondary" data-testid=TestId::VnetImport.as_str()
                    on:click=fill>
                    "Fill in"
                </button>
            </div>
            <p id="vnet-import-result" class="suggest-result" class:vnet-import-error=failed role="status">
                {move || outcome.get().map(|(ok, said)| if ok { said } else { format!("Nothing was changed: {said}") })}
            </p>
        </details>
    }
}
