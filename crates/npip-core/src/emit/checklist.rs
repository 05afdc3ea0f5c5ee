//! The UDR checklist and the firewall checklist: what to configure by hand (or hand to the network team), built
//! from the plan and the region catalog.

use super::files::{Format, Options};
use crate::finding::Finding;
use crate::plan::{Egress, Network, Plan, RequiredNsgRules};
use crate::regions::{self, EndpointClass, Region, ServiceTag, Values};
use crate::routes::{
    internet_source, internet_source_note, kept_tags_note, route_set, InternetSource, NextHopType, RelayRoute, Route,
    RouteSet,
};
use crate::rules::{self, Refused, Valid};
use crate::text::plural;
use serde::Serialize;

/// Which checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChecklistKind {
    Udr,
    Firewall,
}

impl ChecklistKind {
    pub const fn title(self) -> &'static str {
        match self {
            ChecklistKind::Udr => "UDR checklist",
            ChecklistKind::Firewall => "Firewall checklist",
        }
    }

    /// File name without extension.
    pub const fn file_stem(self) -> &'static str {
        match self {
            ChecklistKind::Udr => "udr-checklist",
            ChecklistKind::Firewall => "firewall-checklist",
        }
    }

    /// The checklist's file name in a format: `udr-checklist.md` and so on.
    pub fn file_name(self, format: Format) -> String {
        format!("{}.{}", self.file_stem(), format.extension())
    }
}

/// What heads every checklist: whose plan, which region, and how fresh the region data is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    pub kind: ChecklistKind,
    pub workspace: String,
    pub region: String,
    pub region_display_name: String,
    pub catalog_as_of: &'static str,
    pub catalog_source: &'static str,
    pub official_page: &'static str,
}

/// A checklist, or why there is none for this plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checklist {
    Udr(UdrChecklist),
    Firewall(FirewallChecklist),
    NotApplicable(NotApplicable),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotApplicable {
    pub header: Header,
    pub reason: String,
}

/// The route table to create and where to attach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UdrChecklist {
    pub header: Header,
    pub route_table: String,
    pub routes: Vec<Route>,
    /// Associate the route table with each of these subnets.
    pub associate_with: Vec<SubnetRef>,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubnetRef {
    /// `host` or `container`.
    pub role: &'static str,
    pub name: String,
    pub cidr: String,
}

/// What the firewall must allow from the workspace's subnets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirewallChecklist {
    pub header: Header,
    /// The rules' source: the host and container subnet ranges.
    pub source_addresses: Vec<String>,
    pub application_rules: Vec<ApplicationRule>,
    pub network_rules: Vec<NetworkRule>,
    /// Endpoints the route table sends past the firewall, so no rule is needed for them.
    pub bypassing: Vec<String>,
    /// What changes when the SCC relay bypasses the firewall (stated whichever way the plan chose).
    pub scc_relay_bypass: String,
    pub notes: Vec<String>,
}

/// An FQDN-based rule (Azure Firewall application rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationRule {
    pub name: &'static str,
    pub purpose: &'static str,
    /// Empty when the values are not known yet; `note` then says where to find them.
    pub fqdns: Vec<String>,
    /// `Https`
    pub protocol: &'static str,
    pub port: &'static str,
    pub note: Option<String>,
}

/// What a network rule's destinations are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DestinationKind {
    ServiceTag,
    IpAddresses,
    /// FQDNs in a network rule: the firewall resolves them (Azure Firewall needs DNS proxy enabled).
    Fqdns,
}

impl DestinationKind {
    pub const fn title(self) -> &'static str {
        match self {
            DestinationKind::ServiceTag => "service tag",
            DestinationKind::IpAddresses => "IP addresses",
            DestinationKind::Fqdns => "FQDNs",
        }
    }
}

