//! Which drawn element a finding concerns, and how a marked element looks: the worst severity styles it, and its
//! tooltip lists every finding about it.

use crate::finding::{Field, Finding, Severity};
use crate::text::plural;

/// The parts of the pictures a finding can point at. [`Element::slug`] is written as `data-el` on the element, so
/// the app and tests can find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Element {
    Workspace,
    ControlPlane,
    Connections,
    Vnet,
    /// One address prefix of the VNet (the address map draws one bar per prefix).
    VnetPrefix(usize),
    HostSubnet,
    ContainerSubnet,
    Nsg,
    Capacity,
    Egress,
    PublicIp,
    RouteTable,
    Firewall,
    Avoid(usize),
}

impl Element {
    pub fn slug(self) -> String {
        let fixed = match self {
            Element::Workspace => "workspace",
            Element::ControlPlane => "control-plane",
            Element::Connections => "connections",
            Element::Vnet => "vnet",
            Element::VnetPrefix(i) => return format!("vnet-prefix-{i}"),
            Element::HostSubnet => "host-subnet",
            Element::ContainerSubnet => "container-subnet",
            Element::Nsg => "nsg",
            Element::Capacity => "capacity",
            Element::Egress => "egress",
            Element::PublicIp => "public-ip",
            Element::RouteTable => "route-table",
            Element::Firewall => "firewall",
            Element::Avoid(i) => return format!("avoid-{i}"),
        };
        fixed.to_string()
    }

    /// What a person calls this element, for tooltips and the text description.
    pub fn noun(self) -> String {
        let fixed = match self {
            Element::Workspace => "workspace",
            Element::ControlPlane => "control plane",
            Element::Connections => "connections",
            Element::Vnet => "VNet",
            Element::VnetPrefix(i) => return format!("VNet address prefix {}", i.saturating_add(1)),
            Element::HostSubnet => "host subnet",
            Element::ContainerSubnet => "container subnet",
            Element::Nsg => "network security group",
            Element::Capacity => "node capacity",
            Element::Egress => "egress",
            Element::PublicIp => "public IP",
            Element::RouteTable => "route table",
            Element::Firewall => "firewall",
            Element::Avoid(i) => return format!("avoid range {}", i.saturating_add(1)),
        };
        fixed.to_string()
    }
}

/// The element a finding about `field` marks, or `None` for findings about the plan as a whole.
pub fn element_of(field: Field) -> Option<Element> {
    Some(match field {
        Field::Plan => return None,
        Field::WorkspaceName | Field::PricingTier | Field::ManagedResourceGroup => Element::Workspace,
        Field::Region | Field::PublicNetworkAccess => Element::ControlPlane,
        Field::SecureClusterConnectivity => Element::Connections,
        Field::NetworkModel | Field::VnetKind | Field::VnetName | Field::VnetResourceId => Element::Vnet,
        // The address fields also mark the whole VNet in the network diagram (see `Marks::for_network`).
        Field::ManagedAddressPrefix | Field::VnetAddressSpace => Element::VnetPrefix(0),
        Field::VnetAddressPrefix(i) => Element::VnetPrefix(i),
        Field::HostSubnetName | Field::HostSubnetCidr => Element::HostSubnet,
        Field::ContainerSubnetName | Field::ContainerSubnetCidr => Element::ContainerSubnet,
        Field::NsgName | Field::RequiredNsgRules => Element::Nsg,
        Field::PeakNodes => Element::Capacity,
        Field::EgressType
        | Field::LoadBalancerName
        | Field::LoadBalancerBackendPoolName
        | Field::LoadBalancerFrontendConfigName
        | Field::NatGatewayName
        | Field::NatGatewayIdleTimeout
        | Field::ManagedNatGatewayName => Element::Egress,
        Field::LoadBalancerPublicIpName | Field::NatGatewayPublicIpName | Field::ManagedPublicIpName => {
            Element::PublicIp
        }
        Field::RouteTableName | Field::ServiceTagRoutes | Field::SccRelayBypass => Element::RouteTable,
        Field::FirewallPrivateIp | Field::ExtraFqdn(_) => Element::Firewall,
        Field::AvoidCidr(i) => Element::Avoid(i),
    })
}

/// The mark an element carries: its worst severity and the lines of its tooltip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub severity: Severity,
    pub lines: Vec<String>,
}

impl Mark {
    /// The class that styles the element (`npip-error`, `npip-warning`, `npip-info`).
    pub fn class(&self) -> &'static str {
        match self.severity {
            Severity::Error => "npip-error",
            Severity::Warning => "npip-warning",
            Severity::Info => "npip-info",
        }
    }

    pub fn tooltip(&self) -> String {
        self.lines.join("\n")
    }
}

/// Findings grouped by the element they mark.
#[derive(Default, Debug)]
pub struct Marks {
    by_element: crate::order::SortedMap<Element, Mark>,
    pub errors: usize,
    pub warnings: usize,
}

