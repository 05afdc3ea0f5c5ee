//! What each box of the network diagram says: its lines of text and the elements its findings mark. Where the
//! boxes go is `layout.rs`.

use super::model::{Block, Facts, Net, Subnet};
use crate::cidr::parse_ipv4;
use crate::diagram::draw::{Card, Line};
use crate::diagram::marks::Element;
use crate::diagram::shown::shown_name;
use crate::plan::Egress;
use crate::sizing;
use crate::text::{plural, thousands};

/// Service tags the UDR pattern routes straight to the internet (they stay on the Microsoft backbone).
const SERVICE_TAGS: [&str; 4] = ["AzureDatabricks", "Sql", "Storage", "EventHub"];
/// Names Azure Databricks gives the managed NAT gateway and its public IP when the plan leaves them out.
const MANAGED_NAT_DEFAULT: &str = "nat-gateway";
const MANAGED_PIP_DEFAULT: &str = "nat-gw-public-ip";

/// The outer VNet box: header lines; nested groups are drawn inside.
pub(super) fn vnet_card(facts: &Facts, compact: bool) -> Card {
    match &facts.net {
        Net::Managed {
            block,
            custom,
            resource_group,
            ..
        } => {
            let mut card = Card::new("vnet", vec![Element::Vnet]);
            card.locked = true;
            if block.parsed.is_err() {
                card.issue = Some(format!(
                    "the managed VNet prefix \u{201c}{}\u{201d} is not two octets like 10.139",
                    block.text
                ));
            }
            let size = match &block.parsed {
                Ok(cidr) => format!("{} · {}", cidr, if *custom { "custom" } else { "default" }),
                Err(_) => format!("invalid prefix \u{201c}{}\u{201d}", block.text),
            };
            card = card
                .line(Line::Kicker("Managed VNet · locked".to_string()))
                .line(Line::Title("Created by Azure Databricks".to_string()))
                .line(Line::Mono(size));
            if !compact {
                card = card.line(Line::Muted(format!("in managed resource group {resource_group}")));
            }
            card
        }
        Net::Injected {
            existing,
            vnet_name,
            resource_group,
            prefixes,
            ..
        } => {
            let mut card = Card::new("vnet", vec![Element::Vnet]);
            let kicker = if *existing { "Existing VNet" } else { "New VNet" };
            card = card.line(Line::Kicker(kicker.to_string()));
            card = card.line(Line::Title(vnet_name.clone()));
            let issues: Vec<String> = prefixes.iter().filter_map(|b| b.issue("address space")).collect();
            if !issues.is_empty() {
                card.issue = Some(issues.join("; "));
            }
            let mut space = match prefixes.as_slice() {
                [] => "no address space".to_string(),
                [one] => match one.parsed {
                    Ok(cidr) => format!("{} · {} addresses", cidr, thousands(cidr.size())),
                    Err(_) => one.label(),
                },
                many => many.iter().map(Block::label).collect::<Vec<_>>().join(", "),
            };
            if prefixes.is_empty() {
                card.issue = Some("the VNet has no address prefixes".to_string());
                space = "no address space given".to_string();
            }
            card = card.line(Line::Mono(space));
            if let (Some(group), false) = (resource_group, compact) {
                card = card.line(Line::Muted(format!("resource group {group}")));
            }
            card
        }
    }
}

pub(super) fn subnet_card(role: &str, arm_name: &str, subnet: &Subnet, element: Element, kind: &'static str) -> Card {
    let mut card = Card::new(kind, vec![element]);
    card.issue = subnet
        .block
        .issue(&format!("{} subnet CIDR", role.to_ascii_lowercase()));
    let value = match subnet.block.parsed {
        Ok(cidr) => cidr.to_string(),
        Err(_) if subnet.block.text.is_empty() => "no CIDR".to_string(),
        Err(_) => "invalid CIDR".to_string(),
    };
    card = card
        .line(Line::Kicker(format!("{role} subnet · {arm_name}")))
        .line(Line::Pair(subnet.name.clone(), value));
    match subnet.block.parsed {
        Ok(cidr) => card.line(Line::Muted(format!(
            "{} IPs · {} for nodes",
            thousands(cidr.size()),
            thousands(sizing::subnet_nodes(cidr))
        ))),
        Err(_) if subnet.block.text.is_empty() => card.line(Line::Error("the CIDR is missing".to_string())),
        Err(_) => card.line(Line::Error(format!(
            "\u{201c}{}\u{201d} is not a CIDR",
            subnet.block.text
        ))),
    }
}