/// An address-based rule (Azure Firewall network rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkRule {
    pub name: &'static str,
    pub purpose: &'static str,
    pub destination_kind: DestinationKind,
    /// Empty when the values are not known; `note` then says where to find them.
    pub destinations: Vec<String>,
    pub protocol: &'static str,
    pub ports: Vec<&'static str>,
    pub note: Option<String>,
}

impl Checklist {
    pub fn header(&self) -> &Header {
        match self {
            Checklist::Udr(c) => &c.header,
            Checklist::Firewall(c) => &c.header,
            Checklist::NotApplicable(c) => &c.header,
        }
    }

    /// Whether the plan needs this checklist.
    pub fn applies(&self) -> bool {
        !matches!(self, Checklist::NotApplicable(_))
    }

    /// `udr-checklist.md` and so on.
    pub fn file_name(&self, format: Format) -> String {
        self.header().kind.file_name(format)
    }
}

/// The UDR checklist for the plan: the route table's routes and the subnets to attach it to. Routes name service
/// tags, or with [`Options::use_ip_addresses`] the region's IP ranges where the catalog has them.
pub fn udr_checklist(plan: &Plan, options: &Options) -> Result<Checklist, Refused> {
    Ok(udr_checklist_for(rules::check(plan).valid()?, options))
}

/// [`udr_checklist`] for a plan checked already.
pub fn udr_checklist_for(valid: Valid, options: &Options) -> Checklist {
    let (plan, region) = (valid.plan(), valid.region());
    let routes = route_set(plan, region, options.use_ip_addresses);
    udr(plan, region, routes, valid.findings())
}

/// The firewall checklist for the plan: application rules (FQDNs) and network rules (service tags or IPs) with
/// their purpose, and what changes when the SCC relay bypasses the firewall.
pub fn firewall_checklist(plan: &Plan, options: &Options) -> Result<Checklist, Refused> {
    Ok(firewall_checklist_for(rules::check(plan).valid()?, options))
}

/// [`firewall_checklist`] for a plan checked already.
pub fn firewall_checklist_for(valid: Valid, options: &Options) -> Checklist {
    let (plan, region) = (valid.plan(), valid.region());
    let routes = route_set(plan, region, options.use_ip_addresses);
    firewall(plan, region, options, routes.as_ref())
}

fn header(kind: ChecklistKind, plan: &Plan, region: &Region) -> Header {
    Header {
        kind,
        workspace: plan.workspace.name.clone(),
        region: region.name.to_string(),
        region_display_name: region.display_name.to_string(),
        catalog_as_of: regions::AS_OF,
        catalog_source: regions::SOURCE,
        official_page: regions::OFFICIAL_PAGE,
    }
}

/// Why a checklist does not apply to the plan, if it does not. It depends only on the network model and the egress
/// option, so it holds for a plan with errors too (the app says "not needed" rather than "held back" then).
pub fn not_applicable(kind: ChecklistKind, plan: &Plan) -> Option<String> {
    if let Network::Managed { .. } = plan.network {
        return Some(
            "The workspace uses a managed VNet: Azure Databricks owns and locks it, so no route table or firewall \
             can be attached. Choose VNet injection to control egress."
                .to_string(),
        );
    }
    let by_egress = match (&plan.egress, kind) {
        (Egress::Firewall { .. }, _) | (Egress::ServiceTagRoutes { .. }, ChecklistKind::Udr) => return None,
        (Egress::ServiceTagRoutes { .. }, ChecklistKind::Firewall) => {
            "Egress uses service-tag routes straight to the internet; no firewall inspects the traffic."
        }
        (Egress::NatGateway { .. }, _) => {
            "Egress goes through the NAT gateway; the plan has no route table or firewall."
        }
        (Egress::LoadBalancer { .. }, _) => {
            "Egress goes through the outbound load balancer; the plan has no route table or firewall."
        }
        (Egress::ManagedNatGateway, _) => {
            "The plan's egress is the managed NAT gateway, which only a managed VNet has; there is no route table \
             or firewall to configure."
        }
    };
    Some(by_egress.to_string())
}

