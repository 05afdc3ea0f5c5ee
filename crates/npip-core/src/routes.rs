//! The routes a plan's route table needs: a fact about the plan, below both the rules and the emitters. One function
//! decides them for the rules that judge the routes, the ARM template (service tags) and the UDR checklist (service
//! tags or, on request, the region's IPs), so the three never disagree.

use crate::plan::{Egress, Plan, RequiredNsgRules, Vnet};
use crate::regions::{EndpointClass, Region, ServiceTag, Values};
use crate::text::plural;
use serde::Serialize;

/// Where a route sends traffic (`nextHopType` in ARM).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NextHopType {
    Internet,
    VirtualAppliance,
}

impl NextHopType {
    pub const fn as_str(self) -> &'static str {
        match self {
            NextHopType::Internet => "Internet",
            NextHopType::VirtualAppliance => "VirtualAppliance",
        }
    }
}

/// One route: in the template's route table and in the UDR checklist alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub name: String,
    /// A CIDR block or a service tag name.
    pub address_prefix: String,
    pub is_service_tag: bool,
    pub next_hop_type: NextHopType,
    /// Only for `VirtualAppliance`: the firewall's private IP.
    pub next_hop_ip: Option<String>,
    pub purpose: String,
}

/// The routes of a plan's route table, what they send past the firewall, and notes for people.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RouteSet {
    pub routes: Vec<Route>,
    /// Endpoint classes the routes send straight to the internet (so a firewall never sees them).
    pub bypassed: crate::order::SortedSet<EndpointClass>,
    /// Whether the firewall's SCC relay bypass needs routes of its own (it is not covered by the service-tag
    /// routes, and the relay is not reached privately), whether or not the catalog has the relay's IPs for them.
    pub relay_bypass_wanted: bool,
    /// How the routes carry the SCC relay straight to the internet, if they do.
    pub relay_route: Option<RelayRoute>,
    pub notes: Vec<String>,
}

/// How a route table carries the SCC relay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RelayRoute {
    /// The AzureDatabricks service tag route (`adb-control-plane`), whose prefixes Azure keeps current.
    ServiceTag,
    /// Routes to the relay IPs the catalog holds, which must follow any change of those IPs. While
    /// `relays_without_ip` is not zero some relay has no route, so the relay is not counted as bypassed and a firewall
    /// keeps its rule.
    Ips { relays_without_ip: usize },
}

impl RouteSet {
    /// Whether any route leaves through Azure's internet edge. Such a route needs a public source address, which
    /// no NAT gateway or load balancer gives here: see [`internet_source`].
    pub fn has_internet_routes(&self) -> bool {
        self.routes.iter().any(|r| r.next_hop_type == NextHopType::Internet)
    }

    fn push_tag(&mut self, name: &str, tag: ServiceTag, purpose: &str, covers: &[EndpointClass]) {
        self.routes.push(Route {
            name: name.to_string(),
            address_prefix: tag.as_str().to_string(),
            is_service_tag: true,
            next_hop_type: NextHopType::Internet,
            next_hop_ip: None,
            purpose: purpose.to_string(),
        });
        self.bypassed.extend(covers.iter().copied());
    }

    /// The routes of one of the Sql, Storage and EventHub tags, with next hop Internet: one per regional tag where the
    /// catalog knows where the region's endpoints sit, else one to the global tag. `what` names the endpoints (the
    /// storage routes list their classes instead). False when the tag stays global.
    fn push_service_tag(&mut self, base: &str, tag: ServiceTag, region: &Region, what: &str) -> bool {
        let covers = region.tag_classes(tag);
        let purpose = |classes: &[EndpointClass]| {
            if what.is_empty() {
                sentence(classes)
            } else {
                what.to_string()
            }
        };
        let Some(tags) = region.regional_tags(tag) else {
            self.push_tag(base, tag, &purpose(&covers), &covers);
            return false;
        };
        for regional in tags {
            self.routes.push(Route {
                name: format!("{base}-{}", regional.region.name),
                address_prefix: regional.name,
                is_service_tag: true,
                next_hop_type: NextHopType::Internet,
                next_hop_ip: None,
                purpose: format!("{}, in {}", purpose(&regional.classes), regional.region.display_name),
            });
        }
        self.bypassed.extend(covers);
        true
    }

