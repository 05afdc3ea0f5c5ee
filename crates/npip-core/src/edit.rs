//! Edits the wizard makes to a plan: the fresh plan a new person starts from, sensible defaults when they switch
//! the network model or the egress option, names that follow the workspace name, and the list inputs (avoid
//! ranges, address prefixes, FQDNs) read from pasted text.
//!
//! Nothing here judges a plan; [`crate::rules`] does. These functions only build plans a person can then change.

use crate::plan::{
    AvoidRange, Connectivity, Egress, EgressKind, Injection, Network, Plan, PricingTier, Subnet, Vnet, Workspace,
    PLAN_VERSION,
};

/// What names derived from an empty workspace name start with.
const NAME_BASE_WHEN_EMPTY: &str = "adb";

/// Peak nodes of a fresh plan: a small team's workload, and the plan format's default.
pub const FRESH_PEAK_NODES: u32 = 50;

/// A new VNet's default address space: a /22 holds two /24 subnets (251 nodes each) and leaves a /23 free for a
/// private endpoint subnet or growth.
const FRESH_VNET_SPACE: &str = "10.28.0.0/22";
const FRESH_HOST_CIDR: &str = "10.28.0.0/24";
const FRESH_CONTAINER_CIDR: &str = "10.28.1.0/24";
const HOST_SUBNET_NAME: &str = "adb-host";
const CONTAINER_SUBNET_NAME: &str = "adb-container";

/// The three ways to place the workspace's network, as the wizard offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NetworkChoice {
    Managed,
    NewVnet,
    ExistingVnet,
}

impl NetworkChoice {
    pub const ALL: [NetworkChoice; 3] = [
        NetworkChoice::Managed,
        NetworkChoice::NewVnet,
        NetworkChoice::ExistingVnet,
    ];

    pub fn of(network: &Network) -> NetworkChoice {
        match network {
            Network::Managed { .. } => NetworkChoice::Managed,
            Network::VnetInjection(Injection {
                vnet: Vnet::New { .. }, ..
            }) => NetworkChoice::NewVnet,
            Network::VnetInjection(Injection {
                vnet: Vnet::Existing { .. },
                ..
            }) => NetworkChoice::ExistingVnet,
        }
    }

    /// Stable identifier for forms and test ids.
    pub const fn slug(self) -> &'static str {
        match self {
            NetworkChoice::Managed => "managed",
            NetworkChoice::NewVnet => "new-vnet",
            NetworkChoice::ExistingVnet => "existing-vnet",
        }
    }

    pub const fn is_injection(self) -> bool {
        !matches!(self, NetworkChoice::Managed)
    }
}

/// The egress options that fit a network model: the managed VNet has only its own NAT gateway; a new VNet needs an
/// egress with a public source address (NAT gateway, load balancer or firewall), because new VNets have no default
/// outbound access; an existing VNet may also use service-tag routes alone. Used to offer choices; the rules check
/// the plan either way.
pub const fn egress_kinds_for(choice: NetworkChoice) -> &'static [EgressKind] {
    match choice {
        NetworkChoice::Managed => &[EgressKind::ManagedNatGateway],
        NetworkChoice::NewVnet => &[EgressKind::NatGateway, EgressKind::LoadBalancer, EgressKind::Firewall],
        NetworkChoice::ExistingVnet => &[
            EgressKind::NatGateway,
            EgressKind::LoadBalancer,
            EgressKind::Firewall,
            EgressKind::ServiceTagRoutes,
        ],
    }
}

/// Whether Azure Databricks creates a managed VNet's NAT gateway and its public IP: only with secure cluster
/// connectivity on (without it nodes get public IPs, the template leaves the names out and NPIP-W203 says they are
/// ignored). False for VNet injection, where the plan's egress says what is created. Used to show or hide inputs.
pub fn managed_nat_gateway_created(plan: &Plan) -> bool {
    matches!(plan.network, Network::Managed { .. }) && plan.connectivity.secure_cluster_connectivity
}

/// Whether the required NSG rules setting means anything for this network: only VNet injection has an NSG of the
/// plan's own; a managed VNet's is Azure Databricks', and `NoAzureDatabricksRules` there is an error (NPIP-E205).
pub fn required_nsg_rules_apply(network: &Network) -> bool {
    matches!(network, Network::VnetInjection(_))
}

