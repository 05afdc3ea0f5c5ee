//! How the plan's JSON is read into the model: the pieces the model's `deserialize_with` attributes name, and the
//! readers of the three tagged objects (`network`, `network.vnet`, `egress`).
//!
//! serde's derive alone is more lenient than the format: it reads a struct from an array of its fields, takes a
//! variant's index for its name, lets a unit variant carry members, and reads a tagged object through a buffer, so an
//! error inside one has no path. Each piece here reads its value straight from the text and raises its refusal there,
//! so serde_path_to_error records the field's path and the reader can point at the value.

use super::{
    AvoidRange, Egress, Injection, Network, PricingTier, PublicNetworkAccess, RequiredNsgRules, Subnet, Vnet,
    DEFAULT_IDLE_TIMEOUT_MINUTES, MAX_ADDRESS_PREFIXES, MAX_AVOID_RANGES, MAX_CIDR_CHARS, MAX_EXTRA_FQDNS,
    MAX_NAME_CHARS, MAX_RESOURCE_ID_CHARS,
};
use crate::quote::shown;
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

/// What a value turned out to be, for "expected …, found …".
enum Found<'a> {
    Null,
    Bool(bool),
    Number(String),
    Str(&'a str),
    Array,
    Object,
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Bool(b) => write!(f, "{b}"),
            Found::Number(n) => write!(f, "the number {}", shown(n)),
            Found::Str(s) => write!(f, "the string \"{}\"", shown(s)),
            Found::Array => f.write_str("an array"),
            Found::Object => f.write_str("an object"),
        }
    }
}

/// One kind of value the plan takes in some place. Each method takes one kind of JSON value; the default refuses it
/// with "expected …, found …", so a kind names only the values it accepts.
trait Expect<'de>: Sized {
    type Value;

    /// What the place takes, as "expected …" says it: "a string", "an object".
    fn expected(&self) -> String;

    fn mismatch(&self, found: Found) -> String {
        format!("expected {}, found {found}", self.expected())
    }

    fn string(self, v: &str) -> Result<Self::Value, String> {
        Err(self.mismatch(Found::Str(v)))
    }
    fn unsigned(self, v: u64) -> Result<Self::Value, String> {
        Err(self.mismatch(Found::Number(v.to_string())))
    }
    fn signed(self, v: i64) -> Result<Self::Value, String> {
        Err(self.mismatch(Found::Number(v.to_string())))
    }
    fn float(self, v: f64) -> Result<Self::Value, String> {
        Err(self.mismatch(Found::Number(v.to_string())))
    }
    fn boolean(self, v: bool) -> Result<Self::Value, String> {
        Err(self.mismatch(Found::Bool(v)))
    }
    fn null(self) -> Result<Self::Value, String> {
        Err(self.mismatch(Found::Null))
    }
    fn array<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(A::Error::custom(self.mismatch(Found::Array)))
    }
    fn object<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(A::Error::custom(self.mismatch(Found::Object)))
    }
}

/// Reads one value of the kind `K`, whatever the text holds there.
fn read<'de, D: Deserializer<'de>, K: Expect<'de>>(deserializer: D, kind: K) -> Result<K::Value, D::Error> {
    deserializer.deserialize_any(Visit(kind))
}

struct Visit<K>(K);

