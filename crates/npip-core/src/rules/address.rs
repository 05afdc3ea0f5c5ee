//! Address space: CIDR syntax, VNet and subnet sizes, containment, overlaps, reserved ranges and the managed VNet's
//! /16. What the subnets hold against the peak is `capacity.rs`.

use super::facts::Facts;
use super::rule::{Category, DocText, Rule};
use super::source;
use super::wording::{cidr_field_name, odd_character_note};
use crate::cidr::{is_ipv6_block, parse_ipv4, Cidr, CidrError};
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Network, Vnet};
use crate::quote::shown;
use crate::sizing::{self, MAX_VNET_PREFIX, MIN_SUBNET_PREFIX, MIN_VNET_PREFIX};

/// Ranges Azure does not allow in a VNet, with what each is.
pub(crate) const RESERVED: [(Cidr, &str); 5] = [
    (block([224, 0, 0, 0], 4), "multicast"),
    (block([255, 255, 255, 255], 32), "broadcast"),
    (block([127, 0, 0, 0], 8), "loopback"),
    (block([169, 254, 0, 0], 16), "link-local"),
    (
        block([168, 63, 129, 16], 32),
        "Azure's virtual public IP for DNS and health probes",
    ),
];

/// The private ranges of RFC 1918.
pub(crate) const PRIVATE: [Cidr; 3] = [
    block([10, 0, 0, 0], 8),
    block([172, 16, 0, 0], 12),
    block([192, 168, 0, 0], 16),
];

/// The shared address space of RFC 6598, meant for carrier-grade NAT. Azure treats it as private address space (VNet
/// FAQ): a VNet may use it, and its subnets get a system route for it like the RFC 1918 ranges.
pub(crate) const SHARED: Cidr = block([100, 64, 0, 0], 10);

/// The managed VNet's /16 when the plan does not set one.
pub(crate) const MANAGED_DEFAULT_PREFIX: &str = "10.139";

/// A block written as numbers, so that the tables above need no parsing at run time.
const fn block(octets: [u8; 4], prefix: u8) -> Cidr {
    Cidr::containing(u32::from_be_bytes(octets), prefix)
}

/// Whether the block lies wholly inside one RFC 1918 range.
pub(crate) fn is_private(block: Cidr) -> bool {
    PRIVATE.iter().any(|p| p.contains(block))
}

/// Whether Azure treats the block as private address space: RFC 1918 or the RFC 6598 shared address space.
pub(crate) fn is_azure_private(block: Cidr) -> bool {
    is_private(block) || SHARED.contains(block)
}

/// The reserved range the block overlaps, if any, with its description.
fn reserved_overlap(block: Cidr) -> Option<(Cidr, &'static str)> {
    RESERVED.iter().copied().find(|(reserved, _)| reserved.overlaps(block))
}

/// The managed VNet's /16 from its two octets, or why they do not name one.
pub(crate) fn managed_block(prefix: &str) -> Result<Cidr, String> {
    let trimmed = crate::plan::trim_value(prefix);
    if trimmed.is_empty() {
        return Err("is empty; leave it out to use Azure's default 10.139".to_string());
    }
    let quoted = shown(trimmed);
    if trimmed.contains(':') {
        return Err(format!("`{quoted}` is IPv6; the managed VNet takes only IPv4"));
    }
    if trimmed.contains('/') || trimmed.split('.').count() > 2 {
        return Err(format!(
            "`{quoted}` is not two octets; write only the first two numbers of the /16, such as 10.139 for \
             10.139.0.0/16"
        ));
    }
    parse_ipv4(&format!("{trimmed}.0.0"))
        .and_then(|address| Cidr::new(address, 16))
        .ok_or_else(|| {
            format!(
                "`{quoted}` is not two numbers from 0 to 255 joined by a dot, such as 10.139 (no leading zeros){}",
                odd_character_note(trimmed)
            )
        })
}

/// The managed VNet's /16 and whether it is Azure's default, for plans with a managed VNet whose prefix is valid.
fn managed_range(facts: &Facts) -> Option<(Cidr, bool)> {
    match &facts.plan.network {
        Network::Managed { address_prefix, .. } => {
            let given = address_prefix.as_deref();
            managed_block(given.unwrap_or(MANAGED_DEFAULT_PREFIX))
                .ok()
                .map(|block| (block, given.is_none()))
        }
        Network::VnetInjection(_) => None,
    }
}

pub static CIDR_SYNTAX: Rule = Rule {
    code: "NPIP-E001",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("Every address range is an IPv4 block in CIDR notation"),
    why: DocText::new(
        "Azure reads address spaces, subnets and the ranges to avoid as IPv4 CIDR blocks such as 10.1.0.0/16; \
          anything else is refused when the template is deployed, and the planner cannot check a range it cannot read.",
    ),
    remedy: "Write the range as four numbers from 0 to 255, a slash and a prefix length from 0 to 32, such as \
             10.1.0.0/16.",
    source: source::VNET_FAQ,
    check: check_cidr_syntax,
};

