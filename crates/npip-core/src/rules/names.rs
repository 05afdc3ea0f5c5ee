//! Names and IDs: Azure's naming rules per resource type, the portal's shorter limits, and the existing VNet's
//! resource ID.

use super::facts::Facts;
use super::rule::{Category, DocText, Rule};
use super::source;
use super::wording::{describe, named};
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Egress, Injection, Network, Vnet};
use crate::quote::shown;
use crate::text::plural;

/// Azure's naming rule for one kind of resource.
struct NameSpec {
    min: usize,
    max: usize,
    allowed: fn(char) -> bool,
    allowed_text: &'static str,
    first: fn(char) -> bool,
    first_text: &'static str,
    last: fn(char) -> bool,
    last_text: &'static str,
}

fn ascii_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn any_char(_: char) -> bool {
    true
}

fn network_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

fn alnum_or_underscore(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

const WORKSPACE: NameSpec = NameSpec {
    min: 3,
    max: 64,
    allowed: |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'),
    allowed_text: "letters, digits, `_` and `-`",
    first: any_char,
    first_text: "",
    last: any_char,
    last_text: "",
};

const VNET: NameSpec = NameSpec {
    min: 2,
    max: 64,
    allowed: network_char,
    allowed_text: "letters, digits, `_`, `.` and `-`",
    first: ascii_alnum,
    first_text: "must start with a letter or digit",
    last: alnum_or_underscore,
    last_text: "must end with a letter, digit or `_`",
};

/// Subnets, NSGs, NAT gateways, public IPs, load balancers and their parts, route tables.
const NETWORK_RESOURCE: NameSpec = NameSpec {
    min: 1,
    max: 80,
    ..VNET
};

const RESOURCE_GROUP: NameSpec = NameSpec {
    min: 1,
    max: 90,
    allowed: |c| c.is_alphanumeric() || matches!(c, '_' | '(' | ')' | '-' | '.'),
    allowed_text: "letters, digits, `_`, `(`, `)`, `-` and `.`",
    first: any_char,
    first_text: "",
    last: |c| c != '.',
    last_text: "must end with a letter, digit, `_`, `(`, `)` or `-`",
};

/// The portal's limit on workspace and subnet names, below what the API accepts.
const PORTAL_LIMIT: usize = 30;

/// What is wrong with `name` under `spec`, as the end of a sentence, or `None` when it is fine.
fn name_problem(name: &str, spec: &NameSpec) -> Option<String> {
    let length = name.chars().count();
    if length == 0 {
        return Some("is empty".to_string());
    }
    if length < spec.min {
        return Some(format!(
            "is {} long; it needs at least {}",
            plural(length, "character", "characters"),
            spec.min
        ));
    }
    if length > spec.max {
        return Some(format!("is {length} characters; the limit is {}", spec.max));
    }
    let mut bad: Vec<char> = name.chars().filter(|c| !(spec.allowed)(*c)).collect();
    if !bad.is_empty() {
        crate::order::sort(&mut bad);
        bad.dedup();
        let listed: Vec<String> = bad.iter().take(3).map(|c| describe(*c)).collect();
        return Some(format!(
            "contains {}; only {} are allowed",
            listed.join(", "),
            spec.allowed_text
        ));
    }
    let first = name.chars().next()?;
    if !(spec.first)(first) {
        return Some(format!("starts with {}; it {}", describe(first), spec.first_text));
    }
    let last = name.chars().last()?;
    if !(spec.last)(last) {
        return Some(format!("ends with {}; it {}", describe(last), spec.last_text));
    }
    None
}

/// Every network resource name in the plan, with its field and what it names.
fn network_names<'a>(facts: &Facts<'a>) -> Vec<(Field, &'static str, &'a str)> {
    let mut names = Vec::new();
    match &facts.plan.network {
        Network::Managed {
            nat_gateway_name,
            public_ip_name,
            ..
        } => {
            if let Some(name) = nat_gateway_name {
                names.push((Field::ManagedNatGatewayName, "NAT gateway name", name.as_str()));
            }
            if let Some(name) = public_ip_name {
                names.push((Field::ManagedPublicIpName, "Public IP name", name.as_str()));
            }
        }
        Network::VnetInjection(injection) => {
            names.push((
                Field::HostSubnetName,
                "Host subnet name",
                injection.host_subnet.name.as_str(),
            ));
            names.push((
                Field::ContainerSubnetName,
                "Container subnet name",
                injection.container_subnet.name.as_str(),
            ));
            names.push((Field::NsgName, "NSG name", injection.nsg_name.as_str()));
        }
    }
    match &facts.plan.egress {
        Egress::ManagedNatGateway => {}
        Egress::LoadBalancer {
            load_balancer_name,
            backend_pool_name,
            frontend_config_name,
            public_ip_name,
        } => {
            names.push((
                Field::LoadBalancerName,
                "Load balancer name",
                load_balancer_name.as_str(),
            ));
            names.push((
                Field::LoadBalancerBackendPoolName,
                "Backend pool name",
                backend_pool_name.as_str(),
            ));
            names.push((
                Field::LoadBalancerFrontendConfigName,
                "Frontend IP configuration name",
                frontend_config_name.as_str(),
            ));
            names.push((
                Field::LoadBalancerPublicIpName,
                "Public IP name",
                public_ip_name.as_str(),
            ));
        }
        Egress::NatGateway {
            nat_gateway_name,
            public_ip_name,
            ..
        } => {
            names.push((Field::NatGatewayName, "NAT gateway name", nat_gateway_name.as_str()));
            names.push((Field::NatGatewayPublicIpName, "Public IP name", public_ip_name.as_str()));
        }
        Egress::Firewall { route_table_name, .. } | Egress::ServiceTagRoutes { route_table_name } => {
            names.push((Field::RouteTableName, "Route table name", route_table_name.as_str()));
        }
    }
    names
}

