//! The network diagram. Full size reads left to right: the VNet (or the managed VNet) with its subnets and NSG, the
//! egress path of the chosen option, then where traffic goes (the control plane, Azure services, the internet).
//! Arrows point the way connections are opened. The compact size stacks the same story top to bottom.

use super::draw::{leading, open_marked, Anchor, Card, Doc, Laid, Line, Type};
use super::marks::{severity_word, Element, Marks};
use super::text::{self, Face};
use super::{DiagramOptions, DiagramSize};
use crate::cidr::{parse_ipv4, Cidr, CidrError};
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Egress, Network, Plan, Vnet};
use crate::sizing;
use crate::text::{plural, thousands};

/// Service tags the UDR pattern routes straight to the internet (they stay on the Microsoft backbone).
const SERVICE_TAGS: [&str; 4] = ["AzureDatabricks", "Sql", "Storage", "EventHub"];
/// Names Azure Databricks gives the managed NAT gateway and its public IP when the plan leaves them out.
const MANAGED_NAT_DEFAULT: &str = "nat-gateway";
const MANAGED_PIP_DEFAULT: &str = "nat-gw-public-ip";
const MANAGED_PREFIX_DEFAULT: &str = "10.139";

pub fn draw(plan: &Plan, findings: &[Finding], options: &DiagramOptions) -> String {
    let marks = Marks::for_network(findings);
    let facts = Facts::of(plan);
    let title = format!("Network diagram: {}", facts.workspace);
    let desc = describe(&facts, &marks);
    match options.size {
        DiagramSize::Full => full(&facts, &marks, options, &title, &desc),
        DiagramSize::Compact => compact(&facts, &marks, options, &title, &desc),
    }
}

/// A name as shown: trimmed, or a placeholder when empty.
fn shown_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        "(no name)".to_string()
    } else {
        name.to_string()
    }
}

/// A CIDR as typed, parsed.
struct Block {
    text: String,
    parsed: Result<Cidr, CidrError>,
}

impl Block {
    fn of(text: &str) -> Block {
        Block {
            text: text.trim().to_string(),
            parsed: text.parse(),
        }
    }

    /// The block as text, or a label saying it is not one.
    fn label(&self) -> String {
        match &self.parsed {
            Ok(cidr) => cidr.to_string(),
            Err(_) if self.text.is_empty() => "no CIDR".to_string(),
            Err(_) => format!("invalid CIDR \u{201c}{}\u{201d}", self.text),
        }
    }

    fn issue(&self, what: &str) -> Option<String> {
        match &self.parsed {
            Ok(_) => None,
            Err(error) => Some(format!("the {what} \u{201c}{}\u{201d} {error}", self.text)),
        }
    }
}

struct Subnet {
    name: String,
    block: Block,
}

enum Net {
    Managed {
        block: Block,
        custom: bool,
        resource_group: String,
        nat_gateway_name: Option<String>,
        public_ip_name: Option<String>,
    },
    Injected {
        existing: bool,
        vnet_name: String,
        resource_group: Option<String>,
        prefixes: Vec<Block>,
        host: Subnet,
        container: Subnet,
        nsg: String,
        nsg_rules: &'static str,
    },
}

/// What the diagram needs from a plan, already turned into display text.
struct Facts<'a> {
    workspace: String,
    region: String,
    scc: bool,
    public_access: &'static str,
    peak: u32,
    net: Net,
    egress: &'a Egress,
    /// The firewall's private IP lies outside every range of the workspace VNet (usually in a peered hub): the
    /// range to avoid that holds it and its label, if the plan lists one.
    firewall_outside: Option<Option<(String, String)>>,
}

