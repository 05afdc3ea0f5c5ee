//! What the emitters produce, variant by variant: determinism, refusal of plans with errors, the template's resources
//! and workspace parameters, the route and firewall rules, file-format well-formedness, and every template against
//! Microsoft's ARM schemas committed in tests/arm-schemas (the shared check-arm tool is an opt-in second opinion:
//! `./x check-arm`).

mod arm;

use npip_core::emit::{self, Checklist, DestinationKind, Format, NextHopType, Options};
use npip_core::Plan;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example_value(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("examples").join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn plan_of(value: &Value) -> Plan {
    npip_core::read_plan(&value.to_string()).unwrap()
}

fn example(name: &str) -> Plan {
    plan_of(&example_value(name))
}

/// An example with some fields replaced (`path` is a JSON pointer).
fn variant(name: &str, edits: &[(&str, Value)]) -> Plan {
    let mut value = example_value(name);
    for (path, new) in edits {
        *value.pointer_mut(path).unwrap_or_else(|| panic!("no {path}")) = new.clone();
    }
    plan_of(&value)
}

fn template(plan: &Plan) -> Value {
    let text = emit::arm_template(plan).unwrap();
    no_duplicate_keys(&text);
    serde_json::from_str(&text).unwrap()
}

fn resources_of_type<'a>(template: &'a Value, resource_type: &str) -> Vec<&'a Value> {
    template["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == resource_type)
        .collect()
}

fn workspace(template: &Value) -> &Value {
    resources_of_type(template, "Microsoft.Databricks/workspaces")[0]
}