/// The UDR checklist from the plan's route set (service tags or IPs as the options chose).
pub(super) fn udr(plan: &Plan, region: &Region, routes: Option<RouteSet>, findings: &[Finding]) -> Checklist {
    let header = header(ChecklistKind::Udr, plan, region);
    let (Some(injection), Some(set)) = (plan.network.injection(), routes) else {
        let reason = not_applicable(ChecklistKind::Udr, plan).unwrap_or_default();
        return Checklist::NotApplicable(NotApplicable { header, reason });
    };
    let route_table = match &plan.egress {
        Egress::Firewall { route_table_name, .. } | Egress::ServiceTagRoutes { route_table_name } => {
            route_table_name.clone()
        }
        _ => String::new(),
    };
    let source_note = internet_source_note(plan, &set);
    let RouteSet {
        routes,
        notes: route_notes,
        ..
    } = set;
    let mut notes = Vec::new();
    // First, as it comes first: without a way to the appliance the default route blackholes everything.
    // The peering warning's (or note's) own sentence, from the validation that let the plan through.
    let peering = [rules::FIREWALL_OUTSIDE_NEW_VNET.code, rules::FIREWALL_OUTSIDE_VNET.code];
    notes.extend(
        findings
            .iter()
            .find(|f| peering.contains(&f.code))
            .map(|f| f.message.clone()),
    );
    if let Egress::Firewall { .. } = plan.egress {
        let all_to_firewall = routes.iter().all(|r| r.next_hop_type != NextHopType::Internet);
        notes.push(if all_to_firewall {
            "Everything, Azure Databricks traffic included, goes to the firewall: allow it there (see the firewall \
             checklist)."
                .to_string()
        } else {
            "Everything the routes above do not send to Internet goes to the firewall: allow it there (see the \
             firewall checklist)."
                .to_string()
        });
    }
    notes.extend(route_notes);
    notes.extend(source_note);
    Checklist::Udr(UdrChecklist {
        header,
        route_table,
        routes,
        associate_with: vec![
            SubnetRef {
                role: "host",
                name: injection.host_subnet.name.clone(),
                cidr: injection.host_subnet.cidr.clone(),
            },
            SubnetRef {
                role: "container",
                name: injection.container_subnet.name.clone(),
                cidr: injection.container_subnet.cidr.clone(),
            },
        ],
        notes,
    })
}

fn gap_note(region: &Region, what: &str) -> String {
    format!(
        "The catalog has no {what} for {}: look it up on {} and add it.",
        region.name,
        regions::OFFICIAL_PAGE
    )
}

fn listed(values: Values) -> Vec<String> {
    values.as_slice().iter().map(|v| (*v).to_string()).collect()
}

