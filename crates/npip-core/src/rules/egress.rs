//! Egress: explicit outbound paths for new VNets, the firewall's address and FQDNs, the NAT gateway's idle timeout.

use super::{address::is_private, describe, named, odd_character_note, source, Category, DocText, Facts, Rule};
use crate::cidr::{format_ipv4, parse_ipv4, Cidr};
use crate::finding::{Field, Finding, Severity};
use crate::plan::Egress;

pub static SERVICE_TAGS_NEW_VNET: Rule = Rule {
    code: "NPIP-E301",
    severity: Severity::Error,
    category: Category::Egress,
    title: DocText::new("Service-tag routes alone give a new VNet no way out"),
    why: DocText::new(
        "Azure no longer gives subnets of new VNets default outbound access (they are private by default), so a \
          route with next hop Internet has no public source address to leave from: clusters in a new VNet with \
          only service-tag routes never reach the control plane.",
    ),
    remedy: "Use a NAT gateway, an egress load balancer or a firewall for a new VNet; service-tag routes alone suit \
             only an existing VNet that still has default outbound access.",
    source: source::DEFAULT_OUTBOUND,
    check: check_service_tags_new_vnet,
};

fn check_service_tags_new_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if matches!(facts.plan.egress, Egress::ServiceTagRoutes { .. }) && facts.new_vnet {
        out.push(rule.finding(
            Field::EgressType,
            "Service-tag routes are the only egress of a new VNet: new VNets have no default outbound access, so \
             these routes (next hop Internet) have no public address to send from and clusters will not start.",
        ));
    }
}

pub static SERVICE_TAGS_EXISTING_VNET: Rule = Rule {
    code: "NPIP-W301",
    severity: Severity::Warning,
    category: Category::Egress,
    title: DocText::new("Service-tag routes rely on the existing VNet's default outbound access"),
    why: DocText::new(
        "Routes with next hop Internet need a public source address; in an existing VNet that is Azure's default \
          outbound access, which Microsoft is retiring and which subnets with `defaultOutboundAccess: false` do \
          not have.",
    ),
    remedy: "Check that the existing VNet's new subnets will have default outbound access, or add a NAT gateway.",
    source: source::DEFAULT_OUTBOUND,
    check: check_service_tags_existing_vnet,
};

fn check_service_tags_existing_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if matches!(facts.plan.egress, Egress::ServiceTagRoutes { .. }) && facts.injection.is_some() && !facts.new_vnet {
        out.push(rule.finding(
            Field::EgressType,
            "Service-tag routes send traffic to the internet from the existing VNet's default outbound access; if \
             the new subnets do not get it, clusters cannot reach the control plane.",
        ));
    }
}

pub static FIREWALL_BYPASS_NEW_VNET: Rule = Rule {
    code: "NPIP-W302",
    severity: Severity::Warning,
    category: Category::Egress,
    title: DocText::new("Firewall bypass routes in a new VNet need a public source"),
    why: DocText::new(
        "The SCC relay bypass and the service-tag routes send traffic straight to the internet, around the \
          firewall; in a new VNet, which has no default outbound access, those routes work only if the subnets \
          have another public source such as a NAT gateway.",
    ),
    remedy: "Turn the bypass routes off so all traffic goes through the firewall, or give the subnets a NAT gateway \
             as well.",
    source: source::DEFAULT_OUTBOUND,
    check: check_firewall_bypass_new_vnet,
};

fn check_firewall_bypass_new_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Egress::Firewall {
        scc_relay_bypass,
        service_tag_routes,
        ..
    } = &facts.plan.egress
    else {
        return;
    };
    if !facts.new_vnet {
        return;
    }
    if *scc_relay_bypass {
        out.push(rule.finding(
            Field::SccRelayBypass,
            "The SCC relay bypass routes the relay to the internet around the firewall, but a new VNet has no \
             default outbound access to send it from.",
        ));
    }
    if *service_tag_routes {
        out.push(rule.finding(
            Field::ServiceTagRoutes,
            "The service-tag routes send Azure Databricks traffic to the internet around the firewall, but a new \
             VNet has no default outbound access to send it from.",
        ));
    }
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
    let problem = if text.is_empty() {
        "is empty".to_string()
    } else if text.contains(':') {
        format!("`{text}` is IPv6; the route's next hop must be an IPv4 address")
    } else if let Some((address, _)) = text.split_once('/').filter(|(a, _)| parse_ipv4(a).is_some()) {
        format!("`{text}` is a range; give the single address, such as {address}")
    } else {
        format!(
            "`{text}` is not an IPv4 address of four numbers from 0 to 255{}",
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
    title: DocText::new("The firewall's IP is a private (RFC 1918) address"),
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
    if !is_private(Cidr::containing(ip, 32)) {
        out.push(rule.finding(
            Field::FirewallPrivateIp,
            format!(
                "The firewall IP {} is not a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); is it \
                 the firewall's public IP?",
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
            return Some(format!("has the label `{label}`, which starts or ends with `-`"));
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
            out.push(rule.finding(
                Field::ExtraFqdn(i),
                format!("The extra FQDN `{fqdn}` repeats entry {} of the list.", first + 1),
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

    #[test]
    fn e301_and_w301_service_tags() {
        let mut plan = example("nat-gateway");
        service_tags(&mut plan);
        assert_eq!(of(&plan, "NPIP-E301").len(), 1);
        assert!(of(&plan, "NPIP-W301").is_empty());
        let plan = example("service-tag-routes"); // existing VNet
        assert!(of(&plan, "NPIP-E301").is_empty());
        assert_eq!(of(&plan, "NPIP-W301").len(), 1);
        assert!(of(&example("existing-vnet"), "NPIP-W301").is_empty());
    }

    #[test]
    fn w302_firewall_bypass_new_vnet() {
        let mut plan = example("firewall");
        assert!(of(&plan, "NPIP-W302").is_empty());
        if let Egress::Firewall {
            scc_relay_bypass,
            service_tag_routes,
            ..
        } = &mut plan.egress
        {
            *scc_relay_bypass = true;
            *service_tag_routes = true;
        }
        let fields: Vec<Field> = of(&plan, "NPIP-W302").iter().map(|f| f.field).collect();
        assert_eq!(fields, vec![Field::SccRelayBypass, Field::ServiceTagRoutes]);
        // In an existing VNet the routes use its outbound access; no warning.
        let existing = example("existing-vnet");
        plan.network = existing.network;
        plan.avoid = existing.avoid;
        assert!(of(&plan, "NPIP-W302").is_empty());
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
    fn w303_firewall_ip_public() {
        let mut plan = example("firewall");
        firewall_ip_to(&mut plan, "20.50.1.4");
        assert_eq!(of(&plan, "NPIP-W303").len(), 1);
        firewall_ip_to(&mut plan, "192.168.10.4");
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
        assert!(found[0].message.contains("repeats entry 1"));
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
                    "The extra FQDN `A.ORG` repeats entry 1 of the list.".to_string()
                ),
                (
                    Field::ExtraFqdn(4),
                    "The extra FQDN `b.org` repeats entry 2 of the list.".to_string()
                ),
                (
                    Field::ExtraFqdn(5),
                    "The extra FQDN `a.org` repeats entry 1 of the list.".to_string()
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