impl<'de, K: Expect<'de>> Visitor<'de> for Visit<K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0.expected())
    }
    fn visit_bool<E: Error>(self, v: bool) -> Result<K::Value, E> {
        self.0.boolean(v).map_err(E::custom)
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<K::Value, E> {
        self.0.signed(v).map_err(E::custom)
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<K::Value, E> {
        self.0.unsigned(v).map_err(E::custom)
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<K::Value, E> {
        self.0.float(v).map_err(E::custom)
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<K::Value, E> {
        self.0.string(v).map_err(E::custom)
    }
    fn visit_unit<E: Error>(self) -> Result<K::Value, E> {
        self.0.null().map_err(E::custom)
    }
    fn visit_none<E: Error>(self) -> Result<K::Value, E> {
        self.0.null().map_err(E::custom)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<K::Value, A::Error> {
        self.0.array(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<K::Value, A::Error> {
        self.0.object(map)
    }
}

/// Each kind is also a seed, for the readers below that read a member's value by kind.
macro_rules! seed {
    ($($kind:ty),*) => {$(
        impl<'de> DeserializeSeed<'de> for $kind {
            type Value = <$kind as Expect<'de>>::Value;
            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
                read(deserializer, self)
            }
        }
    )*};
}

/// A text of at most `max` characters.
#[derive(Clone, Copy)]
struct Text {
    max: usize,
}

const NAME: Text = Text { max: MAX_NAME_CHARS };
const CIDR: Text = Text { max: MAX_CIDR_CHARS };
const RESOURCE_ID: Text = Text {
    max: MAX_RESOURCE_ID_CHARS,
};

impl<'de> Expect<'de> for Text {
    type Value = String;
    fn expected(&self) -> String {
        "a string".to_string()
    }
    fn string(self, v: &str) -> Result<String, String> {
        // Bytes first: at most four to a character, so most texts are known short without counting.
        let count = if v.len() <= self.max {
            v.len()
        } else {
            v.chars().count()
        };
        if count > self.max {
            return Err(format!(
                "expected a string of at most {} characters, found one of {count}",
                self.max
            ));
        }
        Ok(v.to_string())
    }
}

/// A text that may be left out: `null` means none.
#[derive(Clone, Copy)]
struct OptionalText(Text);

impl<'de> Expect<'de> for OptionalText {
    type Value = Option<String>;
    fn expected(&self) -> String {
        "a string".to_string()
    }
    fn string(self, v: &str) -> Result<Option<String>, String> {
        self.0.string(v).map(Some)
    }
    fn null(self) -> Result<Option<String>, String> {
        Ok(None)
    }
}

/// A whole number that fits 32 bits.
#[derive(Clone, Copy)]
struct WholeNumber;

impl<'de> Expect<'de> for WholeNumber {
    type Value = u32;
    fn expected(&self) -> String {
        format!("a whole number from 0 to {}", u32::MAX)
    }
    fn unsigned(self, v: u64) -> Result<u32, String> {
        u32::try_from(v).map_err(|_| self.mismatch(Found::Number(v.to_string())))
    }
}

/// `true` or `false`.
#[derive(Clone, Copy)]
struct Flag;

impl<'de> Expect<'de> for Flag {
    type Value = bool;
    fn expected(&self) -> String {
        "true or false".to_string()
    }
    fn boolean(self, v: bool) -> Result<bool, String> {
        Ok(v)
    }
}

/// An array of at most `max` texts.
#[derive(Clone, Copy)]
struct Texts {
    max: usize,
    item: Text,
}

impl<'de> Expect<'de> for Texts {
    type Value = Vec<String>;
    fn expected(&self) -> String {
        "an array".to_string()
    }
    fn array<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<String>, A::Error> {
        bounded_list(seq, self.max, self.item)
    }
}

/// The items of an array read by `seed`, at most `max` of them: past that, the rest are counted, not read.
fn bounded_list<'de, A, S>(mut seq: A, max: usize, seed: S) -> Result<Vec<S::Value>, A::Error>
where
    A: SeqAccess<'de>,
    S: DeserializeSeed<'de> + Copy,
{
    let mut items = Vec::new();
    while items.len() < max {
        match seq.next_element_seed(seed)? {
            Some(item) => items.push(item),
            None => return Ok(items),
        }
    }
    let mut count = items.len();
    while seq.next_element::<IgnoredAny>()?.is_some() {
        count += 1;
    }
    if count > max {
        return Err(A::Error::custom(format!("expected at most {max} items, found {count}")));
    }
    Ok(items)
}

seed!(Text, OptionalText, WholeNumber, Flag, Texts);

impl<T> Clone for Object<T> {
    fn clone(&self) -> Object<T> {
        *self
    }
}

impl<T> Copy for Object<T> {}

/// An object read by `T`'s derived `Deserialize`, which alone would also take an array of its fields.
struct Object<T>(PhantomData<T>);

impl<T> Object<T> {
    const fn new() -> Object<T> {
        Object(PhantomData)
    }
}

impl<'de, T: Deserialize<'de>> Expect<'de> for Object<T> {
    type Value = T;
    fn expected(&self) -> String {
        "an object".to_string()
    }
    fn object<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Object<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        read(deserializer, self)
    }
}

/// An array of at most `max` objects, each read by `T`'s derived `Deserialize`.
struct Objects<T> {
    max: usize,
    item: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Expect<'de> for Objects<T> {
    type Value = Vec<T>;
    fn expected(&self) -> String {
        "an array".to_string()
    }
    fn array<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<T>, A::Error> {
        bounded_list(seq, self.max, Object::<T>::new())
    }
}

/// "the string `a` or `b`", "one of the strings `a`, `b`, `c`".
fn the_strings(names: &[&str]) -> String {
    match names {
        [_, _, _, ..] => format!("one of the strings {}", one_of(names).trim_start_matches("one of ")),
        _ => format!("the string {}", one_of(names)),
    }
}

/// One of a fixed set of names (`pricingTier`, a tag).
struct Choice<'a, T> {
    options: &'a [(&'static str, T)],
}

