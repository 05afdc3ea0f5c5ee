//! The rule catalogue and `validate`. Each rule is defined once, here: its code, severity, title, why it exists, remedy
//! and source, and the check that produces its findings. The UI, the CLI (`npip rules`) and `docs/rules.md` all read
//! this list.
//!
//! Codes are grouped by area and never reused: `E0xx`/`W0xx` address space and capacity, `E1xx`/`W1xx` names and IDs,
//! `E2xx`/`W2xx` option compatibility, `E3xx`/`W3xx` egress, `I0xx` notes, `E9xx` region (see `region.rs`).

mod address;
mod egress;
pub(crate) use egress::firewall_outside;
mod names;
mod notes;
mod options;
pub(crate) mod region;

#[cfg(feature = "docs")]
pub mod docs;

use crate::cidr::{Cidr, CidrError};
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Injection, Network, Plan, Vnet};
use crate::quote::shown;

pub use address::check_vnet_range;
pub(crate) use egress::{FIREWALL_OUTSIDE_NEW_VNET, FIREWALL_OUTSIDE_VNET};
pub use names::{parse_vnet_resource_id, VnetResourceId};

/// What part of the plan a rule is about; `npip rules` and the docs group by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    AddressSpace,
    Capacity,
    Names,
    Options,
    Egress,
    Region,
    Notes,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::AddressSpace,
        Category::Capacity,
        Category::Names,
        Category::Options,
        Category::Egress,
        Category::Region,
        Category::Notes,
    ];

    pub const fn title(self) -> &'static str {
        match self {
            Category::AddressSpace => "Address space",
            Category::Capacity => "Capacity",
            Category::Names => "Names and IDs",
            Category::Options => "Option compatibility",
            Category::Egress => "Egress",
            Category::Region => "Region",
            Category::Notes => "Notes",
        }
    }

    pub const fn slug(self) -> &'static str {
        match self {
            Category::AddressSpace => "address-space",
            Category::Capacity => "capacity",
            Category::Names => "names",
            Category::Options => "options",
            Category::Egress => "egress",
            Category::Region => "region",
            Category::Notes => "notes",
        }
    }
}

/// How a rule looks at a plan: it reads the facts and pushes its findings.
pub type Check = fn(&'static Rule, &Facts, &mut Vec<Finding>);

/// A rule's text that only the docs and `npip rules` show. Without the `docs` feature (the web app's build) it holds
/// nothing, so the texts stay out of the app's bundle while each rule still defines them in one place.
#[derive(Clone, Copy, Debug)]
pub struct DocText(#[cfg(feature = "docs")] &'static str);

impl DocText {
    pub const fn new(text: &'static str) -> DocText {
        #[cfg(feature = "docs")]
        return DocText(text);
        #[cfg(not(feature = "docs"))]
        {
            let _ = text;
            DocText()
        }
    }

    #[cfg(feature = "docs")]
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

/// One validation rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, never reused: `NPIP-E…` errors, `NPIP-W…` warnings, `NPIP-I…` notes.
    pub code: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// One line: what the rule checks.
    pub title: DocText,
    /// Why the rule exists: what goes wrong in Azure without it. Shown in the docs and the rule list.
    pub why: DocText,
    /// What to do when it fires.
    pub remedy: &'static str,
    /// Public source of the fact behind the rule.
    pub source: &'static str,
    pub check: Check,
}

impl Rule {
    /// A finding of this rule about `field`, with a message about this plan's values.
    pub fn finding(&'static self, field: Field, message: impl Into<String>) -> Finding {
        Finding {
            code: self.code,
            severity: self.severity,
            field,
            message: message.into(),
            remedy: self.remedy,
            source: self.source,
        }
    }
}

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
    &address::PEAK_NODES_ZERO,
    &address::CAPACITY,
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
    &address::UNEQUAL_SUBNETS,
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
    &region::REGION_DATA_GAPS,
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
    validate_normalised(&plan.normalised())
}

/// [`validate`] for a plan that is normalised already (the emitters' gate, which keeps the copy it judged).
pub(crate) fn validate_normalised(plan: &Plan) -> Vec<Finding> {
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

/// What the rules need to know about a plan, worked out once: the parsed ranges, so that no rule parses them again.
/// Values that do not parse are left out here; the syntax rules report them.
#[derive(Debug)]
pub struct Facts<'a> {
    pub plan: &'a Plan,
    /// The VNet injection settings, when the plan uses VNet injection.
    pub injection: Option<&'a Injection>,
    /// Whether the template creates the VNet (false for an existing VNet and for the managed VNet).
    pub new_vnet: bool,
    /// The VNet's ranges that parse: a new VNet's address space, or each prefix of an existing VNet.
    pub vnet_ranges: Vec<(Field, Cidr)>,
    pub host: Option<Cidr>,
    pub container: Option<Cidr>,
    /// Avoid-list ranges that parse, with their fields.
    pub avoid: Vec<(Field, Cidr)>,
    /// Every CIDR-valued field, parsed once: the syntax rules report the ones that fail.
    pub cidrs: Vec<CidrField<'a>>,
}

/// One CIDR-valued field of the plan and what parsing it gave.
#[derive(Debug)]
pub struct CidrField<'a> {
    pub field: Field,
    pub text: &'a str,
    pub parsed: Result<Cidr, CidrError>,
}

