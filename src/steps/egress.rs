//! Step 5: the egress option, offered only among those that fit the network model, each with its trade-offs and
//! its own inputs, with a small network diagram alongside.

use super::{bind, bind_egress, Callout};
use crate::artifacts::{Artifacts, Diagram};
use crate::fields::{ChoiceOption, Choices, ListInput, NumberInput, TextInput, Toggle};
use crate::state::PlanState;
use crate::test_id::TestId;
use leptos::prelude::*;
use npip_core::edit::{self, NetworkChoice};
use npip_core::plan::{Egress, EgressKind, Network};
use npip_core::Field;

/// The card for each egress option: what it is and what it means (stable IP, who runs it, cost, what you control).
fn option(kind: EgressKind) -> ChoiceOption<EgressKind> {
    match kind {
        EgressKind::ManagedNatGateway => ChoiceOption::new(
            kind,
            "managed-nat-gateway",
            "Managed NAT gateway",
            "Azure Databricks creates a NAT gateway for the managed VNet's subnets.",
        )
        .facts(vec![
            ("Egress IP", "Stable, one public IP"),
            ("Run by", "Azure Databricks"),
            ("Cost", "NAT gateway hours and data, on your bill"),
            ("You control", "Only the names"),
        ]),
        // The Microsoft rows give Microsoft's own words for the two options, from the secure cluster connectivity
        // page (learn.microsoft.com/en-us/azure/databricks/security/network/classic/secure-cluster-connectivity):
        // the load balancer is its recommended solution for simpler deployments, the NAT gateway the one to
        // customise. No badge of ours ranks them otherwise.
        EgressKind::NatGateway => ChoiceOption::new(
            kind,
            "nat-gateway",
            "NAT gateway",
            "A Standard NAT gateway with a static public IP on both subnets; it scales, and you can customise it.",
        )
        .facts(vec![
            ("Egress IP", "Stable, yours to allowlist"),
            ("Run by", "You (the template creates it)"),
            ("Cost", "Gateway hours plus data processed"),
            ("You control", "Idle timeout, more IPs later"),
            ("Microsoft", "The option to customise (secure cluster connectivity page)"),
        ]),
        EgressKind::LoadBalancer => ChoiceOption::new(
            kind,
            "load-balancer",
            "Egress load balancer",
            "A Standard load balancer with an outbound rule; the workspace's nodes join its backend pool.",
        )
        .facts(vec![
            ("Egress IP", "Stable, the load balancer's"),
            ("Run by", "You (the template creates it)"),
            ("Cost", "Load balancer rules plus data"),
            ("You control", "Outbound rule and ports"),
            (
                "Microsoft",
                "Recommended for simpler deployments (secure cluster connectivity page)",
            ),
        ])
        .badge("Microsoft: for simpler deployments"),
        EgressKind::Firewall => ChoiceOption::new(
            kind,
            "firewall",
            "Firewall with user-defined routes",
            "A route table sends all traffic to your firewall or network appliance, which allows only what Databricks needs.",
        )
        .facts(vec![
            ("Egress IP", "Your firewall's"),
            ("Run by", "You, usually in a hub VNet"),
            ("Cost", "The firewall (often shared)"),
            ("You control", "Everything, with an allowlist to keep"),
        ]),
        EgressKind::ServiceTagRoutes => ChoiceOption::new(
            kind,
            "service-tag-routes",
            "Service-tag routes only",
            "Routes send Databricks, SQL, Storage and Event Hubs traffic straight to the internet by service tag.",
        )
        .facts(vec![
            ("Egress IP", "Not stable"),
            ("Run by", "Azure"),
            ("Cost", "None extra"),
            ("Works", "Only where the VNet still has default outbound access"),
        ]),
    }
}