fn check_cidr_syntax(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    for c in &facts.cidrs {
        let text = c.text;
        let odd = odd_character_note(text);
        let quoted = shown(text);
        let problem = match &c.parsed {
            Err(CidrError::Empty) => "is empty".to_string(),
            Err(CidrError::MissingPrefix) => match parse_ipv4(text) {
                Some(_) => format!("`{quoted}` has no prefix length; add one, such as `{quoted}/24`"),
                None => format!("`{quoted}` is not an IPv4 block such as 10.1.0.0/16{odd}"),
            },
            Err(CidrError::BadAddress) => format!(
                "`{quoted}` does not start with an IPv4 address of four numbers from 0 to 255 (without leading \
                 zeros){odd}"
            ),
            Err(CidrError::BadPrefix) => {
                format!("`{quoted}` has a prefix length that is not a number from 0 to 32{odd}")
            }
            // An existing VNet may list IPv6 prefixes beside its IPv4 ones: only a malformed one is an error here.
            Err(CidrError::Ipv6) if matches!(c.field, Field::VnetAddressPrefix(_)) && !is_ipv6_block(text) => {
                format!(
                    "`{quoted}` is neither an IPv4 block such as 10.1.0.0/16 nor an IPv6 block such as fd00:db8::/48"
                )
            }
            _ => continue,
        };
        let name = cidr_field_name(facts.plan, c.field);
        out.push(rule.finding(c.field, format!("{name} {problem}.")));
    }
}

pub static HOST_BITS: Rule = Rule {
    code: "NPIP-E002",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("Address ranges start on their block boundary"),
    why: DocText::new(
        "A block such as 10.1.2.0/16 has bits set after its prefix: Azure refuses it, and it usually means a typo \
          in the address or the prefix length.",
    ),
    remedy: "Use the block's first address (the planner names it), or change the prefix length if the address was \
             right.",
    source: source::VNET_FAQ,
    check: check_host_bits,
};

fn check_host_bits(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    for c in &facts.cidrs {
        if let Err(CidrError::HostBitsSet { canonical }) = &c.parsed {
            out.push(rule.finding(
                c.field,
                format!(
                    "{} `{}` has bits set after the /{} prefix; the block that contains it is {canonical}.",
                    cidr_field_name(facts.plan, c.field),
                    shown(c.text),
                    canonical.prefix()
                ),
            ));
        }
    }
}

pub static IPV6: Rule = Rule {
    code: "NPIP-E003",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("Address ranges are IPv4"),
    why: DocText::new(
        "Azure Databricks clusters use IPv4 only: the workspace subnets, a new VNet and the managed VNet take IPv4 \
          ranges, and the planner compares every range to avoid against them. (An existing dual-stack VNet may list \
          IPv6 prefixes beside its IPv4 ones: see NPIP-I012.)",
    ),
    remedy: "Give the IPv4 range instead. For a dual-stack network, list its IPv4 ranges.",
    source: source::VNET_INJECT,
    check: check_ipv6,
};

fn check_ipv6(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    for c in &facts.cidrs {
        // A dual-stack VNet's IPv6 prefixes are fine (NPIP-I012); the workspace subnets are not.
        if matches!(c.field, Field::VnetAddressPrefix(_)) {
            continue;
        }
        if c.parsed == Err(CidrError::Ipv6) {
            out.push(rule.finding(
                c.field,
                format!(
                    "{} `{}` is an IPv6 range; only IPv4 ranges work here.",
                    cidr_field_name(facts.plan, c.field),
                    shown(c.text)
                ),
            ));
        }
    }
    if let Network::Managed {
        address_prefix: Some(prefix),
        ..
    } = &facts.plan.network
    {
        if prefix.contains(':') {
            out.push(rule.finding(
                Field::ManagedAddressPrefix,
                format!(
                    "The managed VNet prefix `{}` is IPv6; the managed VNet takes only IPv4.",
                    shown(prefix)
                ),
            ));
        }
    }
}

pub static VNET_SIZE: Rule = Rule {
    code: "NPIP-E004",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("The VNet is between /16 and /24"),
    why: DocText::new(
        "Azure Databricks accepts VNets from /16 (65,536 addresses) to /24 (256 addresses) for VNet injection.",
    ),
    remedy: "Choose a VNet range from /16 to /24; \"Suggest subnets\" in the address step (or `npip size --nodes N`) \
             gives the size your peak nodes need.",
    source: source::VNET_INJECT,
    check: check_vnet_size,
};

