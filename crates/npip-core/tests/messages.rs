//! Every message that quotes what a person typed or pasted stays one clean line of reasonable length: the reader's,
//! the VNet import's and the rules'. A value is shown escaped (a line break as `\n`) and, when long, cut with its
//! length.

use npip_core::examples::EXAMPLES;
use npip_core::plan::{read_plan, Egress, Network, Plan, Vnet};
use npip_core::rules::validate;
use npip_core::vnet_import::import_vnet;
use proptest::prelude::*;

/// The longest message a quoted value may lead to: several values of a few dozen characters and the words around.
const LONGEST: usize = 1200;

fn assert_clean(message: &str) {
    assert!(
        !message
            .chars()
            .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}'),
        "not one clean line: {message:?}"
    );
    assert!(
        message.chars().count() <= LONGEST,
        "{} characters: {}…",
        message.chars().count(),
        message.chars().take(200).collect::<String>()
    );
}

/// Every text of a plan a person types, to fill with hostile values.
fn texts(plan: &mut Plan) -> Vec<&mut String> {
    let mut out = vec![&mut plan.workspace.name, &mut plan.workspace.region];
    if let Some(group) = plan.workspace.managed_resource_group.as_mut() {
        out.push(group);
    }
    match &mut plan.network {
        Network::Managed {
            address_prefix,
            nat_gateway_name,
            public_ip_name,
        } => out.extend([address_prefix, nat_gateway_name, public_ip_name].into_iter().flatten()),
        Network::VnetInjection(injection) => {
            match &mut injection.vnet {
                Vnet::New { name, address_space } => out.extend([name, address_space]),
                Vnet::Existing {
                    resource_id,
                    address_prefixes,
                } => {
                    out.push(resource_id);
                    out.extend(address_prefixes.iter_mut());
                }
            }
            out.extend([
                &mut injection.host_subnet.name,
                &mut injection.host_subnet.cidr,
                &mut injection.container_subnet.name,
                &mut injection.container_subnet.cidr,
                &mut injection.nsg_name,
            ]);
        }
    }
    match &mut plan.egress {
        Egress::ManagedNatGateway => {}
        Egress::LoadBalancer {
            load_balancer_name,
            backend_pool_name,
            frontend_config_name,
            public_ip_name,
        } => out.extend([
            load_balancer_name,
            backend_pool_name,
            frontend_config_name,
            public_ip_name,
        ]),
        Egress::NatGateway {
            nat_gateway_name,
            public_ip_name,
            ..
        } => out.extend([nat_gateway_name, public_ip_name]),
        Egress::Firewall {
            route_table_name,
            firewall_private_ip,
            extra_fqdns,
            ..
        } => {
            out.extend([route_table_name, firewall_private_ip]);
            out.extend(extra_fqdns.iter_mut());
        }
        Egress::ServiceTagRoutes { route_table_name } => out.push(route_table_name),
    }
    for range in &mut plan.avoid {
        out.extend([&mut range.cidr, &mut range.label]);
    }
    out
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9./\\-]{0,12}",
        "[a-z\n\r\t\u{1b}\u{7f}\u{85}\u{200b}\u{2028}\u{2029} ]{1,20}",
        "10\\.[0-9]{1,3}\\.0\\.0/[0-9]{1,2}[\n\u{1b}]?",
        (0usize..2, "[a-z\n]{1,3}").prop_map(|(n, piece)| piece.repeat([300, 5_000][n])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn findings_quote_values_on_one_short_line(
        values in proptest::collection::vec(hostile(), 24),
        which in 0usize..7,
    ) {
        let mut plan = read_plan(EXAMPLES[which % EXAMPLES.len()].text).unwrap();
        for (text, value) in texts(&mut plan).into_iter().zip(values) {
            *text = value;
        }
        for finding in validate(&plan) {
            assert_clean(&finding.message);
        }
    }
}

#[test]
fn reader_messages_quote_values_on_one_short_line() {
    let nat = EXAMPLES.iter().find(|e| e.name == "nat-gateway").unwrap().text;
    let long = "x".repeat(100_000);
    let cases = [
        nat.replace("\"kind\": \"new\"", "\"kind\": \"ne\\nw\""),
        nat.replace("\"kind\": \"new\"", &format!("\"kind\": \"{long}\"")),
        nat.replace("\"pricingTier\": \"premium\"", "\"pricingTier\": \"pre\\u2028mium\""),
        nat.replace("\"nsgName\"", "\"nsg\\nName\""),
        nat.replace("\"nsgName\"", &format!("\"{long}\"")),
        nat.replace("\"peakNodes\"", &format!("\"{long}\"")),
        nat.replace("\"peakNodes\": 1000", &format!("\"peakNodes\": \"{long}\\n\"")),
        nat.replace("\"peakNodes\": 1000", &format!("\"peakNodes\": 1{}.5", "0".repeat(300))),
        nat.replace(
            "\"peakNodes\": 1000",
            &format!("\"peakNodes\": 0.{}1", "0".repeat(100_000)),
        ),
        nat.replace(
            "\"peakNodes\": 1000",
            &format!("\"peakNodes\": {}", "9".repeat(100_000)),
        ),
    ];
    for text in cases {
        let error = read_plan(&text).unwrap_err();
        assert_clean(&error.to_string());
    }
}

#[test]
fn vnet_import_messages_quote_values_on_one_short_line() {
    let plan = read_plan(EXAMPLES.iter().find(|e| e.name == "existing-vnet").unwrap().text).unwrap();
    let long = "y".repeat(100_000);
    let id = "/subscriptions/1/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v";
    let refused = [
        r#"{"type": "Microsoft.Network/network\nSecurityGroups"}"#.to_string(),
        format!(r#"{{"type": "{long}"}}"#),
        format!("{{\"id\": \"{id}\", \"{long}\": 1, \"{long}\": 2}}"),
    ];
    for text in refused {
        let error = import_vnet(&mut plan.clone(), &text).unwrap_err();
        assert_clean(&error);
    }
    let filled = format!(
        r#"{{"id": "{id}\nx", "name": "spoke\u001b[2J{long}", "location": "west\neurope",
            "addressSpace": {{"addressPrefixes": ["10.60.0.0/16"]}},
            "subnets": [{{"name": "adb-host", "addressPrefix": "10.60.8.0/23", "ipConfigurations": [{{}}],
                          "delegations": [{{"serviceName": "Microsoft.Web/server\nFarms{long}"}}]}}]}}"#
    );
    let mut plan = plan.clone();
    let import = import_vnet(&mut plan, &filled).unwrap();
    assert_clean(&import.summary());
}
