//! Region rules: the plan's region must be one the catalog knows (every region of Microsoft's list), a warning when
//! the catalog's endpoint data for that region has gaps the plan's route table or firewall depends on, and a note
//! when it has none at all but the plan needs none.

use super::facts::Facts;
use super::rule::{Category, DocText, Rule};
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Egress, Plan};
use crate::quote::shown;
use crate::regions::{self, Region};
use crate::routes::route_set;
use crate::text::plural;

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
    source: regions::REGION_LIST_SOURCE,
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
    source: regions::OFFICIAL_PAGE,
    check: check_data_gaps,
};

pub static RELAYS_WITHOUT_IP: Rule = Rule {
    code: "NPIP-W902",
    severity: Severity::Warning,
    category: Category::Region,
    title: DocText::new("Every SCC relay the firewall's relay bypass routes has an IP in the catalog"),
    why: DocText::new(
        "Some regions have several SCC relays (East US 2 has three), and the catalog's source lists fewer relay IPs \
          than relays without saying which IP is whose. The bypass routes only the IPs it has: a workspace homed \
          on a relay without one reaches it through the firewall or not at all, so the firewall must keep the \
          relay rule.",
    ),
    remedy: "Keep the firewall's relay rule (databricks-scc-relay) as the checklist lists it, or take every relay \
             IP of the region from the official IP and domain page and route each.",
    source: regions::OFFICIAL_PAGE,
    check: check_relays_without_ip,
};