/// The workspace's custom parameters, sorted (serde_json's map sorts keys).
fn custom_parameters(template: &Value) -> Vec<String> {
    workspace(template)["properties"]["parameters"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

fn nsg_rule_names(template: &Value) -> Vec<String> {
    resources_of_type(template, "Microsoft.Network/networkSecurityGroups")[0]["properties"]["securityRules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["name"]
                .as_str()
                .unwrap()
                .trim_start_matches("Microsoft.Databricks-workspaces_UseOnly_databricks-")
                .to_string()
        })
        .collect()
}

fn subnets(template: &Value) -> Vec<Value> {
    let vnets = resources_of_type(template, "Microsoft.Network/virtualNetworks");
    if let Some(vnet) = vnets.first() {
        vnet["properties"]["subnets"].as_array().unwrap().clone()
    } else {
        resources_of_type(template, "Microsoft.Network/virtualNetworks/subnets")
            .into_iter()
            .cloned()
            .collect()
    }
}

fn routes(template: &Value) -> Vec<(String, String)> {
    resources_of_type(template, "Microsoft.Network/routeTables")[0]["properties"]["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["properties"]["addressPrefix"].as_str().unwrap().to_string(),
                r["properties"]["nextHopType"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Parses JSON and fails on a key repeated within one object (serde_json would silently keep the last one).
fn no_duplicate_keys(text: &str) {
    struct Checked;
    impl<'de> Deserialize<'de> for Checked {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Checked, D::Error> {
            d.deserialize_any(CheckedVisitor)
        }
    }
    struct CheckedVisitor;
    impl<'de> Visitor<'de> for CheckedVisitor {
        type Value = Checked;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_unit<E>(self) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
            while seq.next_element::<Checked>()?.is_some() {}
            Ok(Checked)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
            let mut keys = BTreeSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !keys.insert(key.clone()) {
                    return Err(serde::de::Error::custom(format!("duplicate key {key}")));
                }
                map.next_value::<Checked>()?;
            }
            Ok(Checked)
        }
    }
    serde_json::from_str::<Checked>(text).unwrap_or_else(|e| panic!("{e}"));
}

const EXAMPLES: [&str; 7] = [
    "existing-vnet",
    "firewall",
    "load-balancer",
    "managed-custom-prefix",
    "managed-default",
    "nat-gateway",
    "service-tag-routes",
];

/// The existing-vnet example's network (an existing VNet 10.50.0.0/16), for variants of other examples.
fn existing_network() -> Value {
    example_value("existing-vnet")["network"].clone()
}

/// Plans beyond the examples that reach the other branches of the emitters.
fn variants() -> Vec<(&'static str, Plan)> {
    vec![
        (
            "firewall-no-scc",
            variant("firewall", &[("/connectivity/secureClusterConnectivity", json!(false))]),
        ),
        (
            "nat-private-back-end",
            variant(
                "nat-gateway",
                &[
                    ("/connectivity/requiredNsgRules", json!("NoAzureDatabricksRules")),
                    ("/connectivity/publicNetworkAccess", json!("Disabled")),
                ],
            ),
        ),
        // Routes around the firewall need a public source: an existing VNet's default outbound access (a new VNet
        // has none, NPIP-E301).
        (
            "firewall-tags-and-bypass",
            variant(
                "firewall",
                &[
                    ("/network", existing_network()),
                    ("/egress/serviceTagRoutes", json!(true)),
                    ("/egress/sccRelayBypass", json!(true)),
                ],
            ),
        ),
        (
            "firewall-bypass",
            variant(
                "firewall",
                &[
                    ("/network", existing_network()),
                    ("/egress/sccRelayBypass", json!(true)),
                ],
            ),
        ),
        (
            "firewall-qatar-bypass",
            variant(
                "firewall",
                &[
                    ("/network", existing_network()),
                    ("/workspace/region", json!("qatarcentral")),
                    ("/egress/sccRelayBypass", json!(true)),
                ],
            ),
        ),
        (
            "existing-vnet-lb",
            variant(
                "existing-vnet",
                &[(
                    "/egress",
                    json!({"type": "loadBalancer", "loadBalancerName": "lb", "backendPoolName": "pool",
                           "frontendConfigName": "fe", "publicIpName": "lb-ip"}),
                )],
            ),
        ),
        (
            "managed-no-scc",
            variant(
                "managed-custom-prefix",
                &[("/connectivity/secureClusterConnectivity", json!(false))],
            ),
        ),
    ]
}

#[test]
fn output_is_deterministic() {
    for name in EXAMPLES {
        let plan = example(name);
        let options = Options { use_ip_addresses: true };
        let first = emit::artifacts(&plan, &options).unwrap();
        let second = emit::artifacts(&plan, &options).unwrap();
        assert_eq!(first, second, "{name}");
        // A plan written out and read back gives the same bytes.
        let again = npip_core::read_plan(&plan.to_json_pretty()).unwrap();
        assert_eq!(emit::artifacts(&again, &options).unwrap(), first, "{name}");
        // The single-artifact functions agree with `artifacts`.
        assert_eq!(emit::arm_template(&plan).unwrap(), first[0].contents, "{name}");
        assert_eq!(emit::parameters_file(&plan).unwrap(), first[1].contents, "{name}");
    }
}

/// Members whose strings are the plan's fixed words (options), not typed values: the reader takes them exactly.
const OPTION_KEYS: [&str; 6] = [
    "model",
    "kind",
    "type",
    "pricingTier",
    "publicNetworkAccess",
    "requiredNsgRules",
];

/// The plan with whitespace of several kinds (spaces, tabs, line breaks, non-breaking and other Unicode spaces)
/// around every typed string value.
fn padded(plan: &Plan) -> Plan {
    const PADS: [&str; 7] = [" ", "\n", "\u{a0}", "\t ", "\r\n", "\u{3000}", " \u{2009}\u{202f}"];
    fn pad(value: &mut Value, key: Option<&str>, count: &mut usize) {
        match value {
            Value::String(text) if !key.is_some_and(|k| OPTION_KEYS.contains(&k)) => {
                let (before, after) = (PADS[*count % PADS.len()], PADS[(*count + 3) % PADS.len()]);
                *text = format!("{before}{text}{after}");
                *count += 1;
            }
            Value::Array(items) => items.iter_mut().for_each(|item| pad(item, key, count)),
            Value::Object(map) => map.iter_mut().for_each(|(k, v)| pad(v, Some(k), count)),
            _ => {}
        }
    }
    let mut value: Value = serde_json::from_str(&plan.to_json_pretty()).unwrap();
    let mut count = 0;
    pad(&mut value, None, &mut count);
    assert!(count >= 2, "only {count} strings padded");
    plan_of(&value)
}

#[test]
fn whitespace_around_values_changes_no_finding_and_no_byte() {
    let mut plans: Vec<(String, Plan)> = EXAMPLES.iter().map(|n| (n.to_string(), example(n))).collect();
    plans.extend(variants().into_iter().map(|(n, p)| (n.to_string(), p)));
    // A plan with errors too: the same findings, and refused alike.
    plans.push((
        "errors".into(),
        variant(
            "firewall",
            &[
                ("/egress/firewallPrivateIp", json!("10.30.2.9")),
                ("/peakNodes", json!(600)),
            ],
        ),
    ));
    for (name, plan) in plans {
        let padded = padded(&plan);
        assert_ne!(padded, plan, "{name}");
        assert_eq!(padded.normalised(), plan, "{name}");
        assert_eq!(
            npip_core::rules::validate(&padded),
            npip_core::rules::validate(&plan),
            "{name}"
        );
        for use_ip_addresses in [false, true] {
            let options = Options { use_ip_addresses };
            assert_eq!(
                emit::artifacts(&padded, &options),
                emit::artifacts(&plan, &options),
                "{name}"
            );
            assert_eq!(
                emit::udr_checklist(&padded, &options).map(|c| c.render(Format::Json)),
                emit::udr_checklist(&plan, &options).map(|c| c.render(Format::Json)),
                "{name}"
            );
            assert_eq!(
                emit::firewall_checklist(&padded, &options).map(|c| c.render(Format::Markdown)),
                emit::firewall_checklist(&plan, &options).map(|c| c.render(Format::Markdown)),
                "{name}"
            );
        }
        assert_eq!(emit::arm_template(&padded), emit::arm_template(&plan), "{name}");
        assert_eq!(emit::parameters_file(&padded), emit::parameters_file(&plan), "{name}");
        assert_eq!(
            npip_core::emit::deploy_commands(&padded),
            npip_core::emit::deploy_commands(&plan),
            "{name}"
        );
    }
}

#[test]
fn padded_values_never_reach_the_template() {
    // The reviewer's cases, one by one: each validates clean and must be emitted without its padding.
    let cases = [
        (
            "nat-gateway",
            "/network/hostSubnet/cidr",
            " 10.179.0.0/18 ",
            "10.179.0.0/18",
        ),
        (
            "nat-gateway",
            "/network/vnet/addressSpace",
            "10.179.0.0/16\n",
            "10.179.0.0/16",
        ),
        (
            "nat-gateway",
            "/network/nsgName",
            "adb-prod-weu-nsg\u{a0}",
            "adb-prod-weu-nsg",
        ),
        ("firewall", "/egress/firewallPrivateIp", " 10.0.1.4 ", "10.0.1.4"),
        ("managed-custom-prefix", "/network/addressPrefix", " 10.200 ", "10.200"),
        ("nat-gateway", "/workspace/region", " westeurope ", "westeurope"),
    ];
    for (name, path, raw, clean) in cases {
        let plan = variant(name, &[(path, json!(raw))]);
        let errors: Vec<_> = npip_core::rules::validate(&plan)
            .into_iter()
            .filter(|f| f.severity == npip_core::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
        let text = emit::arm_template(&plan).unwrap();
        assert!(!text.contains(raw), "{path}: the padded value is in the template");
        let params = emit::parameters_file(&plan).unwrap();
        assert!(params.contains(&format!("\"{clean}\"")), "{path}");
        assert!(!params.contains(raw), "{path}: the padded value is in the parameters");
    }
    // An existing VNet's ID: the VNet name the template derives from it has no trailing space.
    let id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-spoke-network/providers/\
              Microsoft.Network/virtualNetworks/spoke-vnet ";
    let plan = variant("existing-vnet", &[("/network/vnet/resourceId", json!(id))]);
    let t = template(&plan);
    assert_eq!(
        t["parameters"]["vnetResourceId"]["defaultValue"],
        id.trim(),
        "the template splits the VNet name off this value"
    );
}

#[test]
fn plans_with_errors_are_refused_everywhere() {
    let plan = variant("firewall", &[("/workspace/region", json!("westeruope"))]);
    let options = Options::default();
    let refusals = [
        emit::arm_template(&plan).unwrap_err(),
        emit::parameters_file(&plan).unwrap_err(),
        emit::udr_checklist(&plan, &options).unwrap_err(),
        emit::firewall_checklist(&plan, &options).unwrap_err(),
        emit::artifacts(&plan, &options).unwrap_err(),
    ];
    for refused in refusals {
        assert_eq!(refused.findings.len(), 1);
        assert_eq!(refused.findings[0].code, "NPIP-E901");
        assert!(refused.to_string().contains("westeurope"), "{refused}");
    }
}

#[test]
fn warnings_do_not_block() {
    let plan = variants()
        .into_iter()
        .find(|(n, _)| *n == "firewall-qatar-bypass")
        .unwrap()
        .1;
    let findings = npip_core::rules::validate(&plan);
    assert!(findings.iter().any(|f| f.code == "NPIP-W901"));
    assert!(emit::artifacts(&plan, &Options::default()).is_ok());
}

#[test]
fn every_template_parameter_is_in_the_parameters_file_with_the_plans_value() {
    for name in EXAMPLES {
        let plan = example(name);
        let template = template(&plan);
        let text = emit::parameters_file(&plan).unwrap();
        no_duplicate_keys(&text);
        let params: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            params["$schema"],
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"
        );
        let declared: Vec<&String> = template["parameters"].as_object().unwrap().keys().collect();
        let given: Vec<&String> = params["parameters"].as_object().unwrap().keys().collect();
        assert_eq!(declared, given, "{name}");
        for (key, definition) in template["parameters"].as_object().unwrap() {
            assert!(
                definition["metadata"]["description"]
                    .as_str()
                    .is_some_and(|d| d.len() > 10),
                "{name} {key}"
            );
            let value = &params["parameters"][key]["value"];
            if key == "location" {
                assert_eq!(definition["defaultValue"], "[resourceGroup().location]");
                assert_eq!(value, &json!(plan.workspace.region));
            } else {
                assert_eq!(&definition["defaultValue"], value, "{name} {key}");
            }
        }
    }
}

#[test]
fn templates_use_the_pinned_schema_and_api_versions() {
    for name in EXAMPLES {
        let template = template(&example(name));
        assert_eq!(
            template["$schema"],
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
        );
        for resource in template["resources"].as_array().unwrap() {
            let expected = if resource["type"] == "Microsoft.Databricks/workspaces" {
                "2026-01-01"
            } else {
                "2025-07-01"
            };
            assert_eq!(resource["apiVersion"], expected, "{name} {}", resource["type"]);
            if resource["type"] != "Microsoft.Network/virtualNetworks/subnets" {
                assert_eq!(
                    resource["location"], "[parameters('location')]",
                    "{name} {}",
                    resource["type"]
                );
            }
        }
        let ws = workspace(&template);
        assert_eq!(ws["properties"]["computeMode"], "Hybrid");
        assert_eq!(
            ws["properties"]["managedResourceGroupId"],
            "[subscriptionResourceId('Microsoft.Resources/resourceGroups', parameters('managedResourceGroupName'))]"
        );
        assert!(template["outputs"]["workspaceId"]["value"].is_string());
        assert!(template["outputs"]["workspaceUrl"]["value"]
            .as_str()
            .unwrap()
            .ends_with(".workspaceUrl]"));
    }
}

#[test]
fn managed_vnet_gets_only_the_workspace_and_its_managed_parameters() {
    let t = template(&example("managed-default"));
    assert_eq!(t["resources"].as_array().unwrap().len(), 1);
    assert_eq!(custom_parameters(&t), ["enableNoPublicIp"]);
    assert!(workspace(&t).get("dependsOn").is_none());
    assert!(workspace(&t)["properties"].get("requiredNsgRules").is_none());

    let t = template(&example("managed-custom-prefix"));
    assert_eq!(
        custom_parameters(&t),
        [
            "enableNoPublicIp",
            "natGatewayName",
            "publicIpName",
            "vnetAddressPrefix"
        ]
    );
    assert_eq!(t["parameters"]["vnetAddressPrefix"]["defaultValue"], "10.200");

    // Without secure cluster connectivity the managed NAT gateway names do not apply.
    let plan = variants().into_iter().find(|(n, _)| *n == "managed-no-scc").unwrap().1;
    let t = template(&plan);
    assert_eq!(custom_parameters(&t), ["enableNoPublicIp", "vnetAddressPrefix"]);
    assert_eq!(t["parameters"]["enableNoPublicIp"]["defaultValue"], false);
}

#[test]
fn new_vnet_has_inline_delegated_subnets_with_nsg_and_nat() {
    let t = template(&example("nat-gateway"));
    let types: Vec<&str> = t["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "Microsoft.Network/networkSecurityGroups",
            "Microsoft.Network/publicIPAddresses",
            "Microsoft.Network/natGateways",
            "Microsoft.Network/virtualNetworks",
            "Microsoft.Databricks/workspaces"
        ]
    );
    let pip = resources_of_type(&t, "Microsoft.Network/publicIPAddresses")[0];
    assert_eq!(pip["sku"]["name"], "Standard");
    assert_eq!(pip["properties"]["publicIPAllocationMethod"], "Static");
    assert_eq!(
        resources_of_type(&t, "Microsoft.Network/natGateways")[0]["sku"]["name"],
        "Standard"
    );
    let subnets = subnets(&t);
    assert_eq!(subnets.len(), 2);
    for s in &subnets {
        let p = &s["properties"];
        assert_eq!(
            p["delegations"][0]["properties"]["serviceName"],
            "Microsoft.Databricks/workspaces"
        );
        assert_eq!(p["defaultOutboundAccess"], false);
        assert!(p["networkSecurityGroup"]["id"]
            .as_str()
            .unwrap()
            .contains("networkSecurityGroups"));
        assert!(p["natGateway"]["id"].as_str().unwrap().contains("natGateways"));
    }
    assert_eq!(
        custom_parameters(&t),
        [
            "customPrivateSubnetName",
            "customPublicSubnetName",
            "customVirtualNetworkId",
            "enableNoPublicIp"
        ]
    );
    assert_eq!(
        workspace(&t)["dependsOn"],
        json!(["[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"])
    );
    assert_eq!(
        nsg_rule_names(&t),
        [
            "worker-to-worker-inbound",
            "worker-to-databricks-cp",
            "worker-to-sql",
            "worker-to-storage",
            "worker-to-worker-outbound",
            "worker-to-eventhub"
        ]
    );
}

#[test]
fn nsg_rules_follow_scc_and_required_nsg_rules() {
    let all = variants();
    let get = |name: &str| all.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    let t = template(&get("firewall-no-scc"));
    let names = nsg_rule_names(&t);
    assert!(names.contains(&"control-plane-to-worker-ssh".to_string()));
    assert!(names.contains(&"control-plane-to-worker-proxy".to_string()));
    assert_eq!(names.len(), 8);
    let t = template(&get("nat-private-back-end"));
    assert!(!nsg_rule_names(&t).contains(&"worker-to-databricks-cp".to_string()));
    assert_eq!(
        t["parameters"]["requiredNsgRules"]["defaultValue"],
        "NoAzureDatabricksRules"
    );
    assert_eq!(t["parameters"]["publicNetworkAccess"]["defaultValue"], "Disabled");
}

#[test]
fn existing_vnet_subnets_are_children_deployed_one_after_the_other() {
    let t = template(&example("existing-vnet"));
    assert!(resources_of_type(&t, "Microsoft.Network/virtualNetworks").is_empty());
    let subnets = resources_of_type(&t, "Microsoft.Network/virtualNetworks/subnets");
    assert_eq!(subnets.len(), 2);
    assert!(subnets[0]["name"].as_str().unwrap().contains("variables('vnetName')"));
    let host_id = "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), parameters('hostSubnetName'))]";
    assert!(subnets[1]["dependsOn"].as_array().unwrap().contains(&json!(host_id)));
    assert!(!subnets[0]["dependsOn"].as_array().unwrap().contains(&json!(host_id)));
    assert_eq!(
        t["variables"]["vnetName"],
        "[last(split(parameters('vnetResourceId'), '/'))]"
    );
    let ws = workspace(&t);
    assert_eq!(
        ws["properties"]["parameters"]["customVirtualNetworkId"]["value"],
        "[parameters('vnetResourceId')]"
    );
    assert_eq!(ws["dependsOn"].as_array().unwrap().len(), 2);
}

#[test]
fn load_balancer_egress_is_wired_into_the_workspace() {
    for plan in [
        example("load-balancer"),
        variants()
            .into_iter()
            .find(|(n, _)| *n == "existing-vnet-lb")
            .unwrap()
            .1,
    ] {
        let t = template(&plan);
        let lb = resources_of_type(&t, "Microsoft.Network/loadBalancers")[0];
        assert_eq!(lb["sku"], json!({"name": "Standard", "tier": "Regional"}));
        let outbound = &lb["properties"]["outboundRules"][0]["properties"];
        assert_eq!(outbound["protocol"], "All");
        assert!(outbound["backendAddressPool"]["id"]
            .as_str()
            .unwrap()
            .contains("backendAddressPools"));
        assert_eq!(
            lb["properties"]["frontendIPConfigurations"].as_array().unwrap().len(),
            1
        );
        assert_eq!(lb["properties"]["backendAddressPools"].as_array().unwrap().len(), 1);
        let params = &workspace(&t)["properties"]["parameters"];
        assert_eq!(
            params["loadBalancerId"]["value"],
            "[resourceId('Microsoft.Network/loadBalancers', parameters('loadBalancerName'))]"
        );
        assert_eq!(
            params["loadBalancerBackendPoolName"]["value"],
            "[parameters('loadBalancerBackendPoolName')]"
        );
        let depends = workspace(&t)["dependsOn"].as_array().unwrap().clone();
        assert!(depends.contains(&json!(
            "[resourceId('Microsoft.Network/loadBalancers', parameters('loadBalancerName'))]"
        )));
        for s in subnets(&t) {
            assert_eq!(s["properties"]["defaultOutboundAccess"], false);
            assert!(s["properties"].get("natGateway").is_none() && s["properties"].get("routeTable").is_none());
        }
    }
}

#[test]
fn firewall_route_table_and_udr_checklist_agree() {
    let all = variants();
    let cases: Vec<(&str, Plan)> = vec![
        ("firewall", example("firewall")),
        ("service-tag-routes", example("service-tag-routes")),
        (
            "firewall-tags-and-bypass",
            all.iter()
                .find(|(n, _)| *n == "firewall-tags-and-bypass")
                .unwrap()
                .1
                .clone(),
        ),
        (
            "firewall-bypass",
            all.iter().find(|(n, _)| *n == "firewall-bypass").unwrap().1.clone(),
        ),
    ];
    for (name, plan) in cases {
        let t = template(&plan);
        let Checklist::Udr(udr) = emit::udr_checklist(&plan, &Options::default()).unwrap() else {
            panic!("{name}: no UDR checklist");
        };
        let from_checklist: Vec<(String, String)> = udr
            .routes
            .iter()
            .map(|r| (r.address_prefix.clone(), r.next_hop_type.as_str().to_string()))
            .collect();
        assert_eq!(routes(&t), from_checklist, "{name}");
        let internet = udr.routes.iter().any(|r| r.next_hop_type == NextHopType::Internet);
        // Default outbound access only where the routes depend on it: an existing VNet, nodes without public IPs.
        let existing = matches!(
            plan.network.injection().map(|i| &i.vnet),
            Some(npip_core::plan::Vnet::Existing { .. })
        );
        let needed = internet && existing && plan.connectivity.secure_cluster_connectivity;
        for s in subnets(&t) {
            assert_eq!(s["properties"]["defaultOutboundAccess"], needed, "{name}");
            assert!(s["properties"]["routeTable"]["id"]
                .as_str()
                .unwrap()
                .contains("routeTables"));
        }
        assert_eq!(udr.associate_with.len(), 2);
    }
}

#[test]
fn route_sets_per_firewall_option() {
    let all = variants();
    let get = |name: &str| all.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    let prefixes = |plan: &Plan, ips: bool| -> Vec<String> {
        match emit::udr_checklist(plan, &Options { use_ip_addresses: ips }).unwrap() {
            Checklist::Udr(u) => u.routes.into_iter().map(|r| r.address_prefix).collect(),
            other => panic!("{other:?}"),
        }
    };
    // Everything to the firewall.
    assert_eq!(prefixes(&example("firewall"), false), ["0.0.0.0/0"]);
    // Without secure cluster connectivity the control plane connects in to the nodes: its replies go straight back
    // (the AzureDatabricks tag, or with IPs the region's control plane NAT ranges), not through the firewall.
    let no_scc = get("firewall-no-scc");
    assert_eq!(prefixes(&no_scc, false), ["0.0.0.0/0", "AzureDatabricks"]);
    let with_ips = prefixes(&no_scc, true);
    assert_eq!(with_ips.len(), 12, "{with_ips:?}");
    assert_eq!(with_ips[..3], ["0.0.0.0/0", "23.100.0.135/32", "40.74.30.81/32"]);
    let Checklist::Udr(udr) = emit::udr_checklist(&no_scc, &Options::default()).unwrap() else {
        panic!()
    };
    assert!(
        udr.notes.iter().any(|n| n.contains("asymmetric routing")),
        "{:?}",
        udr.notes
    );
    let t = template(&no_scc);
    assert_eq!(
        routes(&t),
        [
            ("0.0.0.0/0".to_string(), "VirtualAppliance".to_string()),
            ("AzureDatabricks".to_string(), "Internet".to_string())
        ]
    );
    // The replies leave from the nodes' own public IPs: a new VNet's subnets stay private.
    assert!(subnets(&t)
        .iter()
        .all(|s| s["properties"]["defaultOutboundAccess"] == false));
    let Checklist::Firewall(f) = emit::firewall_checklist(&no_scc, &Options::default()).unwrap() else {
        panic!()
    };
    assert!(f.network_rules.iter().all(|r| r.name != "databricks-webapp"));
    assert_eq!(f.bypassing, ["Web app and control plane", "Control plane NAT"]);
    // Relay bypass: the default route plus West Europe's two relay IPs.
    assert_eq!(
        prefixes(&get("firewall-bypass"), false),
        ["0.0.0.0/0", "23.97.201.41/32", "51.138.96.158/32"]
    );
    // Service tags cover the relay already, so no /32s are added.
    assert_eq!(
        prefixes(&get("firewall-tags-and-bypass"), false),
        [
            "0.0.0.0/0",
            "AzureDatabricks",
            "Sql.WestEurope",
            "Storage.WestEurope",
            "Storage.NorthEurope",
            "EventHub.WestEurope",
            "20.73.215.48/28"
        ]
    );
    // With IPs, AzureDatabricks becomes the web app and relay ranges; the others keep their tags.
    let with_ips = prefixes(&example("service-tag-routes"), true);
    assert_eq!(
        with_ips,
        [
            "52.187.145.107/32",
            "20.247.134.0/28",
            "4.150.168.160/28",
            "52.230.27.216/32",
            "Sql.SoutheastAsia",
            "Storage.SoutheastAsia",
            "Storage.EastAsia",
            "EventHub.SoutheastAsia",
            "20.195.104.64/28"
        ]
    );
    // Qatar Central has no relay IPs: the bypass cannot be routed and the checklist says so.
    let qatar = get("firewall-qatar-bypass");
    assert_eq!(prefixes(&qatar, false), ["0.0.0.0/0"]);
    let Checklist::Udr(udr) = emit::udr_checklist(&qatar, &Options::default()).unwrap() else {
        panic!()
    };
    assert!(
        udr.notes.iter().any(|n| n.contains("no relay IPs for qatarcentral")),
        "{:?}",
        udr.notes
    );
}

#[test]
fn udr_checklist_says_to_peer_with_a_firewall_outside_the_vnet_first() {
    let udr = |plan: &Plan| match emit::udr_checklist(plan, &Options::default()).unwrap() {
        Checklist::Udr(u) => u,
        other => panic!("{other:?}"),
    };
    // The same sentence as warning NPIP-W306 (NPIP-I011 for an existing VNet), first among the notes.
    let plan = example("firewall");
    let note = npip_core::rules::validate(&plan)
        .into_iter()
        .find(|f| f.code == "NPIP-W306")
        .unwrap()
        .message;
    assert_eq!(udr(&plan).notes[0], note);
    assert!(note.contains("10.0.1.4") && note.contains("peer"), "{note}");
    // An appliance inside the existing VNet needs no peering.
    let plan = variant(
        "firewall",
        &[
            ("/network", existing_network()),
            ("/egress/firewallPrivateIp", json!("10.50.200.4")),
        ],
    );
    assert!(udr(&plan).notes.iter().all(|n| !n.contains("peer")));
}

#[test]
fn firewall_checklist_rules_and_relay_bypass() {
    let all = variants();
    let get = |name: &str| all.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    let checklist =
        |plan: &Plan, ips: bool| match emit::firewall_checklist(plan, &Options { use_ip_addresses: ips }).unwrap() {
            Checklist::Firewall(f) => f,
            other => panic!("{other:?}"),
        };
    let f = checklist(&example("firewall"), false);
    let app: Vec<&str> = f.application_rules.iter().map(|r| r.name).collect();
    assert_eq!(
        app,
        [
            "databricks-scc-relay",
            "databricks-artifact-storage",
            "databricks-artifact-storage-secondary",
            "databricks-log-storage",
            "databricks-system-tables-storage",
            "databricks-dbfs-storage",
            "plan-extra-fqdns"
        ]
    );
    assert_eq!(
        f.application_rules[0].fqdns,
        [
            "tunnel.westeurope.azuredatabricks.net",
            "tunnel.westeuropec2.azuredatabricks.net"
        ]
    );
    assert_eq!(
        f.application_rules[6].fqdns,
        ["pypi.org", "files.pythonhosted.org", "repo1.maven.org"]
    );
    // West Europe's system tables account comes from Databricks' own example, with where it came from.
    let system_tables = &f.application_rules[4];
    assert_eq!(system_tables.fqdns, ["ucstprdwesteu.dfs.core.windows.net"]);
    assert!(system_tables
        .note
        .as_deref()
        .is_some_and(|n| n.contains("terraform-databricks-examples")));
    assert!(f
        .application_rules
        .iter()
        .all(|r| r.protocol == "Https" && r.port == "443"));
    let net: Vec<(&str, Vec<&str>)> = f.network_rules.iter().map(|r| (r.name, r.ports.clone())).collect();
    assert_eq!(
        net,
        [
            ("databricks-webapp", vec!["443", "3306", "8443-8451"]),
            ("databricks-extended-infrastructure", vec!["443"]),
            ("databricks-metastore", vec!["3306"]),
            ("databricks-eventhubs", vec!["9093"]),
            ("entra-id", vec!["443"]),
        ]
    );
    assert_eq!(f.network_rules[0].destinations, ["AzureDatabricks"]);
    assert_eq!(f.source_addresses, ["10.30.0.0/23", "10.30.2.0/23"]);
    // A new VNet cannot route the relay around the firewall; an existing one can, and the text says how.
    assert!(
        f.scc_relay_bypass.contains("in this new VNet it must"),
        "{}",
        f.scc_relay_bypass
    );
    assert!(f.bypassing.is_empty());
    let existing = checklist(&variant("firewall", &[("/network", existing_network())]), false);
    assert!(
        existing.scc_relay_bypass.contains("23.97.201.41/32")
            && existing.scc_relay_bypass.contains("default outbound access"),
        "{}",
        existing.scc_relay_bypass
    );

    // With IPs: the web app rule lists IPs, metastore and Event Hubs become FQDN network rules.
    let f = checklist(&example("firewall"), true);
    assert_eq!(f.network_rules[0].destination_kind, DestinationKind::IpAddresses);
    assert!(f.network_rules[0]
        .destinations
        .contains(&"52.232.19.246/32".to_string()));
    assert_eq!(f.network_rules[2].destination_kind, DestinationKind::Fqdns);

    // Relay bypassed: no relay rule, and the checklist says the relay skips the firewall.
    let f = checklist(&get("firewall-bypass"), false);
    assert!(f.application_rules.iter().all(|r| r.name != "databricks-scc-relay"));
    assert_eq!(f.bypassing, ["Secure cluster connectivity relay"]);
    assert!(f.scc_relay_bypass.starts_with("The SCC relay bypasses the firewall"));

    // Service-tag routes send the Databricks services past the firewall: only Entra ID and the extras remain.
    let f = checklist(&get("firewall-tags-and-bypass"), false);
    let names: Vec<&str> = f.application_rules.iter().chain([].iter()).map(|r| r.name).collect();
    assert_eq!(names, ["plan-extra-fqdns"]);
    let names: Vec<&str> = f.network_rules.iter().map(|r| r.name).collect();
    assert_eq!(names, ["entra-id"]);

    // Qatar Central: the relay stays on the firewall and the text says the bypass cannot be routed.
    let f = checklist(&get("firewall-qatar-bypass"), false);
    assert_eq!(
        f.application_rules[0].fqdns,
        ["tunnel.qatarcentral.azuredatabricks.net"]
    );
    assert!(f.scc_relay_bypass.contains("cannot be routed yet"));
    // No source names Qatar Central's system tables account: the rule has no FQDN and says where to look.
    let system_tables = f
        .application_rules
        .iter()
        .find(|r| r.name == "databricks-system-tables-storage")
        .unwrap();
    assert!(system_tables.fqdns.is_empty());
    assert!(system_tables
        .note
        .as_deref()
        .is_some_and(|n| n.contains("take the value for qatarcentral")));
    let ext = f
        .network_rules
        .iter()
        .find(|r| r.name == "databricks-extended-infrastructure")
        .unwrap();
    assert!(
        ext.destinations.is_empty()
            && ext
                .note
                .as_deref()
                .unwrap()
                .contains("no extended-infrastructure range")
    );
}

#[test]
fn service_tag_routes_say_what_they_carry_with_secure_cluster_connectivity() {
    let all = variants();
    let plan = all
        .iter()
        .find(|(n, _)| *n == "firewall-tags-and-bypass")
        .unwrap()
        .1
        .clone();
    let Checklist::Firewall(f) = emit::firewall_checklist(&plan, &Options::default()).unwrap() else {
        panic!()
    };
    // With secure cluster connectivity the control plane connects to no node, so there is no NAT return path.
    assert!(
        !f.bypassing.iter().any(|b| b == "Control plane NAT"),
        "{:?}",
        f.bypassing
    );
    assert!(f.bypassing.iter().any(|b| b == "Secure cluster connectivity relay"));
    // The relay goes through the AzureDatabricks tag route, which Azure keeps current: no IPs to follow.
    assert!(
        !f.scc_relay_bypass.contains("Routes take IPs"),
        "{}",
        f.scc_relay_bypass
    );
    assert!(
        f.scc_relay_bypass.contains("AzureDatabricks service tag"),
        "{}",
        f.scc_relay_bypass
    );
    let Checklist::Udr(udr) = emit::udr_checklist(&plan, &Options::default()).unwrap() else {
        panic!()
    };
    assert_eq!(
        udr.routes[1].purpose,
        "Azure Databricks control plane, web app and secure cluster connectivity relay"
    );
    // Without it, the same route carries the replies to the control plane's connections in, and no relay.
    let plan = variant(
        "firewall",
        &[
            ("/network", existing_network()),
            ("/egress/serviceTagRoutes", json!(true)),
            ("/connectivity/secureClusterConnectivity", json!(false)),
        ],
    );
    let Checklist::Firewall(f) = emit::firewall_checklist(&plan, &Options::default()).unwrap() else {
        panic!()
    };
    assert!(f.bypassing.iter().any(|b| b == "Control plane NAT"));
    assert!(!f.bypassing.iter().any(|b| b == "Secure cluster connectivity relay"));
    let Checklist::Udr(udr) = emit::udr_checklist(&plan, &Options::default()).unwrap() else {
        panic!()
    };
    assert!(
        !udr.routes[1].purpose.contains("relay") && udr.routes[1].purpose.contains("replies"),
        "{}",
        udr.routes[1].purpose
    );
}

#[test]
fn every_scc_relay_is_reached_when_the_relay_bypasses_the_firewall() {
    let bypass_in = |region: &str| {
        variant(
            "firewall",
            &[
                ("/network", existing_network()),
                ("/workspace/region", json!(region)),
                ("/egress/sccRelayBypass", json!(true)),
            ],
        )
    };
    // East US 2 has three relays but the catalog holds two relay IPs, without saying whose.
    let plan = bypass_in("eastus2");
    let Checklist::Udr(udr) = emit::udr_checklist(&plan, &Options::default()).unwrap() else {
        panic!()
    };
    let prefixes: Vec<&str> = udr.routes.iter().map(|r| r.address_prefix.as_str()).collect();
    assert_eq!(prefixes, ["0.0.0.0/0", "52.247.0.200/32", "20.186.83.56/32"]);
    assert!(
        udr.notes
            .iter()
            .any(|n| n.contains("3 SCC relays") && n.contains("2 relay IPs")),
        "{:?}",
        udr.notes
    );
    // So the relay rule stays on the firewall: a workspace on the third relay reaches it there.
    let Checklist::Firewall(f) = emit::firewall_checklist(&plan, &Options::default()).unwrap() else {
        panic!()
    };
    let relay = f
        .application_rules
        .iter()
        .find(|r| r.name == "databricks-scc-relay")
        .expect("the relay rule stays");
    assert_eq!(
        relay.fqdns,
        [
            "tunnel.eastus2.azuredatabricks.net",
            "tunnel.eastus2c2.azuredatabricks.net",
            "tunnel.eastus2c3.azuredatabricks.net"
        ]
    );
    assert!(!f.bypassing.iter().any(|b| b.contains("relay")), "{:?}", f.bypassing);
    assert!(
        f.scc_relay_bypass.contains("keeps the relay rule"),
        "{}",
        f.scc_relay_bypass
    );
    let warning = npip_core::rules::validate(&plan)
        .into_iter()
        .find(|f| f.code == "NPIP-W902")
        .expect("a finding says why");
    assert_eq!(warning.field, npip_core::finding::Field::SccRelayBypass);
    assert!(warning.message.contains("eastus2c3"), "{}", warning.message);

    // The same in every region: the rule and the warning exactly where a relay has no IP in the catalog.
    for region in npip_core::regions::all() {
        if region.scc_relay_fqdns.is_missing() {
            continue;
        }
        let plan = bypass_in(region.name);
        let short = region.scc_relay_fqdns.as_slice().len() > region.scc_relay_ips.as_slice().len();
        let Checklist::Firewall(f) = emit::firewall_checklist(&plan, &Options::default()).unwrap() else {
            panic!()
        };
        let kept = f.application_rules.iter().any(|r| r.name == "databricks-scc-relay");
        let warned = npip_core::rules::validate(&plan).iter().any(|f| f.code == "NPIP-W902");
        assert_eq!((kept, warned), (short, short), "{}", region.name);
    }

    // Service-tag-route egress with IP ranges: the routes cover the relay IPs held, and say that some have none.
    let plan = variant("service-tag-routes", &[("/workspace/region", json!("eastus2"))]);
    let Checklist::Udr(udr) = emit::udr_checklist(&plan, &Options { use_ip_addresses: true }).unwrap() else {
        panic!()
    };
    assert!(udr.notes.iter().any(|n| n.contains("3 SCC relays")), "{:?}", udr.notes);
}

#[test]
fn service_tag_routes_use_the_regions_own_tags_and_warn_that_they_pass_the_firewall() {
    let udr = |plan: &Plan, ips: bool| match emit::udr_checklist(plan, &Options { use_ip_addresses: ips }).unwrap() {
        Checklist::Udr(u) => u,
        other => panic!("{other:?}"),
    };
    let prefixes =
        |plan: &Plan| -> Vec<String> { udr(plan, false).routes.into_iter().map(|r| r.address_prefix).collect() };
    // Southeast Asia's secondary artifact storage is in East Asia: its Storage routes name both regions, as
    // Microsoft's UDR page narrows Sql, Storage and EventHub to the region. AzureDatabricks has no regional form.
    let plan = example("service-tag-routes");
    assert_eq!(
        prefixes(&plan),
        [
            "AzureDatabricks",
            "Sql.SoutheastAsia",
            "Storage.SoutheastAsia",
            "Storage.EastAsia",
            "EventHub.SoutheastAsia",
            "20.195.104.64/28"
        ]
    );
    let from_template: Vec<String> = routes(&template(&plan)).into_iter().map(|(prefix, _)| prefix).collect();
    assert_eq!(
        from_template,
        prefixes(&plan),
        "the template and the checklist share the route set"
    );
    let notes = udr(&plan, false).notes;
    assert!(
        notes
            .iter()
            .any(|n| n.contains("East Asia") && n.contains("artifact storage (secondary)")),
        "{notes:?}"
    );

    // A firewall with service-tag routes: the tags let data leave past it, which a warning says.
    let firewall = variant(
        "firewall",
        &[
            ("/network", existing_network()),
            ("/egress/serviceTagRoutes", json!(true)),
        ],
    );
    assert_eq!(
        prefixes(&firewall),
        [
            "0.0.0.0/0",
            "AzureDatabricks",
            "Sql.WestEurope",
            "Storage.WestEurope",
            "Storage.NorthEurope",
            "EventHub.WestEurope",
            "20.73.215.48/28"
        ]
    );
    let warning = npip_core::rules::validate(&firewall)
        .into_iter()
        .find(|f| f.code == "NPIP-W307")
        .expect("a warning that data can leave past the firewall");
    assert_eq!(warning.field, npip_core::finding::Field::ServiceTagRoutes);
    for words in ["Storage.NorthEurope", "every customer", "without passing the firewall"] {
        assert!(warning.message.contains(words), "{words}: {}", warning.message);
    }
    assert!(
        npip_core::rules::validate(&plan).iter().all(|f| f.code != "NPIP-W307"),
        "no firewall, nothing passed"
    );

    // The firewall's own rules name the same regional tags.
    let Checklist::Firewall(f) = emit::firewall_checklist(&example("firewall"), &Options::default()).unwrap() else {
        panic!()
    };
    let metastore = f
        .network_rules
        .iter()
        .find(|r| r.name == "databricks-metastore")
        .unwrap();
    assert_eq!(metastore.destinations, ["Sql.WestEurope"]);

    // Where the regional names are not verified (Azure China) or the endpoints unknown, the global tag stays, said.
    for (region, why) in [("chinaeast2", "Azure China"), ("switzerlandnorth", "switzerlandnorth")] {
        let plan = variant("service-tag-routes", &[("/workspace/region", json!(region))]);
        let found = prefixes(&plan);
        assert!(found.contains(&"Storage".to_string()), "{region}: {found:?}");
        let notes = udr(&plan, false).notes;
        assert!(
            notes.iter().any(|n| n.contains("global") && n.contains(why)),
            "{region}: {notes:?}"
        );
    }
    // Switzerland North's metastore is known, so Sql is narrowed even there.
    let plan = variant(
        "service-tag-routes",
        &[("/workspace/region", json!("switzerlandnorth"))],
    );
    assert!(prefixes(&plan).contains(&"Sql.SwitzerlandNorth".to_string()));
}

#[test]
fn ip_ranges_say_which_routes_stay_service_tags_and_why() {
    // The metastore, storage and Event Hubs have no IP ranges: in IP form their routes stay tags, and the UDR
    // checklist, the firewall checklist and the finding say which and why.
    let firewall = variant(
        "firewall",
        &[
            ("/network", existing_network()),
            ("/egress/serviceTagRoutes", json!(true)),
        ],
    );
    let Checklist::Udr(udr) = emit::udr_checklist(&firewall, &Options { use_ip_addresses: true }).unwrap() else {
        panic!()
    };
    let tags: Vec<&str> = udr
        .routes
        .iter()
        .filter(|r| r.is_service_tag)
        .map(|r| r.address_prefix.as_str())
        .collect();
    assert_eq!(
        tags,
        [
            "Sql.WestEurope",
            "Storage.WestEurope",
            "Storage.NorthEurope",
            "EventHub.WestEurope"
        ]
    );
    let note = udr
        .notes
        .iter()
        .find(|n| n.contains("stay service tags"))
        .unwrap_or_else(|| panic!("{:?}", udr.notes));
    for tag in &tags {
        assert!(note.contains(tag), "{tag}: {note}");
    }
    assert!(note.contains("host names"), "{note}");
    let Checklist::Firewall(f) = emit::firewall_checklist(&firewall, &Options { use_ip_addresses: true }).unwrap()
    else {
        panic!()
    };
    assert!(
        f.notes
            .iter()
            .any(|n| n.contains("stay service tags") && n.contains("Storage.NorthEurope")),
        "{:?}",
        f.notes
    );
    let entra = f.network_rules.iter().find(|r| r.name == "entra-id").unwrap();
    assert!(
        entra.note.as_deref().is_some_and(|n| n.contains("stays a service tag")),
        "{:?}",
        entra.note
    );
    let warning = npip_core::rules::validate(&firewall)
        .into_iter()
        .find(|f| f.code == "NPIP-W307")
        .unwrap();
    assert!(
        warning.message.contains("IP ranges") && warning.message.contains("host names"),
        "{}",
        warning.message
    );
}

/// Every security rule anywhere in a template (wherever the NSG sits), as its `properties`.
fn security_rules(value: &Value, out: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(rules)) = map.get("securityRules") {
                out.extend(rules.iter().map(|r| r["properties"].clone()));
            }
            map.values().for_each(|v| security_rules(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| security_rules(v, out)),
        _ => {}
    }
}