pub(super) fn compact_subnet_card(role: &str, subnet: &Subnet, element: Element, kind: &'static str) -> Card {
    let mut card = Card::new(kind, vec![element]);
    card.issue = subnet
        .block
        .issue(&format!("{} subnet CIDR", role.to_ascii_lowercase()));
    card = card.line(Line::Kicker(role.to_string()));
    match subnet.block.parsed {
        Ok(cidr) => card
            .line(Line::Mono(cidr.to_string()))
            .line(Line::Muted(format!("{} nodes", thousands(sizing::subnet_nodes(cidr))))),
        Err(_) => card.line(Line::Error(subnet.block.label())),
    }
}

pub(super) fn managed_subnet_card(role: &str, element: Element) -> Card {
    Card::new("managed", vec![element])
        .line(Line::Kicker(format!("{role} subnet")))
        .line(Line::Muted("placed and sized by Azure Databricks".to_string()))
}

pub(super) fn capacity_card(facts: &Facts) -> Card {
    let card = Card::new("row", vec![Element::Capacity]);
    match (&facts.net, facts.capacity()) {
        (Net::Managed { .. }, _) => card
            .line(Line::Pair(
                "Planned peak".to_string(),
                format!("{} nodes", thousands(u64::from(facts.peak))),
            ))
            .line(Line::Muted("Azure Databricks sizes the managed subnets".to_string())),
        (_, Some(capacity)) => card
            .line(Line::Pair("Node capacity".to_string(), thousands(capacity)))
            .line(Line::Muted(format!(
                "one IP per node in each subnet · planned peak {}",
                thousands(u64::from(facts.peak))
            ))),
        (_, None) => card
            .line(Line::Pair("Node capacity".to_string(), "unknown".to_string()))
            .line(Line::Muted(format!(
                "a subnet CIDR is invalid · planned peak {}",
                thousands(u64::from(facts.peak))
            ))),
    }
}

pub(super) fn inbound_card(facts: &Facts) -> Card {
    let card = Card::new("row", Vec::new());
    if facts.scc {
        card.line(Line::Body(
            "Nothing connects in: no public IPs, no open ports".to_string(),
        ))
    } else {
        card.line(Line::Warn(
            "Public IP on every node; the control plane connects in".to_string(),
        ))
    }
}

fn public_ip_chip(name: &str, extra: &str) -> Card {
    Card::new("chip", vec![Element::PublicIp])
        .line(Line::Kicker("Public IP".to_string()))
        .line(Line::Body(shown_name(name)))
        .line(Line::Muted(extra.to_string()))
}

/// The egress cards: the entry card, an optional chip inside it (the public IP), and for the firewall option a
/// second card (the appliance) below the route table.
pub(super) struct EgressCards {
    pub(super) entry: Card,
    pub(super) chip: Option<Card>,
    pub(super) appliance: Option<Card>,
}

