//! The ARM checker (tests/arm) finds what it is meant to find: a small valid template passes, and each rule is shown
//! the same template broken in one way and must report exactly that.

mod arm;

use arm::{ArmChecker, Date};
use serde_json::{json, Value};
use std::sync::OnceLock;

fn checker() -> &'static ArmChecker {
    static CHECKER: OnceLock<ArmChecker> = OnceLock::new();
    CHECKER.get_or_init(|| ArmChecker::load(&arm::schema_dir()))
}

const TODAY: Date = Date {
    year: 2026,
    month: 12,
    day: 8,
};

/// A VNet with one subnet behind an NSG: every rule satisfied.
fn valid() -> Value {
    json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {
            "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
            "vnetName": {"type": "string"},
            "subnetCidr": {"type": "string", "defaultValue": "10.0.0.0/24"}
        },
        "variables": {"nsgName": "[concat(parameters('vnetName'), '-nsg')]"},
        "resources": [
            {
                "type": "Microsoft.Network/networkSecurityGroups",
                "apiVersion": "2025-07-01",
                "name": "[variables('nsgName')]",
                "location": "[parameters('location')]",
                "properties": {"securityRules": []}
            },
            {
                "type": "Microsoft.Network/virtualNetworks",
                "apiVersion": "2025-07-01",
                "name": "[parameters('vnetName')]",
                "location": "[parameters('location')]",
                "dependsOn": ["[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]"],
                "properties": {
                    "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                    "subnets": [{
                        "name": "host",
                        "properties": {
                            "addressPrefix": "[parameters('subnetCidr')]",
                            "networkSecurityGroup": {
                                "id": "[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]"
                            }
                        }
                    }]
                }
            }
        ]
    })
}

fn findings(template: &Value) -> Vec<String> {
    checker().check(template, TODAY)
}

/// The checker's findings for `template`, which must be exactly one, containing every one of `parts`.
fn only_finding(template: &Value, parts: &[&str]) -> String {
    let found = findings(template);
    assert_eq!(found.len(), 1, "expected one finding, got {found:#?}");
    for part in parts {
        assert!(found[0].contains(part), "{:?} does not say {part:?}", found[0]);
    }
    found[0].clone()
}

#[test]
fn the_valid_template_passes() {
    assert_eq!(findings(&valid()), Vec::<String>::new());
}

#[test]
fn an_unknown_property_on_a_subnet_is_reported_where_it_is() {
    let mut template = valid();
    template["resources"][1]["properties"]["subnets"][0]["properties"]["bogusProperty"] = json!(true);
    only_finding(
        &template,
        &[
            "resources[1] Microsoft.Network/virtualNetworks@2025-07-01",
            "/properties/subnets/0/properties",
            "bogusProperty",
        ],
    );
}

#[test]
fn an_unknown_property_on_a_resource_is_reported() {
    let mut template = valid();
    template["resources"][0]["propertiez"] = json!({});
    only_finding(
        &template,
        &[
            "resources[0]",
            "(root): Additional properties are not allowed ('propertiez'",
        ],
    );
}

#[test]
fn any_resource_may_have_the_properties_every_resource_has() {
    let mut template = valid();
    template["resources"][0]["comments"] = json!("the NSG");
    template["resources"][0]["condition"] = json!(true);
    template["resources"][0]["tags"] = json!({"team": "data"});
    assert_eq!(findings(&template), Vec::<String>::new());
}

#[test]
fn a_value_outside_its_enum_is_reported() {
    let mut template = valid();
    template["resources"][0]["properties"]["securityRules"] = json!([{
        "name": "r",
        "properties": {"protocol": "Carrier pigeon", "access": "Allow", "direction": "Inbound", "priority": 100,
                       "sourceAddressPrefix": "*", "destinationAddressPrefix": "*",
                       "sourcePortRange": "*", "destinationPortRange": "*"}
    }]);
    // The literal's own error, not the expression alternative's pattern.
    only_finding(
        &template,
        &[
            "resources[0]",
            "/properties/securityRules/0/properties/protocol",
            "\"Carrier pigeon\" is not one of",
        ],
    );
}

#[test]
fn the_template_shape_is_checked() {
    let mut template = valid();
    template["contentVersion"] = json!("1.0");
    only_finding(&template, &["template: /contentVersion"]);
    let mut template = valid();
    template["$schema"] = json!("https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#");
    only_finding(&template, &["$schema should be"]);
}

#[test]
fn an_undeclared_parameter_is_reported() {
    let mut template = valid();
    template["resources"][1]["properties"]["addressSpace"]["addressPrefixes"][0] = json!("[parameters('vnetCidr')]");
    only_finding(&template, &["parameters('vnetCidr') is used but not declared"]);
}

#[test]
fn an_undeclared_variable_is_reported() {
    let mut template = valid();
    template["resources"][0]["name"] = json!("[variables('securityGroup')]");
    only_finding(&template, &["variables('securityGroup') is used but not declared"]);
}