/// A name derived from the workspace name: `<workspace>-<suffix>`, or `adb-<suffix>` while the name is empty.
pub fn derived_name(workspace_name: &str, suffix: &str) -> String {
    let base = workspace_name.trim();
    let base = if base.is_empty() { NAME_BASE_WHEN_EMPTY } else { base };
    format!("{base}-{suffix}")
}

/// The plan a person starts from: VNet injection into a new VNet with a NAT gateway (explicit egress, which new
/// VNets need), secure cluster connectivity on, premium tier. Name and region are left for the person to fill.
pub fn fresh_plan() -> Plan {
    Plan {
        version: PLAN_VERSION,
        workspace: Workspace {
            name: String::new(),
            region: String::new(),
            pricing_tier: PricingTier::Premium,
            managed_resource_group: None,
        },
        connectivity: Connectivity::default(),
        network: default_network(NetworkChoice::NewVnet, ""),
        peak_nodes: FRESH_PEAK_NODES,
        egress: default_egress(EgressKind::NatGateway, ""),
        avoid: Vec::new(),
    }
}

/// The network a person gets when they pick `choice` with nothing typed for it yet.
pub fn default_network(choice: NetworkChoice, workspace_name: &str) -> Network {
    let subnets = |host: &str, container: &str| Injection {
        vnet: Vnet::New {
            name: derived_name(workspace_name, "vnet"),
            address_space: FRESH_VNET_SPACE.to_string(),
        },
        host_subnet: Subnet {
            name: HOST_SUBNET_NAME.to_string(),
            cidr: host.to_string(),
        },
        container_subnet: Subnet {
            name: CONTAINER_SUBNET_NAME.to_string(),
            cidr: container.to_string(),
        },
        nsg_name: derived_name(workspace_name, "nsg"),
    };
    match choice {
        NetworkChoice::Managed => Network::Managed {
            address_prefix: None,
            nat_gateway_name: None,
            public_ip_name: None,
        },
        NetworkChoice::NewVnet => Network::VnetInjection(subnets(FRESH_HOST_CIDR, FRESH_CONTAINER_CIDR)),
        // An existing VNet's ranges are the person's to give; the subnets follow from them.
        NetworkChoice::ExistingVnet => Network::VnetInjection(Injection {
            vnet: default_vnet(NetworkChoice::ExistingVnet, workspace_name),
            ..subnets("", "")
        }),
    }
}

/// The VNet part alone, for switching between a new and an existing VNet while keeping the subnets.
pub fn default_vnet(choice: NetworkChoice, workspace_name: &str) -> Vnet {
    match choice {
        NetworkChoice::ExistingVnet => Vnet::Existing {
            resource_id: String::new(),
            address_prefixes: Vec::new(),
        },
        NetworkChoice::NewVnet | NetworkChoice::Managed => Vnet::New {
            name: derived_name(workspace_name, "vnet"),
            address_space: FRESH_VNET_SPACE.to_string(),
        },
    }
}

/// The egress option `kind` with names derived from the workspace name.
pub fn default_egress(kind: EgressKind, workspace_name: &str) -> Egress {
    let name = |suffix: &str| derived_name(workspace_name, suffix);
    match kind {
        EgressKind::ManagedNatGateway => Egress::ManagedNatGateway,
        EgressKind::LoadBalancer => Egress::LoadBalancer {
            load_balancer_name: name("lb"),
            backend_pool_name: name("pool"),
            frontend_config_name: name("frontend"),
            public_ip_name: name("lb-ip"),
        },
        EgressKind::NatGateway => Egress::NatGateway {
            nat_gateway_name: name("nat"),
            public_ip_name: name("nat-ip"),
            idle_timeout_minutes: 4,
        },
        EgressKind::Firewall => Egress::Firewall {
            route_table_name: name("udr"),
            firewall_private_ip: String::new(),
            scc_relay_bypass: false,
            service_tag_routes: false,
            extra_fqdns: Vec::new(),
        },
        EgressKind::ServiceTagRoutes => Egress::ServiceTagRoutes {
            route_table_name: name("udr"),
        },
    }
}

