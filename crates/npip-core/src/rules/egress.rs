//! Egress: explicit outbound paths for new VNets, the firewall's address and FQDNs, the NAT gateway's idle timeout.

use super::address::is_azure_private;
use super::facts::Facts;
use super::rule::{Category, DocText, Rule};
use super::source;
use super::wording::{describe, named, odd_character_note};
use crate::cidr::{format_ipv4, parse_ipv4, Cidr};
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Egress, Vnet};
use crate::quote::shown;
use crate::regions::{self, ServiceTag};
use crate::routes::route_set;

/// The plan's choices that put routes with next hop Internet in its route table, with a phrase for each, when the
/// nodes have no public IP of their own (secure cluster connectivity on); empty otherwise. The routes come from the
/// emitters' one route decision, so the rules speak of exactly the routes the template will hold.
fn internet_route_choices(facts: &Facts) -> Vec<(Field, &'static str)> {
    if !facts.plan.connectivity.secure_cluster_connectivity {
        return Vec::new();
    }
    let Some(routes) = regions::find(&facts.plan.workspace.region).and_then(|r| route_set(facts.plan, r, false)) else {
        return Vec::new();
    };
    let mut choices = Vec::new();
    match &facts.plan.egress {
        Egress::ServiceTagRoutes { .. } if routes.has_internet_routes() => choices.push((
            Field::EgressType,
            "Service-tag routes are the only egress, and they send the Azure Databricks traffic to next hop Internet",
        )),
        Egress::Firewall { service_tag_routes, .. } => {
            if routes.relay_bypass_wanted {
                choices.push((
                    Field::SccRelayBypass,
                    "The SCC relay bypass sends the relay around the firewall to next hop Internet",
                ));
            }
            if *service_tag_routes && routes.has_internet_routes() {
                choices.push((
                    Field::ServiceTagRoutes,
                    "The service-tag routes send Azure Databricks traffic around the firewall to next hop Internet",
                ));
            }
        }
        _ => {}
    }
    choices
}

pub static INTERNET_ROUTES_NEW_VNET: Rule = Rule {
    code: "NPIP-E301",
    severity: Severity::Error,
    category: Category::Egress,
    title: DocText::new("Routes with next hop Internet give a new VNet no way out"),
    why: DocText::new(
        "Azure no longer gives the subnets of new VNets default outbound access (from Microsoft.Network API \
          2025-07-01 they are private, and the template says so), and with secure cluster connectivity the nodes \
          have no public IP. A route with next hop Internet then has no public source address to leave from: what \
          it carries (the control plane, the SCC relay, storage) is dropped and clusters never start. This holds \
          for service-tag-route egress and for a firewall's SCC relay bypass and service-tag routes alike.",
    ),
    remedy: "For a new VNet, choose a NAT gateway or an egress load balancer, or a firewall that takes all traffic \
             (SCC relay bypass and service-tag routes off). Routes with next hop Internet suit only an existing \
             VNet whose subnets keep default outbound access.",
    source: source::DEFAULT_OUTBOUND,
    check: check_internet_routes_new_vnet,
};

fn check_internet_routes_new_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if !facts.new_vnet {
        return;
    }
    for (field, what) in internet_route_choices(facts) {
        out.push(rule.finding(
            field,
            format!(
                "{what}, but this new VNet has no public address to send that traffic from (its subnets have no \
                 default outbound access and the nodes no public IP): it is dropped and clusters will not start."
            ),
        ));
    }
}

pub static INTERNET_ROUTES_EXISTING_VNET: Rule = Rule {
    code: "NPIP-W301",
    severity: Severity::Warning,
    category: Category::Egress,
    title: DocText::new("Routes with next hop Internet rely on the existing VNet's default outbound access"),
    why: DocText::new(
        "A route with next hop Internet needs a public source address. In an existing VNet, with secure cluster \
          connectivity on, that is Azure's default outbound access, which the template keeps on the two subnets it \
          adds (`defaultOutboundAccess: true`); Microsoft no longer gives it to new VNets and recommends an explicit \
          outbound method instead.",
    ),
    remedy: "Check that the existing VNet still has default outbound access, or give the subnets a NAT gateway; with \
             a firewall, turning the SCC relay bypass and service-tag routes off sends everything through it instead.",
    source: source::DEFAULT_OUTBOUND,
    check: check_internet_routes_existing_vnet,
};