pub static WORKSPACE_NAME: Rule = Rule {
    code: "NPIP-E101",
    severity: Severity::Error,
    category: Category::Names,
    title: DocText::new("Workspace name: 3–64 letters, digits, `_` or `-`"),
    why: DocText::new(
        "Azure refuses a Databricks workspace name outside 3 to 64 characters or with characters other than \
          letters, digits, underscores and hyphens.",
    ),
    remedy: "Rename the workspace, for example `adb-<team>-<environment>`.",
    source: source::WORKSPACE_NAME_TF,
    check: check_workspace_name,
};

fn check_workspace_name(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let name = &facts.plan.workspace.name;
    if let Some(problem) = name_problem(name, &WORKSPACE) {
        out.push(rule.finding(
            Field::WorkspaceName,
            format!("{} {problem}.", named("The workspace name", name)),
        ));
    }
}

pub static WORKSPACE_NAME_PORTAL: Rule = Rule {
    code: "NPIP-W101",
    severity: Severity::Warning,
    category: Category::Names,
    title: DocText::new("Workspace name over 30 characters"),
    why: DocText::new(
        "The API accepts 64 characters, but the Azure portal limits workspace names to 30, so a longer name \
          cannot be typed or reused there.",
    ),
    remedy: "Keep the workspace name to 30 characters if anyone will work with it in the portal.",
    source: source::WORKSPACE_NAME_TF,
    check: check_workspace_name_portal,
};

fn check_workspace_name_portal(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let length = facts.plan.workspace.name.chars().count();
    if length > PORTAL_LIMIT && length <= WORKSPACE.max {
        out.push(rule.finding(
            Field::WorkspaceName,
            format!("The workspace name is {length} characters; the Azure portal accepts at most {PORTAL_LIMIT}."),
        ));
    }
}

pub static VNET_NAME: Rule = Rule {
    code: "NPIP-E102",
    severity: Severity::Error,
    category: Category::Names,
    title: DocText::new("VNet name: 2–64 characters, Azure's VNet naming rule"),
    why: DocText::new(
        "Azure refuses a VNet name outside 2 to 64 characters, with characters other than letters, digits, `_`, \
          `.` and `-`, not starting with a letter or digit, or not ending with a letter, digit or `_`.",
    ),
    remedy: "Rename the VNet, for example `vnet-<workspace>`.",
    source: source::NAMING,
    check: check_vnet_name,
};