pub(super) fn egress_cards(facts: &Facts, compact: bool) -> EgressCards {
    let needs_injection = |card: Card| {
        if facts.is_managed() {
            card.line(Line::Warn("needs VNet injection".to_string()))
        } else {
            card
        }
    };
    match facts.egress {
        Egress::ManagedNatGateway => {
            if facts.is_managed() && !facts.scc {
                let mut card = Card::new("egress", vec![Element::Egress])
                    .line(Line::Kicker("No NAT gateway".to_string()))
                    .line(Line::Title("Public IP on every node".to_string()))
                    .line(Line::Muted("secure cluster connectivity is off".to_string()));
                card.exposed = true;
                return EgressCards {
                    entry: card,
                    chip: None,
                    appliance: None,
                };
            }
            let mut card = Card::new("egress", vec![Element::Egress])
                .line(Line::Kicker("Managed NAT gateway".to_string()))
                .line(Line::Title(facts_managed_name(facts, true)));
            card.locked = true;
            if !compact {
                card = card.line(Line::Muted("created and locked by Azure Databricks".to_string()));
            }
            if !facts.is_managed() {
                card = card.line(Line::Warn("only exists with the managed VNet".to_string()));
            }
            EgressCards {
                entry: card,
                chip: Some(public_ip_chip(&facts_managed_name(facts, false), "managed")),
                appliance: None,
            }
        }
        Egress::NatGateway {
            nat_gateway_name,
            public_ip_name,
            idle_timeout_minutes,
        } => {
            let mut card = Card::new("egress", vec![Element::Egress])
                .line(Line::Kicker("NAT gateway".to_string()))
                .line(Line::Title(shown_name(nat_gateway_name)));
            if !compact {
                card = card
                    .line(Line::Body(format!(
                        "Standard · idle timeout {idle_timeout_minutes}\u{a0}min"
                    )))
                    .line(Line::Muted("attached to both subnets".to_string()));
            }
            EgressCards {
                entry: needs_injection(card),
                chip: Some(public_ip_chip(public_ip_name, "Standard, static")),
                appliance: None,
            }
        }
        Egress::LoadBalancer {
            load_balancer_name,
            backend_pool_name,
            frontend_config_name,
            public_ip_name,
        } => {
            let mut card = Card::new("egress", vec![Element::Egress])
                .line(Line::Kicker("Outbound load balancer".to_string()))
                .line(Line::Title(shown_name(load_balancer_name)));
            if !compact {
                card = card
                    .line(Line::Body("Standard · outbound rule only".to_string()))
                    .line(Line::Muted(format!("backend pool {}", shown_name(backend_pool_name))))
                    .line(Line::Muted(format!("frontend {}", shown_name(frontend_config_name))));
            }
            EgressCards {
                entry: needs_injection(card),
                chip: Some(public_ip_chip(public_ip_name, "Standard, static")),
                appliance: None,
            }
        }
        Egress::Firewall {
            route_table_name,
            firewall_private_ip,
            scc_relay_bypass,
            service_tag_routes,
            extra_fqdns,
        } => {
            let ip = firewall_private_ip.trim();
            let ip_ok = parse_ipv4(ip).is_some();
            let ip_label = if ip_ok {
                ip.to_string()
            } else if ip.is_empty() {
                "no IP".to_string()
            } else {
                format!("invalid IP \u{201c}{ip}\u{201d}")
            };
            let mut routes = Card::new("egress", vec![Element::RouteTable, Element::Egress])
                .line(Line::Kicker("Route table".to_string()))
                .line(Line::Title(shown_name(route_table_name)))
                .line(Line::Mono(format!("0.0.0.0/0 → {ip_label}")));
            if *service_tag_routes {
                routes = service_tag_lines(routes, compact);
            }
            if *scc_relay_bypass {
                routes = routes.line(Line::Mono("SCC relay → Internet".to_string()));
            }
            if !compact {
                routes = routes.line(Line::Muted("associated with both subnets".to_string()));
            }
            let mut appliance = Card::new("egress", vec![Element::Firewall])
                .line(Line::Kicker("Firewall / appliance".to_string()))
                .line(Line::Mono(ip_label));
            if !ip_ok {
                appliance.issue = Some(format!(
                    "the firewall private IP \u{201c}{ip}\u{201d} is not an IPv4 address"
                ));
            }
            if compact && facts.firewall_outside.is_some() {
                // The full size draws the peered VNet around the appliance; the compact one says it.
                appliance = appliance.line(Line::Muted("outside this VNet".to_string()));
            }
            if !compact {
                appliance = appliance.line(Line::Muted("filters other outbound traffic".to_string()));
                if !extra_fqdns.is_empty() {
                    // The first few by name; the checklist and the description list them all.
                    let count = plural(extra_fqdns.len(), "FQDN", "FQDNs");
                    appliance = appliance.line(Line::Muted(format!("also allows {count}:")));
                    for fqdn in extra_fqdns.iter().take(3) {
                        appliance = appliance.line(Line::Mono(shown_name(fqdn)));
                    }
                    if extra_fqdns.len() > 3 {
                        appliance = appliance.line(Line::Muted(format!("and {} more", extra_fqdns.len() - 3)));
                    }
                }
            }
            EgressCards {
                entry: needs_injection(routes),
                chip: None,
                appliance: Some(appliance),
            }
        }
        Egress::ServiceTagRoutes { route_table_name } => {
            let mut routes = Card::new("egress", vec![Element::RouteTable, Element::Egress])
                .line(Line::Kicker("Route table".to_string()))
                .line(Line::Title(shown_name(route_table_name)));
            routes = service_tag_lines(routes, compact);
            if !compact {
                routes = routes
                    .line(Line::Muted("associated with both subnets".to_string()))
                    .line(Line::Muted("other traffic follows Azure's system routes".to_string()));
            }
            EgressCards {
                entry: needs_injection(routes),
                chip: None,
                appliance: None,
            }
        }
    }
}