fn check_internet_routes_existing_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if facts.new_vnet {
        return;
    }
    for (field, what) in internet_route_choices(facts) {
        out.push(rule.finding(
            field,
            format!(
                "{what}, through the existing VNet's default outbound access (the template sets \
                 defaultOutboundAccess: true on the new subnets); without it, clusters cannot reach the control \
                 plane."
            ),
        ));
    }
}

pub static SERVICE_TAGS_PAST_FIREWALL: Rule = Rule {
    code: "NPIP-W307",
    severity: Severity::Warning,
    category: Category::Egress,
    title: DocText::new("Service-tag routes let data leave past the firewall"),
    why: DocText::new(
        "The Sql, Storage and EventHub service tags cover every customer's databases, storage accounts and event \
          hubs (in one region, for a regional tag such as Storage.WestEurope), not only those Azure Databricks uses. \
          Routes to them with next hop Internet take that traffic around the firewall, so data can leave to any of \
          those services without the firewall seeing it. Microsoft's UDR page narrows the three tags to the \
          workspace's region; the planner does too wherever it knows where the region's endpoints sit.",
    ),
    remedy: "Turn the service-tag routes off so that the firewall sees this traffic too (the firewall checklist then \
             lists the endpoints to allow), or keep them knowing what they let through.",
    source: source::SERVICE_TAGS,
    check: check_service_tags_past_firewall,
};

fn check_service_tags_past_firewall(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if !matches!(
        facts.plan.egress,
        Egress::Firewall {
            service_tag_routes: true,
            ..
        }
    ) {
        return;
    }
    let Some(routes) = regions::find(&facts.plan.workspace.region).and_then(|r| route_set(facts.plan, r, false)) else {
        return;
    };
    let tags: Vec<&str> = routes
        .routes
        .iter()
        .filter(|r| r.is_service_tag && r.address_prefix != ServiceTag::AzureDatabricks.as_str())
        .map(|r| r.address_prefix.as_str())
        .collect();
    if tags.is_empty() {
        return;
    }
    let scope = if tags.iter().all(|t| !t.contains('.')) {
        "anywhere in the cloud"
    } else {
        "in those regions"
    };
    out.push(rule.finding(
        Field::ServiceTagRoutes,
        format!(
            "The service-tag routes send {} straight to the internet, past the firewall. These tags cover every \
             customer's databases, storage accounts and event hubs {scope}, not only Azure Databricks': data can \
             leave to any of them without passing the firewall. With IP ranges instead of service tags (npip emit \
             --ips, or the review step's switch) these routes stay tags: Microsoft publishes the metastore, \
             storage and Event Hubs as host names only, with no IP ranges to route.",
            tags.join(", ")
        ),
    ));
}

/// The firewall's private IP, or `None` when the plan has no firewall or the address does not parse.
fn firewall_ip(facts: &Facts) -> Option<u32> {
    match &facts.plan.egress {
        Egress::Firewall {
            firewall_private_ip, ..
        } => parse_ipv4(firewall_private_ip),
        _ => None,
    }
}

pub static FIREWALL_IP: Rule = Rule {
    code: "NPIP-E302",
    severity: Severity::Error,
    category: Category::Egress,
    title: DocText::new("The firewall's private IP is an IPv4 address"),
    why: DocText::new(
        "The default route sends all traffic to the firewall's private IP (next hop VirtualAppliance), which must \
          be a single IPv4 address.",
    ),
    remedy: "Give the firewall's private IP address, such as 10.0.1.4 (for Azure Firewall: Overview > Private IP).",
    source: source::UDR,
    check: check_firewall_ip,
};

fn check_firewall_ip(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Egress::Firewall {
        firewall_private_ip, ..
    } = &facts.plan.egress
    else {
        return;
    };
    let text = firewall_private_ip.as_str();
    if parse_ipv4(text).is_some() {
        return;
    }
    let quoted = shown(text);
    let problem = if text.is_empty() {
        "is empty".to_string()
    } else if text.contains(':') {
        format!("`{quoted}` is IPv6; the route's next hop must be an IPv4 address")
    } else if let Some((address, _)) = text.split_once('/').filter(|(a, _)| parse_ipv4(a).is_some()) {
        format!("`{quoted}` is a range; give the single address, such as {address}")
    } else {
        format!(
            "`{quoted}` is not an IPv4 address of four numbers from 0 to 255{}",
            odd_character_note(text)
        )
    };
    out.push(rule.finding(Field::FirewallPrivateIp, format!("The firewall private IP {problem}.")));
}