fn check_vnet_name(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if let Some(Vnet::New { name, .. }) = facts.injection.map(|i| &i.vnet) {
        if let Some(problem) = name_problem(name, &VNET) {
            out.push(rule.finding(Field::VnetName, format!("{} {problem}.", named("The VNet name", name))));
        }
    }
}

pub static RESOURCE_NAME: Rule = Rule {
    code: "NPIP-E103",
    severity: Severity::Error,
    category: Category::Names,
    title: DocText::new("Network resource names: 1–80 characters, Azure's naming rule"),
    why: DocText::new(
        "Subnets, network security groups, NAT gateways, public IPs, load balancers (and their backend pools and \
          frontend configurations) and route tables take 1 to 80 letters, digits, `_`, `.` or `-`, starting with a \
          letter or digit and ending with a letter, digit or `_`; Azure refuses other names.",
    ),
    remedy: "Rename it with 1 to 80 letters, digits, `_`, `.` or `-`, starting with a letter or digit and ending \
             with a letter, digit or `_`.",
    source: source::NAMING,
    check: check_resource_names,
};

fn check_resource_names(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    for (field, what, name) in network_names(facts) {
        if let Some(problem) = name_problem(name, &NETWORK_RESOURCE) {
            out.push(rule.finding(field, format!("{} {problem}.", named(what, name))));
        }
    }
}

pub static SUBNET_NAME_PORTAL: Rule = Rule {
    code: "NPIP-W102",
    severity: Severity::Warning,
    category: Category::Names,
    title: DocText::new("Subnet name over 30 characters"),
    why: DocText::new(
        "Azure accepts subnet names up to 80 characters, but the portal's workspace form rejects existing subnet \
          names over 30, so the workspace cannot be recreated or inspected there.",
    ),
    remedy: "Keep subnet names to 30 characters.",
    source: source::PORTAL_SUBNET_NAMES,
    check: check_subnet_name_portal,
};