/// Renames the workspace, and every resource name that still follows the old workspace name (as the defaults
/// do) follows the new one. Names the person changed themselves are left alone.
pub fn rename_workspace(plan: &mut Plan, new_name: &str) {
    let old = std::mem::replace(&mut plan.workspace.name, new_name.to_string());
    let follow = |slot: &mut String, suffix: &str| {
        if *slot == derived_name(&old, suffix) {
            *slot = derived_name(new_name, suffix);
        }
    };
    match &mut plan.network {
        Network::VnetInjection(injection) => {
            follow(&mut injection.nsg_name, "nsg");
            if let Vnet::New { name, .. } = &mut injection.vnet {
                follow(name, "vnet");
            }
        }
        Network::Managed {
            nat_gateway_name,
            public_ip_name,
            ..
        } => {
            if let Some(name) = nat_gateway_name {
                follow(name, "nat");
            }
            if let Some(name) = public_ip_name {
                follow(name, "nat-ip");
            }
        }
    }
    match &mut plan.egress {
        Egress::ManagedNatGateway => {}
        Egress::LoadBalancer {
            load_balancer_name,
            backend_pool_name,
            frontend_config_name,
            public_ip_name,
        } => {
            follow(load_balancer_name, "lb");
            follow(backend_pool_name, "pool");
            follow(frontend_config_name, "frontend");
            follow(public_ip_name, "lb-ip");
        }
        Egress::NatGateway {
            nat_gateway_name,
            public_ip_name,
            ..
        } => {
            follow(nat_gateway_name, "nat");
            follow(public_ip_name, "nat-ip");
        }
        Egress::Firewall { route_table_name, .. } | Egress::ServiceTagRoutes { route_table_name } => {
            follow(route_table_name, "udr");
        }
    }
}

/// Reads a whole number as people type it: digits, with spaces, commas or underscores between groups. The error says
/// what was typed and what would read, in a sentence.
pub fn parse_count(text: &str) -> Result<u32, String> {
    let typed = text.trim();
    let digits: String = typed.chars().filter(|c| !matches!(c, ' ' | ',' | '_')).collect();
    if digits.is_empty() {
        return Err("Enter a number.".to_string());
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "\u{201c}{typed}\u{201d} is not a whole number; use digits only, such as 200."
        ));
    }
    digits.parse::<u32>().map_err(|_| format!("{typed} is too large."))
}

/// Splits pasted text into items: one per line, or separated by commas, semicolons or spaces. Empty items go.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

/// One item per line.
pub fn format_list(items: &[String]) -> String {
    items.join("\n")
}

/// Reads an avoid list pasted as text: one range per line (commas and semicolons also separate ranges), each a
/// CIDR optionally followed by a label (`10.0.0.0/16 hub VNet`; a tab, `#`, `-` or `:` between them is fine too).
/// Every non-empty item becomes a range, so a mistyped CIDR stays visible for the rules to explain.
pub fn parse_avoid_list(text: &str) -> Vec<AvoidRange> {
    text.split(['\n', ',', ';'])
        .filter_map(|item| {
            let item = item.trim();
            if item.is_empty() {
                return None;
            }
            let (cidr, label) = match item.split_once(char::is_whitespace) {
                Some((cidr, rest)) => (cidr, rest),
                None => (item, ""),
            };
            let label = label
                .trim()
                .trim_start_matches(['#', '-', ':', '\u{2013}', '\u{2014}'])
                .trim();
            Some(AvoidRange {
                cidr: cidr.to_string(),
                label: label.to_string(),
            })
        })
        .collect()
}

