//! What validation says about a plan: findings, the fields they point at, and the wizard step each field lives on.
//!
//! The rule catalogue itself (codes, severities, remedies, sources) lives in [`crate::rules`]; a finding carries its
//! rule's fixed facts plus a message about this plan's values.

use serde::Serialize;
use std::fmt;

/// How much a finding matters. Errors block the template; warnings and notes do not.
///
/// People meet the third kind as a "note" everywhere (the app, the CLI's text and JSON, the docs, the `I` codes'
/// name), so that is its word; the variant keeps its name `Info`, which the app's code uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    #[serde(rename = "note")]
    Info,
}

impl Severity {
    /// The word in lower case, as JSON output and the CLI's text write it: `error`, `warning`, `note`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        }
    }

    /// The word as a heading or label: `Error`, `Warning`, `Note`.
    pub const fn title(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The wizard's steps, in order. Every field belongs to exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    Workspace,
    NetworkModel,
    AddressSpace,
    Connectivity,
    Egress,
    Review,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Workspace,
        Step::NetworkModel,
        Step::AddressSpace,
        Step::Connectivity,
        Step::Egress,
        Step::Review,
    ];

    pub const fn title(self) -> &'static str {
        match self {
            Step::Workspace => "Workspace",
            Step::NetworkModel => "Network model",
            Step::AddressSpace => "Address space",
            Step::Connectivity => "Connectivity",
            Step::Egress => "Egress",
            Step::Review => "Review and export",
        }
    }

    /// Stable identifier, used in URLs and test ids.
    pub const fn slug(self) -> &'static str {
        match self {
            Step::Workspace => "workspace",
            Step::NetworkModel => "network",
            Step::AddressSpace => "address-space",
            Step::Connectivity => "connectivity",
            Step::Egress => "egress",
            Step::Review => "review",
        }
    }

    /// Zero-based position in the wizard.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// A field of the plan a finding is about. [`Field::path`] gives its place in the plan file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The plan as a whole (format version, or a finding about no single field).
    Plan,
    WorkspaceName,
    Region,
    PricingTier,
    ManagedResourceGroup,
    SecureClusterConnectivity,
    PublicNetworkAccess,
    RequiredNsgRules,
    NetworkModel,
    ManagedAddressPrefix,
    ManagedNatGatewayName,
    ManagedPublicIpName,
    VnetKind,
    VnetName,
    VnetAddressSpace,
    VnetResourceId,
    /// One of an existing VNet's address prefixes, by index.
    VnetAddressPrefix(usize),
    HostSubnetName,
    HostSubnetCidr,
    ContainerSubnetName,
    ContainerSubnetCidr,
    NsgName,
    PeakNodes,
    EgressType,
    LoadBalancerName,
    LoadBalancerBackendPoolName,
    LoadBalancerFrontendConfigName,
    LoadBalancerPublicIpName,
    NatGatewayName,
    NatGatewayPublicIpName,
    NatGatewayIdleTimeout,
    RouteTableName,
    FirewallPrivateIp,
    SccRelayBypass,
    ServiceTagRoutes,
    /// One of the firewall's extra FQDNs, by index.
    ExtraFqdn(usize),
    /// One avoid-list range, by index.
    AvoidCidr(usize),
}

impl Field {
    /// Every kind of field once (list items at index 0), in declaration order: for tests and generated tables that
    /// must cover them all. A test fails when a new field is missing here.
    pub const ONE_OF_EACH: [Field; 37] = [
        Field::Plan,
        Field::WorkspaceName,
        Field::Region,
        Field::PricingTier,
        Field::ManagedResourceGroup,
        Field::SecureClusterConnectivity,
        Field::PublicNetworkAccess,
        Field::RequiredNsgRules,
        Field::NetworkModel,
        Field::ManagedAddressPrefix,
        Field::ManagedNatGatewayName,
        Field::ManagedPublicIpName,
        Field::VnetKind,
        Field::VnetName,
        Field::VnetAddressSpace,
        Field::VnetResourceId,
        Field::VnetAddressPrefix(0),
        Field::HostSubnetName,
        Field::HostSubnetCidr,
        Field::ContainerSubnetName,
        Field::ContainerSubnetCidr,
        Field::NsgName,
        Field::PeakNodes,
        Field::EgressType,
        Field::LoadBalancerName,
        Field::LoadBalancerBackendPoolName,
        Field::LoadBalancerFrontendConfigName,
        Field::LoadBalancerPublicIpName,
        Field::NatGatewayName,
        Field::NatGatewayPublicIpName,
        Field::NatGatewayIdleTimeout,
        Field::RouteTableName,
        Field::FirewallPrivateIp,
        Field::SccRelayBypass,
        Field::ServiceTagRoutes,
        Field::ExtraFqdn(0),
        Field::AvoidCidr(0),
    ];

