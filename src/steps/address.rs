//! Step 3: the address space. The VNet range (or the managed VNet's prefix), the two subnets and the capacity they
//! give for the peak node count, the ranges to stay clear of, and the live address map.

use super::{bind, bind_injection};
use crate::artifacts::{Artifacts, Diagram};
use crate::engine;
use crate::fields::{ListInput, NumberInput, TextInput};
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::prelude::*;
use npip_core::edit::{self, NetworkChoice};
use npip_core::plan::{AvoidRange, Network, Vnet};
use npip_core::sizing;
use npip_core::text::thousands;
use npip_core::{Cidr, Field};

#[component]
pub fn AddressStep() -> impl IntoView {
    let state = PlanState::use_context();
    let artifacts = Artifacts::use_context();
    let choice = Signal::derive(move || state.plan.with(|p| NetworkChoice::of(&p.network)));
    let (peak, set_peak) = bind(state, |p| p.peak_nodes, |p, v| p.peak_nodes = v);
    let (avoid, set_avoid) = bind(state, |p| p.avoid.clone(), |p, v| p.avoid = v);

    view! {
        <div class="field-grid">
            // The peak first: the subnets are sized for it.
            <NumberInput
                field=Field::PeakNodes
                hint="The most nodes running at the same time, all clusters together (drivers count)."
                value=peak
                on_change=set_peak
                unit="nodes"
            />
            {move || match choice.get() {
                NetworkChoice::Managed => view! { <ManagedRange/> }.into_any(),
                NetworkChoice::NewVnet => view! { <NewVnetRange/> }.into_any(),
                NetworkChoice::ExistingVnet => view! { <ExistingVnetRanges/> }.into_any(),
            }}
            <Show when=move || choice.get().is_injection()>
                <Subnets/>
            </Show>
            <Show when=move || choice.get().is_injection()>
                <Capacity/>
            </Show>
        </div>
        <section class="visual-block" aria-label="Address map">
            <Diagram svg=artifacts.address_map_svg test_id=TestId::AddressMap class="diagram-map"
                title="Address map" zoom=artifacts.address_map_svg_zoom/>
        </section>
        <div class="field-grid">
            <ListInput
                field=Field::AvoidCidr(0)
                label="Ranges to stay clear of"
                hint="Peered VNets, on-premises networks, other subnets: one range per line, optionally followed by a label. Paste a whole list at once."
                value=avoid
                on_change=set_avoid
                parse=edit::parse_avoid_list
                format=format_avoid
                item_label="Range"
                placeholder="10.0.0.0/16 hub VNet\n192.168.0.0/16 on-premises"
                rows=4
            />
        </div>
    }
}

fn format_avoid(ranges: &[AvoidRange]) -> String {
    edit::format_avoid_list(ranges)
}

fn format_prefixes(items: &[String]) -> String {
    edit::format_list(items)
}

#[component]
fn ManagedRange() -> impl IntoView {
    let state = PlanState::use_context();
    let (prefix, set_prefix) = bind(
        state,
        |p| match &p.network {
            Network::Managed { address_prefix, .. } => address_prefix.clone().unwrap_or_default(),
            Network::VnetInjection(_) => String::new(),
        },
        |p, v| {
            if let Network::Managed { address_prefix, .. } = &mut p.network {
                *address_prefix = (!v.is_empty()).then_some(v);
            }
        },
    );
    view! {
        <TextInput
            field=Field::ManagedAddressPrefix
            label="Managed VNet prefix (optional)"
            hint="The first two numbers of the managed /16, such as 10.139 for 10.139.0.0/16 (Azure's default when empty). Change it only to peer with a network that uses 10.139."
            value=prefix
            on_change=set_prefix
            placeholder="10.139"
            mono=true
        />
    }
}

#[component]
fn NewVnetRange() -> impl IntoView {
    let state = PlanState::use_context();
    let (space, set_space) = bind(
        state,
        |p| match p.network.injection().map(|i| &i.vnet) {
            Some(Vnet::New { address_space, .. }) => address_space.clone(),
            _ => String::new(),
        },
        |p, v| {
            if let Network::VnetInjection(injection) = &mut p.network {
                if let Vnet::New { address_space, .. } = &mut injection.vnet {
                    *address_space = v;
                }
            }
        },
    );
    view! {
        <TextInput
            field=Field::VnetAddressSpace
            label="VNet address space"
            hint="A private range from /16 to /24, such as 10.28.0.0/22. Leave room for a private endpoint subnet."
            value=space
            on_change=set_space
            placeholder="10.28.0.0/22"
            mono=true
        />
    }
}

#[component]
fn ExistingVnetRanges() -> impl IntoView {
    let state = PlanState::use_context();
    let (prefixes, set_prefixes) = bind(
        state,
        |p| match p.network.injection().map(|i| &i.vnet) {
            Some(Vnet::Existing { address_prefixes, .. }) => address_prefixes.clone(),
            _ => Vec::new(),
        },
        |p, v| {
            if let Network::VnetInjection(injection) = &mut p.network {
                if let Vnet::Existing { address_prefixes, .. } = &mut injection.vnet {
                    *address_prefixes = v;
                }
            }
        },
    );
    view! {
        <ListInput
            field=Field::VnetAddressPrefix(0)
            label="The VNet's address prefixes"
            hint="As listed under the VNet's Address space in the portal, one per line; the planner checks the subnets against them offline."
            value=prefixes
            on_change=set_prefixes
            parse=edit::parse_list
            format=format_prefixes
            item_label="Prefix"
            placeholder="10.50.0.0/16"
            rows=2
        />
    }
}