/// The two workspace subnets' names, each with its field and the word findings use for it.
fn subnet_names(injection: &Injection) -> [(Field, &'static str, &String); 2] {
    [
        (Field::HostSubnetName, "host", &injection.host_subnet.name),
        (
            Field::ContainerSubnetName,
            "container",
            &injection.container_subnet.name,
        ),
    ]
}

fn check_subnet_name_portal(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(injection) = facts.injection else { return };
    for (field, what, name) in subnet_names(injection) {
        let length = name.chars().count();
        if length > PORTAL_LIMIT && length <= NETWORK_RESOURCE.max {
            out.push(rule.finding(
                field,
                format!(
                    "The {what} subnet name is {length} characters; the Azure portal's workspace form accepts at \
                     most {PORTAL_LIMIT}."
                ),
            ));
        }
    }
}

pub static SUBNET_NAME_RESERVED: Rule = Rule {
    code: "NPIP-W103",
    severity: Severity::Warning,
    category: Category::Names,
    title: DocText::new("Subnet names Azure keeps for its own services"),
    why: DocText::new(
        "Azure Firewall, VPN and ExpressRoute gateways, Bastion and Route Server each need a subnet of one fixed \
          name (`AzureFirewallSubnet`, `AzureFirewallManagementSubnet`, `GatewaySubnet`, `AzureBastionSubnet`, \
          `RouteServerSubnet`). A Databricks subnet under one of those names takes it from that service, and the \
          service's own rules clash with the Databricks delegation and NSG (gateways do not support an NSG at all).",
    ),
    remedy: "Give the workspace subnets names of their own, such as `adb-<workspace>-host` and \
             `adb-<workspace>-container`.",
    source: source::RESERVED_SUBNET_NAMES,
    check: check_subnet_name_reserved,
};

/// Subnet names that belong to one Azure service each.
const RESERVED_SUBNET_NAMES: [&str; 5] = [
    "AzureFirewallSubnet",
    "AzureFirewallManagementSubnet",
    "GatewaySubnet",
    "AzureBastionSubnet",
    "RouteServerSubnet",
];

fn check_subnet_name_reserved(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(injection) = facts.injection else { return };
    for (field, what, name) in subnet_names(injection) {
        // Azure compares resource names without regard to case.
        if let Some(reserved) = RESERVED_SUBNET_NAMES.iter().find(|r| r.eq_ignore_ascii_case(name)) {
            out.push(rule.finding(
                field,
                format!("The {what} subnet is named {reserved}, a name Azure keeps for another service's subnet."),
            ));
        }
    }
}

pub static RESOURCE_GROUP_NAME: Rule = Rule {
    code: "NPIP-E104",
    severity: Severity::Error,
    category: Category::Names,
    title: DocText::new("Managed resource group name: 1–90 characters, Azure's naming rule"),
    why: DocText::new(
        "Azure refuses a resource group name outside 1 to 90 characters, with characters other than letters, \
          digits, `_`, `(`, `)`, `-` and `.`, or ending with `.`.",
    ),
    remedy: "Rename the managed resource group, or leave it out to use `databricks-rg-<workspace>`.",
    source: source::NAMING,
    check: check_resource_group_name,
};

fn check_resource_group_name(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if let Some(name) = &facts.plan.workspace.managed_resource_group {
        if let Some(problem) = name_problem(name, &RESOURCE_GROUP) {
            out.push(rule.finding(
                Field::ManagedResourceGroup,
                format!("{} {problem}.", named("The managed resource group name", name)),
            ));
        }
    }
}

pub static SUBNET_NAMES_DISTINCT: Rule = Rule {
    code: "NPIP-E105",
    severity: Severity::Error,
    category: Category::Names,
    title: DocText::new("Host and container subnets have different names"),
    why: DocText::new(
        "The workspace needs two separate subnets; two subnets of one VNet cannot share a name (Azure compares \
          names without regard to case).",
    ),
    remedy: "Give the subnets different names, for example `<workspace>-host` and `<workspace>-container`.",
    source: source::VNET_INJECT,
    check: check_subnet_names_distinct,
};

fn check_subnet_names_distinct(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(injection) = facts.injection else { return };
    let (host, container) = (&injection.host_subnet.name, &injection.container_subnet.name);
    // ASCII case is the whole story: a subnet name with any other letter is already refused by the name rules.
    if !host.is_empty() && host.eq_ignore_ascii_case(container) {
        out.push(rule.finding(
            Field::ContainerSubnetName,
            format!(
                "The container subnet is named `{}`, the same as the host subnet `{}`.",
                shown(container),
                shown(host)
            ),
        ));
    }
}

/// The parts of a VNet's resource ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VnetResourceId {
    pub subscription_id: String,
    pub resource_group: String,
    pub name: String,
}

fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, length)| group.len() == length && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Reads `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>`, or
/// says what is wrong with it (as the end of a sentence).
pub fn parse_vnet_resource_id(text: &str) -> Result<VnetResourceId, String> {
    const FORM: &str = "/subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.Network/\
                        virtualNetworks/<name>";
    let text = crate::plan::trim_value(text);
    if text.is_empty() {
        return Err(format!("is empty; it looks like {FORM}"));
    }
    let parts: Vec<&str> = text.split('/').collect();
    let literal = |i: usize, want: &str| parts.get(i).is_some_and(|p| p.eq_ignore_ascii_case(want));
    if !(parts.first() == Some(&"") && literal(1, "subscriptions")) {
        return Err(format!("does not start with /subscriptions/; it looks like {FORM}"));
    }
    let subscription = parts.get(2).copied().unwrap_or_default();
    if !is_guid(subscription) {
        return Err(format!(
            "has `{}` where the subscription ID goes; a subscription ID is a GUID such as \
             00000000-0000-0000-0000-000000000000",
            shown(subscription)
        ));
    }
    if !literal(3, "resourceGroups") {
        return Err(format!(
            "has no /resourceGroups/<group> after the subscription; it looks like {FORM}"
        ));
    }
    let group = parts.get(4).copied().unwrap_or_default();
    if let Some(problem) = name_problem(group, &RESOURCE_GROUP) {
        return Err(format!("{}, which {problem}", named("names the resource group", group)));
    }
    if !(literal(5, "providers") && literal(6, "Microsoft.Network") && literal(7, "virtualNetworks")) {
        return Err(format!(
            "is not a VNet's ID (no /providers/Microsoft.Network/virtualNetworks/); it looks like {FORM}"
        ));
    }
    let name = parts.get(8).copied().unwrap_or_default();
    if let Some(problem) = name_problem(name, &VNET) {
        return Err(format!("{}, which {problem}", named("names the VNet", name)));
    }
    if let Some(rest) = parts.get(9..).filter(|rest| !rest.is_empty()) {
        let rest = rest.join("/");
        return Err(format!(
            "goes on after the VNet name (`/{rest}`); give the VNet's own ID, not a subnet's or another child's"
        ));
    }
    Ok(VnetResourceId {
        subscription_id: subscription.to_string(),
        resource_group: group.to_string(),
        name: name.to_string(),
    })
}

pub static VNET_RESOURCE_ID: Rule = Rule {
    code: "NPIP-E106",
    severity: Severity::Error,
    category: Category::Names,
    title: DocText::new("The existing VNet's resource ID is well formed"),
    why: DocText::new(
        "The workspace finds its VNet by resource ID (`customVirtualNetworkId`); a malformed ID fails the \
          deployment, and a subnet's ID in its place makes the workspace look for the wrong resource.",
    ),
    remedy: "Copy the VNet's ID from the portal (VNet > Properties > Resource ID) or from \
             `az network vnet show -g <group> -n <name> --query id -o tsv`.",
    source: source::RESOURCE_ID,
    check: check_vnet_resource_id,
};

fn check_vnet_resource_id(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if let Some(Vnet::Existing { resource_id, .. }) = facts.injection.map(|i| &i.vnet) {
        if let Err(problem) = parse_vnet_resource_id(resource_id) {
            out.push(rule.finding(Field::VnetResourceId, format!("The VNet resource ID {problem}.")));
        }
    }
}

pub static MANAGED_RG_IS_VNET_RG: Rule = Rule {
    code: "NPIP-E107",
    severity: Severity::Error,
    category: Category::Names,
    title: DocText::new("The managed resource group is not the existing VNet's resource group"),
    why: DocText::new(
        "Azure Databricks creates the managed resource group itself and refuses one that already exists; the \
          existing VNet's resource group certainly does.",
    ),
    remedy: "Choose another managed resource group name, or leave it out to use `databricks-rg-<workspace>`.",
    source: source::AZURERM_DOCS,
    check: check_managed_rg_is_vnet_rg,
};