#[component]
pub fn EgressStep() -> impl IntoView {
    let state = PlanState::use_context();
    let artifacts = Artifacts::use_context();
    let choice = Signal::derive(move || state.plan.with(|p| NetworkChoice::of(&p.network)));
    let injection = Signal::derive(move || choice.get().is_injection());
    let kind = Signal::derive(move || state.plan.with(|p| p.egress.kind()));
    let set_kind = Callback::new(move |k: EgressKind| state.set_egress_kind(k));

    view! {
        <div class="egress-layout">
            <div class="egress-main">
                {move || {
                    // The options that fit the model; a plan that holds another (imported, say) shows it too,
                    // with its finding, rather than a form that hides what the plan says.
                    let mut kinds = edit::egress_kinds_for(choice.get()).to_vec();
                    let current = kind.get_untracked();
                    if !kinds.contains(&current) {
                        kinds.push(current);
                    }
                    // A managed VNet without secure cluster connectivity: its one option creates nothing.
                    let nothing_created = choice.get() == NetworkChoice::Managed
                        && !state.plan.with(edit::managed_nat_gateway_created);
                    let options = kinds
                        .into_iter()
                        .map(|k| match option(k) {
                            card if nothing_created && k == EgressKind::ManagedNatGateway => card.badge("Not created without SCC"),
                            card => card,
                        })
                        .collect::<Vec<_>>();
                    view! {
                        <Choices
                            field=Field::EgressType
                            legend=if injection.get() { "How do clusters reach the internet?" } else { "Egress of the managed VNet" }
                            hint=match choice.get() {
                                NetworkChoice::Managed if nothing_created => "With secure cluster connectivity off (step 4), Azure Databricks creates no NAT gateway: each node gets a public IP instead.",
                                NetworkChoice::Managed => "The managed VNet has one option; choose VNet injection on step 2 for the others.",
                                NetworkChoice::NewVnet => "Service-tag routes alone are not offered: a new VNet has no default outbound access for them to use.",
                                NetworkChoice::ExistingVnet => "",
                            }
                            options
                            value=kind
                            on_change=set_kind
                            switch=true
                        />
                    }
                }}
                <div class="field-grid">
                    {move || match kind.get() {
                        EgressKind::ManagedNatGateway => view! { <ManagedNatFields/> }.into_any(),
                        EgressKind::NatGateway => view! { <NatGatewayFields/> }.into_any(),
                        EgressKind::LoadBalancer => view! { <LoadBalancerFields/> }.into_any(),
                        EgressKind::Firewall => view! { <FirewallFields/> }.into_any(),
                        EgressKind::ServiceTagRoutes => view! { <RouteTableField/> }.into_any(),
                    }}
                </div>
            </div>
            <aside class="egress-aside" aria-label="Network diagram">
                <Diagram svg=artifacts.compact_network_svg test_id=TestId::EgressDiagram class="diagram-compact"
                    title="Network diagram" zoom=artifacts.network_svg_zoom/>
            </aside>
        </div>
    }
}

#[component]
fn ManagedNatFields() -> impl IntoView {
    let state = PlanState::use_context();
    let (nat, set_nat) = bind(
        state,
        |p| match &p.network {
            Network::Managed { nat_gateway_name, .. } => nat_gateway_name.clone().unwrap_or_default(),
            Network::VnetInjection(_) => String::new(),
        },
        |p, v| {
            if let Network::Managed { nat_gateway_name, .. } = &mut p.network {
                *nat_gateway_name = (!v.is_empty()).then_some(v);
            }
        },
    );
    let (ip, set_ip) = bind(
        state,
        |p| match &p.network {
            Network::Managed { public_ip_name, .. } => public_ip_name.clone().unwrap_or_default(),
            Network::VnetInjection(_) => String::new(),
        },
        |p, v| {
            if let Network::Managed { public_ip_name, .. } = &mut p.network {
                *public_ip_name = (!v.is_empty()).then_some(v);
            }
        },
    );
    // Without secure cluster connectivity Azure Databricks creates no NAT gateway, so there is nothing to name; a
    // name the plan already holds stays editable, so that the warning about it can be fixed here.
    let created = Signal::derive(move || state.plan.with(edit::managed_nat_gateway_created));
    // Once shown, an input stays while the step is on screen: it does not vanish as its name is cleared.
    let show_nat = Memo::new(move |shown: Option<&bool>| {
        shown.copied().unwrap_or(false) || created.get() || !nat.read().is_empty()
    });
    let show_ip = Memo::new(move |shown: Option<&bool>| {
        shown.copied().unwrap_or(false) || created.get() || !ip.read().is_empty()
    });
    view! {
        <Show when=move || !created.get()>
            <p class="field-note field-wide" data-testid=TestId::NoManagedNatGateway.as_str()>
                "No NAT gateway to name: with secure cluster connectivity off (step 4), Azure Databricks creates \
                 none, and each node gets a public IP instead."
            </p>
        </Show>
        <Show when=move || show_nat.get()>
            <TextInput field=Field::ManagedNatGatewayName label="NAT gateway name (optional)"
                hint="Leave empty for Azure's default name." value=nat on_change=set_nat/>
        </Show>
        <Show when=move || show_ip.get()>
            <TextInput field=Field::ManagedPublicIpName label="Public IP name (optional)"
                hint="Leave empty for Azure's default name." value=ip on_change=set_ip/>
        </Show>
    }
}

