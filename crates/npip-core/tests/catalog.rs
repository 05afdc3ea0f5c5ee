//! The region catalog is complete and clean: every region has every entry, values have the right shape, nothing is
//! duplicated, and the only gaps are the ones the source really has. Also keeps docs/regions.md current.

use npip_core::regions::{self, EndpointClass, ValueKind, Values};
use npip_core::Cidr;
use std::collections::BTreeSet;

/// The gaps of the source (databricks-udr.json, 2025-12-16), pinned: a new gap, or a filled one, fails this test so
/// that the change is looked at.
const KNOWN_GAPS: &[(&str, &str)] = &[
    ("chinaeast2", "extendedInfrastructureIps"),
    ("chinaeast3", "extendedInfrastructureIps"),
    ("chinanorth2", "extendedInfrastructureIps"),
    ("chinanorth3", "extendedInfrastructureIps"),
    ("eastus2euap", "artifactStoragePrimaryFqdns"),
    ("eastus2euap", "artifactStorageSecondaryFqdns"),
    ("eastus2euap", "controlPlaneNatIps"),
    ("eastus2euap", "eventHubsFqdns"),
    ("eastus2euap", "extendedInfrastructureIps"),
    ("eastus2euap", "logStorageFqdns"),
    ("eastus2euap", "metastoreFqdns"),
    ("eastus2euap", "sccRelayFqdns"),
    ("eastus2euap", "sccRelayIps"),
    ("eastus2euap", "webAppIps"),
    ("qatarcentral", "extendedInfrastructureIps"),
    ("qatarcentral", "sccRelayIps"),
    ("switzerlandnorth", "artifactStoragePrimaryFqdns"),
    ("switzerlandnorth", "artifactStorageSecondaryFqdns"),
    ("switzerlandnorth", "eventHubsFqdns"),
    ("switzerlandnorth", "logStorageFqdns"),
    ("usgovarizona", "extendedInfrastructureIps"),
    ("usgovvirginia", "extendedInfrastructureIps"),
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
fn has_all_44_regions_sorted_with_display_names() {
    let all = regions::all();
    assert_eq!(all.len(), 44);
    let names: Vec<&str> = all.iter().map(|r| r.name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(names, sorted, "names sorted and unique");
    let displays: BTreeSet<&str> = all.iter().map(|r| r.display_name).collect();
    assert_eq!(displays.len(), 44, "display names unique");
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
    let gaps: Vec<(&str, &str)> = gaps.iter().map(|(r, k)| (*r, k.as_str())).collect();
    let mut expected = KNOWN_GAPS.to_vec();
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
    assert_eq!(EndpointClass::WebApp.ports(), ["443", "8443-8451"]);
}

#[test]
fn catalog_records_source_and_date() {
    assert_eq!(regions::AS_OF, "2025-12-16");
    assert!(regions::SOURCE.contains("AzureTRE"));
    assert!(regions::OFFICIAL_PAGE.starts_with("https://learn.microsoft.com/"));
    let json: serde_json::Value = serde_json::from_str(&regions::catalog_json()).unwrap();
    assert_eq!(json["asOf"], "2025-12-16");
    assert_eq!(json["regions"].as_array().unwrap().len(), 44);
    assert_eq!(json["regions"][0]["name"], "australiacentral");
    assert_eq!(
        json["regions"][0]["logStorageFqdns"][0],
        "dblogprodausteast.blob.core.windows.net"
    );
    let qatar = json["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "qatarcentral")
        .unwrap();
    assert!(qatar["sccRelayIps"].is_null());
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