fn check_vnet_size(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    for (field, range) in &facts.vnet_ranges {
        let prefix = range.prefix();
        let problem = if prefix < MIN_VNET_PREFIX {
            "larger than the /16 maximum"
        } else if prefix > MAX_VNET_PREFIX {
            "smaller than the /24 minimum"
        } else {
            continue;
        };
        let what = match field {
            Field::VnetAddressPrefix(_) => "The VNet address prefix",
            _ => "The VNet address space",
        };
        out.push(rule.finding(
            *field,
            format!("{what} {range} is /{prefix}, {problem}; Azure Databricks needs a VNet from /16 to /24."),
        ));
    }
}

pub static RESERVED_RANGE: Rule = Rule {
    code: "NPIP-E005",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("The VNet avoids the ranges Azure reserves"),
    why: DocText::new(
        "Azure does not allow 224.0.0.0/4 (multicast), 255.255.255.255/32 (broadcast), 127.0.0.0/8 (loopback), \
          169.254.0.0/16 (link-local) or 168.63.129.16/32 (Azure's DNS and health-probe address) in any VNet, \
          including the managed VNet.",
    ),
    remedy: "Move the VNet to a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) that does not touch \
             these ranges.",
    source: source::VNET_FAQ,
    check: check_reserved,
};

fn check_reserved(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let mut ranges: Vec<(Field, &str, Cidr)> = facts
        .vnet_ranges
        .iter()
        .map(|(field, range)| (*field, "The VNet range", *range))
        .collect();
    if let Some((block, _)) = managed_range(facts) {
        ranges.push((Field::ManagedAddressPrefix, "The managed VNet range", block));
    }
    for (field, what, range) in ranges {
        if let Some((reserved, description)) = reserved_overlap(range) {
            out.push(rule.finding(
                field,
                format!("{what} {range} overlaps {reserved} ({description}), which Azure does not allow in a VNet."),
            ));
        }
    }
}

/// The VNet range rules (size, reserved ranges, private addresses) on one range given by itself, as `npip size
/// --vnet` takes it: the rules' own checks, so the command accepts exactly the VNets validation accepts. Findings
/// are about [`Field::VnetAddressSpace`].
pub fn check_vnet_range(range: Cidr) -> Vec<Finding> {
    let plan = crate::edit::fresh_plan();
    let facts = Facts {
        plan: &plan,
        injection: None,
        new_vnet: true,
        vnet_ranges: vec![(Field::VnetAddressSpace, range)],
        host: None,
        container: None,
        avoid: Vec::new(),
        cidrs: Vec::new(),
    };
    let mut out = Vec::new();
    for rule in [&VNET_SIZE, &RESERVED_RANGE, &PUBLIC_RANGE] {
        (rule.check)(rule, &facts, &mut out);
    }
    out
}

pub static PUBLIC_RANGE: Rule = Rule {
    code: "NPIP-W001",
    severity: Severity::Warning,
    category: Category::AddressSpace,
    title: DocText::new("The VNet uses private (RFC 1918) addresses"),
    why: DocText::new(
        "Azure lets a VNet use public addresses, but the workspace then cannot reach the real owners of those \
          addresses on the internet, and many firewalls and peered networks treat them as external. The shared \
          address space 100.64.0.0/10 (RFC 6598) is different: Azure treats it as private address space and the \
          workspace reaches the internet from it as from any private range, but carrier-grade NAT and some VPN \
          overlays use the same addresses, so a network connected to the VNet may already hold them.",
    ),
    remedy: "Prefer a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, unless your network team has \
             assigned this range on purpose; in 100.64.0.0/10, check that no connected network uses it.",
    source: source::VNET_FAQ,
    check: check_public_range,
};

fn check_public_range(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let mut ranges: Vec<(Field, &str, Cidr)> = facts
        .vnet_ranges
        .iter()
        .map(|(field, range)| (*field, "The VNet range", *range))
        .collect();
    if let Some((block, _)) = managed_range(facts) {
        ranges.push((Field::ManagedAddressPrefix, "The managed VNet range", block));
    }
    for (field, what, range) in ranges {
        // Reserved ranges are already an error; a warning on top would only repeat it.
        if is_private(range) || reserved_overlap(range).is_some() {
            continue;
        }
        let message = if SHARED.contains(range) {
            format!(
                "{what} {range} is in the shared address space 100.64.0.0/10 (RFC 6598), which Azure treats as \
                 private address space: the workspace reaches public hosts through its egress as from any private \
                 range. Carrier-grade NAT and some VPN overlays use the same space: check that no network connected \
                 to this VNet (on-premises, VPN clients, peered VNets) uses these addresses."
            )
        } else {
            format!(
                "{what} {range} is not in the private ranges of RFC 1918 (10.0.0.0/8, 172.16.0.0/12, \
                 192.168.0.0/16); the workspace cannot reach public hosts that use these addresses."
            )
        };
        out.push(rule.finding(field, message));
    }
}

