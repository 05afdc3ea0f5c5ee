//! Fills an existing-VNet plan from the VNet as Azure describes it: the JSON that `az network vnet show` prints, or
//! the portal's JSON view of the VNet (the same values under `properties`).
//!
//! The VNet's ID and address prefixes go into the plan. Its other subnets and the address spaces of its peerings go
//! into the ranges to avoid, so the rules and the subnet suggestion keep the workspace subnets clear of them. Subnets
//! named like the plan's host and container subnets are taken as those subnets. Nothing here judges the result: the
//! rules check it as they check anything typed.

use crate::json;
use crate::plan::{AvoidRange, Network, Plan, Vnet, MAX_ADDRESS_PREFIXES, MAX_AVOID_RANGES};
use crate::plural;
use crate::quote::shown;
use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

/// What filling a plan from a VNet changed, for the sentence the person reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VnetImport {
    pub vnet_name: String,
    pub prefixes: usize,
    /// Ranges of the VNet's other subnets added to the ranges to avoid (a range already listed is not added twice).
    pub subnet_ranges_added: usize,
    /// Address ranges of peered VNets added to the ranges to avoid.
    pub peered_ranges_added: usize,
    /// `(role, name, cidr)` of the plan's subnets that already exist in the VNet.
    pub subnets_taken: Vec<(&'static str, String, String)>,
    /// Subnets taken that already hold IP configurations (network interfaces, endpoints): `(name, count)`.
    pub subnets_in_use: Vec<(String, usize)>,
    /// Subnets taken that are delegated to another service: `(name, service)`. Both workspace subnets must be
    /// delegated to `Microsoft.Databricks/workspaces`.
    pub subnets_delegated_elsewhere: Vec<(String, String)>,
    /// IPv6 prefixes of subnets and peerings, which the ranges to avoid (IPv4) leave out.
    pub ipv6_skipped: usize,
    /// The region the plan had none of and now takes from the VNet.
    pub region_set: Option<String>,
    /// `(VNet's region, plan's region)` when they differ.
    pub region_mismatch: Option<(String, String)>,
}

/// The VNet as read from the pasted JSON.
struct AzureVnet {
    id: String,
    name: String,
    location: String,
    prefixes: Vec<String>,
    subnets: Vec<AzureSubnet>,
    /// `(label, prefixes)`.
    peerings: Vec<(String, Vec<String>)>,
}

struct AzureSubnet {
    name: String,
    prefixes: Vec<String>,
    ip_configurations: usize,
    /// The services it is delegated to.
    delegations: Vec<String>,
}

/// The most bytes of pasted JSON the import reads: a VNet with Azure's 3,000 subnets and tens of thousands of
/// network interfaces listed prints a few megabytes.
pub const MAX_VNET_JSON_BYTES: usize = 32 * 1024 * 1024;

/// The service both workspace subnets are delegated to.
const DATABRICKS_DELEGATION: &str = "Microsoft.Databricks/workspaces";

/// Fills `plan` from the VNet described by `text`. On error the plan is unchanged and the message says what is
/// wrong with the text.
pub fn import_vnet(plan: &mut Plan, text: &str) -> Result<VnetImport, String> {
    if text.len() > MAX_VNET_JSON_BYTES {
        return Err(format!(
            "The pasted text is {:.1} MB, larger than 32 MB, the most a VNet's JSON is read here (a VNet with \
             Azure's 3,000 subnets prints a few megabytes). Paste the output of az network vnet show for one VNet.",
            text.len() as f64 / 1_048_576.0
        ));
    }
    let vnet = read_vnet(text)?;
    // Filled on a copy: the plan changes only when the whole fill can be saved and read back.
    let mut filled = plan.clone();
    let import = fill(&mut filled, vnet)?;
    if filled.avoid.len() > MAX_AVOID_RANGES {
        return Err(format!(
            "The plan would list {} ranges to avoid (the VNet's other subnets and peered ranges added to the {} it \
             had); a plan lists at most {MAX_AVOID_RANGES}.",
            filled.avoid.len(),
            plan.avoid.len()
        ));
    }
    if import.prefixes > MAX_ADDRESS_PREFIXES {
        return Err(format!(
            "The VNet lists {} address prefixes; a plan lists at most {MAX_ADDRESS_PREFIXES}.",
            import.prefixes
        ));
    }
    filled.check_saveable().map_err(|e| {
        format!(
            "Filling in from this VNet would give a plan the planner cannot save and read back ({}).",
            e.reason()
        )
    })?;
    *plan = filled;
    Ok(import)
}

