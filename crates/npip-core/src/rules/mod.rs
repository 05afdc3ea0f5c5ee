//! The rule catalogue and `validate`. Each rule is defined once, here: its code, severity, title, why it exists, remedy
//! and source, and the check that produces its findings. The UI, the CLI (`npip rules`) and `docs/rules.md` all read
//! this list.
//!
//! Codes are grouped by area and never reused: `E0xx`/`W0xx` address space and capacity, `E1xx`/`W1xx` names and IDs,
//! `E2xx`/`W2xx` option compatibility, `E3xx`/`W3xx` egress, `I0xx` notes, `E9xx`/`W9xx`/`I9xx` region (see
//! `region.rs`).

mod address;
mod capacity;
mod checked;
mod egress;
mod facts;
mod names;
mod notes;
mod options;
mod region;
mod rule;
mod source;
mod wording;

#[cfg(feature = "docs")]
pub mod docs;

use crate::finding::Finding;
use crate::plan::Plan;

pub use address::check_vnet_range;
pub(crate) use address::MANAGED_DEFAULT_PREFIX;
pub use checked::{Checked, Refused, Valid};
pub(crate) use egress::{firewall_outside, FIREWALL_OUTSIDE_NEW_VNET, FIREWALL_OUTSIDE_VNET};
pub use facts::{CidrField, Facts};
pub use names::{parse_vnet_resource_id, VnetResourceId};
pub use rule::{Category, Check, DocText, Rule};

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &address::CIDR_SYNTAX,
    &address::HOST_BITS,
    &address::IPV6,
    &address::VNET_SIZE,
    &address::RESERVED_RANGE,
    &address::SUBNET_SIZE,
    &address::SUBNET_IN_VNET,
    &address::SUBNETS_OVERLAP,
    &address::SUBNET_AVOID,
    &address::VNET_AVOID,
    &address::MANAGED_PREFIX,
    &address::EXISTING_PREFIXES,
    &capacity::PEAK_NODES_ZERO,
    &capacity::CAPACITY,
    &names::WORKSPACE_NAME,
    &names::VNET_NAME,
    &names::RESOURCE_NAME,
    &names::RESOURCE_GROUP_NAME,
    &names::SUBNET_NAMES_DISTINCT,
    &names::VNET_RESOURCE_ID,
    &names::MANAGED_RG_IS_VNET_RG,
    &options::EGRESS_MODEL,
    &options::LOAD_BALANCER_SCC,
    &options::NAT_GATEWAY_SCC,
    &options::PUBLIC_ACCESS_NSG_RULES,
    &options::NO_DATABRICKS_RULES_PREREQUISITES,
    &options::PRIVATE_LINK_PREMIUM,
    &options::LOAD_BALANCER_PUBLIC_ACCESS,
    &egress::INTERNET_ROUTES_NEW_VNET,
    &egress::FIREWALL_IP,
    &egress::FIREWALL_IP_IN_SUBNET,
    &egress::FQDN_SYNTAX,
    &egress::NAT_IDLE_TIMEOUT,
    &region::UNKNOWN_REGION,
    &capacity::UNEQUAL_SUBNETS,
    &notes::IMMUTABLE_NETWORK,
    &notes::SCC_NEW_WORKSPACES,
    &notes::PROVIDERS,
    &notes::MANAGED_RESOURCE_GROUP,
    &notes::EXISTING_VNET_PLACEMENT,
    &notes::EXISTING_VNET_PERMISSIONS,
    &notes::DEDICATED_SUBNETS,
    &notes::NETWORK_INTENT_POLICY,
    &notes::LANDING_ZONE_POLICIES,
    &egress::FIREWALL_OUTSIDE_VNET,
    &address::IPV6_PREFIX_IGNORED,
    &notes::REQUIRED_NSG_RULES_CHANGE,
    &region::NO_ENDPOINT_DATA,
    &address::PUBLIC_RANGE,
    &names::WORKSPACE_NAME_PORTAL,
    &names::SUBNET_NAME_PORTAL,
    &names::SUBNET_NAME_RESERVED,
    &options::SCC_OFF,
    &options::NO_DATABRICKS_RULES_PRIVATE_LINK,
    &options::MANAGED_NAMES_WITHOUT_SCC,
    &options::PUBLIC_ACCESS_OFF_FRONT_END,
    &egress::INTERNET_ROUTES_EXISTING_VNET,
    &egress::FIREWALL_IP_PUBLIC,
    &egress::FQDN_DUPLICATE,
    &egress::FIREWALL_IP_IN_NEW_VNET,
    &egress::FIREWALL_OUTSIDE_NEW_VNET,
    &egress::SERVICE_TAGS_PAST_FIREWALL,
    &region::REGION_DATA_GAPS,
    &region::RELAYS_WITHOUT_IP,
];