#[test]
fn an_unused_parameter_is_reported() {
    let mut template = valid();
    template["parameters"]["tags"] = json!({"type": "object", "defaultValue": {}});
    only_finding(&template, &["parameter 'tags' is declared but never used"]);
}

#[test]
fn a_parameter_used_only_in_another_parameters_default_counts_as_used() {
    let mut template = valid();
    template["parameters"]["prefix"] = json!({"type": "string", "defaultValue": "adb"});
    template["parameters"]["vnetName"]["defaultValue"] = json!("[concat(parameters('prefix'), '-vnet')]");
    assert_eq!(findings(&template), Vec::<String>::new());
}

#[test]
fn an_escaped_literal_is_not_an_expression() {
    let mut template = valid();
    template["resources"][1]["tags"] = json!({"note": "[[parameters('notAParameter')]"});
    assert_eq!(findings(&template), Vec::<String>::new());
}

#[test]
fn a_hard_coded_location_is_reported() {
    let mut template = valid();
    template["resources"][0]["location"] = json!("westeurope");
    only_finding(
        &template,
        &[
            "resources[0] Microsoft.Network/networkSecurityGroups",
            "location is hard-coded ('westeurope')",
        ],
    );
}

#[test]
fn a_type_and_api_version_without_a_committed_schema_is_reported() {
    let mut template = valid();
    template["resources"][0]["apiVersion"] = json!("2099-01-01");
    only_finding(
        &template,
        &[
            "resources[0]",
            "@2099-01-01",
            "no committed schema for this type and apiVersion",
        ],
    );
}

#[test]
fn an_api_version_over_two_years_old_is_reported_when_a_newer_ga_one_exists() {
    let mut template = valid();
    template["resources"][0]["apiVersion"] = json!("2023-09-01");
    let found = findings(&template);
    assert!(
        found.iter().any(|f| f.contains("@2023-09-01")
            && f.contains("apiVersion is over two years old and a newer GA version exists (2025-07-01)")),
        "{found:#?}"
    );
    // Under two years old on another day: only the missing schema remains.
    let earlier = Date {
        year: 2025,
        month: 8,
        day: 31,
    };
    let found = checker().check(&template, earlier);
    assert!(found.iter().all(|f| !f.contains("two years")), "{found:#?}");
}

#[test]
fn the_newest_committed_api_version_is_never_too_old() {
    let far_future = Date {
        year: 2040,
        month: 1,
        day: 1,
    };
    assert_eq!(checker().check(&valid(), far_future), Vec::<String>::new());
}

#[test]
fn a_dependency_on_an_undeclared_type_is_reported() {
    let mut template = valid();
    template["resources"][1]["dependsOn"] = json!([
        "[resourceId('Microsoft.Network/routeTables', 'routes')]",
        "[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]"
    ]);
    only_finding(
        &template,
        &[
            "resources[1]",
            "dependsOn names type Microsoft.Network/routeTables, which the template does not declare",
        ],
    );
}

#[test]
fn every_kind_of_break_at_once_is_each_reported() {
    let mut template = valid();
    template["resources"][1]["properties"]["subnets"][0]["properties"]["bogusProperty"] = json!(true);
    template["resources"][1]["properties"]["addressSpace"]["addressPrefixes"][0] = json!("[parameters('vnetCidr')]");
    template["resources"][0]["location"] = json!("westeurope");
    let found = findings(&template);
    assert_eq!(found.len(), 3, "{found:#?}");
    for expected in [
        "bogusProperty",
        "parameters('vnetCidr') is used but not declared",
        "location is hard-coded",
    ] {
        assert!(
            found.iter().any(|f| f.contains(expected)),
            "no finding says {expected:?}: {found:#?}"
        );
    }
}

#[test]
fn the_committed_schemas_cover_the_types_the_planner_emits() {
    let known: Vec<String> = checker().known().map(|(t, a)| format!("{t}@{a}")).collect();
    for pair in [
        "microsoft.databricks/workspaces@2026-01-01",
        "microsoft.network/virtualnetworks@2025-07-01",
        "microsoft.network/virtualnetworks/subnets@2025-07-01",
    ] {
        assert!(known.iter().any(|k| k == pair), "{pair} is not committed");
    }
}

#[test]
fn dates_count_days_like_the_calendar() {
    let epoch = Date {
        year: 1970,
        month: 1,
        day: 1,
    };
    assert_eq!(epoch.days(), 0);
    assert_eq!(Date::of_api("2000-03-01").unwrap().days(), 11_017);
    assert_eq!(Date::of_api("2025-10-01-preview"), Date::of_api("2025-10-01"));
    assert_eq!(Date::of_api("latest"), None);
    for days in [-1, 0, 59, 60, 365, 11_016, 20_000, 20_795] {
        assert_eq!(Date::from_days(days).days(), days);
    }
    assert_eq!(Date::from_days(20_795).to_string(), "2026-12-08");
}