#[test]
fn firewall_opens_the_control_plane_ports_the_nsg_opens() {
    // Microsoft's January 2025 release notes: VNet-injected workspaces need outbound 443, 3306 and 8443-8451 to the
    // AzureDatabricks tag (vnet-inject page, NSG rules); the quickstart templates' NSGs open the same.
    let plan = example("firewall");
    let mut rules = Vec::new();
    security_rules(&template(&plan), &mut rules);
    let to_control_plane = rules
        .iter()
        .find(|r| r["destinationAddressPrefix"] == "AzureDatabricks" && r["direction"] == "Outbound")
        .expect("an outbound NSG rule to AzureDatabricks");
    let nsg_ports: Vec<&str> = to_control_plane["destinationPortRanges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(nsg_ports, ["443", "3306", "8443-8451"]);
    for ips in [false, true] {
        let Checklist::Firewall(f) = emit::firewall_checklist(&plan, &Options { use_ip_addresses: ips }).unwrap()
        else {
            panic!()
        };
        let webapp = f.network_rules.iter().find(|r| r.name == "databricks-webapp").unwrap();
        assert_eq!(webapp.ports, nsg_ports, "ips: {ips}");
    }
}

#[test]
fn the_design_record_says_in_which_order_to_change_required_nsg_rules() {
    // An NSG written before the workspace, without the rule the workspace's network intent policy still requires,
    // fails with ConflictWithNetworkIntentPolicy: the workspace changes first, then the template redeploys the NSG.
    let record = emit::design_record(&example("firewall"));
    let section = record
        .split("## Changing the required NSG rules later")
        .nth(1)
        .unwrap_or_else(|| panic!("{record}"));
    let update = section
        .find("az databricks workspace update --resource-group rg-adb-secure-weu --name adb-secure-weu --required-nsg-rules NoAzureDatabricksRules")
        .unwrap_or_else(|| panic!("{section}"));
    let redeploy = section
        .find("az deployment group create")
        .unwrap_or_else(|| panic!("{section}"));
    assert!(update < redeploy, "the workspace first: {section}");
    assert!(section.contains("ConflictWithNetworkIntentPolicy"), "{section}");
    assert!(!emit::design_record(&example("managed-default")).contains("Changing the required NSG rules"));
}

#[test]
fn no_system_tables_rows_where_system_tables_are_not_available() {
    // Unity Catalog system tables are not available in Azure China, Azure Government, West India and Switzerland
    // West (Microsoft's system tables page): no firewall rule for their storage there, and a note that says why.
    for region in ["chinaeast2", "usgovvirginia", "westindia", "switzerlandwest"] {
        let plan = variant("firewall", &[("/workspace/region", json!(region))]);
        let Checklist::Firewall(f) = emit::firewall_checklist(&plan, &Options::default()).unwrap() else {
            panic!()
        };
        assert!(
            f.application_rules
                .iter()
                .all(|r| r.name != "databricks-system-tables-storage"),
            "{region}"
        );
        assert!(
            f.notes.iter().any(|n| n.contains("System tables are not available")
                && n.contains("https://learn.microsoft.com/en-us/azure/databricks/admin/system-tables")),
            "{region}: {:?}",
            f.notes
        );
    }
    let Checklist::Firewall(f) = emit::firewall_checklist(&example("firewall"), &Options::default()).unwrap() else {
        panic!()
    };
    assert!(f
        .application_rules
        .iter()
        .any(|r| r.name == "databricks-system-tables-storage"));
    assert!(f.notes.iter().all(|n| !n.contains("System tables are not available")));
}

#[test]
fn checklists_that_do_not_apply_say_why() {
    let cases = [
        ("managed-default", "udr", "managed VNet"),
        ("managed-default", "firewall", "managed VNet"),
        ("nat-gateway", "udr", "NAT gateway"),
        ("load-balancer", "firewall", "load balancer"),
        ("service-tag-routes", "firewall", "no firewall"),
    ];
    for (name, which, reason) in cases {
        let plan = example(name);
        let checklist = match which {
            "udr" => emit::udr_checklist(&plan, &Options::default()),
            _ => emit::firewall_checklist(&plan, &Options::default()),
        }
        .unwrap();
        let Checklist::NotApplicable(na) = &checklist else {
            panic!("{name} {which} applies")
        };
        assert!(na.reason.contains(reason), "{name} {which}: {}", na.reason);
        assert!(!checklist.applies());
        let md = checklist.render(Format::Markdown);
        assert!(md.contains("Not applicable") && md.contains("2025-12-16"), "{md}");
        let json: Value = serde_json::from_str(&checklist.render(Format::Json)).unwrap();
        assert_eq!(json["applies"], false);
        assert!(json["reason"].as_str().unwrap().contains(reason));
        let csv = parse_csv(&checklist.render(Format::Csv));
        assert_eq!(csv.len(), 2);
        assert_eq!(csv[1][4], "false");
    }
}

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. Panics on malformed input.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                    assert!(
                        matches!(chars.peek(), Some(',') | Some('\r') | None),
                        "text after a closing quote"
                    );
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty(), "quote inside an unquoted field");
                quoted = true;
            }
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            '\n' => panic!("bare LF outside quotes"),
            c => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(field.is_empty() && record.is_empty(), "last record lacks CRLF");
    records
}