/// Fills `plan` from `vnet`; the caller checks the result can be saved.
fn fill(plan: &mut Plan, vnet: AzureVnet) -> Result<VnetImport, String> {
    let Network::VnetInjection(injection) = &mut plan.network else {
        return Err("Choose VNet injection into an existing VNet first.".to_string());
    };
    let Vnet::Existing {
        resource_id,
        address_prefixes,
    } = &mut injection.vnet
    else {
        return Err("Choose VNet injection into an existing VNet first.".to_string());
    };
    *resource_id = vnet.id;
    *address_prefixes = vnet.prefixes.clone();
    let mut import = VnetImport {
        vnet_name: vnet.name,
        prefixes: vnet.prefixes.len(),
        ..VnetImport::default()
    };
    // (CIDR, label, from a peering)
    let mut ranges: Vec<(String, String, bool)> = Vec::new();
    let host_name = injection.host_subnet.name.trim().to_string();
    let container_name = injection.container_subnet.name.trim().to_string();
    for subnet in vnet.subnets {
        let AzureSubnet {
            name,
            prefixes,
            ip_configurations,
            delegations,
        } = subnet;
        let ipv4 = ipv4_only(prefixes, &mut import.ipv6_skipped);
        let role = if !host_name.is_empty() && name.eq_ignore_ascii_case(&host_name) {
            Some(("host", &mut injection.host_subnet))
        } else if !container_name.is_empty() && name.eq_ignore_ascii_case(&container_name) {
            Some(("container", &mut injection.container_subnet))
        } else {
            None
        };
        match (role, ipv4.first()) {
            (Some((role, subnet)), Some(cidr)) => {
                subnet.cidr = cidr.clone();
                import.subnets_taken.push((role, name.clone(), cidr.clone()));
                if ip_configurations > 0 {
                    import.subnets_in_use.push((name.clone(), ip_configurations));
                }
                for service in delegations {
                    if !service.eq_ignore_ascii_case(DATABRICKS_DELEGATION) {
                        import.subnets_delegated_elsewhere.push((name.clone(), service));
                    }
                }
            }
            _ => ranges.extend(ipv4.into_iter().map(|cidr| (cidr, format!("subnet {name}"), false))),
        }
    }
    for (label, prefixes) in vnet.peerings {
        let ipv4 = ipv4_only(prefixes, &mut import.ipv6_skipped);
        ranges.extend(ipv4.into_iter().map(|cidr| (cidr, format!("peered {label}"), true)));
    }
    // The ranges already avoided, to add each range once (a set: a VNet may have thousands of subnets).
    let mut avoided: HashSet<String> = plan.avoid.iter().map(|a| a.cidr.trim().to_string()).collect();
    for (cidr, label, peered) in ranges {
        if avoided.insert(cidr.clone()) {
            plan.avoid.push(AvoidRange { cidr, label });
            if peered {
                import.peered_ranges_added += 1;
            } else {
                import.subnet_ranges_added += 1;
            }
        }
    }
    // As the catalog writes it (`West Europe` is `westeurope`), when the catalog knows it.
    let location = crate::regions::all()
        .iter()
        .find(|r| crate::regions::normalise(r.name) == crate::regions::normalise(&vnet.location))
        .map_or(vnet.location, |r| r.name.to_string());
    let region = plan.workspace.region.trim();
    if !location.is_empty() {
        if region.is_empty() {
            plan.workspace.region = location.clone();
            import.region_set = Some(location);
        } else if crate::regions::normalise(region) != crate::regions::normalise(&location) {
            import.region_mismatch = Some((location, region.to_string()));
        }
    }
    Ok(import)
}

/// The IPv4 ranges of `prefixes`, counting the IPv6 ones it leaves out in `skipped`.
fn ipv4_only(prefixes: Vec<String>, skipped: &mut usize) -> Vec<String> {
    let (ipv4, ipv6): (Vec<String>, Vec<String>) = prefixes.into_iter().partition(|p| !p.contains(':'));
    *skipped += ipv6.len();
    ipv4
}