impl<'a> Facts<'a> {
    fn of(plan: &'a Plan) -> Facts<'a> {
        let net = match &plan.network {
            Network::Managed {
                address_prefix,
                nat_gateway_name,
                public_ip_name,
            } => {
                let custom = address_prefix.as_deref().map(str::trim).filter(|p| !p.is_empty());
                let two_octets = custom.unwrap_or(MANAGED_PREFIX_DEFAULT);
                let mut block = Block::of(&format!("{two_octets}.0.0/16"));
                block.text = two_octets.to_string();
                if two_octets.split('.').count() != 2 {
                    block.parsed = Err(CidrError::BadAddress);
                }
                Net::Managed {
                    block,
                    custom: custom.is_some(),
                    resource_group: plan.workspace.managed_resource_group_name(),
                    nat_gateway_name: nat_gateway_name.clone(),
                    public_ip_name: public_ip_name.clone(),
                }
            }
            Network::VnetInjection(injection) => {
                let (existing, vnet_name, resource_group, prefixes) = match &injection.vnet {
                    Vnet::New { name, address_space } => {
                        (false, shown_name(name), None, vec![Block::of(address_space)])
                    }
                    Vnet::Existing {
                        resource_id,
                        address_prefixes,
                    } => {
                        let (name, group) = parse_resource_id(resource_id);
                        (
                            true,
                            name,
                            group,
                            address_prefixes.iter().map(|p| Block::of(p)).collect(),
                        )
                    }
                };
                Net::Injected {
                    existing,
                    vnet_name,
                    resource_group,
                    prefixes,
                    host: Subnet {
                        name: shown_name(&injection.host_subnet.name),
                        block: Block::of(&injection.host_subnet.cidr),
                    },
                    container: Subnet {
                        name: shown_name(&injection.container_subnet.name),
                        block: Block::of(&injection.container_subnet.cidr),
                    },
                    nsg: shown_name(&injection.nsg_name),
                    nsg_rules: plan.connectivity.required_nsg_rules.as_str(),
                }
            }
        };
        Facts {
            workspace: shown_name(&plan.workspace.name),
            region: {
                let region = plan.workspace.region.trim();
                if region.is_empty() {
                    "(no region)".to_string()
                } else {
                    region.to_string()
                }
            },
            scc: plan.connectivity.secure_cluster_connectivity,
            public_access: plan.connectivity.public_network_access.as_str(),
            peak: plan.peak_nodes,
            firewall_outside: firewall_outside(plan),
            net,
            egress: &plan.egress,
        }
    }

    fn is_managed(&self) -> bool {
        matches!(self.net, Net::Managed { .. })
    }

    /// Nodes the two subnets hold: each node takes one address in each, after Azure's five reserved.
    fn capacity(&self) -> Option<u64> {
        match &self.net {
            Net::Injected { host, container, .. } => match (&host.block.parsed, &container.block.parsed) {
                (Ok(h), Ok(c)) => Some(sizing::node_capacity(*h, *c)),
                _ => None,
            },
            Net::Managed { .. } => None,
        }
    }
}

/// The VNet name and resource group from a resource ID, or the ID itself when it does not parse.
fn parse_resource_id(id: &str) -> (String, Option<String>) {
    let parts: Vec<&str> = id.trim().split('/').collect();
    let after = |key: &str| {
        parts
            .iter()
            .position(|p| p.eq_ignore_ascii_case(key))
            .and_then(|i| parts.get(i + 1))
            .filter(|v| !v.is_empty())
            .map(|v| v.to_string())
    };
    match after("virtualNetworks") {
        Some(name) => (name, after("resourceGroups")),
        None => (shown_name(id), None),
    }
}

/// When the firewall's private IP lies outside the injected VNet (the rules' answer, so the picture and the peering
/// findings agree): the range to avoid that holds it and its label, if the plan lists one.
fn firewall_outside(plan: &Plan) -> Option<Option<(String, String)>> {
    // Only a firewall with VNet injection can be outside the VNet; the other plans skip the copy and the parsing.
    if !matches!(plan.egress, Egress::Firewall { .. }) || plan.network.injection().is_none() {
        return None;
    }
    let normal = plan.normalised();
    let (_, holder) = crate::rules::firewall_outside(&crate::rules::Facts::new(&normal))?;
    Some(holder.map(|(field, range)| {
        let label = match field {
            Field::AvoidCidr(i) => normal.avoid.get(i).map(|a| a.label.clone()).unwrap_or_default(),
            _ => String::new(),
        };
        (range.to_string(), label)
    }))
}

fn egress_title(egress: &Egress) -> &'static str {
    match egress {
        Egress::ManagedNatGateway => "managed NAT gateway",
        Egress::LoadBalancer { .. } => "outbound load balancer",
        Egress::NatGateway { .. } => "NAT gateway",
        Egress::Firewall { .. } => "firewall with user-defined routes",
        Egress::ServiceTagRoutes { .. } => "service-tag routes",
    }
}