/// The firewall checklist; `routes` is the plan's route set for the same options (what it sends past the firewall).
pub(super) fn firewall(plan: &Plan, region: &Region, options: &Options, routes: Option<&RouteSet>) -> Checklist {
    let header = header(ChecklistKind::Firewall, plan, region);
    let (
        Some(injection),
        Some(routes),
        Egress::Firewall {
            extra_fqdns,
            scc_relay_bypass,
            ..
        },
    ) = (plan.network.injection(), routes, &plan.egress)
    else {
        let reason = not_applicable(ChecklistKind::Firewall, plan).unwrap_or_default();
        return Checklist::NotApplicable(NotApplicable { header, reason });
    };
    let scc = plan.connectivity.secure_cluster_connectivity;
    let private_back_end = plan.connectivity.required_nsg_rules == RequiredNsgRules::NoAzureDatabricksRules;
    let on_firewall = |class: EndpointClass| !routes.bypassed.contains(&class);
    let mut application_rules = Vec::new();
    let mut network_rules = Vec::new();
    let mut notes = Vec::new();

    // ---- application rules (FQDNs, HTTPS 443) ----
    let mut app = |name: &'static str, class: EndpointClass, fqdns: Vec<String>, note: Option<String>| {
        application_rules.push(ApplicationRule {
            name,
            purpose: class.title(),
            fqdns,
            protocol: "Https",
            port: "443",
            note,
        });
    };
    if scc && !private_back_end && on_firewall(EndpointClass::SccRelay) {
        let note = if region.scc_relay_fqdns.is_missing() {
            Some(gap_note(region, "SCC relay FQDN"))
        } else if let Some(RelayRoute::Ips { relays_without_ip }) = routes.relay_route {
            Some(format!(
                "Kept although the route table bypasses the relay IPs the catalog holds: {relays_without_ip} of \
                 these relays have no IP there, and reach the control plane only through this rule."
            ))
        } else {
            None
        };
        app(
            "databricks-scc-relay",
            EndpointClass::SccRelay,
            listed(region.scc_relay_fqdns),
            note,
        );
    }
    let storage = [
        (
            "databricks-artifact-storage",
            EndpointClass::ArtifactStoragePrimary,
            region.artifact_primary_fqdns,
        ),
        (
            "databricks-artifact-storage-secondary",
            EndpointClass::ArtifactStorageSecondary,
            region.artifact_secondary_fqdns,
        ),
        ("databricks-log-storage", EndpointClass::LogStorage, region.log_fqdns),
    ];
    for (name, class, values) in storage {
        if on_firewall(class) {
            let note = values
                .is_missing()
                .then(|| gap_note(region, &class.title().to_ascii_lowercase()));
            app(name, class, listed(values), note);
        }
    }
    if !region.system_tables {
        // Not available in Azure China, Azure Government, West India and Switzerland West: no storage to allow.
        notes.push(format!(
            "System tables are not available in {}, so there is no system tables storage to allow (see {}).",
            region.name,
            regions::SYSTEM_TABLES_REGIONS_SOURCE
        ));
    } else if on_firewall(EndpointClass::SystemTablesStorage) {
        let fqdns = region.system_tables_fqdns();
        let note = if fqdns.is_missing() {
            format!(
                "The regional system tables account (ucstprd….dfs.{}) is not in the catalog's source: take the \
                 value for {} from {}.",
                region.cloud.storage_suffix(),
                region.name,
                regions::OFFICIAL_PAGE
            )
        } else {
            format!(
                "Not in the catalog's source; named in {}. Check it against {}.",
                regions::SYSTEM_TABLES_SOURCE,
                regions::OFFICIAL_PAGE
            )
        };
        app(
            "databricks-system-tables-storage",
            EndpointClass::SystemTablesStorage,
            listed(fqdns),
            Some(note),
        );
    }
    if on_firewall(EndpointClass::DbfsStorage) {
        app(
            "databricks-dbfs-storage",
            EndpointClass::DbfsStorage,
            Vec::new(),
            Some(format!(
                "Azure names the workspace's DBFS root account at deployment (dbstorage…, in resource group {}): \
                 allow <account>.blob.{suffix} and <account>.dfs.{suffix} once it exists.",
                plan.workspace.managed_resource_group_name(),
                suffix = region.cloud.storage_suffix()
            )),
        );
    }
    if !extra_fqdns.is_empty() {
        application_rules.push(ApplicationRule {
            name: "plan-extra-fqdns",
            purpose: "Asked for in the plan (package repositories and other services)",
            fqdns: extra_fqdns.clone(),
            protocol: "Https",
            port: "443",
            note: None,
        });
    }

    // ---- network rules ----
    let mut net = |name: &'static str, class: EndpointClass, kind: DestinationKind, destinations: Vec<String>, note| {
        network_rules.push(NetworkRule {
            name,
            purpose: class.title(),
            destination_kind: kind,
            destinations,
            protocol: "TCP",
            ports: class.ports().to_vec(),
            note,
        });
    };
    let tag = |t: ServiceTag| vec![t.as_str().to_string()];
    if private_back_end {
        notes.push(
            "No control plane or SCC relay rule: with requiredNsgRules = NoAzureDatabricksRules the clusters reach \
             them through the back-end private endpoint."
                .to_string(),
        );
    } else if on_firewall(EndpointClass::WebApp) {
        if options.use_ip_addresses {
            let note = region.webapp_ips.is_missing().then(|| gap_note(region, "web app IPs"));
            net(
                "databricks-webapp",
                EndpointClass::WebApp,
                DestinationKind::IpAddresses,
                listed(region.webapp_ips),
                note,
            );
        } else {
            net(
                "databricks-webapp",
                EndpointClass::WebApp,
                DestinationKind::ServiceTag,
                tag(ServiceTag::AzureDatabricks),
                None,
            );
        }
    }
    if on_firewall(EndpointClass::ExtendedInfrastructure) {
        let note = region
            .extended_infrastructure_ips
            .is_missing()
            .then(|| gap_note(region, "extended-infrastructure range"));
        net(
            "databricks-extended-infrastructure",
            EndpointClass::ExtendedInfrastructure,
            DestinationKind::IpAddresses,
            listed(region.extended_infrastructure_ips),
            note,
        );
    }
    for (name, class, service_tag, fqdns) in [
        (
            "databricks-metastore",
            EndpointClass::Metastore,
            ServiceTag::Sql,
            region.metastore_fqdns,
        ),
        (
            "databricks-eventhubs",
            EndpointClass::EventHubs,
            ServiceTag::EventHub,
            region.event_hubs_fqdns,
        ),
    ] {
        if !on_firewall(class) {
            continue;
        }
        if options.use_ip_addresses {
            let note = if fqdns.is_missing() {
                Some(gap_note(
                    region,
                    &format!("{} FQDN", class.title().to_ascii_lowercase()),
                ))
            } else {
                Some(
                    "Published as FQDNs only: the firewall resolves them (enable DNS proxy on Azure Firewall)."
                        .to_string(),
                )
            };
            net(name, class, DestinationKind::Fqdns, listed(fqdns), note);
        } else {
            net(
                name,
                class,
                DestinationKind::ServiceTag,
                region.service_tag_names(service_tag),
                None,
            );
        }
    }
    // Entra ID has no regional Azure Databricks endpoint to list: its addresses are published as the
    // AzureActiveDirectory tag (service tags page), so the IP-range form keeps the tag and says so.
    let entra_note = options.use_ip_addresses.then(|| {
        "This rule stays a service tag with IP ranges: Microsoft publishes Entra ID's addresses as the \
         AzureActiveDirectory tag, not as endpoints of the region."
            .to_string()
    });
    net(
        "entra-id",
        EndpointClass::EntraId,
        DestinationKind::ServiceTag,
        tag(ServiceTag::AzureActiveDirectory),
        entra_note,
    );

    // ---- what bypasses the firewall, and the SCC relay choice ----
    let bypassing: Vec<String> = EndpointClass::ALL
        .iter()
        .filter(|c| routes.bypassed.contains(c))
        .map(|c| c.title().to_string())
        .collect();
    let scc_relay_bypass = if !scc {
        "Secure cluster connectivity is off, so there is no relay; nodes have public IPs and the control plane \
         connects in to them, and the route table sends the replies straight back to it, past the firewall."
            .to_string()
    } else if private_back_end {
        "The relay is reached through the back-end private endpoint; it neither crosses the firewall nor needs a \
         route."
            .to_string()
    } else if routes.relay_route == Some(RelayRoute::ServiceTag) {
        "The SCC relay bypasses the firewall: the adb-control-plane route (the AzureDatabricks service tag, which \
         covers the relay) sends it straight to the internet, so the firewall has no relay rule. Azure keeps the \
         tag's addresses current, so nothing needs changing when the relay's IPs change. The relay carries the \
         clusters' control channel only, no data."
            .to_string()
    } else if routes.relay_route == Some(RelayRoute::Ips { relays_without_ip: 0 }) {
        format!(
            "The SCC relay bypasses the firewall: the route table sends it straight to the internet, so the firewall \
             has no relay rule. The relay carries the clusters' control channel only, no data. These routes take \
             IPs, not names: when the relay's IPs change (check {}), change the routes.",
            regions::OFFICIAL_PAGE
        )
    } else if let Some(RelayRoute::Ips { relays_without_ip }) = routes.relay_route {
        format!(
            "The route table sends the relay IPs the catalog holds ({}) straight to the internet, but at least {} of \
             the region's {} {} no IP there, so the firewall keeps the relay rule (databricks-scc-relay): a workspace \
             homed on such a relay reaches it through the firewall. Add a /32 route with next hop Internet for every \
             relay IP that {} lists, then the rule can go. These routes take IPs, not names: they must follow any \
             change of the relay's IPs. The relay carries the clusters' control channel only, no data.",
            region.scc_relay_ips.as_slice().join(", "),
            relays_without_ip,
            plural(region.scc_relay_fqdns.as_slice().len(), "relay", "relays"),
            if relays_without_ip == 1 { "has" } else { "have" },
            regions::OFFICIAL_PAGE
        )
    } else if internet_source(plan) == InternetSource::Nothing {
        "The SCC relay goes through the firewall (application rule databricks-scc-relay), and in this new VNet it \
         must: a bypass route (next hop Internet) would have no public source address, since the subnets get no \
         default outbound access and the nodes no public IP. The relay carries the clusters' control channel only, \
         no data."
            .to_string()
    } else {
        let how = match region.scc_relay_ips {
            Values::Listed(ips) if region.relays_without_ip() == 0 => format!(
                "a /32 route with next hop Internet for each relay IP ({})",
                ips.join(", ")
            ),
            Values::Listed(ips) => format!(
                "a /32 route with next hop Internet for each relay IP ({}, and those of the {} of the region's {} \
                 that the catalog has no IP for: see {})",
                ips.join(", "),
                region.relays_without_ip(),
                plural(region.scc_relay_fqdns.as_slice().len(), "relay", "relays"),
                regions::OFFICIAL_PAGE
            ),
            Values::Missing => "/32 routes with next hop Internet for the relay's IPs (not in the catalog for this \
                                region)"
                .to_string(),
        };
        let asked = if *scc_relay_bypass {
            " The plan asks for the bypass, but without the relay's IPs it cannot be routed yet."
        } else {
            ""
        };
        format!(
            "The SCC relay goes through the firewall (application rule databricks-scc-relay). To let it bypass the \
             firewall: add {how}, then drop that rule. Routes take IPs, not names, so they must follow any change of \
             the relay's IPs, and they leave through the existing VNet's default outbound access (the template then \
             keeps it on the subnets). The relay carries the clusters' control channel only, no data.{asked}"
        )
    };
    if options.use_ip_addresses {
        notes.extend(
            kept_tags_note(routes).map(|note| format!("{note} The route table sends them past this firewall.")),
        );
    }
    if on_firewall(EndpointClass::ArtifactStoragePrimary) {
        let tags = region.service_tag_names(ServiceTag::Storage);
        let (tags, reach) = match tags.as_slice() {
            [global] if global == ServiceTag::Storage.as_str() => ("the Storage service tag".to_string(), "in Azure"),
            [one] => (format!("the {one} service tag"), "in that region"),
            many => (format!("the {} service tags", many.join(" and ")), "in those regions"),
        };
        notes.push(format!(
            "Storage can also be allowed with one network rule to {tags} on TCP 443; that is simpler but lets the \
             clusters reach any storage account {reach}, not only Azure Databricks'."
        ));
    }

    Checklist::Firewall(FirewallChecklist {
        header,
        source_addresses: vec![
            injection.host_subnet.cidr.clone(),
            injection.container_subnet.cidr.clone(),
        ],
        application_rules,
        network_rules,
        bypassing,
        scc_relay_bypass,
        notes,
    })
}