impl VnetImport {
    /// What changed, in a few sentences.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "Filled in from the VNet {}: its resource ID and {}.",
            shown(&self.vnet_name),
            plural(self.prefixes, "address prefix", "address prefixes")
        );
        let mut avoided = Vec::new();
        if self.subnet_ranges_added > 0 {
            avoided.push(plural(
                self.subnet_ranges_added,
                "range of its other subnets",
                "ranges of its other subnets",
            ));
        }
        if self.peered_ranges_added > 0 {
            avoided.push(plural(
                self.peered_ranges_added,
                "range of a peered VNet",
                "ranges of peered VNets",
            ));
        }
        if !avoided.is_empty() {
            s.push_str(&format!(" Added to the ranges to avoid: {}.", avoided.join(" and ")));
        }
        for (role, name, cidr) in &self.subnets_taken {
            s.push_str(&format!(
                " The VNet already has the {role} subnet {} ({}); the plan uses it.",
                shown(name),
                shown(cidr)
            ));
        }
        for (name, configurations) in &self.subnets_in_use {
            s.push_str(&format!(
                " Careful: {} already holds {}, and a workspace subnet must hold nothing else.",
                shown(name),
                plural(*configurations, "IP configuration", "IP configurations")
            ));
        }
        for (name, service) in &self.subnets_delegated_elsewhere {
            s.push_str(&format!(
                " Careful: {} is delegated to {}, and both workspace subnets must be delegated to \
                 {DATABRICKS_DELEGATION}.",
                shown(name),
                shown(service)
            ));
        }
        if self.ipv6_skipped > 0 {
            s.push_str(&format!(
                " {} left out: the ranges to avoid are IPv4.",
                plural(self.ipv6_skipped, "IPv6 range", "IPv6 ranges")
            ));
        }
        if let Some(region) = &self.region_set {
            s.push_str(&format!(" The workspace region is now {}, the VNet's.", shown(region)));
        }
        if let Some((vnet, plan)) = &self.region_mismatch {
            s.push_str(&format!(
                " The VNet is in {} but the workspace region is {}: they must be the same.",
                shown(vnet),
                shown(plan)
            ));
        }
        s
    }
}

/// The last segment of a resource ID.
fn last_segment(id: &str) -> &str {
    id.trim_end_matches('/').rsplit('/').next().unwrap_or(id)
}

fn read_vnet(text: &str) -> Result<AzureVnet, String> {
    const HOW: &str = "Paste the whole output of az network vnet show -g <group> -n <name>.";
    let text = text.trim();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let pasted = Pasted::deserialize(&mut deserializer)
        .and_then(|pasted| deserializer.end().map(|()| pasted))
        .map_err(|error| {
            let (line, column) = json::error_line_column(text, &error);
            let message = json::error_message(&error);
            if error.is_data() {
                format!("This is not a VNet's JSON ({message} at line {line}, column {column}). {HOW}")
            } else {
                format!("This is not JSON ({message} at line {line}, column {column}). {HOW}")
            }
        })?;
    let vnet = match pasted {
        Pasted::One(vnet) => vnet,
        Pasted::List(0) => return Err(format!("The list is empty. {HOW}")),
        Pasted::List(many) => return Err(format!("This lists {many} VNets; paste one. {HOW}")),
        Pasted::NotAnObject => return Err(format!("This is not a VNet: it is not a JSON object. {HOW}")),
    };
    let VnetJson {
        kind,
        id,
        name,
        location,
        address_space,
        subnets,
        virtual_network_peerings,
        properties: Lenient(properties),
    } = *vnet;
    let kind = kind.0;
    if !kind.is_empty() && !kind.eq_ignore_ascii_case("Microsoft.Network/virtualNetworks") {
        return Err(format!(
            "This is a {}, not a VNet (Microsoft.Network/virtualNetworks). {HOW}",
            shown(&kind)
        ));
    }
    let id = id.0;
    if !id
        .to_ascii_lowercase()
        .contains("/providers/microsoft.network/virtualnetworks/")
    {
        return Err(format!("It has no VNet resource ID (the id field). {HOW}"));
    }
    let prefixes = address_space
        .or(properties.address_space)
        .map(|Lenient(space)| texts(space.address_prefixes))
        .unwrap_or_default();
    if prefixes.is_empty() {
        return Err(format!(
            "It lists no address prefixes (addressSpace.addressPrefixes). {HOW}"
        ));
    }
    let subnets = subnets
        .or(properties.subnets)
        .map_or_else(Vec::new, |List(subnets)| subnets)
        .into_iter()
        .filter_map(|Lenient(subnet)| subnet.read())
        .collect();
    let peerings = virtual_network_peerings
        .or(properties.virtual_network_peerings)
        .map_or_else(Vec::new, |List(peerings)| peerings)
        .into_iter()
        .map(|Lenient(peering)| peering.read())
        .collect();
    Ok(AzureVnet {
        name: if name.0.is_empty() {
            last_segment(&id).to_string()
        } else {
            name.0
        },
        location: location.0,
        id,
        prefixes,
        subnets,
        peerings,
    })
}