/// Table rows of a Markdown document have as many cells as their header.
fn check_markdown_tables(text: &str) {
    let cells = |line: &str| {
        let mut count = 0;
        let mut escaped = false;
        for c in line.chars() {
            match (c, escaped) {
                ('\\', false) => escaped = true,
                ('|', false) => count += 1,
                _ => escaped = false,
            }
        }
        count
    };
    let mut expected = None;
    for line in text.lines() {
        if line.starts_with('|') {
            let n = cells(line);
            assert_eq!(*expected.get_or_insert(n), n, "ragged table row: {line}");
        } else {
            expected = None;
        }
    }
}

#[test]
fn every_format_is_well_formed() {
    for (name, plan) in every_template() {
        for ips in [false, true] {
            let options = Options { use_ip_addresses: ips };
            for checklist in [
                emit::udr_checklist(&plan, &options).unwrap(),
                emit::firewall_checklist(&plan, &options).unwrap(),
            ] {
                let csv = parse_csv(&checklist.render(Format::Csv));
                let width = csv[0].len();
                assert!(csv.iter().all(|r| r.len() == width), "{name}: ragged CSV");
                assert!(csv.len() >= 2, "{name}: CSV without rows");
                let json = checklist.render(Format::Json);
                no_duplicate_keys(&json);
                let json: Value = serde_json::from_str(&json).unwrap();
                assert_eq!(json["catalogAsOf"], "2025-12-16");
                assert_eq!(json["workspace"], plan.workspace.name.as_str());
                let md = checklist.render(Format::Markdown);
                check_markdown_tables(&md);
                assert!(md.starts_with(&format!("# {}: ", checklist.header().kind.title())));
                assert!(md.contains("as of 2025-12-16"));
            }
        }
    }
}