pub static FIREWALL_IP_IN_SUBNET: Rule = Rule {
    code: "NPIP-E303",
    severity: Severity::Error,
    category: Category::Egress,
    title: DocText::new("The firewall is not inside the workspace subnets"),
    why: DocText::new(
        "The workspace subnets are dedicated to Azure Databricks and hold nothing else, and a default route \
          pointing into the subnets it serves would loop.",
    ),
    remedy: "Give the firewall's own address, in its own subnet (for Azure Firewall: AzureFirewallSubnet), usually \
             in a peered hub VNet.",
    source: source::VNET_INJECT,
    check: check_firewall_ip_in_subnet,
};

fn check_firewall_ip_in_subnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(ip) = firewall_ip(facts) else { return };
    for (_, name, subnet) in facts.subnets() {
        if subnet.contains_address(ip) {
            out.push(rule.finding(
                Field::FirewallPrivateIp,
                format!(
                    "The firewall private IP {} is inside the {} {subnet}, which holds only Databricks nodes.",
                    format_ipv4(ip),
                    name.to_ascii_lowercase()
                ),
            ));
        }
    }
}

pub static FIREWALL_IP_PUBLIC: Rule = Rule {
    code: "NPIP-W303",
    severity: Severity::Warning,
    category: Category::Egress,
    title: DocText::new("The firewall's IP is a private address"),
    why: DocText::new(
        "A user-defined route's VirtualAppliance next hop is the appliance's private address in a VNet; a public \
          address here is usually the firewall's public IP copied by mistake.",
    ),
    remedy: "Use the firewall's private IP (for Azure Firewall: Overview > Private IP), not its public IP.",
    source: source::UDR,
    check: check_firewall_ip_public,
};

fn check_firewall_ip_public(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(ip) = firewall_ip(facts) else { return };
    if !is_azure_private(Cidr::containing(ip, 32)) {
        out.push(rule.finding(
            Field::FirewallPrivateIp,
            format!(
                "The firewall IP {} is not a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, or the \
                 shared 100.64.0.0/10 that Azure treats as private); is it the firewall's public IP?",
                format_ipv4(ip)
            ),
        ));
    }
}

pub static FIREWALL_IP_IN_NEW_VNET: Rule = Rule {
    code: "NPIP-W305",
    severity: Severity::Warning,
    category: Category::Egress,
    title: DocText::new("The firewall is not inside the new VNet"),
    why: DocText::new(
        "The template creates the new VNet with only the two workspace subnets, so no appliance can be at an \
          address inside it when the workspace is deployed; the default route would point at nothing and clusters \
          could not reach the control plane.",
    ),
    remedy: "Give the address of a firewall that exists already, usually in a peered hub VNet, or deploy the \
             appliance's subnet and the appliance first.",
    source: source::UDR,
    check: check_firewall_ip_in_new_vnet,
};

fn check_firewall_ip_in_new_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(ip) = firewall_ip(facts) else { return };
    if !facts.new_vnet {
        return;
    }
    let in_subnet = facts.subnets().iter().any(|(_, _, subnet)| subnet.contains_address(ip));
    if let Some((_, vnet)) = facts.vnet_ranges.iter().find(|(_, range)| range.contains_address(ip)) {
        // Inside a workspace subnet is an error of its own.
        if !in_subnet {
            out.push(rule.finding(
                Field::FirewallPrivateIp,
                format!(
                    "The firewall private IP {} is inside the new VNet {vnet}, which will hold only the two workspace \
                     subnets: there is no firewall at that address.",
                    format_ipv4(ip)
                ),
            ));
        }
    }
}

pub static FIREWALL_OUTSIDE_NEW_VNET: Rule = Rule {
    code: "NPIP-W306",
    severity: Severity::Warning,
    category: Category::Egress,
    title: DocText::new("A new VNet must be peered with a firewall outside it before clusters start"),
    why: DocText::new(
        "The default route sends everything to the appliance's private IP; when that address lies outside the new \
          workspace VNet (usually in a hub), the VNet reaches it only through a peering, which the template does \
          not create. A new VNet has no peering yet, so until one is made the route sends all traffic nowhere and \
          clusters cannot start.",
    ),
    remedy: "Peer the new VNet with the firewall's VNet (both directions, with forwarded traffic allowed on the \
             hub side) right after the deployment and before the first cluster starts, or give it another route to \
             the appliance.",
    source: source::UDR,
    check: check_firewall_outside_new_vnet,
};