    /// Routes to the region's control plane NAT IPs, or a note where the catalog has none.
    fn push_control_plane_nat(&mut self, region: &Region, purpose: &str) {
        if !self.push_blocks(
            "adb-control-plane-nat",
            region.control_plane_nat_ips,
            purpose,
            EndpointClass::ControlPlaneNat,
        ) {
            self.notes.push(format!(
                "The catalog has no control plane NAT IPs for {}: add a route with next hop Internet for each one \
                 from {}, or use the AzureDatabricks service tag instead.",
                region.name,
                crate::regions::OFFICIAL_PAGE
            ));
        }
    }

    /// Routes to the region's relay IPs, and what they leave out: a relay without an IP in the catalog is neither
    /// routed nor counted as bypassed, so a firewall keeps the relay rule for it. False when the catalog has no relay
    /// IP at all (the caller says what then).
    fn push_relay_ips(&mut self, region: &Region, purpose: &str, firewall: bool) -> bool {
        let relays_without_ip = region.relays_without_ip();
        if !self.push_block_routes("adb-scc-relay", region.scc_relay_ips, purpose) {
            return false;
        }
        self.relay_route = Some(RelayRoute::Ips { relays_without_ip });
        if relays_without_ip == 0 {
            self.bypassed.insert(EndpointClass::SccRelay);
        } else {
            let then = if firewall {
                " Until then the firewall keeps the relay rule (databricks-scc-relay), so every relay is still \
                 reached through it."
            } else {
                ""
            };
            self.notes.push(format!(
                "{} has {} ({}) but the catalog holds {} ({}) and does not say which relay each belongs to: the \
                 routes above cover those IPs, and at least {} without a route of its own. Add a /32 route for \
                 every relay IP that {} lists for the region.{then}",
                region.name,
                plural(region.scc_relay_fqdns.as_slice().len(), "SCC relay", "SCC relays"),
                region.scc_relay_fqdns.as_slice().join(", "),
                plural(region.scc_relay_ips.as_slice().len(), "relay IP", "relay IPs"),
                region.scc_relay_ips.as_slice().join(", "),
                plural(relays_without_ip, "relay is", "relays are"),
                crate::regions::OFFICIAL_PAGE
            ));
        }
        true
    }

    /// Internet routes for each block, named `<name>-1`, `<name>-2`, …; a block already routed is skipped. Returns
    /// false when the catalog has no blocks.
    fn push_blocks(&mut self, name: &str, values: Values, purpose: &str, class: EndpointClass) -> bool {
        let pushed = self.push_block_routes(name, values, purpose);
        if pushed {
            self.bypassed.insert(class);
        }
        pushed
    }

    /// [`RouteSet::push_blocks`] without counting the class as bypassed.
    fn push_block_routes(&mut self, name: &str, values: Values, purpose: &str) -> bool {
        let Values::Listed(blocks) = values else {
            return false;
        };
        for (i, block) in blocks.iter().enumerate() {
            if self.routes.iter().any(|r| r.address_prefix == *block) {
                continue;
            }
            self.routes.push(Route {
                name: format!("{name}-{}", i + 1),
                address_prefix: (*block).to_string(),
                is_service_tag: false,
                next_hop_type: NextHopType::Internet,
                next_hop_ip: None,
                purpose: purpose.to_string(),
            });
        }
        true
    }
}

/// Where a plan's routes with next hop Internet get the public source address they need. With a route table there
/// is no NAT gateway or load balancer, so it is the nodes' own public IPs or the subnets' default outbound access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InternetSource {
    /// Secure cluster connectivity is off: every node has a public IP of its own.
    NodePublicIps,
    /// An existing VNet's default outbound access, which the template keeps on the subnets it adds.
    DefaultOutboundAccess,
    /// Nothing: a new VNet's subnets are private (Microsoft.Network 2025-07-01 and later give them no default
    /// outbound access) and with secure cluster connectivity the nodes have no public IP.
    Nothing,
}