    /// Where the field sits in the plan file, as a dotted path (`network.hostSubnet.cidr`, `avoid[2].cidr`).
    pub fn path(self) -> String {
        let fixed = match self {
            Field::Plan => "",
            Field::WorkspaceName => "workspace.name",
            Field::Region => "workspace.region",
            Field::PricingTier => "workspace.pricingTier",
            Field::ManagedResourceGroup => "workspace.managedResourceGroup",
            Field::SecureClusterConnectivity => "connectivity.secureClusterConnectivity",
            Field::PublicNetworkAccess => "connectivity.publicNetworkAccess",
            Field::RequiredNsgRules => "connectivity.requiredNsgRules",
            Field::NetworkModel => "network.model",
            Field::ManagedAddressPrefix => "network.addressPrefix",
            Field::ManagedNatGatewayName => "network.natGatewayName",
            Field::ManagedPublicIpName => "network.publicIpName",
            Field::VnetKind => "network.vnet.kind",
            Field::VnetName => "network.vnet.name",
            Field::VnetAddressSpace => "network.vnet.addressSpace",
            Field::VnetResourceId => "network.vnet.resourceId",
            Field::VnetAddressPrefix(i) => return format!("network.vnet.addressPrefixes[{i}]"),
            Field::HostSubnetName => "network.hostSubnet.name",
            Field::HostSubnetCidr => "network.hostSubnet.cidr",
            Field::ContainerSubnetName => "network.containerSubnet.name",
            Field::ContainerSubnetCidr => "network.containerSubnet.cidr",
            Field::NsgName => "network.nsgName",
            Field::PeakNodes => "peakNodes",
            Field::EgressType => "egress.type",
            Field::LoadBalancerName => "egress.loadBalancerName",
            Field::LoadBalancerBackendPoolName => "egress.backendPoolName",
            Field::LoadBalancerFrontendConfigName => "egress.frontendConfigName",
            Field::LoadBalancerPublicIpName | Field::NatGatewayPublicIpName => "egress.publicIpName",
            Field::NatGatewayName => "egress.natGatewayName",
            Field::NatGatewayIdleTimeout => "egress.idleTimeoutMinutes",
            Field::RouteTableName => "egress.routeTableName",
            Field::FirewallPrivateIp => "egress.firewallPrivateIp",
            Field::SccRelayBypass => "egress.sccRelayBypass",
            Field::ServiceTagRoutes => "egress.serviceTagRoutes",
            Field::ExtraFqdn(i) => return format!("egress.extraFqdns[{i}]"),
            Field::AvoidCidr(i) => return format!("avoid[{i}].cidr"),
        };
        fixed.to_string()
    }

    /// A list item's position as people count it, from 1 (the path's index is from 0): `AvoidCidr(2)` is item 3.
    pub fn item_number(self) -> Option<usize> {
        match self {
            Field::VnetAddressPrefix(i) | Field::ExtraFqdn(i) | Field::AvoidCidr(i) => i.checked_add(1),
            _ => None,
        }
    }

    /// What messages call a list item, numbered from 1: "VNet address prefix 1", "Extra FQDN 2", "Avoid range 3".
    /// Every message that names an item of a list uses this, so the numbers always mean the same.
    pub fn item_label(self) -> Option<String> {
        let what = match self {
            Field::VnetAddressPrefix(_) => "VNet address prefix",
            Field::ExtraFqdn(_) => "Extra FQDN",
            Field::AvoidCidr(_) => "Avoid range",
            _ => return None,
        };
        self.item_number().map(|n| format!("{what} {n}"))
    }

    /// The wizard step where the person edits this field.
    pub const fn step(self) -> Step {
        match self {
            Field::Plan => Step::Review,
            Field::WorkspaceName | Field::Region | Field::PricingTier | Field::ManagedResourceGroup => Step::Workspace,
            Field::NetworkModel | Field::VnetKind | Field::VnetName | Field::VnetResourceId | Field::NsgName => {
                Step::NetworkModel
            }
            Field::ManagedAddressPrefix
            | Field::VnetAddressSpace
            | Field::VnetAddressPrefix(_)
            | Field::HostSubnetName
            | Field::HostSubnetCidr
            | Field::ContainerSubnetName
            | Field::ContainerSubnetCidr
            | Field::PeakNodes
            | Field::AvoidCidr(_) => Step::AddressSpace,
            Field::SecureClusterConnectivity | Field::PublicNetworkAccess | Field::RequiredNsgRules => {
                Step::Connectivity
            }
            Field::ManagedNatGatewayName
            | Field::ManagedPublicIpName
            | Field::EgressType
            | Field::LoadBalancerName
            | Field::LoadBalancerBackendPoolName
            | Field::LoadBalancerFrontendConfigName
            | Field::LoadBalancerPublicIpName
            | Field::NatGatewayName
            | Field::NatGatewayPublicIpName
            | Field::NatGatewayIdleTimeout
            | Field::RouteTableName
            | Field::FirewallPrivateIp
            | Field::SccRelayBypass
            | Field::ServiceTagRoutes
            | Field::ExtraFqdn(_) => Step::Egress,
        }
    }
}

