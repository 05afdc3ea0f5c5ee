//! The VNet import on az's and the portal's JSON: what it fills, what it refuses, and its bounds.

use super::*;
use crate::plan::read_plan;

fn existing_plan() -> Plan {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/existing-vnet.json"
    ))
    .unwrap();
    read_plan(&text).unwrap()
}

/// Shaped like `az network vnet show` output (trimmed to the fields that matter here).
const AZ_SHOW: &str = r#"{
  "addressSpace": { "addressPrefixes": ["10.60.0.0/16", "fd00:db8::/48"] },
  "id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/spoke-weu",
  "location": "westeurope",
  "name": "spoke-weu",
  "subnets": [
    { "name": "default", "addressPrefix": "10.60.0.0/24", "ipConfigurations": [ { "id": "nic-1" } ] },
    { "name": "ADB-HOST", "addressPrefix": "10.60.8.0/23", "ipConfigurations": [ { "id": "a" }, { "id": "b" } ],
      "delegations": [ { "name": "d", "properties": { "serviceName": "Microsoft.Web/serverFarms" } } ] },
    { "name": "AzureBastionSubnet", "addressPrefixes": ["10.60.1.0/26", "fd00:db8:0:1::/64"] },
    { "name": "adb-container" }
  ],
  "type": "Microsoft.Network/virtualNetworks",
  "virtualNetworkPeerings": [
    {
      "name": "spoke-to-hub",
      "remoteAddressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
      "remoteVirtualNetwork": { "id": "/subscriptions/1/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub-weu" }
    }
  ]
}"#;

#[test]
fn fills_id_prefixes_avoid_ranges_and_the_subnets_the_vnet_already_has() {
    let mut plan = existing_plan();
    plan.workspace.region = String::new();
    let import = import_vnet(&mut plan, AZ_SHOW).unwrap();
    let Network::VnetInjection(injection) = &plan.network else {
        panic!()
    };
    assert_eq!(
        injection.vnet,
        Vnet::Existing {
            resource_id: "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/\
                          Microsoft.Network/virtualNetworks/spoke-weu"
                .to_string(),
            address_prefixes: vec!["10.60.0.0/16".to_string(), "fd00:db8::/48".to_string()],
        }
    );
    // The host subnet exists already (names compare without case); the container subnet has no range there.
    assert_eq!(injection.host_subnet.cidr, "10.60.8.0/23");
    assert_eq!(injection.container_subnet.cidr, "10.50.68.0/22");
    let avoid: Vec<(&str, &str)> = plan.avoid.iter().map(|a| (a.cidr.as_str(), a.label.as_str())).collect();
    assert_eq!(
        avoid,
        [
            ("10.50.0.0/24", "existing app subnet"),
            ("10.50.1.0/26", "existing private endpoint subnet"),
            ("10.60.0.0/24", "subnet default"),
            ("10.60.1.0/26", "subnet AzureBastionSubnet"),
            ("10.0.0.0/16", "peered VNet hub-weu"),
        ]
    );
    assert_eq!(plan.workspace.region, "westeurope");
    assert_eq!(
        import,
        VnetImport {
            vnet_name: "spoke-weu".to_string(),
            prefixes: 2,
            subnet_ranges_added: 2,
            peered_ranges_added: 1,
            subnets_taken: vec![("host", "ADB-HOST".to_string(), "10.60.8.0/23".to_string())],
            subnets_in_use: vec![("ADB-HOST".to_string(), 2)],
            subnets_delegated_elsewhere: vec![("ADB-HOST".to_string(), "Microsoft.Web/serverFarms".to_string())],
            ipv6_skipped: 1,
            region_set: Some("westeurope".to_string()),
            region_mismatch: None,
        }
    );
    assert_eq!(
        import.summary(),
        "Filled in from the VNet spoke-weu: its resource ID and 2 address prefixes. Added to the ranges to avoid: \
         2 ranges of its other subnets and 1 range of a peered VNet. The VNet already has the host subnet ADB-HOST \
         (10.60.8.0/23); the plan uses it. Careful: ADB-HOST already holds 2 IP configurations, and a workspace \
         subnet must hold nothing else. Careful: ADB-HOST is delegated to Microsoft.Web/serverFarms, and both \
         workspace subnets must be delegated to Microsoft.Databricks/workspaces. 1 IPv6 range left out: the ranges to avoid are IPv4. The workspace region \
         is now westeurope, the VNet's."
    );

    // Filling again adds nothing twice, and a different region is reported, not changed.
    plan.workspace.region = "uksouth".to_string();
    let again = import_vnet(&mut plan, AZ_SHOW).unwrap();
    assert_eq!(plan.avoid.len(), 5);
    assert_eq!((again.subnet_ranges_added, again.peered_ranges_added), (0, 0));
    assert_eq!(plan.workspace.region, "uksouth");
    assert_eq!(
        again.region_mismatch,
        Some(("westeurope".to_string(), "uksouth".to_string()))
    );
    assert!(again
        .summary()
        .ends_with("The VNet is in westeurope but the workspace region is uksouth: they must be the same."));
}

