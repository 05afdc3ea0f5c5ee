//! Filling a plan from pasted VNet JSON, on generated documents shaped like `az network vnet show` output (members
//! from the real vocabulary, at the top or under `properties`, with good, odd and wrong values) and on arbitrary text.
//! It never panics; a refusal leaves the plan exactly as it was; a fill takes the pasted ID and prefixes, never loses
//! a range the plan already avoided, never lists a range twice that was not listed twice before, and gives a plan
//! the planner saves and reads back equal.

use npip_core::json::JsonWriter;
use npip_core::plan::{Network, Plan, Vnet};
use npip_core::vnet_import::import_vnet;
use proptest::prelude::*;

fn plan() -> Plan {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/existing-vnet.json"
    ))
    .unwrap();
    npip_core::read_plan(&text).unwrap()
}

/// A JSON value as a tree to write out.
#[derive(Clone, Debug)]
enum J {
    Str(String),
    Num(u64),
    Bool(bool),
    Null,
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

fn write(w: &mut JsonWriter, value: &J) {
    match value {
        J::Str(s) => w.str(s),
        J::Num(n) => w.uint(*n),
        J::Bool(b) => w.bool(*b),
        J::Null => w.null(),
        J::Arr(items) => w.array(|w| items.iter().for_each(|item| write(w, item))),
        J::Obj(members) => w.object(|w| {
            for (key, item) in members {
                w.key_text(key);
                write(w, item);
            }
        }),
    }
}

const KEYS: &[&str] = &[
    "id",
    "name",
    "type",
    "location",
    "properties",
    "addressSpace",
    "addressPrefixes",
    "addressPrefix",
    "subnets",
    "ipConfigurations",
    "delegations",
    "serviceName",
    "virtualNetworkPeerings",
    "remoteAddressSpace",
    "remoteVirtualNetwork",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v".to_string()),
        Just("Microsoft.Network/virtualNetworks".to_string()),
        Just("10.50.0.0/16".to_string()),
        Just("10.50.64.0/22".to_string()),
        Just("fd00::/64".to_string()),
        Just("adb-host".to_string()),
        Just("ADB-CONTAINER".to_string()),
        Just("West Europe".to_string()),
        Just(String::new()),
        "\\PC{0,16}",
        // Around the plan's bounds on a range (64 characters) and a label (256).
        (50usize..300).prop_map(|n| format!("10.50.{}", "9".repeat(n))),
    ]
}

fn json() -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        text().prop_map(J::Str),
        any::<u64>().prop_map(J::Num),
        any::<bool>().prop_map(J::Bool),
        Just(J::Null),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(J::Arr),
            proptest::collection::vec((proptest::sample::select(KEYS).prop_map(str::to_string), inner), 0..6)
                .prop_map(J::Obj),
        ]
    })
}

fn obj(members: Vec<(&str, J)>) -> J {
    J::Obj(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn strs(items: Vec<String>) -> J {
    J::Arr(items.into_iter().map(J::Str).collect())
}

/// A member at the top, as `az` prints it, or under `properties`, as ARM and the portal do.
fn placed(key: &'static str, value: J, nested: bool) -> (&'static str, J) {
    if nested {
        ("properties", obj(vec![(key, value)]))
    } else {
        (key, value)
    }
}

/// Documents that are mostly VNets: an ID, prefixes, subnets and peerings from the pools, each part maybe misshapen.
fn vnet_document() -> impl Strategy<Value = J> {
    let subnet = (
        text(),
        proptest::collection::vec(text(), 0..3),
        any::<bool>(),
        0usize..3,
        proptest::option::of(text()),
    )
        .prop_map(|(name, prefixes, nested, configurations, delegation)| {
            let mut members = vec![("name", J::Str(name))];
            let mut props = vec![("addressPrefixes", strs(prefixes.clone()))];
            if let Some(first) = prefixes.first() {
                props.push(("addressPrefix", J::Str(first.clone())));
            }
            props.push(("ipConfigurations", J::Arr(vec![J::Null; configurations])));
            if let Some(service) = delegation {
                props.push(("delegations", J::Arr(vec![obj(vec![("serviceName", J::Str(service))])])));
            }
            if nested {
                members.push(("properties", obj(props)));
            } else {
                members.extend(props);
            }
            obj(members)
        });
    let peering = (text(), proptest::collection::vec(text(), 0..3)).prop_map(|(id, prefixes)| {
        obj(vec![
            ("remoteVirtualNetwork", obj(vec![("id", J::Str(id))])),
            ("remoteAddressSpace", obj(vec![("addressPrefixes", strs(prefixes))])),
        ])
    });
    let id = prop_oneof![
        3 => Just("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v".to_string()),
        1 => text(),
    ];
    (
        id,
        proptest::collection::vec(text(), 0..4),
        proptest::collection::vec(subnet, 0..4),
        proptest::collection::vec(peering, 0..3),
        any::<bool>(),
        text(),
        json(),
    )
        .prop_map(|(id, prefixes, subnets, peerings, nested, location, extra)| {
            obj(vec![
                ("id", J::Str(id)),
                ("location", J::Str(location)),
                placed("addressSpace", obj(vec![("addressPrefixes", strs(prefixes))]), nested),
                placed("subnets", J::Arr(subnets), nested),
                placed("virtualNetworkPeerings", J::Arr(peerings), nested),
                ("tags", extra),
            ])
        })
}

fn avoid_of(plan: &Plan) -> Vec<String> {
    plan.avoid.iter().map(|a| a.cidr.trim().to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_vnet_documents(document in prop_oneof![json(), vnet_document()]) {
        let mut w = JsonWriter::new();
        write(&mut w, &document);
        let pasted = w.finish();
        let before = plan();
        let mut after = before.clone();
        match import_vnet(&mut after, &pasted) {
            Err(why) => {
                prop_assert_eq!(&after, &before);
                prop_assert!(!why.is_empty());
            }
            Ok(import) => {
                let Network::VnetInjection(injection) = &after.network else { panic!("the model changed") };
                let Vnet::Existing { resource_id, address_prefixes } = &injection.vnet else { panic!("the VNet kind changed") };
                prop_assert!(pasted.contains(resource_id.as_str()));
                prop_assert_eq!(address_prefixes.len(), import.prefixes);
                prop_assert!(!address_prefixes.is_empty());
                let (was, now) = (avoid_of(&before), avoid_of(&after));
                prop_assert_eq!(&now[..was.len()], &was[..], "the ranges already avoided stay, in order");
                for added in &now[was.len()..] {
                    prop_assert_eq!(now.iter().filter(|c| *c == added).count(), 1, "{} is listed once", added);
                }
                prop_assert_eq!(now.len() - was.len(), import.subnet_ranges_added + import.peered_ranges_added);
                prop_assert!(!import.summary().is_empty());
                // Whatever the import fills in, the planner saves and reads back.
                prop_assert_eq!(npip_core::read_plan(&after.to_json_pretty()), Ok(after.clone()));
            }
        }
    }

    #[test]
    fn arbitrary_text_is_refused_without_a_change(pasted in "\\PC{0,200}") {
        let before = plan();
        let mut after = before.clone();
        if import_vnet(&mut after, &pasted).is_err() {
            prop_assert_eq!(after, before);
        }
    }
}