#[component]
fn NatGatewayFields() -> impl IntoView {
    let state = PlanState::use_context();
    let (nat, set_nat) = bind_egress(
        state,
        |e| match e {
            Egress::NatGateway { nat_gateway_name, .. } => Some(nat_gateway_name),
            _ => None,
        },
        |e| match e {
            Egress::NatGateway { nat_gateway_name, .. } => Some(nat_gateway_name),
            _ => None,
        },
    );
    let (ip, set_ip) = bind_egress(
        state,
        |e| match e {
            Egress::NatGateway { public_ip_name, .. } => Some(public_ip_name),
            _ => None,
        },
        |e| match e {
            Egress::NatGateway { public_ip_name, .. } => Some(public_ip_name),
            _ => None,
        },
    );
    let (timeout, set_timeout) = bind(
        state,
        |p| match &p.egress {
            Egress::NatGateway {
                idle_timeout_minutes, ..
            } => *idle_timeout_minutes,
            _ => 4,
        },
        |p, v| {
            if let Egress::NatGateway {
                idle_timeout_minutes, ..
            } = &mut p.egress
            {
                *idle_timeout_minutes = v;
            }
        },
    );
    view! {
        <TextInput field=Field::NatGatewayName label="NAT gateway name" value=nat on_change=set_nat/>
        <TextInput field=Field::NatGatewayPublicIpName label="Public IP name" hint="A Standard, static IPv4 address."
            value=ip on_change=set_ip/>
        <NumberInput field=Field::NatGatewayIdleTimeout
            hint="How long an idle outbound connection stays open: 4 to 120 minutes." value=timeout
            on_change=set_timeout unit="minutes"/>
    }
}

#[component]
fn LoadBalancerFields() -> impl IntoView {
    let state = PlanState::use_context();
    let (lb, set_lb) = bind_egress(
        state,
        |e| match e {
            Egress::LoadBalancer { load_balancer_name, .. } => Some(load_balancer_name),
            _ => None,
        },
        |e| match e {
            Egress::LoadBalancer { load_balancer_name, .. } => Some(load_balancer_name),
            _ => None,
        },
    );
    let (pool, set_pool) = bind_egress(
        state,
        |e| match e {
            Egress::LoadBalancer { backend_pool_name, .. } => Some(backend_pool_name),
            _ => None,
        },
        |e| match e {
            Egress::LoadBalancer { backend_pool_name, .. } => Some(backend_pool_name),
            _ => None,
        },
    );
    let (frontend, set_frontend) = bind_egress(
        state,
        |e| match e {
            Egress::LoadBalancer {
                frontend_config_name, ..
            } => Some(frontend_config_name),
            _ => None,
        },
        |e| match e {
            Egress::LoadBalancer {
                frontend_config_name, ..
            } => Some(frontend_config_name),
            _ => None,
        },
    );
    let (ip, set_ip) = bind_egress(
        state,
        |e| match e {
            Egress::LoadBalancer { public_ip_name, .. } => Some(public_ip_name),
            _ => None,
        },
        |e| match e {
            Egress::LoadBalancer { public_ip_name, .. } => Some(public_ip_name),
            _ => None,
        },
    );
    view! {
        <TextInput field=Field::LoadBalancerName label="Load balancer name" value=lb on_change=set_lb/>
        <TextInput field=Field::LoadBalancerBackendPoolName label="Backend pool name" value=pool on_change=set_pool/>
        <TextInput field=Field::LoadBalancerFrontendConfigName label="Frontend configuration name" value=frontend
            on_change=set_frontend/>
        <TextInput field=Field::LoadBalancerPublicIpName label="Public IP name" hint="A Standard, static IPv4 address."
            value=ip on_change=set_ip/>
    }
}

#[component]
fn RouteTableField() -> impl IntoView {
    let state = PlanState::use_context();
    let (table, set_table) = bind_egress(
        state,
        |e| match e {
            Egress::Firewall { route_table_name, .. } | Egress::ServiceTagRoutes { route_table_name } => {
                Some(route_table_name)
            }
            _ => None,
        },
        |e| match e {
            Egress::Firewall { route_table_name, .. } | Egress::ServiceTagRoutes { route_table_name } => {
                Some(route_table_name)
            }
            _ => None,
        },
    );
    view! {
        <TextInput field=Field::RouteTableName label="Route table name" hint="Attached to both subnets."
            value=table on_change=set_table/>
    }
}