impl<T> Choice<'_, T> {
    fn names(&self) -> Vec<&'static str> {
        self.options.iter().map(|(name, _)| *name).collect()
    }
}

impl<'de, T: Copy> Expect<'de> for Choice<'_, T> {
    type Value = T;
    fn expected(&self) -> String {
        the_strings(&self.names())
    }
    fn string(self, v: &str) -> Result<T, String> {
        self.options
            .iter()
            .find(|(name, _)| *name == v)
            .map(|(_, value)| *value)
            .ok_or_else(|| format!("unknown value `{}`, expected {}", shown(v), one_of(&self.names())))
    }
}

// ---- What the model's attributes name ----

/// A name, a region or a label: at most [`MAX_NAME_CHARS`] characters.
pub(super) fn name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    read(deserializer, NAME)
}

/// An address range or address: at most [`MAX_CIDR_CHARS`] characters.
pub(super) fn cidr<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    read(deserializer, CIDR)
}

pub(super) fn optional_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    read(deserializer, OptionalText(NAME))
}

pub(super) fn whole_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    read(deserializer, WholeNumber)
}

pub(super) fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    read(deserializer, Flag)
}

pub(super) fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
    read(deserializer, Object::new())
}

pub(super) fn avoid_ranges<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<AvoidRange>, D::Error> {
    read(
        deserializer,
        Objects {
            max: MAX_AVOID_RANGES,
            item: PhantomData,
        },
    )
}

/// The plan itself: an object, as everywhere else.
pub(super) struct Root(pub super::Plan);

impl<'de> Deserialize<'de> for Root {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Root, D::Error> {
        object(deserializer).map(Root)
    }
}

macro_rules! choice {
    ($($kind:ty),*) => {$(
        impl<'de> Deserialize<'de> for $kind {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$kind, D::Error> {
                read(deserializer, Choice { options: &<$kind>::ALL.map(|v| (v.as_str(), v)) })
            }
        }
    )*};
}

choice!(PricingTier, PublicNetworkAccess, RequiredNsgRules);

// ---- The tagged objects ----

/// A tagged object's variants: the tag's name, and each variant's name with the members it takes besides the tag.
struct Tagged {
    /// What the object is, for messages: `egress`.
    what: &'static str,
    tag: &'static str,
    variants: &'static [(&'static str, &'static [&'static str])],
}

const NETWORK: Tagged = Tagged {
    what: "network",
    tag: "model",
    variants: &[
        ("managed", &["addressPrefix", "natGatewayName", "publicIpName"]),
        ("vnetInjection", &["vnet", "hostSubnet", "containerSubnet", "nsgName"]),
    ],
};

const VNET: Tagged = Tagged {
    what: "vnet",
    tag: "kind",
    variants: &[
        ("new", &["name", "addressSpace"]),
        ("existing", &["resourceId", "addressPrefixes"]),
    ],
};