pub static FIREWALL_OUTSIDE_VNET: Rule = Rule {
    code: "NPIP-I011",
    severity: Severity::Info,
    category: Category::Egress,
    title: DocText::new("An existing VNet must reach a firewall outside it before clusters start"),
    why: DocText::new(
        "The default route sends everything to the appliance's private IP; when that address lies outside the \
          existing workspace VNet (usually a hub), the VNet reaches it only through a peering (or another route) \
          the template does not create. An existing spoke is usually peered already, which only Azure knows.",
    ),
    remedy: "Check that the workspace VNet is peered with the firewall's VNet (or has another route to the \
             appliance) before the first cluster starts.",
    source: source::UDR,
    check: check_firewall_outside_existing_vnet,
};

fn check_firewall_outside_new_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    firewall_outside_finding(rule, facts, out, true);
}

fn check_firewall_outside_existing_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    firewall_outside_finding(rule, facts, out, false);
}

/// The peering finding under `rule`, for the VNet kind the rule covers (new: a warning; existing: a note).
fn firewall_outside_finding(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>, new_vnet: bool) {
    if facts.new_vnet == new_vnet {
        if let Some(message) = firewall_outside_vnet(facts) {
            out.push(rule.finding(Field::FirewallPrivateIp, message));
        }
    }
}

/// The firewall's private IP when it lies outside every range of the plan's injected VNet (usually in a peered hub),
/// with the range to avoid that holds it, if any. The peering rules (NPIP-W306, NPIP-I011), the UDR checklist and
/// the network diagram all go by this one answer.
pub(crate) fn firewall_outside(facts: &Facts) -> Option<(u32, Option<(Field, Cidr)>)> {
    let ip = firewall_ip(facts)?;
    facts.injection?;
    if facts.vnet_ranges.is_empty() || facts.vnet_ranges.iter().any(|(_, range)| range.contains_address(ip)) {
        return None;
    }
    let holder = facts
        .avoid
        .iter()
        .find(|(_, range)| range.contains_address(ip))
        .copied();
    Some((ip, holder))
}

/// When the firewall's private IP lies outside every range of the plan's VNet: what must be in place before clusters
/// start, in one sentence that the note and the UDR checklist share.
pub(crate) fn firewall_outside_vnet(facts: &Facts) -> Option<String> {
    let (ip, holder) = firewall_outside(facts)?;
    let injection = facts.injection?;
    let ranges: Vec<String> = facts.vnet_ranges.iter().map(|(_, range)| range.to_string()).collect();
    let whose = holder
        .map(|(field, range)| format!(", in the range to avoid {range}{}", facts.avoid_label(field)))
        .unwrap_or_default();
    let ip = format_ipv4(ip);
    let ranges = ranges.join(", ");
    Some(match &injection.vnet {
        Vnet::New { .. } => format!(
            "The firewall {ip} is outside the new VNet ({ranges}){whose}, and the template creates no peering: peer \
             the new VNet with the firewall's VNet (or give it another route to {ip}) before the first cluster \
             starts, or the default route sends all traffic nowhere."
        ),
        Vnet::Existing { .. } => format!(
            "The firewall {ip} is outside the existing VNet ({ranges}){whose}: check that the VNet is peered with \
             the firewall's VNet (or has another route to {ip}) before the first cluster starts, or the default \
             route sends all traffic nowhere."
        ),
    })
}

/// What is wrong with `fqdn` as a host name a firewall can allow (a leading `*.` wildcard is fine), if anything.
pub(crate) fn fqdn_problem(fqdn: &str) -> Option<String> {
    let name = fqdn.strip_prefix("*.").unwrap_or(fqdn);
    if crate::plan::trim_value(fqdn).is_empty() {
        return Some("is empty".to_string());
    }
    if fqdn.len() > 253 {
        return Some(format!("is {} characters; a host name has at most 253", fqdn.len()));
    }
    if fqdn.contains("://") || fqdn.contains('/') {
        return Some("is a URL; give only the host name, such as pypi.org".to_string());
    }
    if name.contains('*') {
        return Some("has a `*` that is not a leading `*.`; only whole-label wildcards at the start work".to_string());
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return Some("is a single label; give a full domain name such as pypi.org".to_string());
    }
    for label in &labels {
        if label.is_empty() {
            return Some("has an empty label (two dots in a row, or a dot at the start or end)".to_string());
        }
        if label.len() > 63 {
            return Some(format!(
                "has a label of {} characters; labels have at most 63",
                label.len()
            ));
        }
        if let Some(bad) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
            return Some(format!(
                "contains {}; host names use letters, digits, `-` and dots",
                describe(bad)
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(format!(
                "has the label `{}`, which starts or ends with `-`",
                shown(label)
            ));
        }
    }
    if labels.last().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
        return Some("is an IP address; give a host name (allow IP addresses with a network rule)".to_string());
    }
    None
}