/// The avoid list as text that [`parse_avoid_list`] reads back to the same list.
pub fn format_avoid_list(ranges: &[AvoidRange]) -> String {
    ranges
        .iter()
        .map(|range| {
            if range.label.is_empty() {
                range.cidr.clone()
            } else {
                format!("{} {}", range.cidr, range.label)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_applies_agrees_with_the_rules() {
        use crate::plan::RequiredNsgRules;
        use crate::rules::test_plans::{codes, example};
        for name in [
            "managed-default",
            "managed-custom-prefix",
            "nat-gateway",
            "existing-vnet",
        ] {
            for scc in [true, false] {
                let mut plan = example(name);
                plan.connectivity.secure_cluster_connectivity = scc;
                if let Network::Managed {
                    nat_gateway_name,
                    public_ip_name,
                    ..
                } = &mut plan.network
                {
                    *nat_gateway_name = Some("nat".into());
                    *public_ip_name = Some("nat-ip".into());
                }
                let managed = matches!(plan.network, Network::Managed { .. });
                // The names are ignored exactly when no managed NAT gateway is created.
                assert_eq!(
                    managed && !managed_nat_gateway_created(&plan),
                    codes(&plan).contains(&"NPIP-W203"),
                    "{name}, scc {scc}"
                );
                plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
                let refused_for_the_network = crate::rules::validate(&plan)
                    .iter()
                    .any(|f| f.code == "NPIP-E205" && f.message.contains("VNet injection"));
                assert_eq!(
                    !required_nsg_rules_apply(&plan.network),
                    refused_for_the_network,
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn fresh_plan_is_injection_with_explicit_egress_and_room_to_grow() {
        let plan = fresh_plan();
        assert_eq!(NetworkChoice::of(&plan.network), NetworkChoice::NewVnet);
        assert_eq!(plan.egress.kind(), EgressKind::NatGateway);
        assert!(plan.connectivity.secure_cluster_connectivity);
        assert!(plan.workspace.name.is_empty() && plan.workspace.region.is_empty());
        let injection = plan.network.injection().unwrap();
        let vnet: crate::Cidr = FRESH_VNET_SPACE.parse().unwrap();
        for subnet in [&injection.host_subnet, &injection.container_subnet] {
            let cidr: crate::Cidr = subnet.cidr.parse().unwrap();
            assert!(vnet.contains(cidr));
            assert!(crate::sizing::subnet_nodes(cidr) >= u64::from(plan.peak_nodes));
        }
        let host: crate::Cidr = injection.host_subnet.cidr.parse().unwrap();
        let container: crate::Cidr = injection.container_subnet.cidr.parse().unwrap();
        assert!(!host.overlaps(container));
        // The fresh plan serialises as a plan file the reader accepts.
        let json = serde_json::to_string(&plan).unwrap();
        assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan);
    }

    #[test]
    fn counts_read_as_people_type_them() {
        assert_eq!(parse_count(" 1,200 "), Ok(1200));
        assert_eq!(parse_count("1 000"), Ok(1000));
        assert_eq!(parse_count("0"), Ok(0));
        assert!(parse_count("").is_err());
        assert!(parse_count("12a").unwrap_err().contains("12a"));
        assert!(parse_count("-5").is_err());
        assert!(parse_count("99999999999").unwrap_err().contains("too large"));
    }

    #[test]
    fn egress_choices_follow_the_model() {
        assert_eq!(
            egress_kinds_for(NetworkChoice::Managed),
            &[EgressKind::ManagedNatGateway]
        );
        let existing = egress_kinds_for(NetworkChoice::ExistingVnet);
        assert_eq!(existing.len(), 4);
        assert!(!existing.contains(&EgressKind::ManagedNatGateway));
        // A new VNet has no default outbound access, so routes to the internet alone cannot work there.
        let new = egress_kinds_for(NetworkChoice::NewVnet);
        assert!(!new.contains(&EgressKind::ServiceTagRoutes));
        assert!(new.iter().all(|kind| existing.contains(kind)));
        // Every kind is offered somewhere, and the first of each list is the model's default.
        for kind in EgressKind::ALL {
            assert!(
                NetworkChoice::ALL.iter().any(|c| egress_kinds_for(*c).contains(&kind)),
                "{kind:?}"
            );
        }
        assert_eq!(egress_kinds_for(NetworkChoice::NewVnet)[0], fresh_plan().egress.kind());
    }

    #[test]
    fn defaults_take_the_kind_asked_for() {
        for kind in EgressKind::ALL {
            assert_eq!(default_egress(kind, "ws").kind(), kind);
        }
        for choice in NetworkChoice::ALL {
            assert_eq!(NetworkChoice::of(&default_network(choice, "ws")), choice);
            assert_eq!(
                choice.is_injection(),
                default_network(choice, "ws").injection().is_some()
            );
        }
    }

    #[test]
    fn derived_names_follow_the_workspace_until_changed_by_hand() {
        let mut plan = fresh_plan();
        for typed in ["a", "ad", "adb-prod"] {
            rename_workspace(&mut plan, typed);
        }
        assert_eq!(plan.workspace.name, "adb-prod");
        let injection = plan.network.injection().unwrap();
        assert_eq!(injection.nsg_name, "adb-prod-nsg");
        assert!(matches!(&injection.vnet, Vnet::New { name, .. } if name == "adb-prod-vnet"));
        assert!(
            matches!(&plan.egress, Egress::NatGateway { nat_gateway_name, .. } if nat_gateway_name == "adb-prod-nat")
        );

        // A name the person chose stays.
        if let Egress::NatGateway { nat_gateway_name, .. } = &mut plan.egress {
            *nat_gateway_name = "hub-nat".to_string();
        }
        rename_workspace(&mut plan, "adb-test");
        assert!(
            matches!(&plan.egress, Egress::NatGateway { nat_gateway_name, public_ip_name, .. }
            if nat_gateway_name == "hub-nat" && public_ip_name == "adb-test-nat-ip")
        );
        // Clearing the name goes back to the neutral base.
        rename_workspace(&mut plan, "");
        assert_eq!(plan.network.injection().unwrap().nsg_name, "adb-nsg");
    }

    #[test]
    fn every_egress_and_managed_names_follow() {
        for kind in EgressKind::ALL {
            let mut plan = fresh_plan();
            plan.egress = default_egress(kind, "");
            rename_workspace(&mut plan, "w1");
            assert_eq!(plan.egress, default_egress(kind, "w1"), "{kind:?}");
        }
        let mut plan = fresh_plan();
        plan.network = Network::Managed {
            address_prefix: None,
            nat_gateway_name: Some("adb-nat".into()),
            public_ip_name: Some("mine".into()),
        };
        rename_workspace(&mut plan, "w2");
        assert!(
            matches!(&plan.network, Network::Managed { nat_gateway_name: Some(n), public_ip_name: Some(p), .. }
            if n == "w2-nat" && p == "mine")
        );
    }

    #[test]
    fn pasted_lists_split_on_any_separator() {
        assert_eq!(
            parse_list(" 10.0.0.0/16,10.1.0.0/16;\n\n 10.2.0.0/16\t10.3.0.0/16 "),
            ["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"]
        );
        assert!(parse_list(" \n ,; ").is_empty());
        let items = vec!["pypi.org".to_string(), "*.maven.org".to_string()];
        assert_eq!(parse_list(&format_list(&items)), items);
    }

    #[test]
    fn pasted_avoid_lists_keep_labels_and_mistakes() {
        let text = "10.0.0.0/16 hub VNet\n192.168.0.0/16\t# on-premises\n\n10.9.0.0/24 - test, 10.8.0.0/24; not-a-cidr";
        let ranges = parse_avoid_list(text);
        let pairs: Vec<(&str, &str)> = ranges.iter().map(|r| (r.cidr.as_str(), r.label.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("10.0.0.0/16", "hub VNet"),
                ("192.168.0.0/16", "on-premises"),
                ("10.9.0.0/24", "test"),
                ("10.8.0.0/24", ""),
                ("not-a-cidr", ""),
            ]
        );
        assert_eq!(parse_avoid_list(&format_avoid_list(&ranges)), ranges);
        assert!(parse_avoid_list("\n  \n").is_empty());
    }
}

#[cfg(test)]
mod validation_tests {
    use super::*;
    use crate::finding::{Finding, Severity};
    use crate::rules::validate;

    fn errors(plan: &Plan) -> Vec<Finding> {
        validate(plan)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect()
    }

    fn named(mut plan: Plan) -> Plan {
        rename_workspace(&mut plan, "adb-prod");
        plan.workspace.region = "westeurope".to_string();
        plan
    }

    #[test]
    fn a_fresh_plan_only_needs_a_name_and_a_region() {
        let fresh = fresh_plan();
        let fields: Vec<_> = errors(&fresh).iter().map(|f| f.field).collect();
        assert!(
            fields.contains(&crate::Field::WorkspaceName) && fields.contains(&crate::Field::Region),
            "{fields:?}"
        );
        assert_eq!(errors(&named(fresh)), vec![]);
    }

    /// Every option the wizard offers, with its defaults, gives a plan without errors once the person has named
    /// the workspace and its region (and, for an existing VNet or a firewall, given what no default can know).
    #[test]
    fn defaults_of_every_offered_option_validate_once_named() {
        for choice in NetworkChoice::ALL {
            for kind in egress_kinds_for(choice) {
                let mut plan = named(fresh_plan());
                plan.network = default_network(choice, "adb-prod");
                plan.egress = default_egress(*kind, "adb-prod");
                if let Egress::Firewall {
                    firewall_private_ip, ..
                } = &mut plan.egress
                {
                    *firewall_private_ip = "10.0.1.4".to_string();
                }
                if let Network::VnetInjection(injection) = &mut plan.network {
                    if let Vnet::Existing {
                        resource_id,
                        address_prefixes,
                    } = &mut injection.vnet
                    {
                        *resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/spoke".to_string();
                        *address_prefixes = vec!["10.50.0.0/16".to_string()];
                        injection.host_subnet.cidr = "10.50.0.0/24".to_string();
                        injection.container_subnet.cidr = "10.50.1.0/24".to_string();
                    }
                }
                assert_eq!(errors(&plan), vec![], "{choice:?} {kind:?}");
            }
        }
    }
}
