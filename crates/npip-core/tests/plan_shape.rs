//! The plan file's shape: a full plan reads, writes back identically, and defaults fill what is left out.

use npip_core::plan::*;

const INJECTED_NAT: &str = r#"{
  "version": 1,
  "workspace": { "name": "adb-prod", "region": "westeurope", "pricingTier": "premium" },
  "connectivity": { "secureClusterConnectivity": true, "publicNetworkAccess": "Enabled", "requiredNsgRules": "AllRules" },
  "network": {
    "model": "vnetInjection",
    "vnet": { "kind": "new", "name": "adb-vnet", "addressSpace": "10.179.0.0/16" },
    "hostSubnet": { "name": "host", "cidr": "10.179.0.0/18" },
    "containerSubnet": { "name": "container", "cidr": "10.179.64.0/18" },
    "nsgName": "adb-nsg"
  },
  "peakNodes": 200,
  "egress": { "type": "natGateway", "natGatewayName": "adb-nat", "publicIpName": "adb-nat-ip", "idleTimeoutMinutes": 4 },
  "avoid": [ { "cidr": "10.0.0.0/16", "label": "hub" } ]
}"#;

#[test]
fn full_plan_round_trips() {
    let plan = read_plan(INJECTED_NAT).unwrap();
    assert_eq!(plan.egress.kind(), EgressKind::NatGateway);
    let injection = plan.network.injection().unwrap();
    assert_eq!(injection.host_subnet.cidr, "10.179.0.0/18");
    let again = read_plan(&plan.to_json_pretty()).unwrap();
    assert_eq!(again, plan);
}

#[test]
fn defaults_fill_optional_fields() {
    let plan = read_plan(
        r#"{"version":1,"workspace":{"name":"ws","region":"eastus"},"network":{"model":"managed"},
            "egress":{"type":"managedNatGateway"}}"#,
    )
    .unwrap();
    assert!(plan.connectivity.secure_cluster_connectivity);
    assert_eq!(plan.workspace.pricing_tier, PricingTier::Premium);
    assert_eq!(plan.workspace.managed_resource_group_name(), "databricks-rg-ws");
    assert_eq!(plan.peak_nodes, 50);
}

#[test]
fn unknown_fields_are_named() {
    let bad = INJECTED_NAT.replace("\"nsgName\"", "\"nsgNme\"");
    let err = read_plan(&bad).unwrap_err().to_string();
    assert!(err.contains("nsgNme"), "{err}");
    let bad = INJECTED_NAT.replace("\"idleTimeoutMinutes\"", "\"idleTimeout\"");
    let err = read_plan(&bad).unwrap_err().to_string();
    assert!(err.contains("idleTimeout"), "{err}");
}