#[component]
fn FirewallFields() -> impl IntoView {
    let state = PlanState::use_context();
    let (ip, set_ip) = bind_egress(
        state,
        |e| match e {
            Egress::Firewall {
                firewall_private_ip, ..
            } => Some(firewall_private_ip),
            _ => None,
        },
        |e| match e {
            Egress::Firewall {
                firewall_private_ip, ..
            } => Some(firewall_private_ip),
            _ => None,
        },
    );
    let flag = |get: fn(&Egress) -> bool, set: fn(&mut Egress, bool)| {
        bind(state, move |p| get(&p.egress), move |p, v| set(&mut p.egress, v))
    };
    let (bypass, set_bypass) = flag(
        |e| {
            matches!(
                e,
                Egress::Firewall {
                    scc_relay_bypass: true,
                    ..
                }
            )
        },
        |e, v| {
            if let Egress::Firewall { scc_relay_bypass, .. } = e {
                *scc_relay_bypass = v;
            }
        },
    );
    let (tags, set_tags) = flag(
        |e| {
            matches!(
                e,
                Egress::Firewall {
                    service_tag_routes: true,
                    ..
                }
            )
        },
        |e, v| {
            if let Egress::Firewall { service_tag_routes, .. } = e {
                *service_tag_routes = v;
            }
        },
    );
    let (fqdns, set_fqdns) = bind(
        state,
        |p| match &p.egress {
            Egress::Firewall { extra_fqdns, .. } => extra_fqdns.clone(),
            _ => Vec::new(),
        },
        |p, v| {
            if let Egress::Firewall { extra_fqdns, .. } = &mut p.egress {
                *extra_fqdns = v;
            }
        },
    );
    view! {
        <RouteTableField/>
        <TextInput field=Field::FirewallPrivateIp label="Firewall private IP"
            hint="The next hop of the default route: your firewall's or appliance's private address." value=ip
            on_change=set_ip placeholder="10.0.1.4" mono=true/>
        <Toggle field=Field::SccRelayBypass label="Send secure cluster connectivity relay traffic straight out"
            hint="Adds routes for the relay with next hop Internet, so cluster-to-control-plane traffic skips the firewall."
            value=bypass on_change=set_bypass/>
        <Toggle field=Field::ServiceTagRoutes label="Also add the Databricks service-tag routes"
            hint="Routes for AzureDatabricks, Sql, Storage and EventHub with next hop Internet; that traffic skips the firewall."
            value=tags on_change=set_tags/>
        <ListInput field=Field::ExtraFqdn(0) label="More hosts the firewall must allow (optional)"
            hint="Package repositories and other services your clusters use, one per line; *.example.com is fine."
            value=fqdns on_change=set_fqdns parse=edit::parse_list format=format_fqdns item_label="Host"
            placeholder="pypi.org\nfiles.pythonhosted.org" rows=3/>
        <Callout kind="info" title="Your firewall's allowlist">
            <p>"The review step gives a firewall checklist for your region: every endpoint, port and service tag the clusters need."</p>
        </Callout>
    }
}

fn format_fqdns(items: &[String]) -> String {
    edit::format_list(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fact of a card as one text.
    fn card_text(kind: EgressKind) -> String {
        let card = option(kind);
        let facts: Vec<String> = card.facts.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!(
            "{} {} {} {}",
            card.title,
            card.summary,
            card.badge.unwrap_or(""),
            facts.join("; ")
        )
    }

    #[test]
    fn egress_cards_carry_microsofts_characterisation_with_its_source() {
        // Microsoft's secure cluster connectivity page calls the egress load balancer the recommended solution for
        // simpler deployments and describes the NAT gateway as the one you can customise: no badge of ours may say
        // otherwise, and each card names that page.
        for kind in [
            EgressKind::ManagedNatGateway,
            EgressKind::NatGateway,
            EgressKind::LoadBalancer,
            EgressKind::Firewall,
            EgressKind::ServiceTagRoutes,
        ] {
            assert_ne!(option(kind).badge, Some("Recommended"), "{kind:?}");
        }
        let lb = card_text(EgressKind::LoadBalancer);
        assert!(
            lb.contains("simpler deployments") && lb.contains("secure cluster connectivity page"),
            "{lb}"
        );
        let nat = card_text(EgressKind::NatGateway);
        assert!(
            nat.contains("customise") && nat.contains("secure cluster connectivity page"),
            "{nat}"
        );
        assert!(!nat.contains("simple,"), "{nat}");
    }
}
