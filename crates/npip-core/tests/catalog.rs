//! The region catalog is complete and clean: every region has every entry, values have the right shape, nothing is
//! duplicated, and the only gaps are the ones the source really has. Also keeps docs/regions.md current.

use npip_core::regions::{self, EndpointClass, ValueKind, Values};
use npip_core::Cidr;
use std::collections::BTreeSet;

/// The gaps of the endpoint source (databricks-udr.json, 2025-12-16) after the generator's corrections, pinned: a new
/// gap, or a filled one, fails this test so that the change is looked at. Mexico Central (on Microsoft's list, not in
/// the source) lacks every value; Sweden Central's storage, metastore and Event Hubs values were Switzerland North's
/// and West US 3's relay IP was West US's, so the generator made them gaps.
const MISSING_EVERYWHERE: &[&str] = &["eastus2euap", "mexicocentral"];
const KNOWN_GAPS: &[(&str, &str)] = &[
    ("chinaeast2", "extendedInfrastructureIps"),
    ("chinaeast3", "extendedInfrastructureIps"),
    ("chinanorth2", "extendedInfrastructureIps"),
    ("chinanorth3", "extendedInfrastructureIps"),
    ("qatarcentral", "extendedInfrastructureIps"),
    ("qatarcentral", "sccRelayIps"),
    ("swedencentral", "artifactStoragePrimaryFqdns"),
    ("swedencentral", "artifactStorageSecondaryFqdns"),
    ("swedencentral", "eventHubsFqdns"),
    ("swedencentral", "logStorageFqdns"),
    ("swedencentral", "metastoreFqdns"),
    ("switzerlandnorth", "artifactStoragePrimaryFqdns"),
    ("switzerlandnorth", "artifactStorageSecondaryFqdns"),
    ("switzerlandnorth", "eventHubsFqdns"),
    ("switzerlandnorth", "logStorageFqdns"),
    ("usgovarizona", "extendedInfrastructureIps"),
    ("usgovvirginia", "extendedInfrastructureIps"),
    ("westus3", "sccRelayIps"),
];

/// Every regional class the issue names, with the kinds of values the catalog holds for it.
const EXPECTED_ENTRIES: &[(EndpointClass, ValueKind)] = &[
    (EndpointClass::WebApp, ValueKind::Cidr),
    (EndpointClass::SccRelay, ValueKind::Fqdn),
    (EndpointClass::SccRelay, ValueKind::Cidr),
    (EndpointClass::ControlPlaneNat, ValueKind::Cidr),
    (EndpointClass::ExtendedInfrastructure, ValueKind::Cidr),
    (EndpointClass::Metastore, ValueKind::Fqdn),
    (EndpointClass::ArtifactStoragePrimary, ValueKind::Fqdn),
    (EndpointClass::ArtifactStorageSecondary, ValueKind::Fqdn),
    (EndpointClass::LogStorage, ValueKind::Fqdn),
    (EndpointClass::EventHubs, ValueKind::Fqdn),
];

