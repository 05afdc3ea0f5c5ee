//! `Deserialize` for the plan's internally tagged objects (`network`, `network.vnet`, `egress`), written by hand.
//!
//! serde's derive reads a tagged object through its private `Content` buffer and a generic deserializer over it; in
//! the web bundle that was the largest single piece of the plan reader. This reader holds the object in a small buffer
//! of its own and converts it directly, raising every error through serde's own constructors at the same point as the
//! derive did: it accepts and refuses the same texts with the same messages, positions and paths. The test below
//! checks that against the derived reader on thousands of plans.

use super::{default_idle_timeout, Egress, Injection, Network, Subnet, Vnet};
use serde::de::{DeserializeSeed, Deserializer, Error, Expected, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use std::fmt;

/// A JSON value as serde_json reported it, object members in order and repeated names kept.
enum Held {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Seq(Vec<Held>),
    Map(Vec<(String, Held)>),
}

impl Held {
    fn invalid<E: Error>(&self, expected: &str) -> E {
        let unexpected = match self {
            Held::Unit => Unexpected::Unit,
            Held::Bool(b) => Unexpected::Bool(*b),
            Held::U64(n) => Unexpected::Unsigned(*n),
            Held::I64(n) => Unexpected::Signed(*n),
            Held::F64(f) => Unexpected::Float(*f),
            Held::Str(s) => Unexpected::Str(s),
            Held::Seq(_) => Unexpected::Seq,
            Held::Map(_) => Unexpected::Map,
        };
        E::invalid_type(unexpected, &expected)
    }
}

impl<'de> Deserialize<'de> for Held {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Held, D::Error> {
        deserializer.deserialize_any(HeldVisitor)
    }
}

struct HeldVisitor;

impl<'de> Visitor<'de> for HeldVisitor {
    type Value = Held;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: Error>(self, v: bool) -> Result<Held, E> {
        Ok(Held::Bool(v))
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<Held, E> {
        Ok(Held::I64(v))
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Held, E> {
        Ok(Held::U64(v))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<Held, E> {
        Ok(Held::F64(v))
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Held, E> {
        Ok(Held::Str(v.to_owned()))
    }
    fn visit_string<E: Error>(self, v: String) -> Result<Held, E> {
        Ok(Held::Str(v))
    }
    fn visit_unit<E: Error>(self) -> Result<Held, E> {
        Ok(Held::Unit)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Held, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Held::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Held, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            members.push((key, map.next_value()?));
        }
        Ok(Held::Map(members))
    }
}

/// One tagged object: the tag's member name, the variant names it takes, and what serde calls the object.
#[derive(Clone, Copy)]
struct Tagged {
    tag: &'static str,
    variants: &'static [&'static str],
    expecting: &'static str,
}

const NETWORK: Tagged = Tagged {
    tag: "model",
    variants: &["managed", "vnetInjection"],
    expecting: "internally tagged enum Network",
};
const VNET: Tagged = Tagged {
    tag: "kind",
    variants: &["new", "existing"],
    expecting: "internally tagged enum Vnet",
};
const EGRESS: Tagged = Tagged {
    tag: "type",
    variants: &[
        "managedNatGateway",
        "loadBalancer",
        "natGateway",
        "firewall",
        "serviceTagRoutes",
    ],
    expecting: "internally tagged enum Egress",
};

/// `variant index 0 <= i < N`: serde's word for a tag given as a number that names no variant.
struct VariantIndex(usize);

impl Expected for VariantIndex {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "variant index 0 <= i < {}", self.0)
    }
}

impl Tagged {
    fn by_name<E: Error>(self, name: &str) -> Result<usize, E> {
        self.variants
            .iter()
            .position(|v| *v == name)
            .ok_or_else(|| E::unknown_variant(name, self.variants))
    }

    /// serde also takes a variant's index in place of its name, where the tag is read from a buffered object.
    fn by_index<E: Error>(self, index: u64) -> Result<usize, E> {
        usize::try_from(index)
            .ok()
            .filter(|i| *i < self.variants.len())
            .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(index), &VariantIndex(self.variants.len())))
    }

    fn held_tag<E: Error>(self, held: Held) -> Result<usize, E> {
        match held {
            Held::Str(name) => self.by_name(&name),
            Held::U64(index) => self.by_index(index),
            other => Err(other.invalid("variant identifier")),
        }
    }

    /// The tag and the other members of a tagged object that was itself held (`network.vnet`).
    fn split_held<E: Error>(self, held: Held) -> Result<(usize, Held), E> {
        match held {
            Held::Map(members) => {
                let mut tag = None;
                let mut rest = Vec::with_capacity(members.len());
                for (key, value) in members {
                    if key == self.tag {
                        if tag.is_some() {
                            return Err(E::duplicate_field(self.tag));
                        }
                        tag = Some(self.held_tag(value)?);
                    } else {
                        rest.push((key, value));
                    }
                }
                let tag = tag.ok_or_else(|| E::missing_field(self.tag))?;
                Ok((tag, Held::Map(rest)))
            }
            Held::Seq(items) => {
                let mut items = items.into_iter();
                let tag = items.next().ok_or_else(|| E::missing_field(self.tag))?;
                Ok((self.held_tag(tag)?, Held::Seq(items.collect())))
            }
            other => Err(other.invalid(self.expecting)),
        }
    }
}