/// The one decision on that source, which the template, the checklists and NPIP-E301/W301 all read.
pub(crate) fn internet_source(plan: &Plan) -> InternetSource {
    let new_vnet = matches!(plan.network.injection().map(|i| &i.vnet), Some(Vnet::New { .. }));
    if !plan.connectivity.secure_cluster_connectivity {
        InternetSource::NodePublicIps
    } else if new_vnet {
        InternetSource::Nothing
    } else {
        InternetSource::DefaultOutboundAccess
    }
}

/// The subnets' `defaultOutboundAccess` in the template: true only where the routes depend on it, that is routes
/// with next hop Internet in an existing VNet whose nodes have no public IP. Everything else states false, so the
/// template means the same on every Microsoft.Network API version; a new VNet's subnets are always private.
pub(crate) fn default_outbound_access(plan: &Plan, routes: Option<&RouteSet>) -> bool {
    routes.is_some_and(RouteSet::has_internet_routes) && internet_source(plan) == InternetSource::DefaultOutboundAccess
}

/// What the UDR checklist says about where the routes with next hop Internet leave from, if there are any.
pub(crate) fn internet_source_note(plan: &Plan, routes: &RouteSet) -> Option<String> {
    if !routes.has_internet_routes() {
        return None;
    }
    Some(match internet_source(plan) {
        InternetSource::NodePublicIps => "Routes with next hop Internet leave from the nodes' own public IPs: secure \
                                          cluster connectivity is off."
            .to_string(),
        InternetSource::DefaultOutboundAccess => "Routes with next hop Internet leave through the existing VNet's \
                                                  default outbound access, which the template keeps on the two new \
                                                  subnets (defaultOutboundAccess: true). Microsoft recommends an \
                                                  explicit outbound method instead: a NAT gateway on the subnets \
                                                  gives these routes a public IP of your own."
            .to_string(),
        InternetSource::Nothing => "Routes with next hop Internet have no public source address in a new VNet: its \
                                   subnets get no default outbound access (NPIP-E301)."
            .to_string(),
    })
}

/// What the checklists say, in their IP-range form, about the routes that stay service tags (Sql, Storage,
/// EventHub), if the route set has any: which, and why.
pub(crate) fn kept_tags_note(set: &RouteSet) -> Option<String> {
    let kept: Vec<String> = set
        .routes
        .iter()
        .filter(|r| r.is_service_tag && r.address_prefix != ServiceTag::AzureDatabricks.as_str())
        .map(|r| r.address_prefix.clone())
        .collect();
    if kept.is_empty() {
        return None;
    }
    Some(format!(
        "With IP ranges instead of service tags, these routes stay service tags: {}. Microsoft publishes the \
         metastore, storage and Event Hubs endpoints as host names only, with no IP ranges to route, and a route \
         takes an address prefix or a service tag, never a host name.",
        kept.join(", ")
    ))
}

/// "Artifact storage (primary), log storage and DBFS root storage": endpoint classes for a route's purpose.
fn sentence(classes: &[EndpointClass]) -> String {
    let titles: Vec<String> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| if i == 0 { c.title().to_string() } else { c.in_sentence() })
        .collect();
    match titles.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// What the UDR checklist says about the Sql, Storage and EventHub routes: which endpoints sit in other regions (so
