//! The rule catalogue as documents: `docs/rules.md` (Markdown) and `npip rules --format json`, both generated from
//! [`RULES`], plus the table of known deployment errors and what catches each.

use super::{Category, Rule, RETIRED, RULES};
use crate::finding::Severity;
use serde::Serialize;
use std::fmt::Write as _;

/// How one deployment error that users hit is kept from happening.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// Row number in the peers file's error table.
    pub row: u8,
    /// The error as users meet it.
    pub error: &'static str,
    /// Rules that catch it before deployment.
    pub rules: &'static [&'static str],
    /// What the generated template does so that it cannot happen, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_construction: Option<&'static str>,
    /// Why the rest cannot be known offline, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_knowable_offline: Option<&'static str>,
}

/// The 20 deployment errors of the peers research (section 3), in its order.
pub static COVERAGE: &[Coverage] = &[
    Coverage {
        row: 1,
        error: "`SubnetIsNotWithinVnetError`: a subnet's range is outside the VNet, or the subnet does not exist yet",
        rules: &["NPIP-E007", "NPIP-E012"],
        by_construction: Some("the template creates both subnets in the same deployment as the VNet (or in the existing VNet), so they exist when the workspace needs them"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 2,
        error: "Subnet delegation to `Microsoft.Databricks/workspaces` not found",
        rules: &[],
        by_construction: Some("the template delegates both subnets to Microsoft.Databricks/workspaces"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 3,
        error: "No network security group associated with a workspace subnet",
        rules: &[],
        by_construction: Some("the template attaches the plan's one NSG to both subnets"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 4,
        error: "`ConflictWithNetworkIntentPolicy` when an NSG is redeployed without the Databricks-managed rules",
        rules: &["NPIP-I013"],
        by_construction: Some("the template's NSG declares the Databricks-managed rules, so a redeploy matches the network intent policy; to change requiredNsgRules, the workspace goes first (the design record gives the commands)"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 5,
        error: "`NetworkSecurityGroupCannotBeRemovedDueToNipOnSubnet` when the NSG is detached while the workspace exists",
        rules: &["NPIP-I009"],
        by_construction: None,
        not_knowable_offline: Some("it happens on a later change to a deployed network, which no plan describes"),
    },
    Coverage {
        row: 6,
        error: "`PrepareNetworkPoliciesRequestIsMissingNetworkIntentPolicies`: subnets shared with another workspace or holding other resources",
        rules: &["NPIP-I008"],
        by_construction: Some("a new VNet's subnets are created empty by the template"),
        not_knowable_offline: Some("whether an existing VNet's subnets already hold resources is known only to Azure"),
    },
    Coverage {
        row: 7,
        error: "`VirtualNetworkIdChangeNotAllowed`: redeploying a workspace with another VNet",
        rules: &["NPIP-I002"],
        by_construction: None,
        not_knowable_offline: Some("whether a workspace of that name already exists with another VNet is known only to Azure"),
    },
    Coverage {
        row: 8,
        error: "NAT gateway cannot be deployed on a subnet with Basic SKU public IPs or load balancer",
        rules: &["NPIP-E203"],
        by_construction: Some("the template creates only Standard SKU NAT gateways, public IPs and load balancers"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 9,
        error: "Invalid configuration: public network access Disabled with AllRules, or with an egress load balancer",
        rules: &["NPIP-E204", "NPIP-E207"],
        by_construction: None,
        not_knowable_offline: None,
    },
    Coverage {
        row: 10,
        error: "Clusters fail with NoAzureDatabricksRules but no working back-end Private Link",
        rules: &["NPIP-E205", "NPIP-E206", "NPIP-W202"],
        by_construction: None,
        not_knowable_offline: Some("whether the private endpoint and DNS zone exist is known only to Azure; NPIP-W202 asks for them"),
    },
    Coverage {
        row: 11,
        error: "A custom NSG rule conflicts with a Databricks-managed rule",
        rules: &[],
        by_construction: Some("the template adds no custom NSG rules, only the Databricks-managed ones"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 12,
        error: "Premium-only features on a standard or trial workspace",
        rules: &["NPIP-E206"],
        by_construction: Some("plans carry no customer-managed keys, enhanced security or storage firewall settings; Private Link settings are the only premium feature a plan can ask for"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 13,
        error: "`RequestDisallowedByPolicy` from landing-zone policies (Deny-Databricks-NoPublicIp, -Sku, -VirtualNetwork)",
        rules: &["NPIP-W201", "NPIP-I010"],
        by_construction: None,
        not_knowable_offline: Some("which policies are assigned to the subscription is known only to Azure"),
    },
    Coverage {
        row: 14,
        error: "The portal rejects existing subnet names over 30 characters",
        rules: &["NPIP-W102", "NPIP-W101"],
        by_construction: None,
        not_knowable_offline: None,
    },
    Coverage {
        row: 15,
        error: "The managed resource group exists already (created by hand, or reused)",
        rules: &["NPIP-E107", "NPIP-I005"],
        by_construction: None,
        not_knowable_offline: Some("whether a resource group of that name exists is known only to Azure; NPIP-E107 catches the case the plan shows"),
    },
    Coverage {
        row: 16,
        error: "`SUBNET_EXHAUSTED_FAILURE`: subnets too small for the peak number of nodes",
        rules: &["NPIP-E013", "NPIP-E014", "NPIP-I001"],
        by_construction: None,
        not_knowable_offline: None,
    },
    Coverage {
        row: 17,
        error: "Clusters never start in a new VNet without explicit egress (default outbound access retired)",
        rules: &["NPIP-E201", "NPIP-E301", "NPIP-W301"],
        by_construction: Some("every VNet-injection plan names its egress and the template builds it on both subnets, stating defaultOutboundAccess false except where an existing VNet's routes need it; the firewall checklist lists what the appliance must allow"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 18,
        error: "Access denied by the Azure Databricks deny assignment when editing the managed resource group",
        rules: &["NPIP-I005"],
        by_construction: None,
        not_knowable_offline: None,
    },
    Coverage {
        row: 19,
        error: "`CanceledAndSupersededDueToAnotherOperation` when subnets are created concurrently",
        rules: &[],
        by_construction: Some("a new VNet's subnets are declared inside the VNet; an existing VNet's two subnets are deployed one after the other"),
        not_knowable_offline: None,
    },
    Coverage {
        row: 20,
        error: "The workspace silently gets a managed VNet instead of the custom one",
        rules: &[],
        by_construction: Some("the template always sets customVirtualNetworkId and both subnet names together"),
        not_knowable_offline: None,
    },
];

/// How one validation rule of the domain facts (section 8 of `azure-databricks-networking.md`) is enforced.
#[derive(Debug, Serialize)]
pub struct DomainRule {
    pub number: u8,
    pub fact: &'static str,
    pub rules: &'static [&'static str],
    /// What the plan format or the generated template does about it, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<&'static str>,
}

const fn domain(
    number: u8,
    fact: &'static str,
    rules: &'static [&'static str],
    otherwise: Option<&'static str>,
) -> DomainRule {
    DomainRule {
        number,
        fact,
        rules,
        otherwise,
    }
}

/// Section 8 of the domain facts, rule by rule.
pub static DOMAIN_RULES: &[DomainRule] = &[
    domain(1, "VNet prefix between /16 and /24", &["NPIP-E004"], None),
    domain(
        2,
        "Subnets /26 or larger, inside the VNet, not overlapping each other or other ranges",
        &["NPIP-E006", "NPIP-E007", "NPIP-E008", "NPIP-E009"],
        None,
    ),
    domain(
        3,
        "Two subnets with distinct names, both named whenever the VNet is",
        &["NPIP-E105"],
        Some("prevented by construction: the template always sets the VNet ID and both subnet names together"),
    ),
    domain(
        4,
        "Both subnets delegated to Microsoft.Databricks/workspaces",
        &[],
        Some("prevented by construction: the template delegates both subnets"),
    ),
    domain(
        5,
        "An NSG on both subnets",
        &[],
        Some("prevented by construction: the template attaches the plan's NSG to both subnets"),
    ),
    domain(
        6,
        "Subnets dedicated to the workspace, no private endpoints in them",
        &["NPIP-I008"],
        Some("prevented by construction for new VNets: the template creates the subnets empty"),
    ),
    domain(
        7,
        "VNet in the workspace's region and subscription",
        &["NPIP-I006"],
        Some("prevented by construction for new VNets: the template creates the VNet beside the workspace"),
    ),
    domain(
        8,
        "Peak nodes within min(host, container) − 5",
        &["NPIP-E013", "NPIP-E014", "NPIP-I001"],
        None,
    ),
    domain(9, "VNet and subnets cannot change after creation", &["NPIP-I002"], None),
    domain(
        10,
        "Workspace name 3–64 of `[a-zA-Z0-9_-]`; the portal caps it at 30",
        &["NPIP-E101", "NPIP-W101"],
        None,
    ),
    domain(
        11,
        "Managed resource group name at most 90 characters, not existing yet",
        &["NPIP-E104", "NPIP-E107", "NPIP-I005"],
        None,
    ),
    domain(12, "VNet clear of the ranges Azure reserves", &["NPIP-E005"], None),
    domain(
        13,
        "computeMode Hybrid on API 2025-10-01-preview and later",
        &[],
        Some("prevented by construction: the template uses API 2026-01-01 with computeMode Hybrid"),
    ),
    domain(
        14,
        "Pricing tier standard, premium or trial; premium for Private Link",
        &["NPIP-E206"],
        Some("the plan format accepts only the three tiers"),
    ),
    domain(
        15,
        "requiredNsgRules AllRules or NoAzureDatabricksRules (never NoAzureServiceRules)",
        &[],
        Some("the plan format accepts only those two values"),
    ),
    domain(
        16,
        "Public network access Disabled needs NoAzureDatabricksRules",
        &["NPIP-E204", "NPIP-W204"],
        None,
    ),
    domain(
        17,
        "NoAzureDatabricksRules needs VNet injection, secure cluster connectivity and premium",
        &["NPIP-E205", "NPIP-E206", "NPIP-W202"],
        None,
    ),
    domain(
        18,
        "Egress load balancer needs VNet injection and secure cluster connectivity, and public access Enabled",
        &["NPIP-E201", "NPIP-E202", "NPIP-E207"],
        Some(
            "prevented by construction: the template builds a Standard load balancer with an outbound rule and a \
             Standard static public IP, and sets loadBalancerId and the backend pool name",
        ),
    ),
    domain(
        19,
        "NAT gateway: Standard NAT and public IP on both subnets, with secure cluster connectivity",
        &["NPIP-E203", "NPIP-E305"],
        Some(
            "prevented by construction: the template builds Standard SKUs and attaches the NAT gateway to both subnets",
        ),
    ),
    domain(
        20,
        "Managed VNet: only its own parameters; no route table, NSG or firewall of yours",
        &["NPIP-E201", "NPIP-E011"],
        Some("the plan format has the managed-only fields under the managed model alone"),
    ),
    domain(
        21,
        "vnetAddressPrefix not accepted by API 2025-08-01-preview",
        &[],
        Some("prevented by construction: the template pins API 2026-01-01"),
    ),
    domain(
        22,
        "Firewall egress: 0.0.0.0/0 to the appliance on both subnets, and the allow list",
        &[
            "NPIP-E302",
            "NPIP-E303",
            "NPIP-W303",
            "NPIP-W305",
            "NPIP-W306",
            "NPIP-I011",
            "NPIP-E304",
            "NPIP-W304",
            "NPIP-W902",
        ],
        Some(
            "prevented by construction: the template's route table sends 0.0.0.0/0 to the appliance on both \
             subnets; the firewall checklist lists what to allow",
        ),
    ),
    domain(
        23,
        "Service-tag routes with next hop Internet on both subnets",
        &["NPIP-E301", "NPIP-W301", "NPIP-W307"],
        Some("prevented by construction: the template's route table is attached to both subnets"),
    ),
    domain(
        24,
        "Private endpoint subnet settings",
        &[],
        Some(
            "not applicable: the planner creates no private endpoints; NPIP-W202 and NPIP-W204 say when one is needed",
        ),
    ),
    domain(
        25,
        "Secure cluster connectivity can only be switched on later, and only with VNet injection",
        &["NPIP-I003"],
        None,
    ),
    domain(
        26,
        "The deployer needs Network Contributor on the VNet",
        &["NPIP-I007"],
        None,
    ),
];

fn anchor(rule: &Rule) -> String {
    rule.code.to_ascii_lowercase()
}

/// Rules of a category, in code order.
fn rules_in(category: Category) -> impl Iterator<Item = &'static Rule> {
    RULES.iter().copied().filter(move |r| r.category == category)
}

fn code_links(codes: &[&str]) -> String {
    let links: Vec<String> = codes
        .iter()
        .map(|c| format!("[{c}](#{})", c.to_ascii_lowercase()))
        .collect();
    links.join(", ")
}

/// `docs/rules.md`: every rule, grouped by category, then the coverage table.
pub fn rules_markdown() -> String {
    let count = |severity| RULES.iter().filter(|r| r.severity == severity).count();
    let mut md = String::new();
    md.push_str("# Validation rules\n\n");
    md.push_str("<!-- Generated by `npip rules --format md` from the rule catalogue in crates/npip-core/src/rules/. ");
    md.push_str("Do not edit by hand: `UPDATE_DOCS=1 cargo test -p npip-core` rewrites it. -->\n\n");
    let _ = writeln!(
        md,
        "NPIP Planner checks every plan against {} rules: {} errors, which block the template, {} warnings and {} \
         notes. The app shows them as you type; `npip validate PLAN` prints them and exits with 1 when there is an \
         error. Each finding names the plan field it is about, says what is wrong in this plan's own values, what \
         to do, and the public source of the fact behind it.\n",
        RULES.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    md.push_str("Codes never change meaning and are never reused: `E` errors, `W` warnings, `I` notes; the hundreds ");
    md.push_str("digit is the area (0 address space and capacity, 1 names, 2 options, 3 egress, 9 region).\n\n");
    md.push_str("| Code | Severity | Rule |\n|---|---|---|\n");
    for category in Category::ALL {
        for rule in rules_in(category) {
            let _ = writeln!(
                md,
                "| [{}](#{}) | {} | {} |",
                rule.code,
                anchor(rule),
                rule.severity.title(),
                rule.title.as_str()
            );
        }
    }
    for category in Category::ALL {
        if rules_in(category).next().is_none() {
            continue;
        }
        let _ = write!(md, "\n## {}\n", category.title());
        for rule in rules_in(category) {
            let _ = write!(
                md,
                "\n### {}\n\n**{}: {}**\n\n{}\n\n**Remedy.** {}\n\n**Source.** <{}>\n",
                rule.code,
                rule.severity.title(),
                rule.title.as_str(),
                rule.why.as_str(),
                rule.remedy,
                rule.source
            );
        }
    }
    md.push_str("\n## Retired codes\n\n");
    md.push_str("No rule uses these codes any more; they are listed so that they are never given to another rule.\n\n");
    md.push_str("| Code | What became of it |\n|---|---|\n");
    for (code, fate) in RETIRED {
        let _ = writeln!(md, "| {code} | {fate} |");
    }
    md.push_str("\n## Domain facts and where each is enforced\n\n");
    md.push_str("The validation rules listed in the project's domain facts (`azure-databricks-networking.md`, ");
    md.push_str("section 8), each with the rules that check it, or what the plan format or the template does ");
    md.push_str("instead.\n\n| # | Fact | Enforced by |\n|---|---|---|\n");
    for row in DOMAIN_RULES {
        let mut parts = Vec::new();
        if !row.rules.is_empty() {
            parts.push(code_links(row.rules));
        }
        if let Some(how) = row.otherwise {
            parts.push(how.to_string());
        }
        let _ = writeln!(md, "| {} | {} | {} |", row.number, row.fact, parts.join("; "));
    }
    md.push_str("\n## Coverage of the deployment errors users hit\n\n");
    md.push_str("Each row is an error from the deployment-error table of the project's research on user pains ");
    md.push_str("(`peers-and-user-pains.md`, section 3), with what keeps it from happening: a rule that catches it ");
    md.push_str("before deployment, the way the generated template is built, or why it cannot be known offline.\n\n");
    md.push_str("| # | Error | Caught by |\n|---|---|---|\n");
    for row in COVERAGE {
        let mut parts = Vec::new();
        if !row.rules.is_empty() {
            parts.push(code_links(row.rules));
        }
        if let Some(how) = row.by_construction {
            parts.push(format!("prevented by construction: {how}"));
        }
        if let Some(why) = row.not_knowable_offline {
            parts.push(format!("not knowable offline: {why}"));
        }
        let _ = writeln!(md, "| {} | {} | {} |", row.row, row.error, parts.join("; "));
    }
    md
}

#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    severity: Severity,
    category: &'static str,
    title: &'static str,
    why: &'static str,
    remedy: &'static str,
    source: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CatalogueJson {
    rules: Vec<RuleJson>,
    domain_rules: &'static [DomainRule],
    coverage: &'static [Coverage],
}

/// `npip rules --format json`: `{"rules": [...], "domainRules": [...], "coverage": [...]}`, pretty, with a trailing newline.
pub fn rules_json() -> String {
    let catalogue = CatalogueJson {
        rules: RULES
            .iter()
            .map(|r| RuleJson {
                code: r.code,
                severity: r.severity,
                category: r.category.slug(),
                title: r.title.as_str(),
                why: r.why.as_str(),
                remedy: r.remedy,
                source: r.source,
            })
            .collect(),
        domain_rules: DOMAIN_RULES,
        coverage: COVERAGE,
    };
    let mut text = serde_json::to_string_pretty(&catalogue).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::rule;

    #[test]
    fn coverage_has_the_twenty_rows_in_order_and_each_is_covered() {
        assert_eq!(COVERAGE.len(), 20);
        for (i, row) in COVERAGE.iter().enumerate() {
            assert_eq!(usize::from(row.row), i + 1);
            assert!(
                !row.rules.is_empty() || row.by_construction.is_some() || row.not_knowable_offline.is_some(),
                "row {} is not covered",
                row.row
            );
            for code in row.rules {
                assert!(rule(code).is_some(), "row {} names unknown rule {code}", row.row);
            }
        }
    }

    #[test]
    fn every_domain_rule_is_enforced_somewhere() {
        assert_eq!(DOMAIN_RULES.len(), 26);
        for (i, row) in DOMAIN_RULES.iter().enumerate() {
            assert_eq!(usize::from(row.number), i + 1);
            assert!(
                !row.rules.is_empty() || row.otherwise.is_some(),
                "fact {} is not covered",
                row.number
            );
            for code in row.rules {
                assert!(rule(code).is_some(), "fact {} names unknown rule {code}", row.number);
            }
        }
    }

    #[test]
    fn markdown_lists_every_rule_and_every_coverage_row() {
        let md = rules_markdown();
        for r in RULES {
            assert!(md.contains(&format!("\n### {}\n", r.code)), "{}", r.code);
        }
        assert!(md.ends_with('\n'));
        let table = md.split("## Coverage").nth(1).unwrap();
        assert_eq!(
            table
                .lines()
                .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
                .count(),
            20
        );
    }

    #[test]
    fn json_round_trips_the_catalogue() {
        let value: serde_json::Value = serde_json::from_str(&rules_json()).unwrap();
        let rules = value["rules"].as_array().unwrap();
        assert_eq!(rules.len(), RULES.len());
        assert_eq!(rules[0]["code"], RULES[0].code);
        assert_eq!(value["coverage"].as_array().unwrap().len(), 20);
        assert_eq!(value["domainRules"].as_array().unwrap().len(), 26);
        // One key style throughout, as in every other JSON output of the planner.
        assert!(value["coverage"][0].get("byConstruction").is_some());
        assert!(!rules_json().contains("by_construction") && !rules_json().contains("not_knowable"));
    }
}
