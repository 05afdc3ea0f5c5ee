//! `validate` on generated plans: every combination of model, VNet kind, egress and connectivity, with values drawn
//! from pools of good and bad ones. It never panics, keeps its order, and its findings point at fields the plan has.

use npip_core::finding::{Field, Severity};
use npip_core::plan::*;
use npip_core::rules::{validate, RULES};
use proptest::prelude::*;

fn cidr_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("10.179.0.0/16".to_string()),
        Just("10.179.0.0/18".to_string()),
        Just("10.179.64.0/18".to_string()),
        Just("10.179.0.0/26".to_string()),
        Just("10.0.0.0/8".to_string()),
        Just("169.254.0.0/16".to_string()),
        Just("20.0.0.0/24".to_string()),
        Just("10.179.1.0/16".to_string()),
        Just("fd00::/64".to_string()),
        Just(String::new()),
        (any::<u32>(), 0u8..=33).prop_map(|(a, p)| format!("{}/{p}", npip_core::cidr::format_ipv4(a))),
        "\\PC{0,20}",
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("adb-prod".to_string()),
        Just("x".to_string()),
        Just(String::new()),
        Just("a".repeat(81)),
        Just("bad name.".to_string()),
        "[a-zA-Z0-9_.()-]{0,40}",
        "\\PC{0,12}",
    ]
}

fn vnet() -> impl Strategy<Value = Vnet> {
    prop_oneof![
        (name(), cidr_text()).prop_map(|(name, address_space)| Vnet::New { name, address_space }),
        (
            prop_oneof![
                Just("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v".to_string()),
                "\\PC{0,30}",
            ],
            proptest::collection::vec(cidr_text(), 0..3),
        )
            .prop_map(|(resource_id, address_prefixes)| Vnet::Existing { resource_id, address_prefixes }),
    ]
}

fn network() -> impl Strategy<Value = Network> {
    prop_oneof![
        (
            proptest::option::of(prop_oneof![
                Just("10.139".to_string()),
                Just("127.0".to_string()),
                "\\PC{0,8}"
            ]),
            proptest::option::of(name()),
            proptest::option::of(name()),
        )
            .prop_map(|(address_prefix, nat_gateway_name, public_ip_name)| Network::Managed {
                address_prefix,
                nat_gateway_name,
                public_ip_name,
            }),
        (vnet(), name(), cidr_text(), name(), cidr_text(), name()).prop_map(|(vnet, hn, hc, cn, cc, nsg)| {
            Network::VnetInjection(Injection {
                vnet,
                host_subnet: Subnet { name: hn, cidr: hc },
                container_subnet: Subnet { name: cn, cidr: cc },
                nsg_name: nsg,
            })
        }),
    ]
}

fn egress() -> impl Strategy<Value = Egress> {
    prop_oneof![
        Just(Egress::ManagedNatGateway),
        (name(), name(), name(), name()).prop_map(|(a, b, c, d)| Egress::LoadBalancer {
            load_balancer_name: a,
            backend_pool_name: b,
            frontend_config_name: c,
            public_ip_name: d,
        }),
        (name(), name(), any::<u32>()).prop_map(|(a, b, t)| Egress::NatGateway {
            nat_gateway_name: a,
            public_ip_name: b,
            idle_timeout_minutes: t % 200,
        }),
        (
            name(),
            prop_oneof![
                Just("10.0.1.4".to_string()),
                Just("10.179.0.9".to_string()),
                "\\PC{0,16}"
            ],
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec(prop_oneof![Just("pypi.org".to_string()), "\\PC{0,20}"], 0..4),
        )
            .prop_map(
                |(route_table_name, firewall_private_ip, scc_relay_bypass, service_tag_routes, extra_fqdns)| {
                    Egress::Firewall {
                        route_table_name,
                        firewall_private_ip,
                        scc_relay_bypass,
                        service_tag_routes,
                        extra_fqdns,
                    }
                }
            ),
        name().prop_map(|route_table_name| Egress::ServiceTagRoutes { route_table_name }),
    ]
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        (name(), proptest::option::of(name()), 0usize..3),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        network(),
        prop_oneof![Just(0u32), Just(50), Just(5000), Just(40_000), any::<u32>()],
        egress(),
        proptest::collection::vec(cidr_text(), 0..4),
    )
        .prop_map(
            |((ws, mrg, tier), (scc, pna, nsg), network, peak_nodes, egress, avoid)| Plan {
                version: PLAN_VERSION,
                workspace: Workspace {
                    name: ws,
                    region: "westeurope".into(),
                    pricing_tier: PricingTier::ALL[tier],
                    managed_resource_group: mrg,
                },
                connectivity: Connectivity {
                    secure_cluster_connectivity: scc,
                    public_network_access: if pna {
                        PublicNetworkAccess::Enabled
                    } else {
                        PublicNetworkAccess::Disabled
                    },
                    required_nsg_rules: if nsg {
                        RequiredNsgRules::AllRules
                    } else {
                        RequiredNsgRules::NoAzureDatabricksRules
                    },
                },
                network,
                peak_nodes,
                egress,
                avoid: avoid
                    .into_iter()
                    .map(|cidr| AvoidRange {
                        cidr,
                        label: "x".into(),
                    })
                    .collect(),
            },
        )
}

/// Whether the plan has the field a finding points at.
fn has_field(plan: &Plan, field: Field) -> bool {
    let injection = plan.network.injection();
    // The first item of an existing VNet's empty list stands for the list itself (NPIP-E012: no prefixes).
    let existing_prefixes = match injection.map(|i| &i.vnet) {
        Some(Vnet::Existing { address_prefixes, .. }) => address_prefixes.len().max(1),
        _ => 0,
    };
    match field {
        Field::VnetAddressPrefix(i) => i < existing_prefixes,
        Field::AvoidCidr(i) => i < plan.avoid.len(),
        Field::ExtraFqdn(i) => matches!(&plan.egress, Egress::Firewall { extra_fqdns, .. } if i < extra_fqdns.len()),
        Field::HostSubnetName
        | Field::HostSubnetCidr
        | Field::ContainerSubnetName
        | Field::ContainerSubnetCidr
        | Field::NsgName
        | Field::VnetKind => injection.is_some(),
        Field::VnetName | Field::VnetAddressSpace => matches!(injection.map(|i| &i.vnet), Some(Vnet::New { .. })),
        Field::VnetResourceId => matches!(injection.map(|i| &i.vnet), Some(Vnet::Existing { .. })),
        Field::ManagedAddressPrefix | Field::ManagedNatGatewayName | Field::ManagedPublicIpName => {
            plan.network.is_managed()
        }
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn validate_is_total_ordered_and_points_at_real_fields(plan in plan()) {
        let findings = validate(&plan);
        let keys: Vec<_> = findings.iter().map(|f| (f.step(), f.field, f.severity, f.code, f.message.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(&keys, &sorted);
        for finding in &findings {
            prop_assert!(has_field(&plan, finding.field), "{} points at {:?}", finding.code, finding.field);
            prop_assert!(RULES.iter().any(|r| r.code == finding.code && r.severity == finding.severity));
            prop_assert!(!finding.message.trim().is_empty());
        }
        // Notes that apply to every plan are always there, so a person always gets them.
        prop_assert!(findings.iter().any(|f| f.code == "NPIP-I004" && f.severity == Severity::Info));
        // Validation is a pure function of the plan.
        prop_assert_eq!(findings, validate(&plan));
    }
}
