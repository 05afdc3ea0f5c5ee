//! Region rules: the plan's region must be one the catalog knows, and a warning when the catalog's data for that
//! region has gaps the plan's route table or firewall depends on.

use super::facts::Facts;
use super::rule::{Category, DocText, Rule};
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Egress, Plan};
use crate::quote::shown;
use crate::regions::{self, Region};

/// How many near names an unknown-region finding suggests.
const SUGGESTIONS: usize = 3;

pub static UNKNOWN_REGION: Rule = Rule {
    code: "NPIP-E901",
    severity: Severity::Error,
    category: Category::Region,
    title: DocText::new("The region is an Azure Databricks region the catalog knows"),
    why: DocText::new(
        "The region decides the control plane, the SCC relay and every endpoint in the route table and firewall \
          checklists; a region Azure Databricks does not serve fails the deployment.",
    ),
    remedy: "Choose the region from the list (\"Browse all regions\" in the workspace step, or `npip regions`), \
             written as Azure writes it in `location`, such as westeurope.",
    source: "https://learn.microsoft.com/en-us/azure/databricks/resources/ip-domain-region",
    check: check_unknown_region,
};

pub static REGION_DATA_GAPS: Rule = Rule {
    code: "NPIP-W901",
    severity: Severity::Warning,
    category: Category::Region,
    why: DocText::new(
        "A route or firewall rule left out because the catalog lacks its value blocks the clusters' traffic at \
          run time, so the person must add it by hand.",
    ),
    title: DocText::new("The catalog has every endpoint the plan's route table or firewall needs in this region"),
    remedy: "Look the missing values up on the official IP and domain page and add them to the route table or \
             firewall by hand; the checklists mark where.",
    source: "https://learn.microsoft.com/en-us/azure/databricks/resources/ip-domain-region",
    check: check_data_gaps,
};

fn check_unknown_region(_: &'static Rule, facts: &Facts, findings: &mut Vec<Finding>) {
    let name = facts.plan.workspace.region.as_str();
    if regions::find(name).is_none() {
        findings.push(unknown_region(name));
    }
}

fn check_data_gaps(_: &'static Rule, facts: &Facts, findings: &mut Vec<Finding>) {
    if let Some(region) = regions::find(&facts.plan.workspace.region) {
        findings.extend(data_gaps(facts.plan, region));
    }
}

/// The region rules' findings for a plan.
#[cfg(test)]
fn check(plan: &Plan) -> Vec<Finding> {
    let facts = Facts::new(plan);
    let mut findings = Vec::new();
    check_unknown_region(&UNKNOWN_REGION, &facts, &mut findings);
    check_data_gaps(&REGION_DATA_GAPS, &facts, &mut findings);
    findings
}

/// The finding for a region the catalog does not know, naming the closest matches.
pub fn unknown_region(name: &str) -> Finding {
    let suggestions: Vec<String> = regions::closest(name, SUGGESTIONS)
        .iter()
        .map(|r| format!("{} ({})", r.name, r.display_name))
        .collect();
    let closest = suggestions.join(", ");
    let message = if name.trim().is_empty() {
        format!(
            "No region is given. Choose one of the {} regions, for example {closest}.",
            regions::all().len()
        )
    } else if let Some(exact) = {
        let wanted = regions::normalise(name);
        regions::all()
            .iter()
            .find(|r| regions::normalise(r.name) == wanted || regions::normalise(r.display_name) == wanted)
    } {
        format!(
            "Region '{}' must be written as Azure writes it in `location`: {}.",
            shown(name),
            exact.name
        )
    } else {
        format!(
            "Region '{}' is not an Azure Databricks region the catalog knows. Closest: {closest}.",
            shown(name)
        )
    };
    UNKNOWN_REGION.finding(Field::Region, message)
}

/// A warning when the plan's egress needs catalog values the source does not give for its region.
fn data_gaps(plan: &Plan, region: &Region) -> Option<Finding> {
    if plan.network.is_managed() || !matches!(plan.egress, Egress::Firewall { .. } | Egress::ServiceTagRoutes { .. }) {
        return None;
    }
    let gaps: Vec<String> = region.gaps().into_iter().map(regions::entry_title).collect();
    if gaps.is_empty() {
        return None;
    }
    Some(REGION_DATA_GAPS.finding(
        Field::Region,
        format!(
            "The region catalog (as of {}) has no {} for {}; the UDR and firewall checklists mark where they belong.",
            regions::AS_OF,
            gaps.join(", "),
            region.name
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(region: &str, egress: &str) -> Plan {
        let network = if egress.contains("managedNatGateway") {
            r#"{"model":"managed"}"#
        } else {
            r#"{"model":"vnetInjection","vnet":{"kind":"new","name":"v","addressSpace":"10.0.0.0/16"},
                "hostSubnet":{"name":"h","cidr":"10.0.0.0/24"},"containerSubnet":{"name":"c","cidr":"10.0.1.0/24"},
                "nsgName":"n"}"#
        };
        let text = format!(
            r#"{{"version":1,"workspace":{{"name":"ws","region":"{region}"}},"network":{network},"egress":{egress}}}"#
        );
        serde_json::from_str(&text).unwrap()
    }

    const MANAGED: &str = r#"{"type":"managedNatGateway"}"#;
    const FIREWALL: &str = r#"{"type":"firewall","routeTableName":"rt","firewallPrivateIp":"10.1.0.4"}"#;
    const NAT: &str = r#"{"type":"natGateway","natGatewayName":"n","publicIpName":"p"}"#;

    #[test]
    fn known_region_passes() {
        assert!(check(&plan("westeurope", MANAGED)).is_empty());
        assert!(check(&plan("westeurope", FIREWALL)).is_empty());
    }

    #[test]
    fn unknown_region_names_the_closest_matches() {
        let findings = check(&plan("westeruope", MANAGED));
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(
            (f.code, f.severity, f.field),
            ("NPIP-E901", Severity::Error, Field::Region)
        );
        assert!(f.message.contains("'westeruope'"), "{}", f.message);
        assert!(f.message.contains("Closest: westeurope (West Europe)"), "{}", f.message);
    }

    #[test]
    fn display_names_and_odd_spelling_get_the_azure_name() {
        for typed in ["West Europe", "WestEurope", "west-europe"] {
            let f = &check(&plan(typed, MANAGED))[0];
            assert!(
                f.message.ends_with("in `location`: westeurope."),
                "{typed}: {}",
                f.message
            );
        }
    }

    #[test]
    fn empty_region_still_suggests() {
        let f = &check(&plan("", MANAGED))[0];
        assert!(
            f.message
                .starts_with("No region is given. Choose one of the 44 regions"),
            "{}",
            f.message
        );
    }

    #[test]
    fn gaps_warn_only_when_the_egress_needs_the_data() {
        // Qatar Central has no SCC relay IPs and no extended-infrastructure range in the source.
        let findings = check(&plan("qatarcentral", FIREWALL));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "NPIP-W901");
        assert!(
            findings[0].message.contains("Secure cluster connectivity relay IPs"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[0].message.contains("Extended infrastructure IPs"),
            "{}",
            findings[0].message
        );
        assert!(check(&plan("qatarcentral", NAT)).is_empty());
        assert!(check(&plan("qatarcentral", MANAGED)).is_empty());
    }
}