/// The text description for screen readers: the same story as the picture, in sentences.
fn describe(facts: &Facts, marks: &Marks) -> String {
    let mut s = format!(
        "Network diagram of Azure Databricks workspace {} in {}. ",
        facts.workspace, facts.region
    );
    match &facts.net {
        Net::Managed {
            block,
            custom,
            resource_group,
            ..
        } => {
            s.push_str(&format!(
                "Managed VNet created and locked by Azure Databricks in resource group {resource_group}, address space {}{}. ",
                block.label(),
                if *custom { "" } else { " (the default)" }
            ));
        }
        Net::Injected {
            existing,
            vnet_name,
            prefixes,
            host,
            container,
            nsg,
            ..
        } => {
            let spaces: Vec<String> = prefixes.iter().map(Block::label).collect();
            s.push_str(&format!(
                "VNet injection into {} VNet {vnet_name} with address space {}. ",
                if *existing { "the existing" } else { "a new" },
                if spaces.is_empty() {
                    "not given".to_string()
                } else {
                    spaces.join(", ")
                }
            ));
            for (role, subnet) in [("Host", host), ("Container", container)] {
                s.push_str(&format!("{role} subnet {}, {}", subnet.name, subnet.block.label()));
                if let Ok(cidr) = subnet.block.parsed {
                    s.push_str(&format!(", room for {} nodes", thousands(sizing::subnet_nodes(cidr))));
                }
                s.push_str(". ");
            }
            s.push_str(&format!("Network security group {nsg} on both subnets. "));
        }
    }
    if let Some(capacity) = facts.capacity() {
        s.push_str(&format!("Node capacity {}; ", thousands(capacity)));
    }
    s.push_str(&format!("planned peak {} nodes. ", thousands(u64::from(facts.peak))));
    s.push_str(&format!("Egress: {}", egress_title(facts.egress)));
    match facts.egress {
        Egress::NatGateway {
            nat_gateway_name,
            public_ip_name,
            ..
        } => s.push_str(&format!(
            " {} with public IP {}, attached to both subnets",
            shown_name(nat_gateway_name),
            shown_name(public_ip_name)
        )),
        Egress::LoadBalancer {
            load_balancer_name,
            public_ip_name,
            ..
        } => s.push_str(&format!(
            " {} with public IP {} and an outbound rule",
            shown_name(load_balancer_name),
            shown_name(public_ip_name)
        )),
        Egress::Firewall {
            route_table_name,
            firewall_private_ip,
            scc_relay_bypass,
            service_tag_routes,
            extra_fqdns,
        } => {
            s.push_str(&format!(
                ": route table {} sends 0.0.0.0/0 to the appliance at {}",
                shown_name(route_table_name),
                shown_name(firewall_private_ip)
            ));
            if !extra_fqdns.is_empty() {
                let names: Vec<String> = extra_fqdns.iter().map(|f| shown_name(f)).collect();
                s.push_str(&format!(", which also allows {}", names.join(", ")));
            }
            if let Some(holder) = &facts.firewall_outside {
                s.push_str("; the appliance is outside the workspace VNet");
                match holder {
                    Some((range, label)) if !label.is_empty() => s.push_str(&format!(" (in {range}, {label})")),
                    Some((range, _)) => s.push_str(&format!(" (in {range})")),
                    None => {}
                }
                s.push_str(" and is reached through a peering, which the template does not create");
            }
            if *service_tag_routes {
                s.push_str("; service-tag routes go straight to the internet");
            }
            if *scc_relay_bypass {
                s.push_str("; the relay route bypasses the appliance");
            }
        }
        Egress::ServiceTagRoutes { route_table_name } => s.push_str(&format!(
            ": route table {} sends the AzureDatabricks, Sql, Storage and EventHub service tags to the internet",
            shown_name(route_table_name)
        )),
        Egress::ManagedNatGateway => {}
    }
    s.push_str(". ");
    if facts.scc {
        s.push_str(
            "Secure cluster connectivity is on: clusters open outbound connections to the control plane's relay on \
             TCP 443, nodes have no public IP addresses, and nothing connects in.",
        );
    } else {
        s.push_str(
            "Warning: secure cluster connectivity is off, so every node has a public IP address and the control \
             plane opens connections into the VNet.",
        );
    }
    if let Some(summary) = marks.summary() {
        s.push_str(&format!(" Findings: {summary}."));
    }
    for (element, mark) in marks.iter() {
        for line in &mark.lines {
            s.push_str(&format!(
                " {} ({}): {line}.",
                element.noun(),
                severity_word(mark.severity).to_ascii_lowercase()
            ));
        }
    }
    s
}