/// those regions' tags are there too), and why a tag in `global` stays global.
fn regional_tag_notes(region: &Region, global: &[ServiceTag]) -> Vec<String> {
    let mut notes = Vec::new();
    let elsewhere: Vec<String> = [ServiceTag::Sql, ServiceTag::Storage, ServiceTag::EventHub]
        .into_iter()
        .filter_map(|tag| region.regional_tags(tag))
        .flatten()
        .filter(|t| t.region.name != region.name)
        .map(|t| {
            let what: Vec<String> = t.classes.iter().map(|c| c.in_sentence()).collect();
            format!("{} in {} ({})", what.join(", "), t.region.display_name, t.name)
        })
        .collect();
    if !elsewhere.is_empty() {
        notes.push(format!(
            "Some of {}'s endpoints sit in other regions, so the routes name those regions' tags too: {}. (Read from \
             the endpoints' host names in the region catalog.)",
            region.name,
            elsewhere.join("; ")
        ));
    }
    if global.is_empty() {
        return notes;
    }
    let tags: Vec<&str> = global.iter().map(|t| t.as_str()).collect();
    let tags = tags.join(", ");
    if region.service_tag_region.is_none() {
        notes.push(format!(
            "In {} the {tags} routes keep the global tags, which cover every region of the cloud: the planner has \
             not verified that cloud's regional tag names. To narrow them, look the names up with `az network \
             list-service-tags --location {}`.",
            region.cloud.title(),
            region.name
        ));
    } else {
        notes.push(format!(
            "The catalog does not know where all of {}'s endpoints covered by {tags} sit, so those routes keep the \
             global tags, which cover every region: take the endpoints from {} to narrow them.",
            region.name,
            crate::regions::OFFICIAL_PAGE
        ));
    }
    notes
}

/// What the control plane NAT routes are for.
const CONTROL_PLANE_RETURN: &str =
    "Control plane NAT, for the return path of its connections to nodes without secure cluster connectivity";