/// Codes no rule uses any more, with what became of each. Codes are never reused, so they stay listed here (and in
/// docs/rules.md).
pub static RETIRED: &[(&str, &str)] = &[(
    "NPIP-W302",
    "Firewall bypass routes in a new VNet: now the error NPIP-E301, which judges every route with next hop Internet \
     in a new VNet alike (they have no public source address there)",
)];

/// The rule with this code, if any.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Checks a plan against every rule. Findings come in a stable order: by wizard step, field, severity, code, message.
///
/// The rules judge the plan's normalised copy ([`Plan::normalised`]: text values without surrounding whitespace),
/// the same copy the emitters write from, so a value that passes is the value that goes into the template.
pub fn validate(plan: &Plan) -> Vec<Finding> {
    check(plan).into_findings()
}

/// [`validate`], keeping the normalised copy it judged: what the emitters and the pictures take, so that a plan
/// checked once is never validated again on its way out.
pub fn check(plan: &Plan) -> Checked {
    let plan = plan.normalised();
    let findings = validate_normalised(&plan);
    Checked::new(plan, findings)
}

fn validate_normalised(plan: &Plan) -> Vec<Finding> {
    let facts = Facts::new(plan);
    let mut findings = Vec::new();
    for rule in RULES {
        (rule.check)(rule, &facts, &mut findings);
    }
    crate::order::sort_by(&mut findings, |a, b| {
        (a.step(), a.field, a.severity, a.code, &a.message).cmp(&(b.step(), b.field, b.severity, b.code, &b.message))
    });
    findings
}

#[cfg(test)]
pub(crate) mod test_plans {
    //! Plans for the rule tests: a valid plan per variant, which each test bends a little.

    use crate::plan::{read_plan, Plan};

    pub fn example(name: &str) -> Plan {
        let text = match name {
            "nat-gateway" => include_str!("../../../../examples/nat-gateway.json"),
            "load-balancer" => include_str!("../../../../examples/load-balancer.json"),
            "firewall" => include_str!("../../../../examples/firewall.json"),
            "existing-vnet" => include_str!("../../../../examples/existing-vnet.json"),
            "service-tag-routes" => include_str!("../../../../examples/service-tag-routes.json"),
            "managed-default" => include_str!("../../../../examples/managed-default.json"),
            "managed-custom-prefix" => include_str!("../../../../examples/managed-custom-prefix.json"),
            other => panic!("no example {other}"),
        };
        read_plan(text).unwrap()
    }