/// Reads the tag's value straight from the JSON text.
struct TagValue(Tagged);

impl<'de> DeserializeSeed<'de> for TagValue {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for TagValue {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("variant identifier")
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<usize, E> {
        self.0.by_index(v)
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<usize, E> {
        self.0.by_name(v)
    }
}

/// Reads a tagged object from the JSON text: its tag, and the other members held for the variant.
impl<'de> Visitor<'de> for Tagged {
    type Value = (usize, Held);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(usize, Held), A::Error> {
        let tag = seq
            .next_element_seed(TagValue(self))?
            .ok_or_else(|| A::Error::missing_field(self.tag))?;
        let mut rest = Vec::new();
        while let Some(item) = seq.next_element()? {
            rest.push(item);
        }
        Ok((tag, Held::Seq(rest)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(usize, Held), A::Error> {
        let mut tag = None;
        let mut rest = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == self.tag {
                if tag.is_some() {
                    return Err(A::Error::duplicate_field(self.tag));
                }
                tag = Some(map.next_value_seed(TagValue(self))?);
            } else {
                rest.push((key, map.next_value()?));
            }
        }
        let tag = tag.ok_or_else(|| A::Error::missing_field(self.tag))?;
        Ok((tag, Held::Map(rest)))
    }
}

/// `struct Subnet with 2 elements`: what serde expects of a struct written as an array that is too short.
struct WithElements(&'static str, usize);

impl Expected for WithElements {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.1 {
            1 => write!(f, "{} with 1 element", self.0),
            n => write!(f, "{} with {n} elements", self.0),
        }
    }
}

/// `2 elements in sequence`: what serde expects of an array with elements left over.
struct InSequence(usize);

impl Expected for InSequence {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 element in sequence"),
            n => write!(f, "{n} elements in sequence"),
        }
    }
}

/// Hands each member of a struct (or struct variant) to `take` with its field's index, in the order written, as
/// serde does: refusing unknown and repeated members, then the first missing field without a default (`required`
/// has bit `i` set for field `i`). serde also reads a struct from an array of its fields in order; so does this.
fn read_fields<E: Error>(
    held: Held,
    expecting: &'static str,
    fields: &'static [&'static str],
    required: u8,
    take: &mut dyn FnMut(usize, Held) -> Result<(), E>,
) -> Result<(), E> {
    let is_required = |i: usize| required & (1 << i) != 0;
    match held {
        Held::Map(members) => {
            let mut seen = 0u8;
            for (key, value) in members {
                let i = fields
                    .iter()
                    .position(|field| *field == key)
                    .ok_or_else(|| E::unknown_field(&key, fields))?;
                let name = fields.get(i).copied().unwrap_or_default();
                if seen & (1 << i) != 0 {
                    return Err(E::duplicate_field(name));
                }
                take(i, value)?;
                seen |= 1 << i;
            }
            match (0..fields.len()).find(|i| is_required(*i) && seen & (1 << i) == 0) {
                Some(i) => Err(E::missing_field(fields.get(i).copied().unwrap_or_default())),
                None => Ok(()),
            }
        }
        Held::Seq(items) => {
            let mut items = items.into_iter();
            for i in 0..fields.len() {
                match items.next() {
                    Some(value) => take(i, value)?,
                    None if is_required(i) => return Err(E::invalid_length(i, &WithElements(expecting, fields.len()))),
                    None => {}
                }
            }
            match items.len() {
                0 => Ok(()),
                left => Err(E::invalid_length(fields.len() + left, &InSequence(fields.len()))),
            }
        }
        other => Err(other.invalid(expecting)),
    }
}

fn string<E: Error>(held: Held) -> Result<String, E> {
    match held {
        Held::Str(text) => Ok(text),
        other => Err(other.invalid("a string")),
    }
}

fn optional_string<E: Error>(held: Held) -> Result<Option<String>, E> {
    match held {
        Held::Unit => Ok(None),
        other => string(other).map(Some),
    }
}

fn strings<E: Error>(held: Held) -> Result<Vec<String>, E> {
    match held {
        Held::Seq(items) => items.into_iter().map(string).collect(),
        other => Err(other.invalid("a sequence")),
    }
}

fn boolean<E: Error>(held: Held) -> Result<bool, E> {
    match held {
        Held::Bool(b) => Ok(b),
        other => Err(other.invalid("a boolean")),
    }
}

fn number_u32<E: Error>(held: Held) -> Result<u32, E> {
    match held {
        Held::U64(n) => u32::try_from(n).map_err(|_| E::invalid_value(Unexpected::Unsigned(n), &"u32")),
        Held::I64(n) => u32::try_from(n).map_err(|_| E::invalid_value(Unexpected::Signed(n), &"u32")),
        other => Err(other.invalid("u32")),
    }
}

fn subnet<E: Error>(held: Held) -> Result<Subnet, E> {
    let (mut name, mut cidr) = (String::new(), String::new());
    read_fields(held, "struct Subnet", &["name", "cidr"], 0b11, &mut |i, value| {
        match i {
            0 => name = string(value)?,
            _ => cidr = string(value)?,
        }
        Ok(())
    })?;
    Ok(Subnet { name, cidr })
}

fn vnet<E: Error>(held: Held) -> Result<Vnet, E> {
    let (tag, held) = VNET.split_held(held)?;
    let (mut first, mut prefixes) = (String::new(), Vec::new());
    let mut address_space = String::new();
    if tag == 0 {
        read_fields(
            held,
            "struct variant Vnet::New",
            &["name", "addressSpace"],
            0b11,
            &mut |i, value| {
                match i {
                    0 => first = string(value)?,
                    _ => address_space = string(value)?,
                }
                Ok(())
            },
        )?;
        return Ok(Vnet::New {
            name: first,
            address_space,
        });
    }
    read_fields(
        held,
        "struct variant Vnet::Existing",
        &["resourceId", "addressPrefixes"],
        0b11,
        &mut |i, value| {
            match i {
                0 => first = string(value)?,
                _ => prefixes = strings(value)?,
            }
            Ok(())
        },
    )?;
    Ok(Vnet::Existing {
        resource_id: first,
        address_prefixes: prefixes,
    })
}

fn injection<E: Error>(held: Held) -> Result<Injection, E> {
    let mut vnet_read = None;
    let (mut host, mut container) = (None, None);
    let mut nsg_name = String::new();
    read_fields(
        held,
        "struct Injection",
        &["vnet", "hostSubnet", "containerSubnet", "nsgName"],
        0b1111,
        &mut |i, value| {
            match i {
                0 => vnet_read = Some(vnet(value)?),
                1 => host = Some(subnet(value)?),
                2 => container = Some(subnet(value)?),
                _ => nsg_name = string(value)?,
            }
            Ok(())
        },
    )?;
    match (vnet_read, host, container) {
        (Some(vnet), Some(host_subnet), Some(container_subnet)) => Ok(Injection {
            vnet,
            host_subnet,
            container_subnet,
            nsg_name,
        }),
        // read_fields has refused a plan without them.
        _ => Err(E::missing_field("vnet")),
    }
}

impl<'de> Deserialize<'de> for Network {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Network, D::Error> {
        let (tag, held) = deserializer.deserialize_any(NETWORK)?;
        if tag == 0 {
            let (mut address_prefix, mut nat_gateway_name, mut public_ip_name) = (None, None, None);
            read_fields(
                held,
                "struct variant Network::Managed",
                &["addressPrefix", "natGatewayName", "publicIpName"],
                0,
                &mut |i, value| {
                    match i {
                        0 => address_prefix = optional_string(value)?,
                        1 => nat_gateway_name = optional_string(value)?,
                        _ => public_ip_name = optional_string(value)?,
                    }
                    Ok(())
                },
            )?;
            return Ok(Network::Managed {
                address_prefix,
                nat_gateway_name,
                public_ip_name,
            });
        }
        injection(held).map(Network::VnetInjection)
    }
}

impl<'de> Deserialize<'de> for Egress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Egress, D::Error> {
        let (tag, held) = deserializer.deserialize_any(EGRESS)?;
        egress(tag, held)
    }
}