/// The route set of a plan, or `None` when its egress uses no route table (managed VNet, NAT gateway, load
/// balancer). `use_ips` writes the `AzureDatabricks` endpoints as the region's IP ranges instead of the tag.
pub(crate) fn route_set(plan: &Plan, region: &Region, use_ips: bool) -> Option<RouteSet> {
    plan.network.injection()?;
    let (firewall_ip, service_tag_routes, relay_bypass) = match &plan.egress {
        Egress::Firewall {
            firewall_private_ip,
            scc_relay_bypass,
            service_tag_routes,
            ..
        } => (
            Some(firewall_private_ip.as_str()),
            *service_tag_routes,
            *scc_relay_bypass,
        ),
        Egress::ServiceTagRoutes { .. } => (None, true, false),
        Egress::ManagedNatGateway | Egress::LoadBalancer { .. } | Egress::NatGateway { .. } => return None,
    };
    let scc = plan.connectivity.secure_cluster_connectivity;
    let private_back_end = plan.connectivity.required_nsg_rules == RequiredNsgRules::NoAzureDatabricksRules;
    let official = crate::regions::OFFICIAL_PAGE;
    let mut set = RouteSet::default();

    if let Some(ip) = firewall_ip {
        set.routes.push(Route {
            name: "default-via-firewall".to_string(),
            address_prefix: "0.0.0.0/0".to_string(),
            is_service_tag: false,
            next_hop_type: NextHopType::VirtualAppliance,
            next_hop_ip: Some(ip.to_string()),
            purpose: "Everything not matched by a narrower route goes to the firewall for inspection".to_string(),
        });
    }

    // Without secure cluster connectivity the control plane connects in to the nodes' public IPs (SSH 22, proxy
    // 5557), and the replies must go straight back to it: sent to the firewall, which never saw those connections,
    // they are dropped (asymmetric routing). The service-tag routes below carry them when the plan has those.
    if firewall_ip.is_some() && !scc && !service_tag_routes {
        let route = if use_ips {
            set.push_control_plane_nat(region, CONTROL_PLANE_RETURN);
            "The adb-control-plane-nat routes send"
        } else {
            set.push_tag(
                "adb-control-plane",
                ServiceTag::AzureDatabricks,
                "Azure Databricks control plane and web app: replies to the control plane's connections to the \
                 nodes go straight back, not through the firewall",
                &[EndpointClass::WebApp, EndpointClass::ControlPlaneNat],
            );
            "The adb-control-plane route (AzureDatabricks tag, which also takes the web app traffic past the \
             firewall) sends"
        };
        set.notes.push(format!(
            "Secure cluster connectivity is off, so the control plane connects in to the nodes' public IPs (TCP 22 \
             and 5557). {route} the replies straight back to it: through the firewall, which never saw those \
             connections, they would be dropped (asymmetric routing)."
        ));
    }

    if service_tag_routes {
        if private_back_end {
            set.notes.push(
                "No route for the Azure Databricks control plane: with requiredNsgRules = NoAzureDatabricksRules the \
                 clusters reach it through the back-end private endpoint."
                    .to_string(),
            );
        } else if use_ips {
            set.push_blocks(
                "adb-webapp",
                region.webapp_ips,
                "Azure Databricks web app and control plane (IP range instead of the AzureDatabricks tag)",
                EndpointClass::WebApp,
            );
            if scc {
                if !set.push_relay_ips(
                    region,
                    "Secure cluster connectivity relay (IP instead of the AzureDatabricks tag)",
                    firewall_ip.is_some(),
                ) {
                    set.notes.push(format!(
                        "The catalog has no SCC relay IPs for {}: add a route per relay IP from {official}, or use \
                         the AzureDatabricks service tag instead.",
                        region.name
                    ));
                }
            } else {
                set.push_control_plane_nat(region, CONTROL_PLANE_RETURN);
            }
        } else if scc {
            set.push_tag(
                "adb-control-plane",
                ServiceTag::AzureDatabricks,
                "Azure Databricks control plane, web app and secure cluster connectivity relay",
                &[EndpointClass::WebApp, EndpointClass::SccRelay],
            );
            set.relay_route = Some(RelayRoute::ServiceTag);
        } else {
            // Without secure cluster connectivity there is no relay; the tag carries the replies to the control
            // plane's connections in to the nodes instead.
            set.push_tag(
                "adb-control-plane",
                ServiceTag::AzureDatabricks,
                "Azure Databricks control plane and web app, and the replies to the control plane's connections to \
                 the nodes",
                &[EndpointClass::WebApp, EndpointClass::ControlPlaneNat],
            );
        }
        let mut global = Vec::new();
        for (base, tag, what) in [
            (
                "adb-metastore",
                ServiceTag::Sql,
                "Metastore (Azure Database for MySQL, TCP 3306)",
            ),
            ("adb-storage", ServiceTag::Storage, ""),
            (
                "adb-eventhub",
                ServiceTag::EventHub,
                "Event Hubs for logs and telemetry (TCP 9093)",
            ),
        ] {
            if !set.push_service_tag(base, tag, region, what) {
                global.push(tag);
            }
        }
        set.notes.extend(regional_tag_notes(region, &global));
        if use_ips {
            set.notes.extend(kept_tags_note(&set));
        }
        if !set.push_blocks(
            "adb-extended-infrastructure",
            region.extended_infrastructure_ips,
            "Azure Databricks extended infrastructure (no service tag covers it)",
            EndpointClass::ExtendedInfrastructure,
        ) {
            set.notes.push(format!(
                "The catalog has no extended-infrastructure range for {}. If {official} lists one for the region, \
                 add a route for it with next hop Internet.",
                region.name
            ));
        }
    }

    if relay_bypass {
        if !scc {
            set.notes.push(
                "The plan asks to bypass the SCC relay, but secure cluster connectivity is off, so there is no relay \
                 to route."
                    .to_string(),
            );
        } else if private_back_end {
            set.notes.push(
                "The plan asks to bypass the SCC relay; with the back-end private endpoint the relay is reached \
                 privately, so no route is needed."
                    .to_string(),
            );
        } else if set.relay_route.is_some() {
            set.notes
                .push("The SCC relay already bypasses the firewall through the routes above.".to_string());
        } else {
            set.relay_bypass_wanted = true;
            if !set.push_relay_ips(
                region,
                "Secure cluster connectivity relay, sent past the firewall",
                true,
            ) {
                set.notes.push(format!(
                    "The plan asks to bypass the SCC relay, but the catalog has no relay IPs for {}: the relay stays \
                     on the firewall until you add /32 routes for its IPs from {official}.",
                    region.name
                ));
            }
        }
    }
    Some(set)
}