    /// The codes `validate` reports for a plan, for compact assertions.
    pub fn codes(plan: &Plan) -> Vec<&'static str> {
        crate::rules::validate(plan).iter().map(|f| f.code).collect()
    }

    /// The findings of one rule.
    pub fn of(plan: &Plan, code: &str) -> Vec<crate::finding::Finding> {
        crate::rules::validate(plan)
            .into_iter()
            .filter(|f| f.code == code)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_plans::*;
    use super::*;
    use crate::finding::Severity;
    use crate::plan::Network;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_well_formed_and_match_severity() {
        let mut seen = HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            let letter = match rule.severity {
                Severity::Error => 'E',
                Severity::Warning => 'W',
                Severity::Info => 'I',
            };
            let rest = rule.code.strip_prefix("NPIP-").unwrap();
            assert!(rest.starts_with(letter), "{} has the wrong letter", rule.code);
            assert!(
                rest.len() == 4 && rest[1..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                rule.code
            );
            for text in [rule.title.as_str(), rule.why.as_str(), rule.remedy] {
                assert!(!text.trim().is_empty(), "{} has an empty text", rule.code);
            }
            assert!(rule.source.starts_with("https://"), "{} source", rule.code);
        }
    }

    #[test]
    fn every_rule_has_its_own_tests() {
        // The test modules of the rule files; a rule's code must appear there (it fires, and a near miss does not).
        let sources = [
            include_str!("address.rs"),
            include_str!("capacity.rs"),
            include_str!("names.rs"),
            include_str!("options.rs"),
            include_str!("egress.rs"),
            include_str!("notes.rs"),
            include_str!("region.rs"),
        ];
        let tests: String = sources
            .iter()
            .filter_map(|s| s.split_once("#[cfg(test)]").map(|(_, t)| t))
            .collect();
        for rule in RULES {
            let code = format!("\"{}\"", rule.code);
            assert!(tests.contains(&code), "{} has no test", rule.code);
        }
    }

    #[test]
    fn retired_codes_stay_retired() {
        for (code, fate) in RETIRED {
            assert!(rule(code).is_none(), "{code} is retired but a rule uses it");
            assert!(fate.contains("NPIP-"), "{code}: say which rule took its place, if any");
        }
    }

    #[test]
    fn rules_are_listed_in_code_order() {
        let listed: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        assert_eq!(listed, sorted);
    }

    #[test]
    fn every_example_is_free_of_errors() {
        for name in [
            "nat-gateway",
            "load-balancer",
            "firewall",
            "existing-vnet",
            "service-tag-routes",
            "managed-default",
            "managed-custom-prefix",
        ] {
            let findings = validate(&example(name));
            let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
    }

    #[test]
    fn findings_come_in_a_stable_sorted_order() {
        let mut plan = example("nat-gateway");
        plan.peak_nodes = 0;
        plan.workspace.name = "x".into();
        plan.connectivity.secure_cluster_connectivity = false;
        let findings = validate(&plan);
        let keys: Vec<_> = findings
            .iter()
            .map(|f| (f.step(), f.field, f.severity, f.code))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(findings, validate(&plan));
        assert!(codes(&plan).contains(&"NPIP-E101"));
    }

    #[test]
    fn rules_judge_values_without_their_surrounding_whitespace() {
        // Padding of any Unicode kind is dropped before the rules look: the region is found, names and ranges pass.
        let mut plan = example("nat-gateway");
        plan.workspace.region = " westeurope\u{a0}".into();
        plan.workspace.name = "\tadb-prod-weu\n".into();
        if let Network::VnetInjection(i) = &mut plan.network {
            i.host_subnet.cidr = "10.179.0.0/18\r\n".into();
            i.nsg_name = "\u{3000}adb-prod-weu-nsg ".into();
        }
        assert_eq!(validate(&plan), validate(&example("nat-gateway")));
        // Inside a value, odd whitespace and invisible characters are refused, and named so they can be found.
        plan.workspace.name = "adb\u{a0}prod".into();
        assert!(of(&plan, "NPIP-E101")[0]
            .message
            .contains("a non-breaking space (U+00A0)"));
        plan.workspace.name = "\u{200b}adb-prod".into();
        assert!(of(&plan, "NPIP-E101")[0]
            .message
            .contains("the invisible character U+200B"));
        let mut plan = example("nat-gateway");
        if let Network::VnetInjection(i) = &mut plan.network {
            i.host_subnet.cidr = "10.179.0.0/18\u{200b}".into();
        }
        let found = of(&plan, "NPIP-E001");
        assert!(found[0].message.contains("U+200B"), "{}", found[0].message);
    }

    #[test]
    fn every_finding_carries_its_rule_facts() {
        let mut plan = example("firewall");
        plan.peak_nodes = 100_000;
        for finding in validate(&plan) {
            let rule = rule(finding.code).unwrap();
            assert_eq!(
                (finding.severity, finding.remedy, finding.source),
                (rule.severity, rule.remedy, rule.source)
            );
            assert!(!finding.message.is_empty());
        }
    }
}