pub static SUBNET_SIZE: Rule = Rule {
    code: "NPIP-E006",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("Host and container subnets are /26 or larger"),
    why: DocText::new(
        "Azure Databricks needs each workspace subnet to be at least /26 (64 addresses, 59 of them usable for \
          nodes after the 5 Azure keeps).",
    ),
    remedy: "Give the subnet a prefix of /26 or shorter (/25, /24, …); size it for your peak nodes.",
    source: source::VNET_INJECT,
    check: check_subnet_size,
};

fn check_subnet_size(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    for (field, name, subnet) in facts.subnets() {
        if subnet.prefix() > MIN_SUBNET_PREFIX {
            out.push(rule.finding(
                field,
                format!(
                    "{name} {subnet} holds {} nodes; it must be /{MIN_SUBNET_PREFIX} or larger.",
                    sizing::subnet_nodes(subnet)
                ),
            ));
        }
    }
}

pub static SUBNET_IN_VNET: Rule = Rule {
    code: "NPIP-E007",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("Both subnets lie inside the VNet"),
    why: DocText::new(
        "A subnet outside its VNet's address space is refused by Azure (SubnetIsNotWithinVnetError), and the \
          workspace deployment fails.",
    ),
    remedy: "Choose subnet ranges inside the VNet's address space, or widen the VNet; \"Suggest subnets\" in the \
             address step (or `npip size --vnet CIDR`) gives ranges that fit.",
    source: source::VNET_INJECT,
    check: check_subnet_in_vnet,
};