#[component]
fn Subnets() -> impl IntoView {
    let state = PlanState::use_context();
    let (host_name, set_host_name) = bind_injection(state, |i| &i.host_subnet.name, |i| &mut i.host_subnet.name);
    let (host_cidr, set_host_cidr) = bind_injection(state, |i| &i.host_subnet.cidr, |i| &mut i.host_subnet.cidr);
    let (container_name, set_container_name) =
        bind_injection(state, |i| &i.container_subnet.name, |i| &mut i.container_subnet.name);
    let (container_cidr, set_container_cidr) =
        bind_injection(state, |i| &i.container_subnet.cidr, |i| &mut i.container_subnet.cidr);
    let suggest_message = RwSignal::new(None::<String>);
    let can_suggest = state.plan.with_untracked(|p| engine::suggest_subnets(p).is_some());
    let suggest = move |_| {
        let Some(result) = state.plan.with_untracked(engine::suggest_subnets) else {
            return;
        };
        match result {
            Ok(suggestion) => {
                let text = suggestion.sentence.clone();
                state.update(|p| {
                    if let Network::VnetInjection(injection) = &mut p.network {
                        injection.host_subnet.cidr = suggestion.host;
                        injection.container_subnet.cidr = suggestion.container;
                    }
                });
                state.touch(Field::HostSubnetCidr);
                state.touch(Field::ContainerSubnetCidr);
                state.announce(text.clone());
                suggest_message.set(Some(text));
            }
            Err(why) => {
                state.announce(why.clone());
                suggest_message.set(Some(why));
            }
        }
    };
    view! {
        <div class="subnet-pair field-wide">
            <div class="subnet-card">
                <h3 class="subnet-title">"Host subnet" <span class="subnet-alias">"ARM calls it the public subnet"</span></h3>
                <div class="field-grid field-grid-tight">
                    <TextInput field=Field::HostSubnetName label="Name" context="Host subnet" value=host_name
                        on_change=set_host_name/>
                    <TextInput field=Field::HostSubnetCidr label="Range" context="Host subnet" value=host_cidr on_change=set_host_cidr
                        placeholder="10.28.0.0/24" mono=true/>
                </div>
                <SubnetSize cidr=host_cidr/>
            </div>
            <div class="subnet-card">
                <h3 class="subnet-title">"Container subnet" <span class="subnet-alias">"ARM calls it the private subnet"</span></h3>
                <div class="field-grid field-grid-tight">
                    <TextInput field=Field::ContainerSubnetName label="Name" context="Container subnet" value=container_name
                        on_change=set_container_name/>
                    <TextInput field=Field::ContainerSubnetCidr label="Range" context="Container subnet" value=container_cidr
                        on_change=set_container_cidr placeholder="10.28.1.0/24" mono=true/>
                </div>
                <SubnetSize cidr=container_cidr/>
            </div>
            {can_suggest.then(|| view! {
                <div class="suggest-row">
                    <button type="button" class="button button-secondary" data-testid=TestId::SuggestSubnets.as_str()
                        on:click=suggest>
                        "Suggest subnets"
                    </button>
                    <span class="suggest-hint">"The smallest pair that fits the peak nodes, inside the VNet and clear of the ranges below."</span>
                    <p class="suggest-result" role="status">{move || suggest_message.get()}</p>
                </div>
            })}
        </div>
    }
}

/// What one subnet range holds, in addresses and nodes (Azure keeps five of every subnet).
#[component]
fn SubnetSize(cidr: Signal<String>) -> impl IntoView {
    view! {
        <p class="subnet-size">
            {move || match cidr.get().trim().parse::<Cidr>() {
                Ok(block) => format!(
                    "{} addresses, {} for nodes",
                    thousands(block.size()),
                    thousands(sizing::subnet_nodes(block))
                ),
                Err(_) => "Enter a range to see its size".to_string(),
            }}
        </p>
    }
}

/// The node capacity of the two subnets against the peak.
#[component]
fn Capacity() -> impl IntoView {
    let state = PlanState::use_context();
    let figures = move || {
        state
            .plan
            .with(|p| Some((sizing::plan_capacity(p)?, u64::from(p.peak_nodes))))
    };
    view! {
        <div class="capacity field-wide" data-testid=TestId::CapacitySummary.as_str()>
            {move || match figures() {
                Some((capacity, peak)) => {
                    let fits = peak <= capacity;
                    let percent = peak.saturating_mul(100).checked_div(capacity).unwrap_or(100).min(100);
                    view! {
                        <p class="capacity-text">
                            <strong>{format!("Room for {} nodes", thousands(capacity))}</strong>
                            " (the smaller subnet sets it) for a peak of "
                            {thousands(peak)}
                            {if fits {
                                format!(": {} to spare.", thousands(capacity - peak))
                            } else {
                                format!(": {} short.", thousands(peak - capacity))
                            }}
                        </p>
                        <div class="meter" class:meter-over=!fits role="img"
                            aria-label=format!("Peak uses {percent}% of the capacity")>
                            <span class="meter-fill" style=format!("width: {percent}%")></span>
                        </div>
                    }.into_any()
                }
                None => view! {
                    <p class="capacity-text">"Capacity shows once both subnet ranges are valid."</p>
                }.into_any(),
            }}
        </div>
    }
}