impl<'a> Facts<'a> {
    /// The facts of `plan` as given; [`validate`] gives it the normalised copy.
    pub fn new(plan: &'a Plan) -> Facts<'a> {
        let injection = plan.network.injection();
        let cidrs: Vec<CidrField<'a>> = cidr_texts(plan)
            .into_iter()
            .map(|(field, text)| CidrField {
                field,
                text,
                parsed: text.parse(),
            })
            .collect();
        let parsed = |wanted: fn(Field) -> bool| -> Vec<(Field, Cidr)> {
            cidrs
                .iter()
                .filter(|c| wanted(c.field))
                .filter_map(|c| c.parsed.as_ref().ok().map(|block| (c.field, *block)))
                .collect()
        };
        let vnet_ranges = parsed(|f| matches!(f, Field::VnetAddressSpace | Field::VnetAddressPrefix(_)));
        let avoid = parsed(|f| matches!(f, Field::AvoidCidr(_)));
        let host = parsed(|f| f == Field::HostSubnetCidr).first().map(|(_, c)| *c);
        let container = parsed(|f| f == Field::ContainerSubnetCidr).first().map(|(_, c)| *c);
        Facts {
            plan,
            injection,
            new_vnet: matches!(injection.map(|i| &i.vnet), Some(Vnet::New { .. })),
            vnet_ranges,
            host,
            container,
            avoid,
            cidrs,
        }
    }

    pub fn is_managed(&self) -> bool {
        matches!(self.plan.network, Network::Managed { .. })
    }

    /// The two Databricks subnets that parse, with their fields and names for messages.
    pub fn subnets(&self) -> Vec<(Field, &'static str, Cidr)> {
        let mut subnets = Vec::with_capacity(2);
        if let Some(host) = self.host {
            subnets.push((Field::HostSubnetCidr, "Host subnet", host));
        }
        if let Some(container) = self.container {
            subnets.push((Field::ContainerSubnetCidr, "Container subnet", container));
        }
        subnets
    }

    /// The label of an avoid range for messages: ` ("hub VNet")`, or nothing.
    pub fn avoid_label(&self, field: Field) -> String {
        match field {
            Field::AvoidCidr(i) => match self.plan.avoid.get(i) {
                Some(a) if !a.label.is_empty() => format!(" ({})", a.label),
                _ => String::new(),
            },
            _ => String::new(),
        }
    }
}

/// Every CIDR-valued field of the plan with its text.
fn cidr_texts(plan: &Plan) -> Vec<(Field, &str)> {
    let mut fields = Vec::with_capacity(plan.avoid.len() + 4);
    if let Some(injection) = plan.network.injection() {
        match &injection.vnet {
            Vnet::New { address_space, .. } => fields.push((Field::VnetAddressSpace, address_space.as_str())),
            Vnet::Existing { address_prefixes, .. } => fields.extend(
                address_prefixes
                    .iter()
                    .enumerate()
                    .map(|(i, prefix)| (Field::VnetAddressPrefix(i), prefix.as_str())),
            ),
        }
        fields.push((Field::HostSubnetCidr, injection.host_subnet.cidr.as_str()));
        fields.push((Field::ContainerSubnetCidr, injection.container_subnet.cidr.as_str()));
    }
    fields.extend(
        plan.avoid
            .iter()
            .enumerate()
            .map(|(i, a)| (Field::AvoidCidr(i), a.cidr.as_str())),
    );
    fields
}

/// "The workspace name `x`" for the start of a message; without the quotes when the name is empty, so that an
/// empty name reads "The workspace name is empty" rather than showing an empty pair of backticks.
pub(crate) fn named(what: &str, name: &str) -> String {
    if name.is_empty() {
        what.to_string()
    } else {
        format!("{what} `{}`", shown(name))
    }
}

/// A character for a message, named when it cannot be seen: "a space", "a non-breaking space (U+00A0)", "the
/// invisible character U+200B", or the character itself in backticks.
pub(crate) fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        '\u{a0}' => "a non-breaking space (U+00A0)".to_string(),
        c if c.is_whitespace() => format!("the space character U+{:04X}", u32::from(c)),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        // Zero-width and other format characters that editors and web pages slip into copied text.
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => {
            format!("the invisible character U+{:04X}", u32::from(c))
        }
        c => format!("`{c}`"),
    }
}