// ---- The pasted JSON, as serde reads it ----
//
// Azure's format, not the planner's: members the import does not use are ignored, and a member of the wrong type
// reads as empty (a text as "", a list as no items, an object as one with nothing in it), so that what the import
// needs is taken from whatever the portal or a version of `az` prints. A member is read at the top (as `az` prints
// it) or under `properties` (as ARM and the portal do); the top wins.

/// What was pasted: one VNet (also as a list of one, as `az network vnet list` prints), a list of some other
/// length, or not an object at all.
enum Pasted {
    One(Box<VnetJson>),
    List(usize),
    NotAnObject,
}

impl<'de> Deserialize<'de> for Pasted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Pasted, D::Error> {
        struct PastedVisitor;
        impl<'de> Visitor<'de> for PastedVisitor {
            type Value = Pasted;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a VNet's JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Pasted, A::Error> {
                VnetJson::deserialize(MapAccessDeserializer::new(map)).map(|vnet| Pasted::One(Box::new(vnet)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pasted, A::Error> {
                let Some(Lenient(first)) = seq.next_element::<Lenient<VnetJson>>()? else {
                    return Ok(Pasted::List(0));
                };
                let mut count = 1;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    count += 1;
                }
                Ok(if count == 1 {
                    Pasted::One(Box::new(first))
                } else {
                    Pasted::List(count)
                })
            }
            fn visit_bool<E: Error>(self, _: bool) -> Result<Pasted, E> {
                Ok(Pasted::NotAnObject)
            }
            fn visit_i64<E: Error>(self, _: i64) -> Result<Pasted, E> {
                Ok(Pasted::NotAnObject)
            }
            fn visit_u64<E: Error>(self, _: u64) -> Result<Pasted, E> {
                Ok(Pasted::NotAnObject)
            }
            fn visit_f64<E: Error>(self, _: f64) -> Result<Pasted, E> {
                Ok(Pasted::NotAnObject)
            }
            fn visit_str<E: Error>(self, _: &str) -> Result<Pasted, E> {
                Ok(Pasted::NotAnObject)
            }
            fn visit_unit<E: Error>(self) -> Result<Pasted, E> {
                Ok(Pasted::NotAnObject)
            }
        }
        deserializer.deserialize_any(PastedVisitor)
    }
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct VnetJson {
    #[serde(rename = "type")]
    kind: Text,
    id: Text,
    name: Text,
    location: Text,
    address_space: Option<Lenient<AddressSpace>>,
    subnets: Option<List<Lenient<SubnetJson>>>,
    virtual_network_peerings: Option<List<Lenient<PeeringJson>>>,
    properties: Lenient<VnetProperties>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct VnetProperties {
    address_space: Option<Lenient<AddressSpace>>,
    subnets: Option<List<Lenient<SubnetJson>>>,
    virtual_network_peerings: Option<List<Lenient<PeeringJson>>>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct AddressSpace {
    address_prefixes: List<Text>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct SubnetJson {
    name: Text,
    address_prefixes: Option<List<Text>>,
    address_prefix: Option<Text>,
    ip_configurations: Option<List<IgnoredAny>>,
    delegations: Option<List<Lenient<Delegation>>>,
    properties: Lenient<SubnetProperties>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct SubnetProperties {
    address_prefixes: Option<List<Text>>,
    address_prefix: Option<Text>,
    ip_configurations: Option<List<IgnoredAny>>,
    delegations: Option<List<Lenient<Delegation>>>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Delegation {
    service_name: Option<Text>,
    properties: Lenient<DelegationProperties>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct DelegationProperties {
    service_name: Option<Text>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct PeeringJson {
    name: Text,
    remote_virtual_network: Option<Lenient<RemoteVnet>>,
    remote_address_space: Option<Lenient<AddressSpace>>,
    properties: Lenient<PeeringProperties>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct PeeringProperties {
    remote_virtual_network: Option<Lenient<RemoteVnet>>,
    remote_address_space: Option<Lenient<AddressSpace>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RemoteVnet {
    id: Text,
}

impl SubnetJson {
    /// The subnet, when it has a name.
    fn read(self) -> Option<AzureSubnet> {
        let SubnetJson {
            name,
            address_prefixes,
            address_prefix,
            ip_configurations,
            delegations,
            properties: Lenient(nested),
        } = self;
        let mut prefixes = texts(address_prefixes.or(nested.address_prefixes).unwrap_or_default());
        let single = address_prefix.or(nested.address_prefix).unwrap_or_default().0;
        if !single.is_empty() && !prefixes.contains(&single) {
            prefixes.insert(0, single);
        }
        let delegations = delegations
            .or(nested.delegations)
            .map_or_else(Vec::new, |List(delegations)| delegations)
            .into_iter()
            .map(|Lenient(d)| d.service_name.or(d.properties.0.service_name).unwrap_or_default().0)
            .filter(|service| !service.is_empty())
            .collect();
        (!name.0.is_empty()).then_some(AzureSubnet {
            name: name.0,
            prefixes,
            ip_configurations: ip_configurations
                .or(nested.ip_configurations)
                .map_or(0, |List(items)| items.len()),
            delegations,
        })
    }
}

impl PeeringJson {
    /// `(label, prefixes)`.
    fn read(self) -> (String, Vec<String>) {
        let PeeringJson {
            name,
            remote_virtual_network,
            remote_address_space,
            properties: Lenient(nested),
        } = self;
        let remote = remote_virtual_network
            .or(nested.remote_virtual_network)
            .map(|Lenient(remote)| remote.id.0);
        let label = match remote.as_deref().map(last_segment) {
            Some(name) if !name.is_empty() => format!("VNet {name}"),
            _ => format!("VNet ({})", name.0),
        };
        let space = remote_address_space.or(nested.remote_address_space);
        (
            label,
            space.map(|Lenient(s)| texts(s.address_prefixes)).unwrap_or_default(),
        )
    }
}

/// The texts of a list, empty ones left out.
fn texts(list: List<Text>) -> Vec<String> {
    list.0.into_iter().map(|t| t.0).filter(|t| !t.is_empty()).collect()
}

/// A text member, trimmed; any other value reads as "".
#[derive(Default)]
struct Text(String);

/// A list member; any other value reads as no items.
struct List<T>(Vec<T>);

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List(Vec::new())
    }
}

/// An object member; any other value reads as an object with nothing in it.
#[derive(Default)]
struct Lenient<T>(T);

/// How one member is read when its value is each kind of JSON value; the defaults read it as empty.
trait Shape<'de>: Default {
    fn string(_: &str) -> Self {
        Self::default()
    }
    fn array<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Self::default())
    }
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Self::default())
    }
}

impl Shape<'_> for Text {
    fn string(v: &str) -> Text {
        Text(v.trim().to_string())
    }
}

impl<'de, T: Deserialize<'de>> Shape<'de> for List<T> {
    fn array<A: SeqAccess<'de>>(mut seq: A) -> Result<List<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(List(items))
    }
}