/// The outer VNet box: header lines; nested groups are drawn inside.
fn vnet_card(facts: &Facts, compact: bool) -> Card {
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

fn subnet_card(role: &str, arm_name: &str, subnet: &Subnet, element: Element, kind: &'static str) -> Card {
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

fn compact_subnet_card(role: &str, subnet: &Subnet, element: Element, kind: &'static str) -> Card {
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

fn managed_subnet_card(role: &str, element: Element) -> Card {
    Card::new("managed", vec![element])
        .line(Line::Kicker(format!("{role} subnet")))
        .line(Line::Muted("placed and sized by Azure Databricks".to_string()))
}

fn capacity_card(facts: &Facts) -> Card {
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

fn inbound_card(facts: &Facts) -> Card {
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
struct EgressCards {
    entry: Card,
    chip: Option<Card>,
    appliance: Option<Card>,
}

fn egress_cards(facts: &Facts, compact: bool) -> EgressCards {
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
fn control_plane_card(facts: &Facts, compact: bool) -> Card {
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
        .line(Line::Pair("Web app".to_string(), "TCP 443, 8443–8451".to_string()))
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

fn services_card() -> Card {
    Card::new("net", Vec::new())
        .line(Line::Kicker("Azure services".to_string()))
        .line(Line::Body("Storage · SQL metastore · Event Hubs".to_string()))
}

fn internet_card() -> Card {
    Card::new("net", Vec::new())
        .line(Line::Kicker("Internet".to_string()))
        .line(Line::Body(
            "package repositories and other public endpoints".to_string(),
        ))
}

/// The VNet around an appliance outside the workspace VNet; `holder` is the range to avoid that holds its IP.
fn peered_vnet_card(holder: Option<&(String, String)>) -> Card {
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

/// Which destination an arrow ends at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    WebApp,
    Relay,
    Services,
    Internet,
}

/// The targets reached through each exit of the egress path: (via the entry card, via the appliance).
fn routes(facts: &Facts) -> (Vec<Target>, Vec<Target>) {
    // The relay comes last so that its arrow is drawn over the shared trunk.
    let mut all = vec![Target::WebApp, Target::Services, Target::Internet];
    if facts.scc {
        all.push(Target::Relay);
    }
    match facts.egress {
        Egress::Firewall {
            scc_relay_bypass,
            service_tag_routes,
            ..
        } => {
            let bypass = |t: &Target| match t {
                Target::WebApp | Target::Services => *service_tag_routes,
                Target::Relay => *service_tag_routes || *scc_relay_bypass,
                Target::Internet => false,
            };
            let direct = all.iter().copied().filter(bypass).collect();
            let through = all.iter().copied().filter(|t| !bypass(t)).collect();
            (direct, through)
        }
        _ => (all, Vec::new()),
    }
}

fn flow_classes(target: Target) -> (&'static str, &'static str) {
    if target == Target::Relay {
        ("npip-flow-scc", "npip-head-scc")
    } else {
        ("", "")
    }
}

/// Header: the workspace name (marked by workspace findings) and a summary line, each wrapping to a second line
/// when long, and at full size the findings count at the right. Returns the bottom of the last line.
fn header(doc: &mut Doc, facts: &Facts, marks: &Marks, ty: &Type, width: f64, compact: bool) -> f64 {
    let x = if compact { CX } else { MARGIN };
    let top = (x + ty.heading * 0.8).round();
    // Right of the name: "[!] 3 errors  [▲] 2 warnings", laid right to left so it ends at the margin.
    let mut right = width - x;
    if !compact {
        let counts = [
            (Severity::Warning, marks.warnings, "warning", "warnings"),
            (Severity::Error, marks.errors, "error", "errors"),
        ];
        for (severity, count, one, many) in counts {
            if count == 0 {
                continue;
            }
            let label = plural(count, one, many);
            doc.text_exact(right, top, ty.body, Face::SansBold, "", Anchor::End, &label, None);
            let label_width = text::width(&label, ty.body, Face::SansBold);
            doc.badge(
                right - label_width - ty.kicker * 1.1,
                top - ty.body * 0.35,
                severity,
                ty.kicker,
            );
            right -= label_width + ty.kicker * 2.2 + 18.0;
        }
    }
    let mark = marks.of(&[Element::Workspace]);
    open_marked(doc, "npip-head-group", Element::Workspace, mark.as_ref());
    let badge_room = if mark.is_some() { ty.heading * 1.6 } else { 0.0 };
    let (lines, cut) = text::wrap(&facts.workspace, right - x - badge_room, ty.heading, Face::SansBold, 4);
    let mut y = top;
    let mut last_width = 0.0;
    for (i, shown) in lines.iter().enumerate() {
        y = top + i as f64 * leading(ty.heading);
        let tooltip = (cut && i + 1 == lines.len()).then_some(facts.workspace.as_str());
        doc.text_exact(x, y, ty.heading, Face::SansBold, "", Anchor::Start, shown, tooltip);
        last_width = text::width(shown, ty.heading, Face::SansBold);
    }
    if let Some(mark) = &mark {
        doc.badge(
            x + last_width + ty.heading * 0.8,
            y - ty.heading * 0.35,
            mark.severity,
            ty.kicker,
        );
    }
    doc.svg.close("g");
    let model = match &facts.net {
        Net::Managed { .. } => "managed VNet",
        Net::Injected { existing: true, .. } => "VNet injection (existing VNet)",
        Net::Injected { .. } => "VNet injection (new VNet)",
    };
    let egress = format!("egress: {}", egress_title(facts.egress));
    let scc = format!("secure cluster connectivity {}", if facts.scc { "on" } else { "off" });
    let items: &[&str] = if compact {
        &[&facts.region, egress_title(facts.egress)]
    } else {
        &[&facts.region, model, &egress, &scc]
    };
    // Lines break between the items, not inside them.
    let sub = items
        .iter()
        .map(|item| item.replace(' ', "\u{a0}"))
        .collect::<Vec<_>>()
        .join(" · ");
    let sub_y = y + leading(ty.small) + 4.0;
    let last = doc.wrapped(x, sub_y, ty.small, Face::Sans, "npip-m", &sub, width - 2.0 * x, 2);
    last + ty.small * 0.3
}

/// The full size is about as wide as the review step shows it on a 1280 x 720 projector (870 px), so its text is
/// read at the size it is set in; the height follows the content.
const W: f64 = 864.0;
const MARGIN: f64 = 16.0;
/// Columns (x, width): the VNet, the egress path, the destinations. The gaps carry the arrows and their trunks.
const COL_A: (f64, f64) = (MARGIN, 300.0);
const COL_B: (f64, f64) = (344.0, 246.0);
const COL_C: (f64, f64) = (634.0, 214.0);
const FOOTER_H: f64 = 44.0;
const GAP: f64 = 10.0;
/// Between the destination cards, and between the route table and its appliance.
const STACK_GAP: f64 = 18.0;
const APPLIANCE_GAP: f64 = 40.0;

fn full(facts: &Facts, marks: &Marks, options: &DiagramOptions, title: &str, desc: &str) -> String {
    let ty = Type::of(DiagramSize::Full);
    let pad = ty.pad;
    let mut doc = Doc::new(options, "net");
    let rule_y = (header(&mut doc, facts, marks, &ty, W, false) + 10.0).round();
    doc.svg.leaf(
        "line",
        super::svg::attrs!["class" => "npip-rule", "x1" => MARGIN, "y1" => rule_y, "x2" => W - MARGIN, "y2" => rule_y],
    );
    // Without secure cluster connectivity, a lane above the columns carries the inbound arrow and its label.
    let body_top = rule_y + if facts.scc { 16.0 } else { 48.0 };

    // Column A: the VNet, with the NSG group (or the managed subnets) nested inside.
    let (a_x, a_w) = COL_A;
    let vnet = Laid::new(vnet_card(facts, false), a_w, &ty, marks.of(&[Element::Vnet]));
    let group_w = a_w - 2.0 * pad;
    let inner_w = group_w - 2.0 * pad;
    let (group, first, second) = match &facts.net {
        Net::Injected {
            host,
            container,
            nsg,
            nsg_rules,
            ..
        } => (
            Laid::new(
                Card::new("nsg", vec![Element::Nsg])
                    .line(Line::Kicker("Network security group".to_string()))
                    .line(Line::Title(nsg.clone()))
                    .line(Line::Muted(format!("on both subnets · {nsg_rules}"))),
                group_w,
                &ty,
                marks.of(&[Element::Nsg]),
            ),
            Laid::new(
                subnet_card("Host", "ARM:\u{a0}public", host, Element::HostSubnet, "host"),
                inner_w,
                &ty,
                marks.of(&[Element::HostSubnet]),
            ),
            Laid::new(
                subnet_card(
                    "Container",
                    "ARM:\u{a0}private",
                    container,
                    Element::ContainerSubnet,
                    "cont",
                ),
                inner_w,
                &ty,
                marks.of(&[Element::ContainerSubnet]),
            ),
        ),
        Net::Managed { .. } => (
            Laid::new(
                Card::new("nsg", Vec::new())
                    .line(Line::Kicker("Databricks-managed subnets".to_string()))
                    .line(Line::Muted("no NSG rules, routes or firewall of your own".to_string())),
                group_w,
                &ty,
                None,
            ),
            Laid::new(
                managed_subnet_card("Host", Element::HostSubnet),
                inner_w,
                &ty,
                marks.of(&[Element::HostSubnet]),
            ),
            Laid::new(
                managed_subnet_card("Container", Element::ContainerSubnet),
                inner_w,
                &ty,
                marks.of(&[Element::ContainerSubnet]),
            ),
        ),
    };
    let capacity = Laid::new(capacity_card(facts), group_w, &ty, marks.of(&[Element::Capacity]));
    let inbound = Laid::new(inbound_card(facts), group_w, &ty, None);
    let group_h = group.height + first.height + GAP + second.height + pad;
    let vnet_h = vnet.height + group_h + capacity.height + inbound.height + pad * 0.5;

    // Column B: the egress path.
    let (b_x, b_w) = COL_B;
    let cards = egress_cards(facts, false);
    let entry = Laid::new(cards.entry, b_w, &ty, marks.of(&[Element::Egress, Element::RouteTable]));
    let chip = cards
        .chip
        .map(|c| Laid::new(c, b_w - 2.0 * pad, &ty, marks.of(&[Element::PublicIp])));
    let entry_h = entry.height + chip.as_ref().map_or(0.0, |c| c.height + pad);
    // An appliance outside the workspace VNet is drawn inside the VNet that holds it (a peered hub).
    let peered = cards
        .appliance
        .as_ref()
        .and(facts.firewall_outside.as_ref())
        .map(|holder| Laid::new(peered_vnet_card(holder.as_ref()), b_w, &ty, None));
    let appliance_w = if peered.is_some() { b_w - 2.0 * pad } else { b_w };
    let appliance = cards
        .appliance
        .map(|c| Laid::new(c, appliance_w, &ty, marks.of(&[Element::Firewall])));
    let peered_h = peered.as_ref().map_or(0.0, |p| p.height + pad);

    // Column C: the destinations.
    let (c_x, c_w) = COL_C;
    let cp = Laid::new(
        control_plane_card(facts, false),
        c_w,
        &ty,
        marks.of(&[Element::ControlPlane]),
    );
    let services = Laid::new(services_card(), c_w, &ty, None);
    let internet = Laid::new(internet_card(), c_w, &ty, None);
    let c_h = cp.height + services.height + internet.height + 2.0 * STACK_GAP;

    // The tallest column decides the canvas; the others are centred beside it.
    let b_h = entry_h + appliance.as_ref().map_or(0.0, |a| APPLIANCE_GAP + peered_h + a.height);
    let body_h = vnet_h.max(b_h).max(c_h);
    let height = (body_top + body_h + 16.0 + FOOTER_H).round();
    let body_mid = body_top + body_h / 2.0;

    let vnet_y = (body_mid - vnet_h / 2.0).round();
    let group_y = vnet_y + vnet.height;
    let origin = (a_x + a_w, (group_y + group_h / 2.0).round());
    // Centred on the VNet's exit so the first arrow runs straight, unless that pushes it off the body.
    let entry_y = (origin.1 - entry_h / 2.0)
        .min(body_top + body_h - b_h)
        .max(body_top)
        .round();
    let appliance_y = entry_y + entry_h + APPLIANCE_GAP;
    let cp_y = (body_mid - c_h / 2.0).round();
    let services_y = cp_y + cp.height + STACK_GAP;
    let internet_y = services_y + services.height + STACK_GAP;

    // The VNet and everything in it.
    vnet.draw_sized(&mut doc, a_x, vnet_y, vnet_h, &ty, |doc| {
        let gx = a_x + pad;
        group.draw_sized(doc, gx, group_y, group_h - pad * 0.5, &ty, |doc| {
            let sx = gx + pad;
            let first_y = group_y + group.height;
            first.draw(doc, sx, first_y, &ty);
            second.draw(doc, sx, first_y + first.height + GAP, &ty);
        });
        let cap_y = group_y + group_h;
        capacity.draw(doc, gx, cap_y, &ty);
        inbound.draw(doc, gx, cap_y + capacity.height, &ty);
    });

    // Egress.
    entry.draw_sized(&mut doc, b_x, entry_y, entry_h, &ty, |doc| {
        if let Some(chip) = &chip {
            chip.draw(doc, b_x + pad, entry_y + entry.height, &ty);
        }
    });
    // The appliance's own top: below the peered VNet's header when it sits in one.
    let appliance_top = appliance_y + peered.as_ref().map_or(0.0, |p| p.height);
    if let Some(appliance) = &appliance {
        match &peered {
            Some(peered) => {
                let height = peered.height + appliance.height + pad;
                peered.draw_sized(&mut doc, b_x, appliance_y, height, &ty, |doc| {
                    appliance.draw(doc, b_x + pad, appliance_top, &ty);
                });
            }
            None => appliance.draw(&mut doc, b_x, appliance_y, &ty),
        }
    }

    // Destinations.
    cp.draw(&mut doc, c_x, cp_y, &ty);
    services.draw(&mut doc, c_x, services_y, &ty);
    internet.draw(&mut doc, c_x, internet_y, &ty);

    // Arrows: who opens which connection.
    let row_y = |laid: &Laid, row: usize| laid.rows.get(row).map_or(laid.height / 2.0, |b| b - ty.mono * 0.35);
    let target_point = |target: Target| match target {
        Target::WebApp => (c_x, cp_y + row_y(&cp, 3)),
        Target::Relay => (c_x, cp_y + row_y(&cp, 6)),
        Target::Services => (c_x, services_y + services.height / 2.0),
        Target::Internet => (c_x, internet_y + internet.height / 2.0),
    };
    open_marked(
        &mut doc,
        "npip-flows",
        Element::Connections,
        marks.of(&[Element::Connections]).as_ref(),
    );
    let entry_mid = entry_y + entry_h / 2.0;
    let mid_ab = (a_x + a_w + b_x) / 2.0;
    doc.arrow(
        &[origin, (mid_ab, origin.1), (mid_ab, entry_mid), (b_x, entry_mid)],
        "",
        "",
    );
    let (direct, through) = routes(facts);
    let b_right = b_x + b_w;
    let trunk = |offset: f64| b_right + offset;
    let direct_trunk = if appliance.is_some() { trunk(32.0) } else { trunk(24.0) };
    for target in &direct {
        let (class, head) = flow_classes(*target);
        let end = target_point(*target);
        doc.arrow(
            &[
                (b_right, entry_mid),
                (direct_trunk, entry_mid),
                (direct_trunk, end.1),
                end,
            ],
            class,
            head,
        );
    }
    if let Some(appliance) = &appliance {
        let x = b_x + b_w / 2.0;
        doc.arrow(&[(x, entry_y + entry_h), (x, appliance_y)], "", "");
        let exit = (appliance_top + appliance.height / 2.0).round();
        for target in &through {
            let (class, head) = flow_classes(*target);
            let end = target_point(*target);
            doc.arrow(
                &[(b_right, exit), (trunk(16.0), exit), (trunk(16.0), end.1), end],
                class,
                head,
            );
        }
    }
    if !facts.scc {
        // Inbound: from the control plane over the top into the VNet.
        let lane = body_top - 16.0;
        let from = (c_x + c_w / 2.0, cp_y);
        let to = (a_x + a_w / 2.0, vnet_y);
        doc.arrow(
            &[from, (from.0, lane), (to.0, lane), to],
            "npip-flow-in",
            "npip-head-in",
        );
        doc.text(
            (from.0 + to.0) / 2.0,
            lane - 7.0,
            ty.small,
            Face::SansBold,
            "npip-wt",
            Anchor::Middle,
            "▲ inbound: the control plane connects to node public IPs",
            from.0 - to.0 - 40.0,
        );
    }
    doc.svg.close("g");

    legend(&mut doc, &ty, height, facts.scc, marks);
    doc.finish((W, height), title, desc)
}

/// The key along the bottom: what arrows, "!" and "▲" mean ("!" only in the severities the picture shows).
fn legend(doc: &mut Doc, ty: &Type, height: f64, scc: bool, marks: &Marks) {
    let y = height - FOOTER_H / 2.0 + 5.0;
    let mid = y - ty.small * 0.35;
    doc.svg.leaf(
        "line",
        super::svg::attrs!["class" => "npip-rule", "x1" => MARGIN, "y1" => height - FOOTER_H, "x2" => W - MARGIN, "y2" => height - FOOTER_H],
    );
    doc.svg.open("g", super::svg::attrs!["class" => "npip-legend"]);
    let mut x = MARGIN;
    let (flow, flow_head, flow_label) = if scc {
        (
            "npip-flow-scc",
            "npip-head-scc",
            "secure cluster connectivity (TCP 443)",
        )
    } else {
        ("npip-flow-in", "npip-head-in", "inbound from the control plane")
    };
    for (class, head, label) in [("", "", "connection, opened this way"), (flow, flow_head, flow_label)] {
        doc.arrow(&[(x, mid), (x + 30.0, mid)], class, head);
        x += 38.0;
        doc.text_exact(x, y, ty.small, Face::Sans, "", Anchor::Start, label, None);
        x += text::width(label, ty.small, Face::Sans) + 24.0;
    }
    let mut right = W - MARGIN;
    for (severity, label) in [(Severity::Warning, "warning"), (Severity::Error, "error")] {
        if !marks.iter().any(|(_, mark)| mark.severity == severity) {
            continue;
        }
        right -= text::width(label, ty.small, Face::Sans);
        doc.text_exact(right, y, ty.small, Face::Sans, "", Anchor::Start, label, None);
        doc.badge(right - 16.0, mid, severity, ty.kicker);
        right -= 44.0;
    }
    doc.svg.close("g");
}

/// The compact size fits the egress step's side column (about 358 px) at its natural size.
const CW: f64 = 352.0;
const CX: f64 = 12.0;

fn compact(facts: &Facts, marks: &Marks, options: &DiagramOptions, title: &str, desc: &str) -> String {
    let ty = Type::of(DiagramSize::Compact);
    let pad = ty.pad;
    let x = CX;
    let w = CW - 2.0 * x;
    let mut doc = Doc::new(options, "net");
    let top = (header(&mut doc, facts, marks, &ty, CW, true) + 14.0).round();

    // No capacity row here: capacity findings mark the VNet box.
    let vnet = Laid::new(
        vnet_card(facts, true),
        w,
        &ty,
        marks.of(&[Element::Vnet, Element::Capacity]),
    );
    let half = (w - 2.0 * pad - GAP) / 2.0;
    let (first, second) = match &facts.net {
        Net::Injected { host, container, .. } => (
            Laid::new(
                compact_subnet_card("Host", host, Element::HostSubnet, "host"),
                half,
                &ty,
                marks.of(&[Element::HostSubnet]),
            ),
            Laid::new(
                compact_subnet_card("Container", container, Element::ContainerSubnet, "cont"),
                half,
                &ty,
                marks.of(&[Element::ContainerSubnet]),
            ),
        ),
        Net::Managed { .. } => (
            Laid::new(
                Card::new("managed", vec![Element::HostSubnet])
                    .line(Line::Kicker("Host".to_string()))
                    .line(Line::Muted("managed".to_string())),
                half,
                &ty,
                marks.of(&[Element::HostSubnet]),
            ),
            Laid::new(
                Card::new("managed", vec![Element::ContainerSubnet])
                    .line(Line::Kicker("Container".to_string()))
                    .line(Line::Muted("managed".to_string())),
                half,
                &ty,
                marks.of(&[Element::ContainerSubnet]),
            ),
        ),
    };
    let nsg_line = match &facts.net {
        Net::Injected { nsg, .. } => {
            Card::new("row", vec![Element::Nsg]).line(Line::Muted(format!("NSG {nsg} on both subnets")))
        }
        Net::Managed { .. } => {
            Card::new("row", Vec::new()).line(Line::Muted("no NSG, routes or firewall of your own".to_string()))
        }
    };
    let nsg = Laid::new(nsg_line, w, &ty, marks.of(&[Element::Nsg]));
    let subnets_h = first.height.max(second.height);
    let vnet_h = vnet.height + subnets_h + nsg.height;

    let cards = egress_cards(facts, true);
    let entry = Laid::new(cards.entry, w, &ty, marks.of(&[Element::Egress, Element::RouteTable]));
    let chip = cards
        .chip
        .map(|c| Laid::new(c, w - 2.0 * pad, &ty, marks.of(&[Element::PublicIp])));
    let appliance = cards
        .appliance
        .map(|c| Laid::new(c, w - 2.0 * pad, &ty, marks.of(&[Element::Firewall])));
    let inner = chip.as_ref().or(appliance.as_ref());
    let entry_h = entry.height + inner.map_or(0.0, |c| c.height + pad);

    // The control plane takes the wider share: it names the region (up to 18 letters, "germanywestcentral").
    let net_w = 124.0;
    let cp_w = w - GAP - net_w;
    let cp = Laid::new(
        control_plane_card(facts, true),
        cp_w,
        &ty,
        marks.of(&[Element::ControlPlane]),
    );
    let net = Laid::new(
        Card::new("net", Vec::new())
            .line(Line::Kicker("Internet".to_string()))
            .line(Line::Muted("and Azure services".to_string())),
        net_w,
        &ty,
        None,
    );
    let dest_h = cp.height.max(net.height);
    let arrow_gap = 30.0;

    let vnet_y = top;
    let entry_y = vnet_y + vnet_h + arrow_gap;
    let dest_y = entry_y + entry_h + arrow_gap;
    let note_y = dest_y + dest_h + 22.0;
    vnet.draw_sized(&mut doc, x, vnet_y, vnet_h, &ty, |doc| {
        let sy = vnet_y + vnet.height;
        first.draw_sized(doc, x + pad, sy, subnets_h, &ty, |_| {});
        second.draw_sized(doc, x + pad + half + GAP, sy, subnets_h, &ty, |_| {});
        nsg.draw(doc, x, sy + subnets_h, &ty);
    });
    entry.draw_sized(&mut doc, x, entry_y, entry_h, &ty, |doc| {
        if let Some(inner) = inner {
            inner.draw(doc, x + pad, entry_y + entry.height, &ty);
        }
    });
    cp.draw_sized(&mut doc, x, dest_y, dest_h, &ty, |_| {});
    net.draw_sized(&mut doc, x + cp_w + GAP, dest_y, dest_h, &ty, |_| {});

    open_marked(
        &mut doc,
        "npip-flows",
        Element::Connections,
        marks.of(&[Element::Connections]).as_ref(),
    );
    let mid = x + w / 2.0;
    doc.arrow(&[(mid, vnet_y + vnet_h), (mid, entry_y)], "", "");
    let out_y = entry_y + entry_h;
    let fork = out_y + arrow_gap / 2.0;
    let cp_mid = x + cp_w / 2.0;
    let net_mid = x + cp_w + GAP + net_w / 2.0;
    let (scc_class, scc_head) = if facts.scc {
        ("npip-flow-scc", "npip-head-scc")
    } else {
        ("", "")
    };
    doc.arrow(&[(mid, out_y), (mid, fork), (net_mid, fork), (net_mid, dest_y)], "", "");
    doc.arrow(
        &[(mid, out_y), (mid, fork), (cp_mid, fork), (cp_mid, dest_y)],
        scc_class,
        scc_head,
    );
    if !facts.scc {
        // Inbound: up the left margin from the control plane into the VNet.
        let from = (x, dest_y + dest_h / 2.0);
        let side = x / 2.0;
        doc.arrow(
            &[from, (side, from.1), (side, vnet_y + 20.0), (x, vnet_y + 20.0)],
            "npip-flow-in",
            "npip-head-in",
        );
    }
    doc.svg.close("g");
    let note = if facts.scc {
        ("", "Clusters dial out; nothing connects in.")
    } else {
        ("npip-wt", "▲ SCC off: the control plane connects in.")
    };
    let face = if facts.scc { Face::Sans } else { Face::SansBold };
    let last = doc.wrapped(x, note_y, ty.small, face, note.0, note.1, w, 2);
    doc.finish((CW, (last + 12.0).round()), title, desc)
}
