//! The hand-written reader against serde's derive on copies of the same types: the same outcome (the value read, or
//! the error with its message, line, column and path) for every plan in a large set of damaged and reshaped examples.

use crate::plan::{default_idle_timeout, default_peak_nodes, AvoidRange, Connectivity, Plan, Subnet, Workspace};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{json, Value};

/// The tagged types as they were, with serde's derive.
mod derived {
    use super::*;

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct Plan {
        pub version: u32,
        pub workspace: Workspace,
        #[serde(default)]
        pub connectivity: Connectivity,
        pub network: Network,
        #[serde(default = "default_peak_nodes")]
        pub peak_nodes: u32,
        pub egress: Egress,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub avoid: Vec<AvoidRange>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(tag = "model", rename_all = "camelCase", deny_unknown_fields)]
    pub enum Network {
        #[serde(rename_all = "camelCase")]
        Managed {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            address_prefix: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            nat_gateway_name: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            public_ip_name: Option<String>,
        },
        VnetInjection(Injection),
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct Injection {
        pub vnet: Vnet,
        pub host_subnet: Subnet,
        pub container_subnet: Subnet,
        pub nsg_name: String,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
    pub enum Vnet {
        #[serde(rename_all = "camelCase")]
        New { name: String, address_space: String },
        #[serde(rename_all = "camelCase")]
        Existing {
            resource_id: String,
            address_prefixes: Vec<String>,
        },
    }

    #[derive(Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
    pub enum Egress {
        ManagedNatGateway,
        #[serde(rename_all = "camelCase")]
        LoadBalancer {
            load_balancer_name: String,
            backend_pool_name: String,
            frontend_config_name: String,
            public_ip_name: String,
        },
        #[serde(rename_all = "camelCase")]
        NatGateway {
            nat_gateway_name: String,
            public_ip_name: String,
            #[serde(default = "default_idle_timeout")]
            idle_timeout_minutes: u32,
        },
        #[serde(rename_all = "camelCase")]
        Firewall {
            route_table_name: String,
            firewall_private_ip: String,
            #[serde(default)]
            scc_relay_bypass: bool,
            #[serde(default)]
            service_tag_routes: bool,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            extra_fqdns: Vec<String>,
        },
        #[serde(rename_all = "camelCase")]
        ServiceTagRoutes {
            route_table_name: String,
        },
    }
}

/// What a reader makes of a text: the value written back, or the error (its path, message and location).
fn outcomes<T: DeserializeOwned + Serialize>(text: &str) -> [Result<String, String>; 3] {
    let written = |value: T| serde_json::to_string(&value).unwrap();
    let tracked = serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(text))
        .map(written)
        .map_err(|e| format!("{} | {}", e.path(), e.inner()));
    let plain = serde_json::from_str::<T>(text).map(written).map_err(|e| e.to_string());
    let from_value = match serde_json::from_str::<Value>(text) {
        Ok(value) => serde_json::from_value::<T>(value)
            .map(written)
            .map_err(|e| e.to_string()),
        Err(_) => Err(String::new()),
    };
    [tracked, plain, from_value]
}

fn same_as_derived(text: &str) -> bool {
    let ours = outcomes::<Plan>(text);
    let theirs = outcomes::<derived::Plan>(text);
    assert_eq!(ours, theirs, "{text}");
    ours[0].is_ok()
}

/// JSON text of `value` in which the member at pointer `twice` is written two times.
fn write(value: &Value, at: &str, twice: &str, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            let mut first = true;
            for (key, member) in map {
                let here = format!("{at}/{key}");
                for _ in 0..if here == twice { 2 } else { 1 } {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push_str(":\n ");
                    write(member, &here, twice, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(item, &format!("{at}/{i}"), twice, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn places(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| places(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| places(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

#[test]
fn reads_every_damaged_example_as_the_derive_did() {
    let replacements = [
        json!(null),
        json!(true),
        json!(0),
        json!(1),
        json!(4),
        json!(9),
        json!(-1),
        json!(1.5),
        json!(5_000_000_000u64),
        json!("x"),
        json!("managedNatGateway"),
        json!("natGateway"),
        json!("firewall"),
        json!("new"),
        json!("existing"),
        json!("vnetInjection"),
        json!("managed"),
        json!([]),
        json!(["a"]),
        json!([1]),
        json!([null]),
        json!({}),
        json!({"kind": "new"}),
        json!({"name": "a", "cidr": "b"}),
    ];
    let (mut compared, mut read) = (0, 0);
    for example in crate::examples::EXAMPLES {
        let root: Value = serde_json::from_str(example.text).unwrap();
        let mut all = Vec::new();
        places(&root, String::new(), &mut all);
        let mut trials: Vec<String> = vec![example.text.to_string()];
        for place in &all {
            let (parent, member) = place.rsplit_once('/').unwrap_or(("", ""));
            let mut without = root.clone();
            match without.pointer_mut(parent) {
                Some(Value::Object(map)) => drop(map.remove(member)),
                Some(Value::Array(items)) => drop(items.remove(member.parse::<usize>().unwrap())),
                _ => {}
            }
            trials.push(without.to_string());
            for replacement in &replacements {
                let mut trial = root.clone();
                *trial.pointer_mut(place).unwrap() = replacement.clone();
                trials.push(trial.to_string());
                trials.push(serde_json::to_string_pretty(&trial).unwrap());
            }
            if let Some(Value::Object(map)) = root.pointer(place) {
                let mut extra = root.clone();
                if let Some(Value::Object(map)) = extra.pointer_mut(place) {
                    map.insert("zz".into(), json!(1));
                }
                trials.push(extra.to_string());
                // The members as an array, in the order written and with the first two swapped.
                let mut values: Vec<Value> = map.values().cloned().collect();
                for _ in 0..2 {
                    let mut as_array = root.clone();
                    *as_array.pointer_mut(place).unwrap() = Value::Array(values.clone());
                    trials.push(as_array.to_string());
                    if values.len() > 1 {
                        values.swap(0, 1);
                    }
                }
            }
            let mut twice = String::new();
            write(&root, "", place, &mut twice);
            trials.push(twice);
        }
        for trial in &trials {
            read += usize::from(same_as_derived(trial));
            compared += 1;
        }
    }
    assert!(compared > 5000 && read > 100, "{compared} {read}");
}

/// serde reads a tagged object from an array too: the tag first, then the fields in order.
#[test]
fn reads_tagged_objects_written_as_arrays_as_the_derive_did() {
    let base: Value = serde_json::from_str(crate::examples::EXAMPLES[0].text).unwrap();
    let networks = [
        json!(["managed"]),
        json!(["managed", "10.1"]),
        json!(["managed", null, "nat", "ip"]),
        json!(["managed", null, "nat", "ip", "more"]),
        json!([0]),
        json!([
            1,
            ["new", "v", "10.0.0.0/16"],
            ["h", "10.0.0.0/24"],
            ["c", "10.0.1.0/24"],
            "nsg"
        ]),
        json!(["vnetInjection", [0, "v", "10.0.0.0/16"], {"name": "h", "cidr": "10.0.0.0/24"}, ["c", "10.0.1.0/24"], "nsg"]),
        json!(["vnetInjection", {"kind": 1, "resourceId": "r", "addressPrefixes": ["10.0.0.0/16"]}, ["h", "x"], ["c", "y"], "nsg"]),
        json!(["vnetInjection", {"kind": 2, "name": "v", "addressSpace": "a"}, ["h", "x"], ["c", "y"], "nsg"]),
        json!(["vnetInjection", {"kind": -1, "name": "v", "addressSpace": "a"}, ["h", "x"], ["c", "y"], "nsg"]),
        json!(["vnetInjection", {"name": "v", "kind": "new", "kind": "new"}, ["h", "x"], ["c", "y"], "nsg"]),
        json!(["vnetInjection", ["existing", "r"], ["h", "x"], ["c", "y"], "nsg"]),
        json!([
            "vnetInjection",
            ["existing", "r", ["p"], "extra"],
            ["h", "x"],
            ["c", "y"],
            "nsg"
        ]),
        json!(["vnetInjection", ["new", "v", "a"], ["h"], ["c", "y"], "nsg"]),
        json!(["vnetInjection", ["new", "v", "a"], ["h", "x", "z"], ["c", "y"], "nsg"]),
        json!(["vnetInjection", ["new", "v", "a"], ["h", "x"], ["c", "y"]]),
        json!([
            "vnetInjection",
            ["new", "v", "a"],
            ["h", "x"],
            ["c", "y"],
            "nsg",
            "more"
        ]),
        json!(["vnetInjection", [], ["h", "x"], ["c", "y"], "nsg"]),
        json!(["vnetInjection", "new", ["h", "x"], ["c", "y"], "nsg"]),
        json!(["vnetInjection"]),
        json!([]),
        json!([2]),
        json!([true]),
        json!(["vnetInjection", 7, ["h", "x"], ["c", "y"], "nsg"]),
    ];
    let egresses = [
        json!(["managedNatGateway"]),
        json!(["managedNatGateway", "x"]),
        json!([0]),
        json!(["loadBalancer", "lb", "pool", "fe", "ip"]),
        json!(["loadBalancer", "lb", "pool", "fe"]),
        json!([1, "lb", "pool", "fe", "ip", "more"]),
        json!(["natGateway", "nat", "ip"]),
        json!(["natGateway", "nat", "ip", 9]),
        json!(["natGateway", "nat", "ip", -4]),
        json!(["natGateway", "nat", "ip", 4, 5, 6]),
        json!(["natGateway", "nat"]),
        json!(["firewall", "rt", "10.0.0.4"]),
        json!(["firewall", "rt", "10.0.0.4", true, false, ["a", "b"]]),
        json!(["firewall", "rt", "10.0.0.4", true, false, ["a", 1]]),
        json!(["firewall", "rt", "10.0.0.4", "yes"]),
        json!([3, "rt", "10.0.0.4", true, true, "a"]),
        json!(["serviceTagRoutes", "rt"]),
        json!(["serviceTagRoutes"]),
        json!(["serviceTagRoutes", "rt", "more"]),
        json!([4, "rt"]),
        json!([5, "rt"]),
        json!([]),
        json!([null]),
        json!(["unknown"]),
    ];
    let mut read = 0;
    for network in &networks {
        let mut plan = base.clone();
        plan["network"] = network.clone();
        read += usize::from(same_as_derived(&plan.to_string()));
    }
    for egress in &egresses {
        let mut plan = base.clone();
        plan["egress"] = egress.clone();
        read += usize::from(same_as_derived(&serde_json::to_string_pretty(&plan).unwrap()));
    }
    assert!(read > 10, "{read}");
}

/// Character edits of the example texts: the damage hand editing and truncation do, anywhere in the file.
#[test]
fn reads_edited_example_texts_as_the_derive_did() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet: Vec<char> = "\"{}[],:01-x 9e.\\nulltrue".chars().collect();
    let mut compared = 0;
    for example in crate::examples::EXAMPLES {
        for _ in 0..600 {
            let mut chars: Vec<char> = example.text.chars().collect();
            for _ in 0..1 + next() % 3 {
                let at = (next() % chars.len() as u64) as usize;
                let c = alphabet[(next() % alphabet.len() as u64) as usize];
                match next() % 3 {
                    0 => drop(chars.remove(at)),
                    1 => chars.insert(at, c),
                    _ => chars[at] = c,
                }
            }
            same_as_derived(&chars.into_iter().collect::<String>());
            compared += 1;
        }
    }
    assert!(compared > 4000);
}
