//! The facts the rules read, worked out once per plan.

use crate::cidr::{Cidr, CidrError};
use crate::finding::Field;
use crate::plan::{Injection, Network, Plan, Vnet};

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
    /// The facts of `plan` as given; [`super::validate`] gives it the normalised copy.
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