fn check_subnet_in_vnet(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if facts.vnet_ranges.is_empty() {
        return;
    }
    let listed = facts
        .vnet_ranges
        .iter()
        .map(|(_, r)| r.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    for (field, name, subnet) in facts.subnets() {
        if !facts.vnet_ranges.iter().any(|(_, range)| range.contains(subnet)) {
            let whose = if facts.vnet_ranges.len() > 1 {
                "any of the VNet's prefixes"
            } else {
                "the VNet"
            };
            out.push(rule.finding(field, format!("{name} {subnet} is not inside {whose} ({listed}).")));
        }
    }
}

pub static SUBNETS_OVERLAP: Rule = Rule {
    code: "NPIP-E008",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("Host and container subnets do not overlap"),
    why: DocText::new("Subnets of one VNet cannot share addresses; Azure refuses overlapping subnets."),
    remedy: "Give the two subnets separate ranges, for example the two halves of a block twice their size.",
    source: source::VNET_FAQ,
    check: check_subnets_overlap,
};

fn check_subnets_overlap(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if let (Some(host), Some(container)) = (facts.host, facts.container) {
        if host.overlaps(container) {
            out.push(rule.finding(
                Field::ContainerSubnetCidr,
                format!("Container subnet {container} overlaps host subnet {host}."),
            ));
        }
    }
}

pub static SUBNET_AVOID: Rule = Rule {
    code: "NPIP-E009",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("The subnets stay clear of the ranges to avoid"),
    why: DocText::new(
        "The ranges to avoid are in use elsewhere (other subnets of an existing VNet, peered VNets, on-premises \
          networks); a workspace subnet on top of them cannot be created or cannot route to them.",
    ),
    remedy: "Move the subnet to a free part of the VNet; \"Suggest subnets\" in the address step (or \
             `npip size --vnet CIDR --nodes N --avoid CIDR…`) finds one.",
    source: source::VNET_FAQ,
    check: check_subnet_avoid,
};

fn check_subnet_avoid(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    for (field, name, subnet) in facts.subnets() {
        for (avoid_field, avoid) in &facts.avoid {
            if subnet.overlaps(*avoid) {
                out.push(rule.finding(
                    field,
                    format!(
                        "{name} {subnet} overlaps the range to avoid {avoid}{}.",
                        facts.avoid_label(*avoid_field)
                    ),
                ));
            }
        }
    }
}

pub static VNET_AVOID: Rule = Rule {
    code: "NPIP-E010",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("A new VNet or the managed VNet stays clear of the ranges to avoid"),
    why: DocText::new(
        "VNet peering and on-premises routing need distinct address ranges: a new VNet (or the managed VNet) that \
          overlaps a range in use elsewhere can never be peered or routed to it. An existing VNet may contain ranges \
          to avoid, since those are its other subnets.",
    ),
    remedy: "Choose a VNet range (or managed VNet prefix) that overlaps none of the ranges to avoid.",
    source: source::VNET_FAQ,
    check: check_vnet_avoid,
};

fn check_vnet_avoid(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let vnet: Option<(Field, Cidr, String)> = if facts.new_vnet {
        facts
            .vnet_ranges
            .first()
            .map(|(field, range)| (*field, *range, format!("The new VNet {range}")))
    } else {
        managed_range(facts).map(|(block, default)| {
            let what = if default {
                format!("The managed VNet uses Azure's default range {block}, which")
            } else {
                format!("The managed VNet {block}")
            };
            (Field::ManagedAddressPrefix, block, what)
        })
    };
    let Some((field, range, what)) = vnet else { return };
    for (avoid_field, avoid) in &facts.avoid {
        if range.overlaps(*avoid) {
            out.push(rule.finding(
                field,
                format!(
                    "{what} overlaps the range to avoid {avoid}{}; the two networks could never be peered or routed.",
                    facts.avoid_label(*avoid_field)
                ),
            ));
        }
    }
}

pub static MANAGED_PREFIX: Rule = Rule {
    code: "NPIP-E011",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("The managed VNet prefix is two octets naming a /16"),
    why: DocText::new(
        "The managed VNet's range is given as the first two octets of a /16 (10.139 means 10.139.0.0/16, Azure's \
          default); any other form is refused.",
    ),
    remedy: "Write two numbers from 0 to 255 joined by a dot, such as 10.139, or leave the prefix out to use the \
             default.",
    source: source::QUICKSTARTS,
    check: check_managed_prefix,
};

fn check_managed_prefix(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if let Network::Managed {
        address_prefix: Some(prefix),
        ..
    } = &facts.plan.network
    {
        // IPv6 has its own rule.
        if prefix.contains(':') {
            return;
        }
        if let Err(problem) = managed_block(prefix) {
            out.push(rule.finding(
                Field::ManagedAddressPrefix,
                format!("The managed VNet prefix {problem}."),
            ));
        }
    }
}

pub static EXISTING_PREFIXES: Rule = Rule {
    code: "NPIP-E012",
    severity: Severity::Error,
    category: Category::AddressSpace,
    title: DocText::new("An existing VNet lists its address prefixes, without overlaps"),
    why: DocText::new(
        "The planner checks the subnets against the existing VNet's address prefixes, so it needs at least one IPv4 \
          prefix; \
          and Azure never gives one VNet overlapping prefixes, so an overlap means a prefix was copied wrong.",
    ),
    remedy: "Copy the VNet's address prefixes from the Azure portal (VNet > Address space) or from \
             `az network vnet show --query addressSpace.addressPrefixes`.",
    source: source::VNET_FAQ,
    check: check_existing_prefixes,
};

fn check_existing_prefixes(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(Vnet::Existing { address_prefixes, .. }) = facts.injection.map(|i| &i.vnet) else {
        return;
    };
    if address_prefixes.is_empty() {
        out.push(rule.finding(
            // On the list itself (its first item), in the address step where the prefixes are typed.
            Field::VnetAddressPrefix(0),
            "The existing VNet lists no address prefixes, so the subnets cannot be checked against it.",
        ));
        return;
    }
    if address_prefixes.iter().all(|p| is_ipv6_block(p)) {
        out.push(rule.finding(
            Field::VnetAddressPrefix(0),
            "The existing VNet lists only IPv6 address prefixes; the workspace subnets are IPv4, so list the VNet's \
             IPv4 prefixes too, to check the subnets against them.",
        ));
        return;
    }
    // Sort and sweep: each prefix only meets its neighbour in address order.
    let mut sorted = facts.vnet_ranges.clone();
    crate::order::sort_by_key(&mut sorted, |(_, range)| *range);
    for pair in sorted.windows(2) {
        if let [(_, first), (field, second)] = pair {
            if first.overlaps(*second) {
                out.push(rule.finding(
                    *field,
                    format!("The VNet address prefix {second} overlaps the prefix {first}; Azure never gives one VNet overlapping prefixes."),
                ));
            }
        }
    }
}

pub static IPV6_PREFIX_IGNORED: Rule = Rule {
    code: "NPIP-I012",
    severity: Severity::Info,
    category: Category::AddressSpace,
    title: DocText::new("An existing VNet's IPv6 prefixes are left out of the checks"),
    why: DocText::new(
        "A dual-stack VNet lists IPv6 prefixes beside its IPv4 ones. The workspace subnets are IPv4 only, so the \
          planner places and checks them against the IPv4 prefixes alone and leaves the IPv6 ones aside.",
    ),
    remedy: "Nothing to do; keep the IPv4 prefixes listed too, since the subnets go there.",
    source: source::VNET_INJECT,
    check: check_ipv6_prefix_ignored,
};

fn check_ipv6_prefix_ignored(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    for c in &facts.cidrs {
        if matches!(c.field, Field::VnetAddressPrefix(_)) && c.parsed == Err(CidrError::Ipv6) && is_ipv6_block(c.text) {
            out.push(rule.finding(
                c.field,
                format!(
                    "{} `{}` is IPv6: the workspace subnets are IPv4, so the planner places and checks them against \
                     the IPv4 prefixes only.",
                    cidr_field_name(facts.plan, c.field),
                    shown(c.text)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Field;
    use crate::plan::{AvoidRange, Network, Vnet};
    use crate::rules::test_plans::*;

    fn set_host(plan: &mut crate::plan::Plan, cidr: &str) {
        if let Network::VnetInjection(i) = &mut plan.network {
            i.host_subnet.cidr = cidr.into();
        }
    }

    fn set_container(plan: &mut crate::plan::Plan, cidr: &str) {
        if let Network::VnetInjection(i) = &mut plan.network {
            i.container_subnet.cidr = cidr.into();
        }
    }

    fn set_vnet(plan: &mut crate::plan::Plan, cidr: &str) {
        if let Network::VnetInjection(i) = &mut plan.network {
            if let Vnet::New { address_space, .. } = &mut i.vnet {
                *address_space = cidr.into();
            }
        }
    }

    fn set_managed_prefix(plan: &mut crate::plan::Plan, prefix: Option<&str>) {
        if let Network::Managed { address_prefix, .. } = &mut plan.network {
            *address_prefix = prefix.map(String::from);
        }
    }

    fn avoid(plan: &mut crate::plan::Plan, cidr: &str) {
        plan.avoid.push(AvoidRange {
            cidr: cidr.into(),
            label: "peer".into(),
        });
    }

    #[test]
    fn e001_syntax() {
        let mut plan = example("nat-gateway");
        for bad in ["", "10.0.0.0", "10.0.0.256/16", "10.0.0.0/40", "ten/8"] {
            set_host(&mut plan, bad);
            let found = of(&plan, "NPIP-E001");
            assert_eq!(found.len(), 1, "{bad}");
            assert_eq!(found[0].field, Field::HostSubnetCidr);
        }
        let mut plan = example("nat-gateway");
        avoid(&mut plan, "10.0.0/8");
        assert_eq!(of(&plan, "NPIP-E001")[0].field, Field::AvoidCidr(2));
        assert!(of(&plan, "NPIP-E001")[0].message.contains("Avoid range 3 (peer)"));
        // Near misses: host bits and IPv6 have their own rules.
        let mut plan = example("nat-gateway");
        set_host(&mut plan, "10.179.1.0/18");
        assert!(of(&plan, "NPIP-E001").is_empty());
        set_host(&mut plan, "fd00::/64");
        assert!(of(&plan, "NPIP-E001").is_empty());
        assert!(of(&example("nat-gateway"), "NPIP-E001").is_empty());
    }

    #[test]
    fn e001_no_prefix_suggests_one() {
        let mut plan = example("nat-gateway");
        set_host(&mut plan, "10.179.0.0");
        assert!(of(&plan, "NPIP-E001")[0].message.contains("10.179.0.0/24"));
    }

    #[test]
    fn e002_host_bits_names_the_block() {
        let mut plan = example("nat-gateway");
        set_vnet(&mut plan, "10.179.3.0/16");
        let found = of(&plan, "NPIP-E002");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("10.179.0.0/16"), "{}", found[0].message);
        set_vnet(&mut plan, "10.179.0.0/16");
        assert!(of(&plan, "NPIP-E002").is_empty());
    }

    #[test]
    fn e003_ipv6() {
        let mut plan = example("nat-gateway");
        set_container(&mut plan, "2001:db8::/64");
        let found = of(&plan, "NPIP-E003");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("IPv6"));
        let mut plan = example("managed-default");
        set_managed_prefix(&mut plan, Some("fd00::"));
        assert_eq!(of(&plan, "NPIP-E003").len(), 1);
        assert!(of(&plan, "NPIP-E011").is_empty());
        set_managed_prefix(&mut plan, Some("10.12"));
        assert!(of(&plan, "NPIP-E003").is_empty());
    }

    fn set_prefixes(plan: &mut crate::plan::Plan, prefixes: &[&str]) {
        if let Network::VnetInjection(i) = &mut plan.network {
            if let Vnet::Existing { address_prefixes, .. } = &mut i.vnet {
                *address_prefixes = prefixes.iter().map(|p| p.to_string()).collect();
            }
        }
    }

    #[test]
    fn dual_stack_existing_vnet_ipv6_prefixes_are_noted_not_refused() {
        let mut plan = example("existing-vnet");
        set_prefixes(&mut plan, &["10.50.0.0/16", "fd00:db8:50::/48"]);
        assert!(of(&plan, "NPIP-E003").is_empty());
        assert!(of(&plan, "NPIP-E001").is_empty());
        let found = of(&plan, "NPIP-I012");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::VnetAddressPrefix(1));
        assert!(found[0]
            .message
            .starts_with("VNet address prefix 2 `fd00:db8:50::/48` is IPv6"));
        assert!(!crate::finding::has_errors(&crate::rules::validate(&plan)));
        // Only IPv6: nothing to check the IPv4 subnets against.
        set_prefixes(&mut plan, &["fd00:db8:50::/48"]);
        assert!(of(&plan, "NPIP-E012")[0].message.contains("only IPv6"));
        // A malformed IPv6 prefix is a syntax error, and the subnets themselves stay IPv4 only.
        set_prefixes(&mut plan, &["10.50.0.0/16", "fd00:db8::/200"]);
        assert_eq!(of(&plan, "NPIP-E001")[0].field, Field::VnetAddressPrefix(1));
        assert!(of(&plan, "NPIP-I012").is_empty());
        set_prefixes(&mut plan, &["10.50.0.0/16", "fd00:db8:50::/48"]);
        set_host(&mut plan, "fd00:db8:50::/64");
        assert_eq!(of(&plan, "NPIP-E003")[0].field, Field::HostSubnetCidr);
        // A new VNet's address space is IPv4 only.
        let mut plan = example("nat-gateway");
        set_vnet(&mut plan, "fd00:db8::/48");
        assert_eq!(of(&plan, "NPIP-E003")[0].field, Field::VnetAddressSpace);
    }

    #[test]
    fn e004_vnet_size() {
        let mut plan = example("nat-gateway");
        set_vnet(&mut plan, "10.0.0.0/15");
        assert_eq!(of(&plan, "NPIP-E004").len(), 1);
        set_vnet(&mut plan, "10.179.0.0/25");
        assert!(of(&plan, "NPIP-E004")[0]
            .message
            .contains("smaller than the /24 minimum"));
        for fine in ["10.179.0.0/16", "10.179.0.0/24"] {
            set_vnet(&mut plan, fine);
            assert!(of(&plan, "NPIP-E004").is_empty(), "{fine}");
        }
        let mut plan = example("existing-vnet");
        if let Network::VnetInjection(i) = &mut plan.network {
            if let Vnet::Existing { address_prefixes, .. } = &mut i.vnet {
                address_prefixes.push("172.16.0.0/12".into());
            }
        }
        let found = of(&plan, "NPIP-E004");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::VnetAddressPrefix(1));
    }

    #[test]
    fn e005_reserved_ranges() {
        let mut plan = example("nat-gateway");
        set_vnet(&mut plan, "169.254.0.0/16");
        assert_eq!(of(&plan, "NPIP-E005").len(), 1);
        set_vnet(&mut plan, "168.63.128.0/22");
        assert!(of(&plan, "NPIP-E005")[0].message.contains("168.63.129.16/32"));
        set_vnet(&mut plan, "168.63.132.0/22");
        assert!(of(&plan, "NPIP-E005").is_empty());
        let mut plan = example("managed-default");
        set_managed_prefix(&mut plan, Some("127.0"));
        assert_eq!(of(&plan, "NPIP-E005").len(), 1);
        set_managed_prefix(&mut plan, Some("126.0"));
        assert!(of(&plan, "NPIP-E005").is_empty());
    }

    #[test]
    fn w001_public_range() {
        let mut plan = example("nat-gateway");
        set_vnet(&mut plan, "20.1.0.0/16");
        assert_eq!(of(&plan, "NPIP-W001").len(), 1);
        set_vnet(&mut plan, "172.31.0.0/16");
        assert!(of(&plan, "NPIP-W001").is_empty());
        // Reserved ranges are an error, not also a warning.
        set_vnet(&mut plan, "169.254.0.0/16");
        assert!(of(&plan, "NPIP-W001").is_empty());
        let mut plan = example("managed-default");
        set_managed_prefix(&mut plan, Some("100.64"));
        let found = of(&plan, "NPIP-W001");
        assert_eq!(found.len(), 1);
        // RFC 6598 shared address space: Azure treats it as private (VNet FAQ), so the workspace reaches public
        // hosts as from any private range; what can clash is carrier-grade NAT or a VPN overlay using it too.
        let message = &found[0].message;
        assert!(!message.contains("cannot reach public hosts"), "{message}");
        assert!(
            message.contains("RFC 6598")
                && message.contains("treats as private")
                && message.contains("Carrier-grade NAT"),
            "{message}"
        );
        // A public range keeps the warning that its real owners cannot be reached.
        let mut plan = example("nat-gateway");
        set_vnet(&mut plan, "20.1.0.0/16");
        assert!(of(&plan, "NPIP-W001")[0].message.contains("cannot reach"));
    }

    #[test]
    fn e006_subnet_size() {
        let mut plan = example("service-tag-routes");
        plan.peak_nodes = 20;
        set_host(&mut plan, "172.16.0.0/27");
        let found = of(&plan, "NPIP-E006");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Host subnet 172.16.0.0/27 holds 27 nodes; it must be /26 or larger."
        );
        set_host(&mut plan, "172.16.0.0/26");
        assert!(of(&plan, "NPIP-E006").is_empty());
    }

    #[test]
    fn e007_subnet_in_vnet() {
        let mut plan = example("nat-gateway");
        set_host(&mut plan, "10.180.0.0/18");
        let found = of(&plan, "NPIP-E007");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::HostSubnetCidr);
        set_host(&mut plan, "10.179.192.0/18");
        assert!(of(&plan, "NPIP-E007").is_empty());
        // An existing VNet with two prefixes: inside either is fine.
        let mut plan = example("existing-vnet");
        if let Network::VnetInjection(i) = &mut plan.network {
            if let Vnet::Existing { address_prefixes, .. } = &mut i.vnet {
                address_prefixes.push("10.60.0.0/16".into());
            }
        }
        set_container(&mut plan, "10.60.0.0/22");
        assert!(of(&plan, "NPIP-E007").is_empty());
        set_container(&mut plan, "10.70.0.0/22");
        assert!(of(&plan, "NPIP-E007")[0].message.contains("any of the VNet's prefixes"));
    }

    #[test]
    fn e008_subnets_overlap() {
        let mut plan = example("nat-gateway");
        set_container(&mut plan, "10.179.32.0/19");
        assert_eq!(of(&plan, "NPIP-E008").len(), 1);
        set_container(&mut plan, "10.179.64.0/19");
        assert!(of(&plan, "NPIP-E008").is_empty());
    }

    #[test]
    fn e009_subnet_avoid() {
        let mut plan = example("existing-vnet");
        avoid(&mut plan, "10.50.66.0/24");
        let found = of(&plan, "NPIP-E009");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("10.50.66.0/24 (peer)"));
        plan.avoid.pop();
        avoid(&mut plan, "10.50.72.0/24");
        assert!(of(&plan, "NPIP-E009").is_empty());
    }

    #[test]
    fn e010_new_or_managed_vnet_avoid() {
        let mut plan = example("nat-gateway");
        avoid(&mut plan, "10.179.200.0/24");
        assert_eq!(of(&plan, "NPIP-E010").len(), 1);
        plan.avoid.pop();
        avoid(&mut plan, "10.178.0.0/16");
        assert!(of(&plan, "NPIP-E010").is_empty());
        // An existing VNet may contain ranges to avoid: they are its other subnets.
        assert!(of(&example("existing-vnet"), "NPIP-E010").is_empty());
        // The managed VNet's default range counts too.
        let mut plan = example("managed-default");
        avoid(&mut plan, "10.139.0.0/20");
        let found = of(&plan, "NPIP-E010");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("default range 10.139.0.0/16"));
        set_managed_prefix(&mut plan, Some("10.140"));
        assert!(of(&plan, "NPIP-E010").is_empty());
    }

    #[test]
    fn e011_managed_prefix() {
        let mut plan = example("managed-default");
        for bad in ["10", "10.139.0.0/16", "10.256", "010.1", "", "a.b"] {
            set_managed_prefix(&mut plan, Some(bad));
            assert_eq!(of(&plan, "NPIP-E011").len(), 1, "{bad}");
        }
        set_managed_prefix(&mut plan, Some("10.139.0.0/16"));
        assert!(of(&plan, "NPIP-E011")[0].message.contains("first two numbers"));
        for fine in [Some("10.0"), Some("192.168"), None] {
            set_managed_prefix(&mut plan, fine);
            assert!(of(&plan, "NPIP-E011").is_empty());
        }
    }

    #[test]
    fn e012_existing_prefixes() {
        let mut plan = example("existing-vnet");
        let set = |plan: &mut crate::plan::Plan, prefixes: &[&str]| {
            if let Network::VnetInjection(i) = &mut plan.network {
                if let Vnet::Existing { address_prefixes, .. } = &mut i.vnet {
                    *address_prefixes = prefixes.iter().map(|p| p.to_string()).collect();
                }
            }
        };
        set(&mut plan, &[]);
        assert_eq!(of(&plan, "NPIP-E012").len(), 1);
        set(&mut plan, &["10.50.0.0/16", "10.50.128.0/20"]);
        let found = of(&plan, "NPIP-E012");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::VnetAddressPrefix(1));
        set(&mut plan, &["10.50.0.0/16", "10.51.0.0/20"]);
        assert!(of(&plan, "NPIP-E012").is_empty());
    }
}