const EGRESS: Tagged = Tagged {
    what: "egress",
    tag: "type",
    variants: &[
        ("managedNatGateway", &[]),
        (
            "loadBalancer",
            &[
                "loadBalancerName",
                "backendPoolName",
                "frontendConfigName",
                "publicIpName",
            ],
        ),
        ("natGateway", &["natGatewayName", "publicIpName", "idleTimeoutMinutes"]),
        (
            "firewall",
            &[
                "routeTableName",
                "firewallPrivateIp",
                "sccRelayBypass",
                "serviceTagRoutes",
                "extraFqdns",
            ],
        ),
        ("serviceTagRoutes", &["routeTableName"]),
    ],
};

/// One tagged object as it is read: its members in any order, the tag read when it comes, each member checked
/// against the variant (or, before the tag, against every variant's members) as its name is read.
struct TaggedObject {
    spec: &'static Tagged,
    variant: Option<usize>,
    seen: Vec<&'static str>,
}

enum Member {
    Tag,
    Field(&'static str),
}

impl TaggedObject {
    fn new(spec: &'static Tagged) -> TaggedObject {
        TaggedObject {
            spec,
            variant: None,
            seen: Vec::new(),
        }
    }

    /// The name of the next member that is not the tag (the tag is read on the way), or `None` at the end.
    fn next<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Option<&'static str>, A::Error> {
        loop {
            match map.next_key_seed(MemberName(self))? {
                None => return Ok(None),
                Some(Member::Tag) => {
                    let variant = map.next_value_seed(TagValue(self))?;
                    self.variant = Some(variant);
                }
                Some(Member::Field(name)) => {
                    self.seen.push(name);
                    return Ok(Some(name));
                }
            }
        }
    }

    /// The variant's name, once every member is read.
    fn variant<E: Error>(&self) -> Result<&'static str, E> {
        self.variant
            .and_then(|i| self.spec.variants.get(i))
            .map(|(name, _)| *name)
            .ok_or_else(|| E::missing_field(self.spec.tag))
    }

    /// The members a name may be now: the variant's, or before the tag every variant's.
    fn takes(&self) -> Vec<&'static str> {
        let mut names = vec![self.spec.tag];
        let variants = match self.variant.and_then(|i| self.spec.variants.get(i..=i)) {
            Some(one) => one,
            None => self.spec.variants,
        };
        for name in variants.iter().flat_map(|(_, members)| members.iter()) {
            if !names.contains(name) {
                names.push(name);
            }
        }
        names
    }

    fn member(&self, name: &str) -> Result<Member, String> {
        if name == self.spec.tag {
            return match self.variant {
                Some(_) => Err(format!("duplicate field `{name}`")),
                None => Ok(Member::Tag),
            };
        }
        let takes = self.takes();
        match takes.iter().find(|taken| **taken == name) {
            Some(_) if self.seen.contains(&name) => Err(format!("duplicate field `{name}`")),
            Some(taken) => Ok(Member::Field(taken)),
            None => Err(match self.variant.and_then(|i| self.spec.variants.get(i)) {
                Some((variant, [])) => format!(
                    "unknown field `{}`: {} `{variant}` takes no settings",
                    shown(name),
                    self.spec.what
                ),
                _ => format!("unknown field `{}`, expected {}", shown(name), one_of(&takes)),
            }),
        }
    }

    /// The variant a tag names, checked against the members read before it.
    fn tag(&self, given: &str) -> Result<usize, String> {
        let names: Vec<&str> = self.spec.variants.iter().map(|(name, _)| *name).collect();
        let index = names
            .iter()
            .position(|name| *name == given)
            .ok_or_else(|| format!("unknown value `{}`, expected {}", shown(given), one_of(&names)))?;
        let takes = self.spec.variants.get(index).map_or(&[][..], |(_, members)| members);
        match self.seen.iter().find(|seen| !takes.contains(seen)) {
            Some(misplaced) if takes.is_empty() => Err(format!(
                "unknown field `{misplaced}`: {} `{given}` takes no settings",
                self.spec.what
            )),
            Some(misplaced) => {
                let expected: Vec<&str> = [self.spec.tag].iter().chain(takes).copied().collect();
                Err(format!("unknown field `{misplaced}`, expected {}", one_of(&expected)))
            }
            None => Ok(index),
        }
    }
}