fn every_template() -> Vec<(String, Plan)> {
    let mut plans: Vec<(String, Plan)> = EXAMPLES.iter().map(|n| (n.to_string(), example(n))).collect();
    plans.extend(variants().into_iter().map(|(n, p)| (n.to_string(), p)));
    plans
}

/// Every example's and variant's template passes Microsoft's ARM schemas and the arm-ttk-style rules (tests/arm).
#[test]
fn every_template_passes_the_arm_schemas() {
    let checker = arm::ArmChecker::load(&arm::schema_dir());
    let today = arm::Date::today();
    let mut failures = Vec::new();
    let plans = every_template();
    for (name, plan) in &plans {
        for finding in checker.check(&template(plan), today) {
            failures.push(format!("{name}: {finding}"));
        }
    }
    assert!(failures.is_empty(), "ARM template findings:\n{}", failures.join("\n"));
    eprintln!("{} templates pass the committed ARM schemas", plans.len());
}

/// The shared check-arm tool (../shared/tools/check-arm, Python with jsonschema) over every example's and variant's
/// template: a second opinion from an independent validator, run by `./x check-arm`. It fails, never skips, when the
/// tool or Python's jsonschema is missing.
#[test]
#[ignore = "needs ../shared/tools/check-arm and Python's jsonschema: run by ./x check-arm"]
fn every_template_passes_check_arm() {
    let tool = std::env::var_os("CHECK_ARM")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/tools/check-arm"));
    assert!(
        tool.exists(),
        "{} not found (set CHECK_ARM to the check-arm script)",
        tool.display()
    );
    let has_jsonschema = std::process::Command::new("python3")
        .args(["-c", "import jsonschema, referencing"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        has_jsonschema,
        "python3 with jsonschema >= 4.18 is not available (pip install jsonschema)"
    );
    let dir = std::env::temp_dir().join(format!("npip-check-arm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (name, plan) in every_template() {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, emit::arm_template(&plan).unwrap()).unwrap();
        files.push(path);
    }
    let output = std::process::Command::new("python3")
        .arg(&tool)
        .args(&files)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "check-arm failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    eprint!("{}", String::from_utf8_lossy(&output.stdout));
}