/// ` (it contains the invisible character U+200B)` for a value holding a character that does not show or looks like
/// another (anything but printable ASCII), so that a message about a value that looks right says why it is not.
pub(crate) fn odd_character_note(text: &str) -> String {
    match text.chars().find(|c| !(c.is_ascii_graphic() || *c == ' ')) {
        Some(c) => format!(" (it contains {})", describe(c)),
        None => String::new(),
    }
}

/// What a CIDR field is called in messages: "Host subnet", "Avoid range 3 (hub VNet)". Made only for findings, so
/// that a plan with thousands of ranges to avoid costs no formatting when they are fine.
pub(crate) fn cidr_field_name(plan: &Plan, field: Field) -> String {
    let item = || field.item_label().unwrap_or_else(|| field.path());
    match field {
        Field::VnetAddressSpace => "VNet address space".to_string(),
        Field::HostSubnetCidr => "Host subnet".to_string(),
        Field::ContainerSubnetCidr => "Container subnet".to_string(),
        Field::AvoidCidr(i) => match plan.avoid.get(i).map(|a| a.label.as_str()) {
            Some(label) if !label.is_empty() => format!("{} ({})", item(), shown(label)),
            _ => item(),
        },
        _ => item(),
    }
}

/// Sources, one constant per public page, so that a moved page is fixed in one place.
pub(crate) mod source {
    pub const VNET_INJECT: &str =
        "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/vnet-inject";
    pub const VNET_FAQ: &str = "https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq";
    pub const NAMING: &str =
        "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules";
    pub const WORKSPACE_NAME_TF: &str = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/databricks/validate/workspace_name.go";
    pub const PORTAL_SUBNET_NAMES: &str = "https://github.com/MicrosoftDocs/azure-docs/issues/73069";
    /// Azure Firewall's IP configuration must use a subnet named `AzureFirewallSubnet` (or the management one).
    pub const RESERVED_SUBNET_NAMES: &str =
        "https://learn.microsoft.com/en-us/azure/firewall/tutorial-firewall-deploy-portal-policy";
    pub const RESOURCE_ID: &str = "https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/template-functions-resource#resourceid";
    pub const SCC: &str =
        "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/secure-cluster-connectivity";
    pub const PRIVATE_LINK: &str =
        "https://learn.microsoft.com/en-us/azure/databricks/security/network/concepts/private-link";
    pub const UDR: &str = "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/udr";
    pub const AZURERM_WORKSPACE: &str = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/databricks/databricks_workspace_resource.go";
    pub const AZURERM_DOCS: &str =
        "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/databricks_workspace";
    pub const QUICKSTARTS: &str =
        "https://github.com/Azure/azure-quickstart-templates/tree/master/quickstarts/microsoft.databricks";
    pub const DEFAULT_OUTBOUND: &str =
        "https://learn.microsoft.com/en-us/azure/virtual-network/ip-services/default-outbound-access";
    pub const NAT_BASIC_SKU: &str = "https://github.com/MicrosoftDocs/azure-docs/issues/96004";
    pub const NAT_RESOURCE: &str = "https://learn.microsoft.com/en-us/azure/nat-gateway/nat-gateway-resource";
    pub const RFC1918: &str = "https://www.rfc-editor.org/rfc/rfc1918";
    pub const RFC1123: &str = "https://www.rfc-editor.org/rfc/rfc1123#section-2.1";
    pub const PROVIDERS: &str =
        "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-providers-and-types";
    pub const ALZ_POLICIES: &str = "https://github.com/Azure/Enterprise-Scale";
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