/// The service-tag routes: one line for them all when compact, else the tags by name.
fn service_tag_lines(routes: Card, compact: bool) -> Card {
    if compact {
        return routes.line(Line::Mono("4 service tags → Internet".to_string()));
    }
    routes
        .line(Line::Muted("service tags → Internet:".to_string()))
        .line(Line::Mono(SERVICE_TAGS.join(", ")))
}

/// The managed NAT gateway's name (or its public IP's): the plan's, or the one Azure Databricks picks.
fn facts_managed_name(facts: &Facts, gateway: bool) -> String {
    let given = match &facts.net {
        Net::Managed {
            nat_gateway_name,
            public_ip_name,
            ..
        } => {
            if gateway {
                nat_gateway_name.as_deref()
            } else {
                public_ip_name.as_deref()
            }
        }
        Net::Injected { .. } => None,
    };
    match given.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => name.to_string(),
        None if gateway => MANAGED_NAT_DEFAULT.to_string(),
        None => MANAGED_PIP_DEFAULT.to_string(),
    }
}

/// The destinations: where connections end.
pub(super) fn control_plane_card(facts: &Facts, compact: bool) -> Card {
    let mut card = Card::new("cp", vec![Element::ControlPlane])
        .line(Line::Kicker(
            if compact {
                "Control plane"
            } else {
                "Azure Databricks control plane"
            }
            .to_string(),
        ))
        .line(Line::Title(facts.region.clone()));
    if compact {
        return card.line(if facts.scc {
            Line::Pair("SCC relay".to_string(), "443".to_string())
        } else {
            Line::Warn("connects in to nodes".to_string())
        });
    }
    card = card
        .line(Line::Gap(6.0))
        .line(Line::Pair(
            "Web app".to_string(),
            format!(
                "TCP {}",
                crate::regions::EndpointClass::WebApp
                    .ports()
                    .join(", ")
                    .replace('-', "–")
            ),
        ))
        .line(Line::Muted(format!(
            "UI and REST API · public access {}",
            facts.public_access.to_ascii_lowercase()
        )))
        .line(Line::Gap(6.0));
    if facts.scc {
        card.line(Line::Pair("SCC relay".to_string(), "TCP 443".to_string()))
            .line(Line::Muted("clusters dial out to it; it never dials in".to_string()))
    } else {
        card.line(Line::Pair("SCC relay".to_string(), "not used".to_string()))
            .line(Line::Warn("connects in to node public IPs".to_string()))
    }
}

pub(super) fn services_card() -> Card {
    Card::new("net", Vec::new())
        .line(Line::Kicker("Azure services".to_string()))
        .line(Line::Body("Storage · SQL metastore · Event Hubs".to_string()))
}

pub(super) fn internet_card() -> Card {
    Card::new("net", Vec::new())
        .line(Line::Kicker("Internet".to_string()))
        .line(Line::Body(
            "package repositories and other public endpoints".to_string(),
        ))
}

/// The VNet around an appliance outside the workspace VNet; `holder` is the range to avoid that holds its IP.
pub(super) fn peered_vnet_card(holder: Option<&(String, String)>) -> Card {
    let mut card = Card::new("peer", Vec::new()).line(Line::Kicker("Outside this VNet".to_string()));
    if let Some((range, label)) = holder {
        card = card.line(Line::Mono(range.clone()));
        if !label.is_empty() {
            card = card.line(Line::Body(label.clone()));
        }
    }
    card.line(Line::Muted(
        "reached through a peering (not in the template)".to_string(),
    ))
}