/// A member's name, judged as it is read (so that an error carries the name in its path).
struct MemberName<'a>(&'a TaggedObject);

impl<'de> DeserializeSeed<'de> for MemberName<'_> {
    type Value = Member;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberName<'_> {
    type Value = Member;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Member, E> {
        self.0.member(v).map_err(E::custom)
    }
}

/// The tag's value: one of the variants' names, as a string.
struct TagValue<'a>(&'a TaggedObject);

impl<'de> Expect<'de> for TagValue<'_> {
    type Value = usize;
    fn expected(&self) -> String {
        let names: Vec<&str> = self.0.spec.variants.iter().map(|(name, _)| *name).collect();
        the_strings(&names)
    }
    fn string(self, v: &str) -> Result<usize, String> {
        self.0.tag(v)
    }
}

impl<'de> DeserializeSeed<'de> for TagValue<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        read(deserializer, self)
    }
}

/// A member that is required once the variant is known.
fn required<T, E: Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
}

/// Reads a member's value of the kind `seed` into `slot`.
fn take<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    map: &mut A,
    slot: &mut Option<S::Value>,
    seed: S,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

/// A name the spec lists but the reader below does not: impossible by construction, refused rather than ignored.
fn unlisted<E: Error>(what: &str, name: &str) -> E {
    E::custom(format!("unknown field `{name}` in {what}"))
}

struct NetworkObject;

impl<'de> Expect<'de> for NetworkObject {
    type Value = Network;
    fn expected(&self) -> String {
        "an object".to_string()
    }
    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Network, A::Error> {
        let mut object = TaggedObject::new(&NETWORK);
        let (mut address_prefix, mut nat_gateway_name, mut public_ip_name) = (None, None, None);
        let (mut vnet, mut host_subnet, mut container_subnet, mut nsg_name) = (None, None, None, None);
        while let Some(name) = object.next(&mut map)? {
            match name {
                "addressPrefix" => take(&mut map, &mut address_prefix, OptionalText(CIDR))?,
                "natGatewayName" => take(&mut map, &mut nat_gateway_name, OptionalText(NAME))?,
                "publicIpName" => take(&mut map, &mut public_ip_name, OptionalText(NAME))?,
                "vnet" => take(&mut map, &mut vnet, VnetObject)?,
                "hostSubnet" => take(&mut map, &mut host_subnet, Object::<Subnet>::new())?,
                "containerSubnet" => take(&mut map, &mut container_subnet, Object::<Subnet>::new())?,
                "nsgName" => take(&mut map, &mut nsg_name, NAME)?,
                other => return Err(unlisted(NETWORK.what, other)),
            }
        }
        Ok(match object.variant()? {
            "managed" => Network::Managed {
                address_prefix: address_prefix.flatten(),
                nat_gateway_name: nat_gateway_name.flatten(),
                public_ip_name: public_ip_name.flatten(),
            },
            _ => Network::VnetInjection(Injection {
                vnet: required(vnet, "vnet")?,
                host_subnet: required(host_subnet, "hostSubnet")?,
                container_subnet: required(container_subnet, "containerSubnet")?,
                nsg_name: required(nsg_name, "nsgName")?,
            }),
        })
    }
}

struct VnetObject;

impl<'de> Expect<'de> for VnetObject {
    type Value = Vnet;
    fn expected(&self) -> String {
        "an object".to_string()
    }
    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Vnet, A::Error> {
        let mut object = TaggedObject::new(&VNET);
        let (mut name, mut address_space, mut resource_id, mut address_prefixes) = (None, None, None, None);
        while let Some(member) = object.next(&mut map)? {
            match member {
                "name" => take(&mut map, &mut name, NAME)?,
                "addressSpace" => take(&mut map, &mut address_space, CIDR)?,
                "resourceId" => take(&mut map, &mut resource_id, RESOURCE_ID)?,
                "addressPrefixes" => {
                    let texts = Texts {
                        max: MAX_ADDRESS_PREFIXES,
                        item: CIDR,
                    };
                    take(&mut map, &mut address_prefixes, texts)?
                }
                other => return Err(unlisted(VNET.what, other)),
            }
        }
        Ok(match object.variant()? {
            "new" => Vnet::New {
                name: required(name, "name")?,
                address_space: required(address_space, "addressSpace")?,
            },
            _ => Vnet::Existing {
                resource_id: required(resource_id, "resourceId")?,
                address_prefixes: required(address_prefixes, "addressPrefixes")?,
            },
        })
    }
}