#[test]
fn reads_the_portal_json_view_and_a_one_item_list() {
    let portal = r#"{
      "name": "spoke-weu",
      "id": "/subscriptions/1/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/spoke-weu",
      "type": "Microsoft.Network/virtualNetworks",
      "location": "West Europe",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.70.0.0/20"] },
        "subnets": [
          { "name": "apps", "properties": { "addressPrefix": "10.70.0.0/24" } },
          { "name": "adb-container", "properties": { "addressPrefix": "10.70.4.0/22",
            "delegations": [ { "properties": { "serviceName": "Microsoft.Databricks/workspaces" } } ] } }
        ],
        "virtualNetworkPeerings": [
          { "name": "to-onprem", "properties": { "remoteAddressSpace": { "addressPrefixes": ["192.168.0.0/16"] } } }
        ]
      }
    }"#;
    for text in [portal.to_string(), format!("[{portal}]")] {
        let mut plan = existing_plan();
        plan.avoid.clear();
        plan.workspace.region = String::new();
        let import = import_vnet(&mut plan, &text).unwrap();
        // A display name (West Europe) becomes the name Azure writes in `location`.
        assert_eq!(plan.workspace.region, "westeurope");
        // Already delegated to Azure Databricks, as a workspace subnet must be: taken, with no warning.
        assert_eq!(
            import.subnets_taken,
            [("container", "adb-container".to_string(), "10.70.4.0/22".to_string())]
        );
        assert!(import.subnets_delegated_elsewhere.is_empty() && import.subnets_in_use.is_empty());
        let avoid: Vec<(&str, &str)> = plan.avoid.iter().map(|a| (a.cidr.as_str(), a.label.as_str())).collect();
        assert_eq!(
            avoid,
            [
                ("10.70.0.0/24", "subnet apps"),
                ("192.168.0.0/16", "peered VNet (to-onprem)")
            ]
        );
    }
}

#[test]
fn pasted_text_over_the_size_bound_is_refused_unread() {
    let mut plan = existing_plan();
    let before = plan.clone();
    let padded = format!("{AZ_SHOW}{}", " ".repeat(MAX_VNET_JSON_BYTES + 1 - AZ_SHOW.len()));
    let error = import_vnet(&mut plan, &padded).unwrap_err();
    assert!(error.contains("larger than 32 MB"), "{error}");
    assert_eq!(plan, before);
    // At the bound it reads.
    assert!(import_vnet(&mut plan, &padded[..MAX_VNET_JSON_BYTES]).is_ok());
}

/// A VNet with `count` subnets, as `az` prints it; subnet `i` is the /28 at 10.0.0.0 + 16 i, and every
/// `repeat`th subnet repeats the previous one's prefix (as a subnet's second name for the same range would).
fn big_vnet(count: usize, repeat: usize) -> String {
    let subnets: Vec<String> = (0..count)
        .map(|i| {
            let block = if i % repeat == repeat - 1 { i - 1 } else { i };
            let cidr = crate::cidr::Cidr::containing(0x0a00_0000 + (block as u32) * 16, 28);
            format!(r#"{{"name": "snet-{i}", "properties": {{"addressPrefix": "{cidr}"}}}}"#)
        })
        .collect();
    format!(
        r#"{{"id": "/subscriptions/1/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/big",
            "addressSpace": {{"addressPrefixes": ["10.0.0.0/8"]}}, "subnets": [{}]}}"#,
        subnets.join(",")
    )
}

