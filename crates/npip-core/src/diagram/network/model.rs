//! The network diagram's model: what the picture shows of a plan, already turned into display text, and which
//! destinations each exit of the egress path reaches.

use crate::cidr::{Cidr, CidrError};
use crate::diagram::shown::{shown, shown_name, ManagedPrefix};
use crate::finding::Field;
use crate::plan::{Egress, Network, Plan, Vnet};
use crate::sizing;

/// A CIDR as typed, parsed.
pub(super) struct Block {
    pub(super) text: String,
    pub(super) parsed: Result<Cidr, CidrError>,
}

impl Block {
    pub(super) fn of(text: &str) -> Block {
        Block {
            text: text.trim().to_string(),
            parsed: text.parse(),
        }
    }

    /// The block as text, or a label saying it is not one.
    pub(super) fn label(&self) -> String {
        match &self.parsed {
            Ok(cidr) => cidr.to_string(),
            Err(_) if self.text.is_empty() => "no CIDR".to_string(),
            Err(_) => format!("invalid CIDR \u{201c}{}\u{201d}", self.text),
        }
    }

    pub(super) fn issue(&self, what: &str) -> Option<String> {
        match &self.parsed {
            Ok(_) => None,
            Err(error) => Some(format!("the {what} \u{201c}{}\u{201d} {error}", self.text)),
        }
    }
}

pub(super) struct Subnet {
    pub(super) name: String,
    pub(super) block: Block,
}

pub(super) enum Net {
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
pub(super) struct Facts<'a> {
    pub(super) workspace: String,
    pub(super) region: String,
    pub(super) scc: bool,
    pub(super) public_access: &'static str,
    pub(super) peak: u32,
    pub(super) net: Net,
    pub(super) egress: &'a Egress,
    /// The firewall's private IP lies outside every range of the workspace VNet (usually in a peered hub): the
    /// range to avoid that holds it and its label, if the plan lists one.
    pub(super) firewall_outside: Option<Option<(String, String)>>,
}

impl<'a> Facts<'a> {
    pub(super) fn of(plan: &'a Plan) -> Facts<'a> {
        let net = match &plan.network {
            Network::Managed {
                address_prefix,
                nat_gateway_name,
                public_ip_name,
            } => {
                let prefix = ManagedPrefix::of(address_prefix.as_deref());
                Net::Managed {
                    block: Block {
                        text: prefix.two_octets.to_string(),
                        parsed: prefix.block,
                    },
                    custom: prefix.custom,
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
            region: shown(&plan.workspace.region, "(no region)"),
            scc: plan.connectivity.secure_cluster_connectivity,
            public_access: plan.connectivity.public_network_access.as_str(),
            peak: plan.peak_nodes,
            firewall_outside: firewall_outside(plan),
            net,
            egress: &plan.egress,
        }
    }

    pub(super) fn is_managed(&self) -> bool {
        matches!(self.net, Net::Managed { .. })
    }

    /// Nodes the two subnets hold: each node takes one address in each, after Azure's five reserved.
    pub(super) fn capacity(&self) -> Option<u64> {
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
/// findings agree): the range to avoid that holds it and its label, if the plan lists one. The plan is the normalised
/// copy the rules judge, as every picture draws.
fn firewall_outside(plan: &Plan) -> Option<Option<(String, String)>> {
    // Only a firewall with VNet injection can be outside the VNet; the other plans skip the CIDR parsing.
    if !matches!(plan.egress, Egress::Firewall { .. }) || plan.network.injection().is_none() {
        return None;
    }
    let (_, holder) = crate::rules::firewall_outside(&crate::rules::Facts::new(plan))?;
    Some(holder.map(|(field, range)| {
        let label = match field {
            Field::AvoidCidr(i) => plan.avoid.get(i).map(|a| a.label.clone()).unwrap_or_default(),
            _ => String::new(),
        };
        (range.to_string(), label)
    }))
}

pub(super) fn egress_title(egress: &Egress) -> &'static str {
    match egress {
        Egress::ManagedNatGateway => "managed NAT gateway",
        Egress::LoadBalancer { .. } => "outbound load balancer",
        Egress::NatGateway { .. } => "NAT gateway",
        Egress::Firewall { .. } => "firewall with user-defined routes",
        Egress::ServiceTagRoutes { .. } => "service-tag routes",
    }
}

/// Which destination an arrow ends at.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    WebApp,
    Relay,
    Services,
    Internet,
}

/// The targets reached through each exit of the egress path: (via the entry card, via the appliance).
pub(super) fn routes(facts: &Facts) -> (Vec<Target>, Vec<Target>) {
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