pub static NO_ENDPOINT_DATA: Rule = Rule {
    code: "NPIP-I901",
    severity: Severity::Info,
    category: Category::Region,
    title: DocText::new("The catalog has no endpoint data for the region, and the plan needs none"),
    why: DocText::new(
        "Microsoft lists the region for Azure Databricks, but the catalog's endpoint source has no values for it. \
          A managed VNet, a NAT gateway and an egress load balancer need no endpoint value, so the plan works \
          there; a firewall or service-tag routes would need the values (NPIP-W901).",
    ),
    remedy: "Nothing to do for this plan. Before adding a firewall or route table, take the region's values from the \
             official IP and domain page.",
    source: regions::REGION_LIST_SOURCE,
    check: check_no_endpoint_data,
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

fn check_relays_without_ip(rule: &'static Rule, facts: &Facts, findings: &mut Vec<Finding>) {
    let Some(region) = regions::find(&facts.plan.workspace.region) else {
        return;
    };
    let missing = region.relays_without_ip();
    let bypass = route_set(facts.plan, region, false).is_some_and(|routes| routes.relay_bypass_wanted);
    if missing == 0 || !bypass {
        return;
    }
    let ips = region.scc_relay_ips.as_slice();
    let held = if ips.is_empty() {
        "no relay IP".to_string()
    } else {
        format!(
            "{} ({}), without saying whose",
            plural(ips.len(), "relay IP", "relay IPs"),
            ips.join(", ")
        )
    };
    findings.push(rule.finding(
        Field::SccRelayBypass,
        format!(
            "{} has {} ({}) but the catalog holds {held}: the relay bypass routes only what it holds, so the \
             firewall keeps the relay rule (databricks-scc-relay) and a workspace on a relay without an IP still \
             reaches the control plane through it.",
            region.name,
            plural(region.scc_relay_fqdns.as_slice().len(), "SCC relay", "SCC relays"),
            region.scc_relay_fqdns.as_slice().join(", "),
        ),
    ));
}

/// Whether the plan's egress takes values from the catalog: a firewall or service-tag routes.
fn egress_needs_endpoints(plan: &Plan) -> bool {
    !plan.network.is_managed() && matches!(plan.egress, Egress::Firewall { .. } | Egress::ServiceTagRoutes { .. })
}

fn check_no_endpoint_data(rule: &'static Rule, facts: &Facts, findings: &mut Vec<Finding>) {
    let Some(region) = regions::find(&facts.plan.workspace.region) else {
        return;
    };
    if region.has_endpoint_data() || egress_needs_endpoints(facts.plan) {
        return;
    }
    findings.push(rule.finding(
        Field::Region,
        format!(
            "The region catalog has no endpoint data for {} ({}): Microsoft lists the region, but the endpoint \
             source (as of {}) has no entry for it. This plan's egress needs none; a firewall or service-tag \
             routes would.",
            region.name,
            region.display_name,
            regions::AS_OF
        ),
    ));
}

/// The region rules' findings for a plan.
#[cfg(test)]
fn check(plan: &Plan) -> Vec<Finding> {
    let facts = Facts::new(plan);
    let mut findings = Vec::new();
    check_unknown_region(&UNKNOWN_REGION, &facts, &mut findings);
    check_data_gaps(&REGION_DATA_GAPS, &facts, &mut findings);
    check_no_endpoint_data(&NO_ENDPOINT_DATA, &facts, &mut findings);
    check_relays_without_ip(&RELAYS_WITHOUT_IP, &facts, &mut findings);
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
        regions::all().iter().find(|r| {
            regions::normalise(r.name) == wanted
                || regions::normalise(r.display_name) == wanted
                || r.databricks_code == Some(wanted.as_str())
        })
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

/// A warning when the plan's egress needs catalog values the source does not give for its region: which values,
/// and where to fetch them.
fn data_gaps(plan: &Plan, region: &Region) -> Option<Finding> {
    if !egress_needs_endpoints(plan) {
        return None;
    }
    let gaps: Vec<String> = region.gaps().into_iter().map(regions::entry_title).collect();
    if gaps.is_empty() {
        return None;
    }
    let what = if region.has_endpoint_data() {
        format!("has no {} for {}", gaps.join(", "), region.name)
    } else {
        format!(
            "has no endpoint data for {} (the source has no entry for it): none of its {}",
            region.name,
            gaps.join(", ")
        )
    };
    Some(REGION_DATA_GAPS.finding(
        Field::Region,
        format!(
            "The region catalog (endpoint data as of {}) {what}. Fetch them from {} (the {} rows) and add them \
             where the UDR and firewall checklists mark.",
            regions::AS_OF,
            regions::OFFICIAL_PAGE,
            region.display_name
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
        // The Azure Databricks pages' own code for a Government region.
        let f = &check(&plan("usgovaz", MANAGED))[0];
        assert!(f.message.ends_with("in `location`: usgovarizona."), "{}", f.message);
    }

    #[test]
    fn empty_region_still_suggests() {
        let f = &check(&plan("", MANAGED))[0];
        assert!(
            f.message
                .starts_with("No region is given. Choose one of the 45 regions"),
            "{}",
            f.message
        );
    }

    #[test]
    fn a_region_without_endpoint_data_takes_the_options_that_need_none() {
        // Mexico Central is on Microsoft's region list, but the endpoint source has nothing for it.
        for egress in [MANAGED, NAT] {
            let findings = check(&plan("mexicocentral", egress));
            let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
            assert_eq!(codes, ["NPIP-I901"], "{egress}");
            assert!(findings[0].message.contains("needs none"), "{}", findings[0].message);
        }
        // A firewall there says which values to fetch, and where.
        let findings = check(&plan("mexicocentral", FIREWALL));
        assert_eq!(findings.len(), 1);
        let message = &findings[0].message;
        assert_eq!(findings[0].code, "NPIP-W901");
        for wanted in [
            "Secure cluster connectivity relay FQDNs",
            "Artifact storage (primary) FQDNs",
            "Extended infrastructure IPs",
            "https://learn.microsoft.com/en-us/azure/databricks/resources/ip-domain-region",
            "Mexico Central",
        ] {
            assert!(message.contains(wanted), "{wanted}: {message}");
        }
    }

    #[test]
    fn relays_without_an_ip_warn_when_the_bypass_would_route_them() {
        const BYPASS: &str = r#"{"type":"firewall","routeTableName":"rt","firewallPrivateIp":"10.1.0.4",
            "sccRelayBypass":true}"#;
        let findings = check(&plan("eastus2", BYPASS));
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!((f.code, f.field), ("NPIP-W902", Field::SccRelayBypass));
        assert!(
            f.message
                .starts_with("eastus2 has 3 SCC relays (tunnel.eastus2.azuredatabricks.net")
                && f.message.contains("2 relay IPs (52.247.0.200/32, 20.186.83.56/32)"),
            "{}",
            f.message
        );
        // Every relay has an IP (West Europe), or the relay is not bypassed: nothing to say.
        assert!(check(&plan("westeurope", BYPASS)).is_empty());
        assert!(check(&plan("eastus2", FIREWALL)).is_empty());
        // No relay IP at all: West US 3, whose listed IP was West US's.
        let findings = check(&plan("westus3", BYPASS));
        let w902: Vec<&Finding> = findings.iter().filter(|f| f.code == "NPIP-W902").collect();
        assert!(w902[0].message.contains("holds no relay IP"), "{}", w902[0].message);
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