impl<'de, T: Default + Deserialize<'de>> Shape<'de> for Lenient<T> {
    fn object<A: MapAccess<'de>>(map: A) -> Result<Lenient<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Lenient)
    }
}

struct ShapeVisitor<T>(PhantomData<T>);

impl<'de, T: Shape<'de>> Visitor<'de> for ShapeVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: Error>(self, _: bool) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_i64<E: Error>(self, _: i64) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_u64<E: Error>(self, _: u64) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_f64<E: Error>(self, _: f64) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
        Ok(T::string(v))
    }
    fn visit_unit<E: Error>(self) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::array(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::object(map)
    }
}

macro_rules! shaped {
    ($($ty:ty),*) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(ShapeVisitor(PhantomData))
            }
        }
    )*};
}

shaped!(Text);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor(PhantomData))
    }
}

impl<'de, T: Default + Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::read_plan;

    fn existing_plan() -> Plan {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/existing-vnet.json"
        ))
        .unwrap();
        read_plan(&text).unwrap()
    }

    /// Shaped like `az network vnet show` output (trimmed to the fields that matter here).
    const AZ_SHOW: &str = r#"{
      "addressSpace": { "addressPrefixes": ["10.60.0.0/16", "fd00:db8::/48"] },
      "id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/spoke-weu",
      "location": "westeurope",
      "name": "spoke-weu",
      "subnets": [
        { "name": "default", "addressPrefix": "10.60.0.0/24", "ipConfigurations": [ { "id": "nic-1" } ] },
        { "name": "ADB-HOST", "addressPrefix": "10.60.8.0/23", "ipConfigurations": [ { "id": "a" }, { "id": "b" } ],
          "delegations": [ { "name": "d", "properties": { "serviceName": "Microsoft.Web/serverFarms" } } ] },
        { "name": "AzureBastionSubnet", "addressPrefixes": ["10.60.1.0/26", "fd00:db8:0:1::/64"] },
        { "name": "adb-container" }
      ],
      "type": "Microsoft.Network/virtualNetworks",
      "virtualNetworkPeerings": [
        {
          "name": "spoke-to-hub",
          "remoteAddressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
          "remoteVirtualNetwork": { "id": "/subscriptions/1/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub-weu" }
        }
      ]
    }"#;

    #[test]
    fn fills_id_prefixes_avoid_ranges_and_the_subnets_the_vnet_already_has() {
        let mut plan = existing_plan();
        plan.workspace.region = String::new();
        let import = import_vnet(&mut plan, AZ_SHOW).unwrap();
        let Network::VnetInjection(injection) = &plan.network else {
            panic!()
        };
        assert_eq!(
            injection.vnet,
            Vnet::Existing {
                resource_id: "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/\
                              Microsoft.Network/virtualNetworks/spoke-weu"
                    .to_string(),
                address_prefixes: vec!["10.60.0.0/16".to_string(), "fd00:db8::/48".to_string()],
            }
        );
        // The host subnet exists already (names compare without case); the container subnet has no range there.
        assert_eq!(injection.host_subnet.cidr, "10.60.8.0/23");
        assert_eq!(injection.container_subnet.cidr, "10.50.68.0/22");
        let avoid: Vec<(&str, &str)> = plan.avoid.iter().map(|a| (a.cidr.as_str(), a.label.as_str())).collect();
        assert_eq!(
            avoid,
            [
                ("10.50.0.0/24", "existing app subnet"),
                ("10.50.1.0/26", "existing private endpoint subnet"),
                ("10.60.0.0/24", "subnet default"),
                ("10.60.1.0/26", "subnet AzureBastionSubnet"),
                ("10.0.0.0/16", "peered VNet hub-weu"),
            ]
        );
        assert_eq!(plan.workspace.region, "westeurope");
        assert_eq!(
            import,
            VnetImport {
                vnet_name: "spoke-weu".to_string(),
                prefixes: 2,
                subnet_ranges_added: 2,
                peered_ranges_added: 1,
                subnets_taken: vec![("host", "ADB-HOST".to_string(), "10.60.8.0/23".to_string())],
                subnets_in_use: vec![("ADB-HOST".to_string(), 2)],
                subnets_delegated_elsewhere: vec![("ADB-HOST".to_string(), "Microsoft.Web/serverFarms".to_string())],
                ipv6_skipped: 1,
                region_set: Some("westeurope".to_string()),
                region_mismatch: None,
            }
        );
        assert_eq!(
            import.summary(),
            "Filled in from the VNet spoke-weu: its resource ID and 2 address prefixes. Added to the ranges to avoid: \
             2 ranges of its other subnets and 1 range of a peered VNet. The VNet already has the host subnet ADB-HOST \
             (10.60.8.0/23); the plan uses it. Careful: ADB-HOST already holds 2 IP configurations, and a workspace \
             subnet must hold nothing else. Careful: ADB-HOST is delegated to Microsoft.Web/serverFarms, and both \
             workspace subnets must be delegated to Microsoft.Databricks/workspaces. 1 IPv6 range left out: the ranges to avoid are IPv4. The workspace region \
             is now westeurope, the VNet's."
        );

        // Filling again adds nothing twice, and a different region is reported, not changed.
        plan.workspace.region = "uksouth".to_string();
        let again = import_vnet(&mut plan, AZ_SHOW).unwrap();
        assert_eq!(plan.avoid.len(), 5);
        assert_eq!((again.subnet_ranges_added, again.peered_ranges_added), (0, 0));
        assert_eq!(plan.workspace.region, "uksouth");
        assert_eq!(
            again.region_mismatch,
            Some(("westeurope".to_string(), "uksouth".to_string()))
        );
        assert!(again
            .summary()
            .ends_with("The VNet is in westeurope but the workspace region is uksouth: they must be the same."));
    }

    #[test]
    fn reads_the_portal_json_view_and_a_one_item_list() {
        let portal = r#"{
          "name": "spoke-weu",
          "id": "/subscriptions/1/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/spoke-weu",
          "type": "Microsoft.Network/virtualNetworks",
          "location": "West Europe",
          "properties": {
            "addressSpace": { "addressPrefixes": ["10.70.0.0/20"] },
            "subnets": [
              { "name": "apps", "properties": { "addressPrefix": "10.70.0.0/24" } },
              { "name": "adb-container", "properties": { "addressPrefix": "10.70.4.0/22",
                "delegations": [ { "properties": { "serviceName": "Microsoft.Databricks/workspaces" } } ] } }
            ],
            "virtualNetworkPeerings": [
              { "name": "to-onprem", "properties": { "remoteAddressSpace": { "addressPrefixes": ["192.168.0.0/16"] } } }
            ]
          }
        }"#;
        for text in [portal.to_string(), format!("[{portal}]")] {
            let mut plan = existing_plan();
            plan.avoid.clear();
            plan.workspace.region = String::new();
            let import = import_vnet(&mut plan, &text).unwrap();
            // A display name (West Europe) becomes the name Azure writes in `location`.
            assert_eq!(plan.workspace.region, "westeurope");
            // Already delegated to Azure Databricks, as a workspace subnet must be: taken, with no warning.
            assert_eq!(
                import.subnets_taken,
                [("container", "adb-container".to_string(), "10.70.4.0/22".to_string())]
            );
            assert!(import.subnets_delegated_elsewhere.is_empty() && import.subnets_in_use.is_empty());
            let avoid: Vec<(&str, &str)> = plan.avoid.iter().map(|a| (a.cidr.as_str(), a.label.as_str())).collect();
            assert_eq!(
                avoid,
                [
                    ("10.70.0.0/24", "subnet apps"),
                    ("192.168.0.0/16", "peered VNet (to-onprem)")
                ]
            );
        }
    }

    #[test]
    fn pasted_text_over_the_size_bound_is_refused_unread() {
        let mut plan = existing_plan();
        let before = plan.clone();
        let padded = format!("{AZ_SHOW}{}", " ".repeat(MAX_VNET_JSON_BYTES + 1 - AZ_SHOW.len()));
        let error = import_vnet(&mut plan, &padded).unwrap_err();
        assert!(error.contains("larger than 32 MB"), "{error}");
        assert_eq!(plan, before);
        // At the bound it reads.
        assert!(import_vnet(&mut plan, &padded[..MAX_VNET_JSON_BYTES]).is_ok());
    }

    /// A VNet with `count` subnets, as `az` prints it; subnet `i` is the /28 at 10.0.0.0 + 16 i, and every
    /// `repeat`th subnet repeats the previous one's prefix (as a subnet's second name for the same range would).
    fn big_vnet(count: usize, repeat: usize) -> String {
        let subnets: Vec<String> = (0..count)
            .map(|i| {
                let block = if i % repeat == repeat - 1 { i - 1 } else { i };
                let cidr = crate::cidr::Cidr::containing(0x0a00_0000 + (block as u32) * 16, 28);
                format!(r#"{{"name": "snet-{i}", "properties": {{"addressPrefix": "{cidr}"}}}}"#)
            })
            .collect();
        format!(
            r#"{{"id": "/subscriptions/1/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/big",
                "addressSpace": {{"addressPrefixes": ["10.0.0.0/8"]}}, "subnets": [{}]}}"#,
            subnets.join(",")
        )
    }

    #[test]
    fn a_large_vnet_is_imported_whole_each_range_once() {
        let mut plan = existing_plan();
        let had = plan.avoid.len();
        // The plan already avoids one of the VNet's subnets.
        plan.avoid.push(AvoidRange {
            cidr: " 10.0.0.16/28 ".to_string(),
            label: "known".to_string(),
        });
        let count = 9_000;
        let import = import_vnet(&mut plan, &big_vnet(count, 10)).unwrap();
        let distinct = count - count / 10;
        assert_eq!(import.subnet_ranges_added, distinct - 1);
        assert_eq!(plan.avoid.len(), had + distinct);
        let mut seen = std::collections::HashSet::new();
        assert!(
            plan.avoid.iter().all(|a| seen.insert(a.cidr.trim().to_string())),
            "each range once"
        );
        assert_eq!(plan.avoid[had].label, "known", "what the plan had stays first");
        assert_eq!(plan.avoid.last().map(|a| a.label.as_str()), Some("subnet snet-8998"));
    }

    #[test]
    fn a_vnet_past_the_plans_bounds_is_refused_and_changes_nothing() {
        // More subnets than a plan avoids ranges: the plan would be 1.5 MB and unreadable.
        let mut plan = existing_plan();
        let before = plan.clone();
        let error = import_vnet(&mut plan, &big_vnet(20_000, 1_000_000)).unwrap_err();
        assert!(error.contains("20002 ranges to avoid"), "{error}");
        assert!(error.contains("at most 10000"), "{error}");
        assert_eq!(plan, before);
        // A subnet name too long for a label, or a prefix too long for a range.
        for (from, to) in [
            ("\"name\": \"default\"", format!("\"name\": \"{}\"", "d".repeat(300))),
            ("\"10.60.0.0/24\"", format!("\"10.60.0.0/24{}\"", "x".repeat(100))),
        ] {
            let pasted = AZ_SHOW.replacen(from, &to, 1);
            let error = import_vnet(&mut plan, &pasted).unwrap_err();
            assert!(error.contains("cannot save and read back"), "{error}");
            assert!(error.contains("at most"), "{error}");
            assert_eq!(plan, before);
        }
    }

    #[test]
    fn deep_nesting_anywhere_costs_no_stack() {
        let depth = 100_000;
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let deep_objects = format!("{}1{}", "{\"properties\":".repeat(depth), "}".repeat(depth));
        let pasted = AZ_SHOW.replacen(
            "\"location\": \"westeurope\",",
            &format!("\"location\": \"westeurope\", \"tags\": {deep}, \"extendedLocation\": {deep_objects},"),
            1,
        );
        let pasted = pasted.replacen(
            "\"ipConfigurations\": [ { \"id\": \"nic-1\" } ]",
            &format!("\"ipConfigurations\": {deep}"),
            1,
        );
        let mut plan = existing_plan();
        let import = import_vnet(&mut plan, &pasted).unwrap();
        assert_eq!(import.vnet_name, "spoke-weu");
        assert_eq!(import.subnets_in_use, [("ADB-HOST".to_string(), 2)]);
        let mut plan = existing_plan();
        assert!(import_vnet(&mut plan, &"[".repeat(depth))
            .unwrap_err()
            .contains("This is not JSON"));
    }

    #[test]
    fn text_that_is_not_one_vnet_changes_nothing_and_says_why() {
        let cases = [
            ("", "This is not JSON"),
            ("{\"id\": ", "This is not JSON"),
            ("[]", "The list is empty"),
            (&format!("[{AZ_SHOW}, {AZ_SHOW}]"), "This lists 2 VNets; paste one"),
            ("\"spoke\"", "it is not a JSON object"),
            (
                r#"{"type": "Microsoft.Network/networkSecurityGroups", "id": "x"}"#,
                "This is a Microsoft.Network/networkSecurityGroups, not a VNet",
            ),
            (
                r#"{"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}"#,
                "no VNet resource ID",
            ),
            (
                r#"{"id": "/subscriptions/1/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v"}"#,
                "no address prefixes",
            ),
        ];
        for (text, expected) in cases {
            let mut plan = existing_plan();
            let before = plan.clone();
            let error = import_vnet(&mut plan, text).unwrap_err();
            assert!(error.contains(expected), "{text}: {error}");
            assert!(error.contains("az network vnet show"), "{error}");
            assert_eq!(plan, before, "{text}");
        }
        // A plan that is not into an existing VNet is refused, unchanged.
        for name in ["nat-gateway", "managed-default"] {
            let text =
                std::fs::read_to_string(format!("{}/../../examples/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let mut plan = read_plan(&text).unwrap();
            let before = plan.clone();
            assert!(import_vnet(&mut plan, AZ_SHOW)
                .unwrap_err()
                .contains("existing VNet first"));
            assert_eq!(plan, before);
        }
    }
}