pub static FQDN_SYNTAX: Rule = Rule {
    code: "NPIP-E304",
    severity: Severity::Error,
    category: Category::Egress,
    title: DocText::new("Extra FQDNs are host names"),
    why: DocText::new(
        "The firewall's application rules allow host names such as pypi.org or *.blob.core.windows.net; a URL, an \
          IP address or a malformed name is refused or never matches.",
    ),
    remedy: "Give each extra FQDN as a bare host name, optionally starting with `*.`.",
    source: source::RFC1123,
    check: check_fqdn_syntax,
};

fn check_fqdn_syntax(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Egress::Firewall { extra_fqdns, .. } = &facts.plan.egress else {
        return;
    };
    for (i, fqdn) in extra_fqdns.iter().enumerate() {
        if let Some(problem) = fqdn_problem(fqdn) {
            out.push(rule.finding(
                Field::ExtraFqdn(i),
                format!("{} {problem}.", named("The extra FQDN", fqdn)),
            ));
        }
    }
}

pub static FQDN_DUPLICATE: Rule = Rule {
    code: "NPIP-W304",
    severity: Severity::Warning,
    category: Category::Egress,
    title: DocText::new("Extra FQDNs are listed once"),
    why: DocText::new(
        "A host name listed twice adds nothing but a duplicate firewall rule entry; it is usually a copy-paste slip \
          hiding a name that was meant instead.",
    ),
    remedy: "Remove the repeated FQDN.",
    source: source::RFC1123,
    check: check_fqdn_duplicate,
};

fn check_fqdn_duplicate(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Egress::Firewall { extra_fqdns, .. } = &facts.plan.egress else {
        return;
    };
    // The entries by name (case and surrounding spaces aside), each name's entries in list order thanks to the
    // stable sort: every entry after a name's first repeats that first one. (A sort rather than a hash map: the
    // bundle has one compiled sort already, and no hash map of its own otherwise.)
    let mut keyed: Vec<(String, usize)> = extra_fqdns
        .iter()
        .enumerate()
        .map(|(i, fqdn)| (fqdn.to_ascii_lowercase(), i))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    crate::order::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
    let mut repeats: Vec<Option<usize>> = vec![None; extra_fqdns.len()];
    let mut group: Option<(&str, usize)> = None;
    for (key, i) in &keyed {
        match group {
            Some((name, first)) if name == key.as_str() => {
                if let Some(slot) = repeats.get_mut(*i) {
                    *slot = Some(first);
                }
            }
            _ => group = Some((key.as_str(), *i)),
        }
    }
    for (fqdn, (i, first)) in extra_fqdns.iter().zip(repeats.into_iter().enumerate()) {
        if let Some(first) = first {
            let (this, that) = (Field::ExtraFqdn(i).item_label(), Field::ExtraFqdn(first).item_label());
            out.push(rule.finding(
                Field::ExtraFqdn(i),
                format!(
                    "{} `{}` repeats {}.",
                    this.unwrap_or_default(),
                    shown(fqdn),
                    that.unwrap_or_default()
                ),
            ));
        }
    }
}

/// The NAT gateway's idle timeout range, in minutes.
const NAT_IDLE_TIMEOUT_MINUTES: std::ops::RangeInclusive<u32> = 4..=120;

pub static NAT_IDLE_TIMEOUT: Rule = Rule {
    code: "NPIP-E305",
    severity: Severity::Error,
    category: Category::Egress,
    title: DocText::new("NAT gateway idle timeout is 4 to 120 minutes"),
    why: DocText::new("Azure accepts a NAT gateway TCP idle timeout from 4 to 120 minutes."),
    remedy: "Set the idle timeout between 4 (the default) and 120 minutes.",
    source: source::NAT_RESOURCE,
    check: check_nat_idle_timeout,
};