impl Marks {
    /// Marks for the address map: each prefix, subnet and avoid range on its own. Only findings about what the map
    /// draws are counted, so its header does not report the workspace name or the egress.
    pub fn for_address_map(findings: &[Finding]) -> Marks {
        let drawn = |f: &&Finding| {
            matches!(
                element_of(f.field),
                Some(Element::VnetPrefix(_) | Element::HostSubnet | Element::ContainerSubnet | Element::Avoid(_))
            )
        };
        Marks::build(findings.iter().filter(drawn), |element| element)
    }

    /// Marks for the network diagram, where the VNet is one box: prefix findings mark the VNet. It shows the whole
    /// plan, so every finding counts, those about the plan as a whole too.
    pub fn for_network(findings: &[Finding]) -> Marks {
        Marks::build(findings.iter(), |element| match element {
            Element::VnetPrefix(_) => Element::Vnet,
            other => other,
        })
    }

    fn build<'a>(findings: impl Iterator<Item = &'a Finding>, place: impl Fn(Element) -> Element) -> Marks {
        let mut marks = Marks::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => marks.errors = marks.errors.saturating_add(1),
                Severity::Warning => marks.warnings = marks.warnings.saturating_add(1),
                Severity::Info => {}
            }
            let Some(element) = element_of(finding.field).map(&place) else {
                continue;
            };
            let line = format!(
                "{} {}: {}",
                severity_word(finding.severity),
                finding.code,
                finding.message
            );
            let new = || Mark {
                severity: finding.severity,
                lines: Vec::new(),
            };
            if let Some(mark) = marks.by_element.entry_or_insert_with(element, new) {
                // Severity orders Error < Warning < Info, so the minimum is the worst.
                mark.severity = mark.severity.min(finding.severity);
                mark.lines.push(line);
            }
        }
        marks
    }

    /// The combined mark of several elements drawn as one shape (the worst severity, every line).
    pub fn of(&self, elements: &[Element]) -> Option<Mark> {
        let mut combined: Option<Mark> = None;
        for element in elements {
            if let Some(mark) = self.by_element.get(element) {
                match &mut combined {
                    None => combined = Some(mark.clone()),
                    Some(all) => {
                        all.severity = all.severity.min(mark.severity);
                        all.lines.extend(mark.lines.iter().cloned());
                    }
                }
            }
        }
        combined
    }

    /// Every marked element with its mark, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (&Element, &Mark)> {
        self.by_element.iter()
    }

    /// "2 errors, 1 warning", or `None` when there is neither.
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error", "errors"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning", "warnings"));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(field: Field, severity: Severity, message: &str) -> Finding {
        Finding {
            code: "NPIP-T001",
            severity,
            field,
            message: message.to_string(),
            remedy: "",
            source: "",
        }
    }

    #[test]
    fn worst_severity_wins_and_every_message_is_kept() {
        let findings = [
            finding(Field::HostSubnetName, Severity::Warning, "odd name"),
            finding(Field::HostSubnetCidr, Severity::Error, "too small"),
            finding(Field::Plan, Severity::Error, "about the plan"),
        ];
        let marks = Marks::for_network(&findings);
        let mark = marks.of(&[Element::HostSubnet]).unwrap();
        assert_eq!(mark.severity, Severity::Error);
        assert_eq!(mark.class(), "npip-error");
        assert_eq!(
            mark.tooltip(),
            "Warning NPIP-T001: odd name\nError NPIP-T001: too small"
        );
        assert_eq!(marks.errors, 2);
        assert_eq!(marks.summary().as_deref(), Some("2 errors, 1 warning"));
        assert_eq!(marks.iter().count(), 1, "a finding about the whole plan marks nothing");
    }

    #[test]
    fn prefixes_mark_the_vnet_in_the_network_diagram_and_their_bar_in_the_map() {
        let findings = [finding(Field::VnetAddressPrefix(1), Severity::Warning, "overlaps")];
        assert!(Marks::for_network(&findings).of(&[Element::Vnet]).is_some());
        let map = Marks::for_address_map(&findings);
        assert!(map.of(&[Element::VnetPrefix(1)]).is_some());
        assert!(map.of(&[Element::VnetPrefix(0)]).is_none());
    }

    #[test]
    fn the_map_counts_only_findings_about_what_it_draws() {
        let findings = [
            finding(Field::WorkspaceName, Severity::Error, "empty"),
            finding(Field::Plan, Severity::Error, "about the plan"),
            finding(Field::EgressType, Severity::Warning, "egress"),
            finding(Field::VnetAddressSpace, Severity::Error, "not a CIDR"),
            finding(Field::ContainerSubnetName, Severity::Warning, "odd name"),
            finding(Field::AvoidCidr(6), Severity::Error, "garbage"),
        ];
        let map = Marks::for_address_map(&findings);
        assert_eq!((map.errors, map.warnings), (2, 1));
        let network = Marks::for_network(&findings);
        assert_eq!((network.errors, network.warnings), (4, 2));
    }
}