fn check_managed_rg_is_vnet_rg(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(Vnet::Existing { resource_id, .. }) = facts.injection.map(|i| &i.vnet) else {
        return;
    };
    let Ok(id) = parse_vnet_resource_id(resource_id) else {
        return;
    };
    let managed = facts.plan.workspace.managed_resource_group_name();
    if managed.eq_ignore_ascii_case(&id.resource_group) {
        out.push(rule.finding(
            Field::ManagedResourceGroup,
            format!(
                "The managed resource group `{}` is the resource group of the existing VNet, so it already \
                 exists; Azure Databricks must create the managed resource group itself.",
                shown(&managed)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Network, Vnet};
    use crate::rules::test_plans::*;

    fn set_resource_id(plan: &mut crate::plan::Plan, id: &str) {
        if let Network::VnetInjection(i) = &mut plan.network {
            if let Vnet::Existing { resource_id, .. } = &mut i.vnet {
                *resource_id = id.into();
            }
        }
    }

    const GOOD_ID: &str = "/subscriptions/0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab/resourceGroups/rg-net/providers/\
                           Microsoft.Network/virtualNetworks/spoke-1";

    #[test]
    fn e101_workspace_name() {
        let mut plan = example("managed-default");
        for bad in ["ab", "adb prod", "adb.prod", "", &"a".repeat(65)] {
            plan.workspace.name = bad.to_string();
            assert_eq!(of(&plan, "NPIP-E101").len(), 1, "{bad}");
        }
        plan.workspace.name = "adb prod".into();
        assert!(of(&plan, "NPIP-E101")[0].message.contains("a space"));
        plan.workspace.name = "ab".into();
        assert_eq!(
            of(&plan, "NPIP-E101")[0].message,
            "The workspace name `ab` is 2 characters long; it needs at least 3."
        );
        // An empty name is not shown as an empty pair of backticks.
        plan.workspace.name = String::new();
        assert_eq!(of(&plan, "NPIP-E101")[0].message, "The workspace name is empty.");
        for fine in ["abc", "ADB_prod-1", &"a".repeat(64)] {
            plan.workspace.name = fine.to_string();
            assert!(of(&plan, "NPIP-E101").is_empty(), "{fine}");
        }
    }

    #[test]
    fn w101_workspace_name_portal() {
        let mut plan = example("managed-default");
        plan.workspace.name = "a".repeat(31);
        assert_eq!(of(&plan, "NPIP-W101").len(), 1);
        plan.workspace.name = "a".repeat(30);
        assert!(of(&plan, "NPIP-W101").is_empty());
        // Over the API limit is an error, not also a warning.
        plan.workspace.name = "a".repeat(65);
        assert!(of(&plan, "NPIP-W101").is_empty());
    }

    #[test]
    fn e102_vnet_name() {
        let mut plan = example("nat-gateway");
        let set = |plan: &mut crate::plan::Plan, value: &str| {
            if let Network::VnetInjection(i) = &mut plan.network {
                if let Vnet::New { name, .. } = &mut i.vnet {
                    *name = value.into();
                }
            }
        };
        for bad in ["v", "-vnet", "vnet.", "vnet-", "v net", &"v".repeat(65)] {
            set(&mut plan, bad);
            assert_eq!(of(&plan, "NPIP-E102").len(), 1, "{bad}");
        }
        set(&mut plan, "vnet.");
        assert!(of(&plan, "NPIP-E102")[0].message.contains("ends with `.`"));
        for fine in ["v1", "vnet_", "a.b-c_d", &"v".repeat(64)] {
            set(&mut plan, fine);
            assert!(of(&plan, "NPIP-E102").is_empty(), "{fine}");
        }
    }

    #[test]
    fn e103_resource_names() {
        let mut plan = example("load-balancer");
        if let Egress::LoadBalancer { backend_pool_name, .. } = &mut plan.egress {
            *backend_pool_name = "pool/1".into();
        }
        let found = of(&plan, "NPIP-E103");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::LoadBalancerBackendPoolName);
        assert!(found[0].message.contains("`/`"));
        let mut plan = example("nat-gateway");
        if let Network::VnetInjection(i) = &mut plan.network {
            i.nsg_name = "n".repeat(81);
            i.host_subnet.name = "h".repeat(80);
        }
        let found = of(&plan, "NPIP-E103");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::NsgName);
        let mut plan = example("managed-custom-prefix");
        if let Network::Managed { nat_gateway_name, .. } = &mut plan.network {
            *nat_gateway_name = Some(String::new());
        }
        assert_eq!(of(&plan, "NPIP-E103")[0].field, Field::ManagedNatGatewayName);
        assert!(of(&example("managed-custom-prefix"), "NPIP-E103").is_empty());
        let mut plan = example("firewall");
        if let Egress::Firewall { route_table_name, .. } = &mut plan.egress {
            *route_table_name = "udr_".into();
        }
        assert!(of(&plan, "NPIP-E103").is_empty());
    }

    #[test]
    fn w102_subnet_name_portal() {
        let mut plan = example("nat-gateway");
        if let Network::VnetInjection(i) = &mut plan.network {
            i.container_subnet.name = "c".repeat(31);
        }
        let found = of(&plan, "NPIP-W102");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::ContainerSubnetName);
        if let Network::VnetInjection(i) = &mut plan.network {
            i.container_subnet.name = "c".repeat(30);
        }
        assert!(of(&plan, "NPIP-W102").is_empty());
    }

    #[test]
    fn e104_resource_group_name() {
        let mut plan = example("managed-default");
        for bad in ["rg.", "rg/1", "", &"r".repeat(91)] {
            plan.workspace.managed_resource_group = Some(bad.to_string());
            assert_eq!(of(&plan, "NPIP-E104").len(), 1, "{bad}");
        }
        for fine in ["rg-(adb).1", "rg_é", &"r".repeat(90)] {
            plan.workspace.managed_resource_group = Some(fine.to_string());
            assert!(of(&plan, "NPIP-E104").is_empty(), "{fine}");
        }
    }

    #[test]
    fn e105_subnet_names_distinct() {
        let mut plan = example("nat-gateway");
        if let Network::VnetInjection(i) = &mut plan.network {
            i.container_subnet.name = "ADB-HOST".into();
        }
        assert_eq!(of(&plan, "NPIP-E105").len(), 1);
        if let Network::VnetInjection(i) = &mut plan.network {
            i.container_subnet.name = "adb-host2".into();
        }
        assert!(of(&plan, "NPIP-E105").is_empty());
    }

    #[test]
    fn e106_vnet_resource_id() {
        assert_eq!(
            parse_vnet_resource_id(GOOD_ID),
            Ok(VnetResourceId {
                subscription_id: "0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab".into(),
                resource_group: "rg-net".into(),
                name: "spoke-1".into()
            })
        );
        let mut plan = example("existing-vnet");
        let cases = [
            ("", "is empty"),
            ("subscriptions/x", "does not start"),
            (
                "/subscriptions/123/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
                "GUID",
            ),
            (&GOOD_ID.replace("resourceGroups", "rgs"), "resourceGroups"),
            (
                &GOOD_ID.replace("virtualNetworks", "networkSecurityGroups"),
                "not a VNet",
            ),
            (&format!("{GOOD_ID}/subnets/host"), "not a subnet's"),
            (&GOOD_ID.replace("spoke-1", "spoke-"), "ends with `-`"),
        ];
        for (id, expected) in cases {
            set_resource_id(&mut plan, id);
            let found = of(&plan, "NPIP-E106");
            assert_eq!(found.len(), 1, "{id}");
            assert!(found[0].message.contains(expected), "{id}: {}", found[0].message);
        }
        set_resource_id(&mut plan, &GOOD_ID.to_lowercase());
        assert!(of(&plan, "NPIP-E106").is_empty());
    }

    #[test]
    fn e107_managed_rg_is_vnet_rg() {
        let mut plan = example("existing-vnet");
        plan.workspace.managed_resource_group = Some("RG-Spoke-Network".into());
        assert_eq!(of(&plan, "NPIP-E107").len(), 1);
        plan.workspace.managed_resource_group = Some("rg-spoke-network-adb".into());
        assert!(of(&plan, "NPIP-E107").is_empty());
    }

    #[test]
    fn w103_reserved_subnet_names() {
        let mut plan = example("nat-gateway");
        assert!(of(&plan, "NPIP-W103").is_empty());
        if let Network::VnetInjection(injection) = &mut plan.network {
            injection.host_subnet.name = "gatewaysubnet".into();
            injection.container_subnet.name = "AzureFirewallSubnet".into();
        }
        let found = of(&plan, "NPIP-W103");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].field, Field::HostSubnetName);
        assert!(found[0].message.contains("named GatewaySubnet"), "{}", found[0].message);
        assert_eq!(found[1].field, Field::ContainerSubnetName);
    }
}