fn is_fqdn(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    name.len() <= 253
        && labels.len() >= 3
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

#[test]
fn has_every_region_on_microsofts_list_sorted_with_display_names() {
    // Microsoft's "Azure Databricks regions" page lists 45 regions; the endpoint source only 44 (no Mexico Central).
    let all = regions::all();
    assert_eq!(all.len(), 45);
    assert!(regions::find("mexicocentral").is_some_and(|r| r.display_name == "Mexico Central"));
    let names: Vec<&str> = all.iter().map(|r| r.name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(names, sorted, "names sorted and unique");
    let displays: BTreeSet<&str> = all.iter().map(|r| r.display_name).collect();
    assert_eq!(displays.len(), 45, "display names unique");
    for r in all {
        assert!(
            r.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "{}",
            r.name
        );
        // The display name is the code with spaces and capitals: "West US 2" for westus2.
        assert_eq!(
            r.display_name.replace(' ', "").to_lowercase(),
            r.name,
            "{}",
            r.display_name
        );
    }
    for name in [
        "westeurope",
        "eastus",
        "centralus",
        "southeastasia",
        "uksouth",
        "northeurope",
    ] {
        assert!(regions::find(name).is_some(), "{name}");
    }
}

#[test]
fn every_region_has_every_class_and_only_the_known_gaps() {
    let mut gaps = Vec::new();
    for region in regions::all() {
        let entries = region.entries();
        let shape: Vec<(EndpointClass, ValueKind)> = entries.iter().map(|e| (e.class, e.kind)).collect();
        assert_eq!(shape, EXPECTED_ENTRIES, "{}", region.name);
        for entry in entries {
            match entry.values {
                Values::Listed(values) => assert!(!values.is_empty(), "{} {:?}", region.name, entry),
                Values::Missing => gaps.push((region.name, regions::entry_key(entry))),
            }
        }
    }
    let mut expected: Vec<(&str, String)> = KNOWN_GAPS.iter().map(|(r, k)| (*r, k.to_string())).collect();
    for name in MISSING_EVERYWHERE {
        let region = regions::find(name).unwrap();
        assert!(!region.has_endpoint_data(), "{name}");
        expected.extend(region.entries().map(|e| (*name, regions::entry_key(e))));
    }
    expected.sort_unstable();
    let mut found = gaps.clone();
    found.sort_unstable();
    assert_eq!(found, expected);
}

#[test]
fn the_blank_key_defect_is_fixed() {
    // The source files Australia Central's log storage under the key " ".
    let region = regions::find("australiacentral").unwrap();
    assert_eq!(
        region.log_fqdns,
        Values::Listed(&["dblogprodausteast.blob.core.windows.net"])
    );
    assert!(regions::SOURCE_CORRECTIONS
        .iter()
        .any(|c| c.starts_with("australiacentral: log storage sat under")));
}

#[test]
fn values_have_the_right_shape_and_no_duplicates() {
    for region in regions::all() {
        for entry in region.entries() {
            let values = entry.values.as_slice();
            let unique: BTreeSet<&&str> = values.iter().collect();
            assert_eq!(
                unique.len(),
                values.len(),
                "duplicate in {} {:?}",
                region.name,
                entry.class
            );
            for value in values {
                assert_eq!(value.trim(), *value, "whitespace in {} {:?}", region.name, entry.class);
                match entry.kind {
                    ValueKind::Cidr => {
                        let block: Cidr = value
                            .parse()
                            .unwrap_or_else(|e| panic!("{} {:?} '{value}': {e}", region.name, entry.class));
                        assert_eq!(block.to_string(), *value, "canonical form");
                        assert!(
                            block.prefix() >= 24,
                            "suspiciously wide block {value} in {}",
                            region.name
                        );
                    }
                    ValueKind::Fqdn => assert!(is_fqdn(value), "{} {:?}: '{value}'", region.name, entry.class),
                }
            }
        }
    }
}

#[test]
fn fqdns_match_their_class_and_cloud() {
    for region in regions::all() {
        let suffix = region.cloud.storage_suffix();
        let check = |values: Values, part: &str| {
            for v in values.as_slice() {
                assert!(v.contains(part), "{}: '{v}' should contain '{part}'", region.name);
            }
        };
        check(region.artifact_primary_fqdns, &format!(".blob.{suffix}"));
        check(region.artifact_secondary_fqdns, &format!(".blob.{suffix}"));
        check(region.log_fqdns, &format!(".blob.{suffix}"));
        check(region.metastore_fqdns, "-metastore");
        check(region.metastore_fqdns, ".mysql.database.");
        check(region.event_hubs_fqdns, ".servicebus.");
        check(region.scc_relay_fqdns, "tunnel.");
    }
}

#[test]
fn service_tags_cover_the_documented_classes() {
    use regions::ServiceTag::*;
    let tag = |c: EndpointClass| c.service_tag();
    assert_eq!(tag(EndpointClass::WebApp), Some(AzureDatabricks));
    assert_eq!(tag(EndpointClass::SccRelay), Some(AzureDatabricks));
    assert_eq!(tag(EndpointClass::ControlPlaneNat), Some(AzureDatabricks));
    assert_eq!(tag(EndpointClass::ExtendedInfrastructure), None);
    assert_eq!(tag(EndpointClass::Metastore), Some(Sql));
    for c in [
        EndpointClass::ArtifactStoragePrimary,
        EndpointClass::ArtifactStorageSecondary,
        EndpointClass::LogStorage,
        EndpointClass::SystemTablesStorage,
        EndpointClass::DbfsStorage,
    ] {
        assert_eq!(tag(c), Some(Storage), "{c:?}");
    }
    assert_eq!(tag(EndpointClass::EventHubs), Some(EventHub));
    assert_eq!(EndpointClass::Metastore.ports(), ["3306"]);
    assert_eq!(EndpointClass::EventHubs.ports(), ["9093"]);
    assert_eq!(EndpointClass::WebApp.ports(), ["443", "3306", "8443-8451"]);
}

#[test]
fn catalog_records_both_sources_and_their_dates() {
    assert_eq!(regions::AS_OF, "2025-12-16");
    assert!(regions::SOURCE.contains("AzureTRE"));
    assert!(regions::OFFICIAL_PAGE.starts_with("https://learn.microsoft.com/"));
    assert_eq!(
        regions::REGION_LIST_SOURCE,
        "https://learn.microsoft.com/en-us/azure/databricks/resources/supported-regions"
    );
    assert_eq!(regions::REGION_LIST_AS_OF, "2026-12-08");
    let json: serde_json::Value = serde_json::from_str(&regions::catalog_json()).unwrap();
    assert_eq!(json["regionList"]["source"], regions::REGION_LIST_SOURCE);
    assert_eq!(json["regionList"]["asOf"], "2026-12-08");
    assert_eq!(json["endpoints"]["asOf"], "2025-12-16");
    assert_eq!(json["regions"].as_array().unwrap().len(), 45);
    assert_eq!(json["regions"][0]["name"], "australiacentral");
    assert_eq!(
        json["regions"][0]["logStorageFqdns"][0],
        "dblogprodausteast.blob.core.windows.net"
    );
    assert_eq!(json["regions"][0]["hostedIn"]["logStorage"][0], "australiaeast");
    let find = |name: &str| {
        json["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };
    assert!(find("qatarcentral")["sccRelayIps"].is_null());
    assert!(find("mexicocentral")["webAppIps"].is_null());
    assert_eq!(find("usgovarizona")["databricksCode"], "usgovaz");
}

#[test]
fn hosting_regions_are_catalog_regions_of_the_same_cloud() {
    for region in regions::all() {
        for (class, hosts) in region.hosted() {
            let fqdns = match class {
                EndpointClass::Metastore => region.metastore_fqdns,
                EndpointClass::ArtifactStoragePrimary => region.artifact_primary_fqdns,
                EndpointClass::ArtifactStorageSecondary => region.artifact_secondary_fqdns,
                EndpointClass::LogStorage => region.log_fqdns,
                _ => region.event_hubs_fqdns,
            };
            // Known exactly where the endpoints are.
            assert_eq!(hosts.is_missing(), fqdns.is_missing(), "{} {class:?}", region.name);
            for host in hosts.as_slice() {
                let hosting = regions::find(host).unwrap_or_else(|| panic!("{host}"));
                assert_eq!(hosting.cloud, region.cloud, "{} {class:?}", region.name);
            }
        }
    }
    // North Europe's secondary artifact storage, log storage and one Event Hubs namespace are West Europe's.
    let north = regions::find("northeurope").unwrap();
    assert_eq!(
        north.hosted_elsewhere(),
        [
            (EndpointClass::ArtifactStorageSecondary, vec!["westeurope"]),
            (EndpointClass::LogStorage, vec!["westeurope"]),
            (EndpointClass::EventHubs, vec!["westeurope"]),
        ]
    );
}

#[test]
fn regional_tag_names_are_the_display_names_without_spaces_in_the_public_cloud() {
    for region in regions::all() {
        match region.cloud {
            regions::Cloud::Public => {
                assert_eq!(
                    region.service_tag_region.map(String::from),
                    Some(region.display_name.replace(' ', ""))
                )
            }
            _ => assert_eq!(region.service_tag_region, None, "{}", region.name),
        }
    }
    let tag = |name: &str| regions::find(name).and_then(|r| r.service_tag_region);
    assert_eq!(tag("eastus2"), Some("EastUS2"));
    assert_eq!(tag("uaenorth"), Some("UAENorth"));
    assert_eq!(tag("southeastasia"), Some("SoutheastAsia"));
}

#[test]
fn relay_ips_belong_to_one_relay_each() {
    // The source never maps an IP to a relay, but two regions that list the same IP must share a relay: East Asia's
    // and West US 3's IPs were other relays' (the generator corrected them).
    for a in regions::all() {
        for b in regions::all() {
            let shared_ip = a
                .scc_relay_ips
                .as_slice()
                .iter()
                .any(|ip| b.scc_relay_ips.as_slice().contains(ip));
            let shared_relay = a
                .scc_relay_fqdns
                .as_slice()
                .iter()
                .any(|f| b.scc_relay_fqdns.as_slice().contains(f));
            assert!(!shared_ip || shared_relay, "{} and {}", a.name, b.name);
        }
    }
    assert_eq!(
        regions::find("eastasia").map(|r| r.scc_relay_ips),
        Some(Values::Listed(&["52.230.27.216/32"]))
    );
}

#[test]
fn system_tables_are_missing_exactly_where_microsoft_says() {
    let without: Vec<&str> = regions::all()
        .iter()
        .filter(|r| !r.system_tables)
        .map(|r| r.name)
        .collect();
    assert_eq!(
        without,
        [
            "chinaeast2",
            "chinaeast3",
            "chinanorth2",
            "chinanorth3",
            "switzerlandwest",
            "usgovarizona",
            "usgovvirginia",
            "westindia"
        ]
    );
}

#[test]
fn docs_regions_md_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/regions.md");
    let expected = regions::catalog_markdown();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/regions.md is out of date; run UPDATE_GOLDEN=1 cargo test -p npip-core --test catalog"
    );
}

#[test]
fn hand_written_docs_give_the_catalogs_region_count() {
    let count = format!("the {} regions", regions::all().len());
    for doc in ["README.md", "docs/artifacts.md"] {
        let path = format!("{}/../../{doc}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(&count), "{doc} does not say '{count}'");
    }
}