fn check_nat_idle_timeout(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if let Egress::NatGateway {
        idle_timeout_minutes, ..
    } = &facts.plan.egress
    {
        if !NAT_IDLE_TIMEOUT_MINUTES.contains(idle_timeout_minutes) {
            out.push(rule.finding(
                Field::NatGatewayIdleTimeout,
                format!("The NAT gateway idle timeout is {idle_timeout_minutes} minutes; Azure accepts 4 to 120."),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Network;
    use crate::rules::test_plans::*;

    fn service_tags(plan: &mut crate::plan::Plan) {
        plan.egress = Egress::ServiceTagRoutes {
            route_table_name: "udr".into(),
        };
    }

    fn firewall_ip_to(plan: &mut crate::plan::Plan, ip: &str) {
        if let Egress::Firewall {
            firewall_private_ip, ..
        } = &mut plan.egress
        {
            *firewall_private_ip = ip.into();
        }
    }

    fn firewall_routes(plan: &mut crate::plan::Plan, bypass: bool, tags: bool) {
        if let Egress::Firewall {
            scc_relay_bypass,
            service_tag_routes,
            ..
        } = &mut plan.egress
        {
            *scc_relay_bypass = bypass;
            *service_tag_routes = tags;
        }
    }

    fn fields(plan: &crate::plan::Plan, code: &str) -> Vec<Field> {
        of(plan, code).iter().map(|f| f.field).collect()
    }

    #[test]
    fn e301_and_w301_service_tags() {
        let mut plan = example("nat-gateway");
        service_tags(&mut plan);
        assert_eq!(fields(&plan, "NPIP-E301"), [Field::EgressType]);
        assert!(of(&plan, "NPIP-W301").is_empty());
        let plan = example("service-tag-routes"); // existing VNet
        assert!(of(&plan, "NPIP-E301").is_empty());
        assert_eq!(fields(&plan, "NPIP-W301"), [Field::EgressType]);
        assert!(of(&example("existing-vnet"), "NPIP-W301").is_empty());
    }

    #[test]
    fn e301_firewall_routes_around_it_in_a_new_vnet() {
        // The same mechanism as service-tag-route egress, so the same error: a new VNet has no public source.
        let mut plan = example("firewall");
        assert!(of(&plan, "NPIP-E301").is_empty());
        firewall_routes(&mut plan, true, true);
        assert_eq!(
            fields(&plan, "NPIP-E301"),
            [Field::ServiceTagRoutes],
            "the service-tag routes cover the relay, so the bypass adds no route"
        );
        firewall_routes(&mut plan, true, false);
        assert_eq!(fields(&plan, "NPIP-E301"), [Field::SccRelayBypass]);
        assert!(of(&plan, "NPIP-E301")[0]
            .message
            .contains("no public address to send that traffic from"));
        // The bypass is judged by the route it asks for, even where the catalog lacks the relay's IPs.
        plan.workspace.region = "qatarcentral".into();
        assert_eq!(fields(&plan, "NPIP-E301"), [Field::SccRelayBypass]);
        // Reached privately, the relay needs no route; nor is there a relay without secure cluster connectivity,
        // and then the nodes' own public IPs are the source of any route with next hop Internet.
        let mut plan = example("firewall");
        firewall_routes(&mut plan, true, false);
        plan.connectivity.required_nsg_rules = crate::plan::RequiredNsgRules::NoAzureDatabricksRules;
        assert!(of(&plan, "NPIP-E301").is_empty());
        let mut plan = example("firewall");
        firewall_routes(&mut plan, true, true);
        plan.connectivity.secure_cluster_connectivity = false;
        assert!(of(&plan, "NPIP-E301").is_empty());
        let mut plan = example("nat-gateway");
        service_tags(&mut plan);
        plan.connectivity.secure_cluster_connectivity = false;
        assert!(of(&plan, "NPIP-E301").is_empty());
    }

    #[test]
    fn w301_firewall_routes_around_it_in_an_existing_vnet() {
        let mut plan = example("firewall");
        let existing = example("existing-vnet");
        plan.network = existing.network;
        plan.avoid = existing.avoid;
        plan.workspace.region = existing.workspace.region;
        assert!(of(&plan, "NPIP-W301").is_empty());
        firewall_routes(&mut plan, true, false);
        assert_eq!(fields(&plan, "NPIP-W301"), [Field::SccRelayBypass]);
        assert!(of(&plan, "NPIP-W301")[0]
            .message
            .contains("defaultOutboundAccess: true"));
        firewall_routes(&mut plan, false, true);
        assert_eq!(fields(&plan, "NPIP-W301"), [Field::ServiceTagRoutes]);
        assert!(of(&plan, "NPIP-E301").is_empty());
    }

    #[test]
    fn w307_service_tags_let_data_past_the_firewall() {
        let mut plan = example("firewall");
        plan.network = example("existing-vnet").network;
        assert!(of(&plan, "NPIP-W307").is_empty());
        firewall_routes(&mut plan, false, true);
        let found = of(&plan, "NPIP-W307");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::ServiceTagRoutes);
        assert!(
            found[0].message.starts_with(
                "The service-tag routes send Sql.WestEurope, Storage.WestEurope, Storage.NorthEurope, \
                 EventHub.WestEurope straight to the internet"
            ),
            "{}",
            found[0].message
        );
        // Where the tags stay global, so does the reach.
        plan.workspace.region = "chinaeast2".into();
        assert!(of(&plan, "NPIP-W307")[0].message.contains("Storage, EventHub straight"));
        assert!(of(&plan, "NPIP-W307")[0].message.contains("anywhere in the cloud"));
        // Service-tag routes without a firewall pass no firewall.
        assert!(of(&example("service-tag-routes"), "NPIP-W307").is_empty());
    }

    #[test]
    fn e302_firewall_ip() {
        let mut plan = example("firewall");
        for (bad, says) in [
            ("", "is empty"),
            ("fd00::4", "IPv6"),
            ("10.0.1.4/32", "such as 10.0.1.4"),
            ("10.0.1", "not an IPv4"),
        ] {
            firewall_ip_to(&mut plan, bad);
            let found = of(&plan, "NPIP-E302");
            assert_eq!(found.len(), 1, "{bad}");
            assert!(found[0].message.contains(says), "{}", found[0].message);
        }
        firewall_ip_to(&mut plan, " 10.0.1.4 ");
        assert!(of(&plan, "NPIP-E302").is_empty());
    }

    #[test]
    fn e303_firewall_ip_in_subnet() {
        let mut plan = example("firewall");
        firewall_ip_to(&mut plan, "10.30.2.10");
        let found = of(&plan, "NPIP-E303");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("container subnet 10.30.2.0/23"));
        firewall_ip_to(&mut plan, "10.30.4.10");
        assert!(of(&plan, "NPIP-E303").is_empty());
    }

    #[test]
    fn w305_firewall_ip_in_new_vnet() {
        let mut plan = example("firewall"); // new VNet 10.30.0.0/21, subnets 10.30.0.0/23 and 10.30.2.0/23
        firewall_ip_to(&mut plan, "10.30.6.4");
        assert_eq!(of(&plan, "NPIP-W305").len(), 1);
        // Inside a subnet is NPIP-E303's, outside the VNet (a hub) is the normal case.
        firewall_ip_to(&mut plan, "10.30.2.4");
        assert!(of(&plan, "NPIP-W305").is_empty());
        firewall_ip_to(&mut plan, "10.30.8.4");
        assert!(of(&plan, "NPIP-W305").is_empty());
        // An existing VNet may hold the appliance in another subnet.
        let mut plan = example("firewall");
        let existing = example("existing-vnet");
        plan.network = existing.network;
        firewall_ip_to(&mut plan, "10.50.200.4");
        assert!(of(&plan, "NPIP-W305").is_empty());
    }

    #[test]
    fn w306_i011_firewall_outside_the_vnet() {
        // The example's firewall sits in the hub it avoids: the new VNet must be peered with it first, a warning
        // because a new VNet has no peering yet.
        assert!(of(&example("firewall"), "NPIP-I011").is_empty());
        let found = of(&example("firewall"), "NPIP-W306");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::FirewallPrivateIp);
        assert!(
            found[0]
                .message
                .contains("in the range to avoid 10.0.0.0/16 (hub VNet with the firewall)")
                && found[0].message.contains("creates no peering"),
            "{}",
            found[0].message
        );
        // Inside the new VNet is NPIP-W305's, inside a subnet NPIP-E303's: never this warning as well.
        let mut plan = example("firewall");
        for inside in ["10.30.6.4", "10.30.2.4"] {
            firewall_ip_to(&mut plan, inside);
            assert!(of(&plan, "NPIP-W306").is_empty(), "{inside}");
        }
        // An existing VNet: outside its prefixes it must be peered too, which it may well be already (a note); in
        // another of its subnets all is well.
        let mut plan = example("firewall");
        plan.network = example("existing-vnet").network;
        assert!(of(&plan, "NPIP-W306").is_empty());
        assert!(of(&plan, "NPIP-I011")[0]
            .message
            .contains("check that the VNet is peered"));
        firewall_ip_to(&mut plan, "10.50.200.4");
        assert!(of(&plan, "NPIP-I011").is_empty());
        assert!(of(&example("nat-gateway"), "NPIP-I011").is_empty());
    }

    #[test]
    fn w303_firewall_ip_public() {
        let mut plan = example("firewall");
        firewall_ip_to(&mut plan, "20.50.1.4");
        assert_eq!(of(&plan, "NPIP-W303").len(), 1);
        firewall_ip_to(&mut plan, "192.168.10.4");
        assert!(of(&plan, "NPIP-W303").is_empty());
        // Azure treats the RFC 6598 shared address space as private: an appliance there is no public IP.
        firewall_ip_to(&mut plan, "100.64.1.4");
        assert!(of(&plan, "NPIP-W303").is_empty());
    }

    #[test]
    fn e304_fqdn_syntax() {
        for bad in [
            "",
            "https://pypi.org/simple",
            "pypi",
            "py pi.org",
            "a..b",
            "-a.org",
            "10.0.0.1",
            "files.*.org",
            "pypi.org.",
        ] {
            assert!(fqdn_problem(bad).is_some(), "{bad}");
        }
        for fine in [
            "pypi.org",
            "*.blob.core.windows.net",
            "repo1.maven.org",
            "x-1.example.co.uk",
        ] {
            assert_eq!(fqdn_problem(fine), None, "{fine}");
        }
        let mut plan = example("firewall");
        if let Egress::Firewall { extra_fqdns, .. } = &mut plan.egress {
            extra_fqdns.push("https://pypi.org".into());
        }
        let found = of(&plan, "NPIP-E304");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::ExtraFqdn(3));
        assert!(of(&example("firewall"), "NPIP-E304").is_empty());
    }

    #[test]
    fn w304_fqdn_duplicate() {
        let mut plan = example("firewall");
        if let Egress::Firewall { extra_fqdns, .. } = &mut plan.egress {
            extra_fqdns.push("PyPI.org".into());
        }
        let found = of(&plan, "NPIP-W304");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::ExtraFqdn(3));
        assert_eq!(found[0].message, "Extra FQDN 4 `PyPI.org` repeats Extra FQDN 1.");
        assert!(of(&example("firewall"), "NPIP-W304").is_empty());
        // Each repeat names the first entry of its name, in list order; blank entries repeat nothing.
        if let Egress::Firewall { extra_fqdns, .. } = &mut plan.egress {
            *extra_fqdns = [
                "a.org", "B.org", " A.ORG ", "c.org", "b.org", "a.org", "", " ", "c.org.",
            ]
            .map(String::from)
            .to_vec();
        }
        let found: Vec<(Field, String)> = of(&plan, "NPIP-W304")
            .into_iter()
            .map(|f| (f.field, f.message.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Field::ExtraFqdn(2),
                    "Extra FQDN 3 `A.ORG` repeats Extra FQDN 1.".to_string()
                ),
                (
                    Field::ExtraFqdn(4),
                    "Extra FQDN 5 `b.org` repeats Extra FQDN 2.".to_string()
                ),
                (
                    Field::ExtraFqdn(5),
                    "Extra FQDN 6 `a.org` repeats Extra FQDN 1.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn e305_nat_idle_timeout() {
        let mut plan = example("nat-gateway");
        for (minutes, fires) in [(3, true), (4, false), (120, false), (121, true), (0, true)] {
            if let Egress::NatGateway {
                idle_timeout_minutes, ..
            } = &mut plan.egress
            {
                *idle_timeout_minutes = minutes;
            }
            assert_eq!(of(&plan, "NPIP-E305").len(), usize::from(fires), "{minutes}");
        }
    }

    #[test]
    fn managed_network_has_no_egress_findings() {
        let plan = example("managed-default");
        assert!(matches!(plan.network, Network::Managed { .. }));
        assert!(!codes(&plan)
            .iter()
            .any(|c| c.starts_with("NPIP-E3") || c.starts_with("NPIP-W3")));
    }
}