/// Facts about fields that the app's form and its saved work need; plain data, no web code.
impl Field {
    /// The fields typed as whole numbers, whose typed text may not read (the app keeps that text until it does).
    pub const WHOLE_NUMBERS: [Field; 2] = [Field::PeakNodes, Field::NatGatewayIdleTimeout];

    /// The variant's name (`PeakNodes`, `AvoidCidr`), stable across versions: the app's DOM ids and saved work use
    /// it, so it is written out rather than taken from `Debug`.
    pub const fn name(self) -> &'static str {
        match self {
            Field::Plan => "Plan",
            Field::WorkspaceName => "WorkspaceName",
            Field::Region => "Region",
            Field::PricingTier => "PricingTier",
            Field::ManagedResourceGroup => "ManagedResourceGroup",
            Field::SecureClusterConnectivity => "SecureClusterConnectivity",
            Field::PublicNetworkAccess => "PublicNetworkAccess",
            Field::RequiredNsgRules => "RequiredNsgRules",
            Field::NetworkModel => "NetworkModel",
            Field::ManagedAddressPrefix => "ManagedAddressPrefix",
            Field::ManagedNatGatewayName => "ManagedNatGatewayName",
            Field::ManagedPublicIpName => "ManagedPublicIpName",
            Field::VnetKind => "VnetKind",
            Field::VnetName => "VnetName",
            Field::VnetAddressSpace => "VnetAddressSpace",
            Field::VnetResourceId => "VnetResourceId",
            Field::VnetAddressPrefix(_) => "VnetAddressPrefix",
            Field::HostSubnetName => "HostSubnetName",
            Field::HostSubnetCidr => "HostSubnetCidr",
            Field::ContainerSubnetName => "ContainerSubnetName",
            Field::ContainerSubnetCidr => "ContainerSubnetCidr",
            Field::NsgName => "NsgName",
            Field::PeakNodes => "PeakNodes",
            Field::EgressType => "EgressType",
            Field::LoadBalancerName => "LoadBalancerName",
            Field::LoadBalancerBackendPoolName => "LoadBalancerBackendPoolName",
            Field::LoadBalancerFrontendConfigName => "LoadBalancerFrontendConfigName",
            Field::LoadBalancerPublicIpName => "LoadBalancerPublicIpName",
            Field::NatGatewayName => "NatGatewayName",
            Field::NatGatewayPublicIpName => "NatGatewayPublicIpName",
            Field::NatGatewayIdleTimeout => "NatGatewayIdleTimeout",
            Field::RouteTableName => "RouteTableName",
            Field::FirewallPrivateIp => "FirewallPrivateIp",
            Field::SccRelayBypass => "SccRelayBypass",
            Field::ServiceTagRoutes => "ServiceTagRoutes",
            Field::ExtraFqdn(_) => "ExtraFqdn",
            Field::AvoidCidr(_) => "AvoidCidr",
        }
    }

    /// The field with the name [`Field::name`] gives (list fields at index 0).
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ONE_OF_EACH.into_iter().find(|f| f.name() == name)
    }

    /// The field whose input a finding about this one shows at: one per list (the findings about `avoid[3]` belong
    /// to the avoid list's input), and the VNet's kind (new or existing) is chosen with the network model.
    pub const fn family(self) -> Field {
        match self {
            Field::VnetKind => Field::NetworkModel,
            Field::VnetAddressPrefix(_) => Field::VnetAddressPrefix(0),
            Field::ExtraFqdn(_) => Field::ExtraFqdn(0),
            Field::AvoidCidr(_) => Field::AvoidCidr(0),
            other => other,
        }
    }

    /// The label of a whole-number field ([`Field::WHOLE_NUMBERS`]): the input shows it, and messages about its
    /// typed text name the field by it.
    pub const fn number_label(self) -> Option<&'static str> {
        match self {
            Field::PeakNodes => Some("Peak cluster nodes"),
            Field::NatGatewayIdleTimeout => Some("Idle timeout"),
            _ => None,
        }
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.path())
    }
}

/// One thing validation found in a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable code, such as `NPIP-E012`.
    pub code: &'static str,
    pub severity: Severity,
    /// The field the finding is about.
    pub field: Field,
    /// What is wrong with this plan, in plain language.
    pub message: String,
    /// What to do about it (the rule's remedy).
    pub remedy: &'static str,
    /// The public source of the fact behind the rule.
    pub source: &'static str,
}