#[test]
fn a_large_vnet_is_imported_whole_each_range_once() {
    let mut plan = existing_plan();
    let had = plan.avoid.len();
    // The plan already avoids one of the VNet's subnets.
    plan.avoid.push(AvoidRange {
        cidr: " 10.0.0.16/28 ".to_string(),
        label: "known".to_string(),
    });
    let count = 9_000;
    let import = import_vnet(&mut plan, &big_vnet(count, 10)).unwrap();
    let distinct = count - count / 10;
    assert_eq!(import.subnet_ranges_added, distinct - 1);
    assert_eq!(plan.avoid.len(), had + distinct);
    let mut seen = std::collections::HashSet::new();
    assert!(
        plan.avoid.iter().all(|a| seen.insert(a.cidr.trim().to_string())),
        "each range once"
    );
    assert_eq!(plan.avoid[had].label, "known", "what the plan had stays first");
    assert_eq!(plan.avoid.last().map(|a| a.label.as_str()), Some("subnet snet-8998"));
}

#[test]
fn a_vnet_past_the_plans_bounds_is_refused_and_changes_nothing() {
    // More subnets than a plan avoids ranges: the plan would be 1.5 MB and unreadable.
    let mut plan = existing_plan();
    let before = plan.clone();
    let error = import_vnet(&mut plan, &big_vnet(20_000, 1_000_000)).unwrap_err();
    assert!(error.contains("20002 ranges to avoid"), "{error}");
    assert!(error.contains("at most 10000"), "{error}");
    assert_eq!(plan, before);
    // A subnet name too long for a label, or a prefix too long for a range.
    for (from, to) in [
        ("\"name\": \"default\"", format!("\"name\": \"{}\"", "d".repeat(300))),
        ("\"10.60.0.0/24\"", format!("\"10.60.0.0/24{}\"", "x".repeat(100))),
    ] {
        let pasted = AZ_SHOW.replacen(from, &to, 1);
        let error = import_vnet(&mut plan, &pasted).unwrap_err();
        assert!(error.contains("cannot save and read back"), "{error}");
        assert!(error.contains("at most"), "{error}");
        assert_eq!(plan, before);
    }
}

#[test]
fn deep_nesting_anywhere_costs_no_stack() {
    let depth = 100_000;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let deep_objects = format!("{}1{}", "{\"properties\":".repeat(depth), "}".repeat(depth));
    let pasted = AZ_SHOW.replacen(
        "\"location\": \"westeurope\",",
        &format!("\"location\": \"westeurope\", \"tags\": {deep}, \"extendedLocation\": {deep_objects},"),
        1,
    );
    let pasted = pasted.replacen(
        "\"ipConfigurations\": [ { \"id\": \"nic-1\" } ]",
        &format!("\"ipConfigurations\": {deep}"),
        1,
    );
    let mut plan = existing_plan();
    let import = import_vnet(&mut plan, &pasted).unwrap();
    assert_eq!(import.vnet_name, "spoke-weu");
    assert_eq!(import.subnets_in_use, [("ADB-HOST".to_string(), 2)]);
    let mut plan = existing_plan();
    assert!(import_vnet(&mut plan, &"[".repeat(depth))
        .unwrap_err()
        .contains("This is not JSON"));
}

#[test]
fn text_that_is_not_one_vnet_changes_nothing_and_says_why() {
    let cases = [
        ("", "This is not JSON"),
        ("{\"id\": ", "This is not JSON"),
        ("[]", "The list is empty"),
        (&format!("[{AZ_SHOW}, {AZ_SHOW}]"), "This lists 2 VNets; paste one"),
        ("\"spoke\"", "it is not a JSON object"),
        (
            r#"{"type": "Microsoft.Network/networkSecurityGroups", "id": "x"}"#,
            "This is a Microsoft.Network/networkSecurityGroups, not a VNet",
        ),
        (
            r#"{"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}"#,
            "no VNet resource ID",
        ),
        (
            r#"{"id": "/subscriptions/1/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v"}"#,
            "no address prefixes",
        ),
    ];
    for (text, expected) in cases {
        let mut plan = existing_plan();
        let before = plan.clone();
        let error = import_vnet(&mut plan, text).unwrap_err();
        assert!(error.contains(expected), "{text}: {error}");
        assert!(error.contains("az network vnet show"), "{error}");
        assert_eq!(plan, before, "{text}");
    }
    // A plan that is not into an existing VNet is refused, unchanged.
    for name in ["nat-gateway", "managed-default"] {
        let text =
            std::fs::read_to_string(format!("{}/../../examples/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut plan = read_plan(&text).unwrap();
        let before = plan.clone();
        assert!(import_vnet(&mut plan, AZ_SHOW)
            .unwrap_err()
            .contains("existing VNet first"));
        assert_eq!(plan, before);
    }
}