fn egress<E: Error>(tag: usize, held: Held) -> Result<Egress, E> {
    // Text members by field index, then the firewall's switches and list.
    let mut text: [String; 4] = Default::default();
    let mut idle_timeout_minutes = default_idle_timeout();
    let (mut scc_relay_bypass, mut service_tag_routes, mut extra_fqdns) = (false, false, Vec::new());
    let mut take_text = |i: usize, value: Held| -> Result<(), E> {
        if let Some(slot) = text.get_mut(i) {
            *slot = string(value)?;
        }
        Ok(())
    };
    match tag {
        // The unit variant takes no members, but serde lets an object carry some (`read_plan` refuses them after);
        // written as an array, it must be empty.
        0 => match held {
            Held::Seq(items) if !items.is_empty() => Err(E::invalid_length(items.len(), &InSequence(0))),
            _ => Ok(Egress::ManagedNatGateway),
        },
        1 => {
            let fields = &[
                "loadBalancerName",
                "backendPoolName",
                "frontendConfigName",
                "publicIpName",
            ];
            read_fields(
                held,
                "struct variant Egress::LoadBalancer",
                fields,
                0b1111,
                &mut take_text,
            )?;
            let [load_balancer_name, backend_pool_name, frontend_config_name, public_ip_name] = text;
            Ok(Egress::LoadBalancer {
                load_balancer_name,
                backend_pool_name,
                frontend_config_name,
                public_ip_name,
            })
        }
        2 => {
            let fields = &["natGatewayName", "publicIpName", "idleTimeoutMinutes"];
            read_fields(
                held,
                "struct variant Egress::NatGateway",
                fields,
                0b011,
                &mut |i, value| match i {
                    2 => {
                        idle_timeout_minutes = number_u32(value)?;
                        Ok(())
                    }
                    _ => take_text(i, value),
                },
            )?;
            let [nat_gateway_name, public_ip_name, ..] = text;
            Ok(Egress::NatGateway {
                nat_gateway_name,
                public_ip_name,
                idle_timeout_minutes,
            })
        }
        3 => {
            let fields = &[
                "routeTableName",
                "firewallPrivateIp",
                "sccRelayBypass",
                "serviceTagRoutes",
                "extraFqdns",
            ];
            read_fields(
                held,
                "struct variant Egress::Firewall",
                fields,
                0b00011,
                &mut |i, value| {
                    match i {
                        2 => scc_relay_bypass = boolean(value)?,
                        3 => service_tag_routes = boolean(value)?,
                        4 => extra_fqdns = strings(value)?,
                        _ => take_text(i, value)?,
                    }
                    Ok(())
                },
            )?;
            let [route_table_name, firewall_private_ip, ..] = text;
            Ok(Egress::Firewall {
                route_table_name,
                firewall_private_ip,
                scc_relay_bypass,
                service_tag_routes,
                extra_fqdns,
            })
        }
        _ => {
            read_fields(
                held,
                "struct variant Egress::ServiceTagRoutes",
                &["routeTableName"],
                0b1,
                &mut take_text,
            )?;
            let [route_table_name, ..] = text;
            Ok(Egress::ServiceTagRoutes { route_table_name })
        }
    }
}

#[cfg(test)]
mod tests;