impl Finding {
    pub fn step(&self) -> Step {
        self.field.step()
    }
}

/// Whether any finding is an error (and so blocks the template).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field's place in the declaration; a match without a wildcard, so a new field cannot compile unnoticed.
    fn ordinal(field: Field) -> usize {
        match field {
            Field::Plan => 0,
            Field::WorkspaceName => 1,
            Field::Region => 2,
            Field::PricingTier => 3,
            Field::ManagedResourceGroup => 4,
            Field::SecureClusterConnectivity => 5,
            Field::PublicNetworkAccess => 6,
            Field::RequiredNsgRules => 7,
            Field::NetworkModel => 8,
            Field::ManagedAddressPrefix => 9,
            Field::ManagedNatGatewayName => 10,
            Field::ManagedPublicIpName => 11,
            Field::VnetKind => 12,
            Field::VnetName => 13,
            Field::VnetAddressSpace => 14,
            Field::VnetResourceId => 15,
            Field::VnetAddressPrefix(_) => 16,
            Field::HostSubnetName => 17,
            Field::HostSubnetCidr => 18,
            Field::ContainerSubnetName => 19,
            Field::ContainerSubnetCidr => 20,
            Field::NsgName => 21,
            Field::PeakNodes => 22,
            Field::EgressType => 23,
            Field::LoadBalancerName => 24,
            Field::LoadBalancerBackendPoolName => 25,
            Field::LoadBalancerFrontendConfigName => 26,
            Field::LoadBalancerPublicIpName => 27,
            Field::NatGatewayName => 28,
            Field::NatGatewayPublicIpName => 29,
            Field::NatGatewayIdleTimeout => 30,
            Field::RouteTableName => 31,
            Field::FirewallPrivateIp => 32,
            Field::SccRelayBypass => 33,
            Field::ServiceTagRoutes => 34,
            Field::ExtraFqdn(_) => 35,
            Field::AvoidCidr(_) => 36,
        }
    }

    #[test]
    fn list_items_are_numbered_from_one_for_people() {
        assert_eq!(Field::AvoidCidr(2).path(), "avoid[2].cidr");
        assert_eq!(Field::AvoidCidr(2).item_label().as_deref(), Some("Avoid range 3"));
        assert_eq!(Field::ExtraFqdn(0).item_label().as_deref(), Some("Extra FQDN 1"));
        assert_eq!(Field::VnetAddressPrefix(1).item_number(), Some(2));
        assert_eq!(Field::HostSubnetCidr.item_label(), None);
        assert_eq!(Field::ExtraFqdn(usize::MAX).item_label(), None);
    }

    #[test]
    fn severities_have_one_word_everywhere() {
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let json = serde_json::to_string(&severity).unwrap();
            assert_eq!(json, format!("\"{}\"", severity.as_str()));
            assert_eq!(severity.title().to_ascii_lowercase(), severity.as_str());
            assert_eq!(severity.to_string(), severity.as_str());
        }
        assert_eq!(Severity::Info.as_str(), "note");
    }

    #[test]
    fn names_are_the_variant_names_and_read_back() {
        for field in Field::ONE_OF_EACH {
            let debug = format!("{field:?}");
            assert_eq!(field.name(), debug.split('(').next().unwrap(), "{debug}");
            assert_eq!(Field::from_name(field.name()), Some(field));
        }
        assert_eq!(Field::from_name("Nonsense"), None);
    }

    #[test]
    fn a_family_is_on_the_step_of_its_members() {
        // A field's findings show at its family's input, which must be on the same wizard step.
        for field in Field::ONE_OF_EACH
            .into_iter()
            .chain([Field::AvoidCidr(3), Field::ExtraFqdn(1)])
        {
            assert_eq!(field.family().step(), field.step(), "{field:?}");
            assert_eq!(field.family().family(), field.family(), "{field:?}");
        }
        assert_eq!(Field::AvoidCidr(7).family(), Field::AvoidCidr(0));
    }

    #[test]
    fn whole_number_fields_have_labels() {
        for field in Field::ONE_OF_EACH {
            assert_eq!(
                field.number_label().is_some(),
                Field::WHOLE_NUMBERS.contains(&field),
                "{field:?}"
            );
        }
    }

    #[test]
    fn one_of_each_holds_every_field_once_in_order() {
        let ordinals: Vec<usize> = Field::ONE_OF_EACH.iter().map(|f| ordinal(*f)).collect();
        assert_eq!(ordinals, (0..Field::ONE_OF_EACH.len()).collect::<Vec<_>>());
    }
}
