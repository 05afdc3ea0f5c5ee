//! Azure's JSON for a VNet, as `az network vnet show` prints it or the portal shows it, read by serde.
//!
//! Azure's format, not the planner's: members the import does not use are ignored, and a member of the wrong type
//! reads as empty (a text as "", a list as no items, an object as one with nothing in it), so that what the import
//! needs is taken from whatever the portal or a version of `az` prints. A member is read at the top (as `az` prints
//! it) or under `properties` (as ARM and the portal do); the top wins.

use crate::json;
use crate::quote::shown;
use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// The VNet as read from the pasted JSON.
pub(super) struct AzureVnet {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) location: String,
    pub(super) prefixes: Vec<String>,
    pub(super) subnets: Vec<AzureSubnet>,
    /// `(label, prefixes)`.
    pub(super) peerings: Vec<(String, Vec<String>)>,
}

pub(super) struct AzureSubnet {
    pub(super) name: String,
    pub(super) prefixes: Vec<String>,
    pub(super) ip_configurations: usize,
    /// The services it is delegated to.
    pub(super) delegations: Vec<String>,
}

/// The last segment of a resource ID.
fn last_segment(id: &str) -> &str {
    id.trim_end_matches('/').rsplit('/').next().unwrap_or(id)
}

/// The VNet in pasted text, or why the text is not one VNet.
pub(super) fn read_vnet(text: &str) -> Result<AzureVnet, String> {
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