seed!(VnetObject);

struct EgressObject;

impl<'de> Expect<'de> for EgressObject {
    type Value = Egress;
    fn expected(&self) -> String {
        "an object".to_string()
    }
    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Egress, A::Error> {
        let mut object = TaggedObject::new(&EGRESS);
        let (mut load_balancer_name, mut backend_pool_name, mut frontend_config_name) = (None, None, None);
        let (mut nat_gateway_name, mut public_ip_name, mut idle_timeout_minutes) = (None, None, None);
        let (mut route_table_name, mut firewall_private_ip) = (None, None);
        let (mut scc_relay_bypass, mut service_tag_routes, mut extra_fqdns) = (None, None, None);
        while let Some(name) = object.next(&mut map)? {
            match name {
                "loadBalancerName" => take(&mut map, &mut load_balancer_name, NAME)?,
                "backendPoolName" => take(&mut map, &mut backend_pool_name, NAME)?,
                "frontendConfigName" => take(&mut map, &mut frontend_config_name, NAME)?,
                "publicIpName" => take(&mut map, &mut public_ip_name, NAME)?,
                "natGatewayName" => take(&mut map, &mut nat_gateway_name, NAME)?,
                "idleTimeoutMinutes" => take(&mut map, &mut idle_timeout_minutes, WholeNumber)?,
                "routeTableName" => take(&mut map, &mut route_table_name, NAME)?,
                "firewallPrivateIp" => take(&mut map, &mut firewall_private_ip, CIDR)?,
                "sccRelayBypass" => take(&mut map, &mut scc_relay_bypass, Flag)?,
                "serviceTagRoutes" => take(&mut map, &mut service_tag_routes, Flag)?,
                "extraFqdns" => {
                    let texts = Texts {
                        max: MAX_EXTRA_FQDNS,
                        item: NAME,
                    };
                    take(&mut map, &mut extra_fqdns, texts)?
                }
                other => return Err(unlisted(EGRESS.what, other)),
            }
        }
        Ok(match object.variant()? {
            "managedNatGateway" => Egress::ManagedNatGateway,
            "loadBalancer" => Egress::LoadBalancer {
                load_balancer_name: required(load_balancer_name, "loadBalancerName")?,
                backend_pool_name: required(backend_pool_name, "backendPoolName")?,
                frontend_config_name: required(frontend_config_name, "frontendConfigName")?,
                public_ip_name: required(public_ip_name, "publicIpName")?,
            },
            "natGateway" => Egress::NatGateway {
                nat_gateway_name: required(nat_gateway_name, "natGatewayName")?,
                public_ip_name: required(public_ip_name, "publicIpName")?,
                idle_timeout_minutes: idle_timeout_minutes.unwrap_or(DEFAULT_IDLE_TIMEOUT_MINUTES),
            },
            "firewall" => Egress::Firewall {
                route_table_name: required(route_table_name, "routeTableName")?,
                firewall_private_ip: required(firewall_private_ip, "firewallPrivateIp")?,
                scc_relay_bypass: scc_relay_bypass.unwrap_or(false),
                service_tag_routes: service_tag_routes.unwrap_or(false),
                extra_fqdns: extra_fqdns.unwrap_or_default(),
            },
            _ => Egress::ServiceTagRoutes {
                route_table_name: required(route_table_name, "routeTableName")?,
            },
        })
    }
}

impl<'de> Deserialize<'de> for Network {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Network, D::Error> {
        read(deserializer, NetworkObject)
    }
}

impl<'de> Deserialize<'de> for Vnet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Vnet, D::Error> {
        read(deserializer, VnetObject)
    }
}

impl<'de> Deserialize<'de> for Egress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Egress, D::Error> {
        read(deserializer, EgressObject)
    }
}
