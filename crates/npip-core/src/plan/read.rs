//! The plan reader: from the parsed JSON tree to a [`Plan`], with the field's path and its line and column in every
//! message.
//!
//! It checks the shape only (types, names, which fields an object takes); the rules judge the values. What it
//! accepts is exactly what the JSON Schema of `npip schema` describes (a test compares the two on thousands of
//! damaged plans), and a field left out takes the default `docs/plan-format.md` gives.

use super::{
    AvoidRange, Connectivity, Egress, EgressKind, Injection, Network, Plan, PricingTier, PublicNetworkAccess,
    ReadError, ReadErrorKind, RequiredNsgRules, Subnet, Vnet, Workspace, DEFAULT_IDLE_TIMEOUT_MINUTES,
    DEFAULT_PEAK_NODES,
};
use crate::json::{Member, Node, Value};

/// A shape error before it is located in the text: the field's path, where its value (or name) starts, and why.
pub(super) struct Misfit {
    pub path: String,
    pub offset: usize,
    pub message: String,
}

/// Boxed: a `Result` the size of the value it carries, so every `?` in the reader moves less (smaller code).
type Read<T> = Result<T, Box<Misfit>>;

/// `parent.name`, or `name` at the top.
fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// How a value reads in a message: "the string \"many\"", "an array".
fn describe(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {}", n.as_str()),
        Value::String(s) => {
            let mut shown: String = s.chars().take(40).collect();
            if shown.len() < s.len() {
                shown.push('…');
            }
            format!("the string \"{shown}\"")
        }
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

fn wrong_type(node: &Node, path: &str, expected: &str) -> Box<Misfit> {
    Box::new(Misfit {
        path: path.to_string(),
        offset: node.offset,
        message: format!("expected {expected}, found {}", describe(node)),
    })
}

/// "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

/// An object's members, checked against the names it takes: no unknown and no repeated name.
struct Fields<'a> {
    node: &'a Node,
    members: &'a [Member],
    path: &'a str,
}

impl<'a> Fields<'a> {
    fn of(node: &'a Node, path: &'a str, takes: &[&str]) -> Read<Fields<'a>> {
        let Value::Object(members) = &node.value else {
            return Err(wrong_type(node, path, "an object"));
        };
        for (i, member) in members.iter().enumerate() {
            let misfit = |message: String| {
                Box::new(Misfit {
                    path: join(path, &member.name),
                    offset: member.offset,
                    message,
                })
            };
            if !takes.contains(&member.name.as_str()) {
                return Err(misfit(format!(
                    "unknown field `{}`, expected {}",
                    member.name,
                    one_of(takes)
                )));
            }
            // Every name here is one of `takes`, so a repeat shows within its first few members: this stays linear.
            if members[..i].iter().any(|earlier| earlier.name == member.name) {
                return Err(misfit(format!("duplicate field `{}`", member.name)));
            }
        }
        Ok(Fields { node, members, path })
    }

    fn get(&self, name: &str) -> Option<&'a Node> {
        self.members.iter().find(|m| m.name == name).map(|m| &m.value)
    }

    fn required(&self, name: &str) -> Read<&'a Node> {
        self.get(name).ok_or_else(|| self.missing(name))
    }

    /// A missing field is reported at the object that should hold it.
    fn missing(&self, name: &str) -> Box<Misfit> {
        Box::new(Misfit {
            path: self.path.to_string(),
            offset: self.node.offset,
            message: format!("missing field `{name}`"),
        })
    }

    fn string(&self, name: &str) -> Read<String> {
        string(self.required(name)?, &join(self.path, name))
    }

    /// An optional text: absent and `null` both mean none.
    fn optional_string(&self, name: &str) -> Read<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Node { value: Value::Null, .. }) => Ok(None),
            Some(node) => string(node, &join(self.path, name)).map(Some),
        }
    }

    fn string_or(&self, name: &str, default: &str) -> Read<String> {
        match self.get(name) {
            None => Ok(default.to_string()),
            Some(node) => string(node, &join(self.path, name)),
        }
    }

    fn bool_or(&self, name: &str, default: bool) -> Read<bool> {
        match self.get(name) {
            None => Ok(default),
            Some(Node {
                value: Value::Bool(b), ..
            }) => Ok(*b),
            Some(node) => Err(wrong_type(node, &join(self.path, name), "true or false")),
        }
    }

    fn u32_or(&self, name: &str, default: u32) -> Read<u32> {
        match self.get(name) {
            None => Ok(default),
            Some(node) => whole_number(node, &join(self.path, name)),
        }
    }

    fn strings(&self, name: &str) -> Read<Vec<String>> {
        list(self.required(name)?, &join(self.path, name), string)
    }

    fn strings_or_none(&self, name: &str) -> Read<Vec<String>> {
        match self.get(name) {
            None => Ok(Vec::new()),
            Some(node) => list(node, &join(self.path, name), string),
        }
    }

    /// A name from a fixed set (`pricingTier`, a tag), or its default when absent.
    fn choice_or<T: Copy>(&self, name: &str, options: &[(&str, T)], default: Option<T>) -> Read<T> {
        let path = join(self.path, name);
        let node = match (self.get(name), default) {
            (Some(node), _) => node,
            (None, Some(default)) => return Ok(default),
            (None, None) => return Err(self.missing(name)),
        };
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let Some(given) = node.as_str() else {
            return Err(wrong_type(node, &path, &format!("the string {}", one_of(&names))));
        };
        options
            .iter()
            .find(|(n, _)| *n == given)
            .map(|(_, value)| *value)
            .ok_or_else(|| {
                Box::new(Misfit {
                    path,
                    offset: node.offset,
                    message: format!("unknown value `{given}`, expected {}", one_of(&names)),
                })
            })
    }
}

fn string(node: &Node, path: &str) -> Read<String> {
    match &node.value {
        Value::String(s) => Ok(s.clone()),
        _ => Err(wrong_type(node, path, "a string")),
    }
}

fn whole_number(node: &Node, path: &str) -> Read<u32> {
    node.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| wrong_type(node, path, "a whole number from 0 to 4294967295"))
}

fn list<T>(node: &Node, path: &str, item: impl Fn(&Node, &str) -> Read<T>) -> Read<Vec<T>> {
    let Value::Array(items) = &node.value else {
        return Err(wrong_type(node, path, "an array"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, node)| item(node, &format!("{path}[{i}]")))
        .collect()
}

/// The members of the plan file, in the order the planner writes them.
const PLAN_FIELDS: [&str; 7] = [
    "version",
    "workspace",
    "connectivity",
    "network",
    "peakNodes",
    "egress",
    "avoid",
];

/// The plan in a parsed document. The version was checked before.
pub(super) fn plan(root: &Node) -> Read<Plan> {
    // The planner's own outputs sit beside the plan file and are easily picked by mistake: say which file it is.
    if let Some(schema) = root.get("$schema").and_then(Node::as_str) {
        let what = if schema.contains("deploymentParameters") {
            "an ARM parameters file"
        } else if schema.contains("deploymentTemplate") {
            "an ARM template"
        } else {
            "a JSON document with a `$schema`"
        };
        return Err(Box::new(Misfit {
            path: "$schema".to_string(),
            offset: root.offset,
            message: format!(
                "this is {what}, not a plan file; open the plan file the planner saved (its name ends in \
                 `.npip-plan.json`)"
            ),
        }));
    }
    let f = Fields::of(root, "", &PLAN_FIELDS)?;
    Ok(Plan {
        version: whole_number(f.required("version")?, "version")?,
        workspace: workspace(f.required("workspace")?)?,
        connectivity: match f.get("connectivity") {
            Some(node) => connectivity(node)?,
            None => Connectivity::default(),
        },
        network: network(f.required("network")?)?,
        peak_nodes: f.u32_or("peakNodes", DEFAULT_PEAK_NODES)?,
        egress: egress(f.required("egress")?)?,
        avoid: match f.get("avoid") {
            Some(node) => list(node, "avoid", avoid_range)?,
            None => Vec::new(),
        },
    })
}

fn workspace(node: &Node) -> Read<Workspace> {
    let f = Fields::of(
        node,
        "workspace",
        &["name", "region", "pricingTier", "managedResourceGroup"],
    )?;
    Ok(Workspace {
        name: f.string("name")?,
        region: f.string("region")?,
        pricing_tier: f.choice_or(
            "pricingTier",
            &PricingTier::ALL.map(|t| (t.as_str(), t)),
            Some(PricingTier::default()),
        )?,
        managed_resource_group: f.optional_string("managedResourceGroup")?,
    })
}

fn connectivity(node: &Node) -> Read<Connectivity> {
    let f = Fields::of(
        node,
        "connectivity",
        &["secureClusterConnectivity", "publicNetworkAccess", "requiredNsgRules"],
    )?;
    let defaults = Connectivity::default();
    Ok(Connectivity {
        secure_cluster_connectivity: f.bool_or("secureClusterConnectivity", defaults.secure_cluster_connectivity)?,
        public_network_access: f.choice_or(
            "publicNetworkAccess",
            &PublicNetworkAccess::ALL.map(|a| (a.as_str(), a)),
            Some(defaults.public_network_access),
        )?,
        required_nsg_rules: f.choice_or(
            "requiredNsgRules",
            &RequiredNsgRules::ALL.map(|r| (r.as_str(), r)),
            Some(defaults.required_nsg_rules),
        )?,
    })
}

#[derive(Clone, Copy)]
enum Model {
    Managed,
    VnetInjection,
}

/// An internally tagged object's variant: its tag is read first, then the fields that variant takes.
fn tag<T: Copy>(node: &Node, path: &str, tag: &str, options: &[(&str, T)]) -> Read<T> {
    // Only the tag's own type and value matter here; the object is checked whole once the variant is known.
    let everything: Vec<&str> = node
        .members()
        .unwrap_or_default()
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    Fields::of(node, path, &everything)?.choice_or(tag, options, None)
}

fn network(node: &Node) -> Read<Network> {
    let path = "network";
    let model = tag(
        node,
        path,
        "model",
        &[("managed", Model::Managed), ("vnetInjection", Model::VnetInjection)],
    )?;
    Ok(match model {
        Model::Managed => {
            let f = Fields::of(
                node,
                path,
                &["model", "addressPrefix", "natGatewayName", "publicIpName"],
            )?;
            Network::Managed {
                address_prefix: f.optional_string("addressPrefix")?,
                nat_gateway_name: f.optional_string("natGatewayName")?,
                public_ip_name: f.optional_string("publicIpName")?,
            }
        }
        Model::VnetInjection => {
            let f = Fields::of(
                node,
                path,
                &["model", "vnet", "hostSubnet", "containerSubnet", "nsgName"],
            )?;
            Network::VnetInjection(Injection {
                vnet: vnet(f.required("vnet")?)?,
                host_subnet: subnet(f.required("hostSubnet")?, "network.hostSubnet")?,
                container_subnet: subnet(f.required("containerSubnet")?, "network.containerSubnet")?,
                nsg_name: f.string("nsgName")?,
            })
        }
    })
}

#[derive(Clone, Copy)]
enum VnetKind {
    New,
    Existing,
}

fn vnet(node: &Node) -> Read<Vnet> {
    let path = "network.vnet";
    Ok(
        match tag(
            node,
            path,
            "kind",
            &[("new", VnetKind::New), ("existing", VnetKind::Existing)],
        )? {
            VnetKind::New => {
                let f = Fields::of(node, path, &["kind", "name", "addressSpace"])?;
                Vnet::New {
                    name: f.string("name")?,
                    address_space: f.string("addressSpace")?,
                }
            }
            VnetKind::Existing => {
                let f = Fields::of(node, path, &["kind", "resourceId", "addressPrefixes"])?;
                Vnet::Existing {
                    resource_id: f.string("resourceId")?,
                    address_prefixes: f.strings("addressPrefixes")?,
                }
            }
        },
    )
}

fn subnet(node: &Node, path: &str) -> Read<Subnet> {
    let f = Fields::of(node, path, &["name", "cidr"])?;
    Ok(Subnet {
        name: f.string("name")?,
        cidr: f.string("cidr")?,
    })
}

fn egress(node: &Node) -> Read<Egress> {
    let path = "egress";
    let kind = tag(node, path, "type", &EgressKind::ALL.map(|k| (k.as_str(), k)))?;
    Ok(match kind {
        EgressKind::ManagedNatGateway => {
            if let Some(member) = node.members().unwrap_or_default().iter().find(|m| m.name != "type") {
                return Err(Box::new(Misfit {
                    path: join(path, &member.name),
                    offset: member.offset,
                    message: format!(
                        "unknown field `{}`: egress `managedNatGateway` takes no settings",
                        member.name
                    ),
                }));
            }
            Egress::ManagedNatGateway
        }
        EgressKind::LoadBalancer => {
            let f = Fields::of(
                node,
                path,
                &[
                    "type",
                    "loadBalancerName",
                    "backendPoolName",
                    "frontendConfigName",
                    "publicIpName",
                ],
            )?;
            Egress::LoadBalancer {
                load_balancer_name: f.string("loadBalancerName")?,
                backend_pool_name: f.string("backendPoolName")?,
                frontend_config_name: f.string("frontendConfigName")?,
                public_ip_name: f.string("publicIpName")?,
            }
        }
        EgressKind::NatGateway => {
            let f = Fields::of(
                node,
                path,
                &["type", "natGatewayName", "publicIpName", "idleTimeoutMinutes"],
            )?;
            Egress::NatGateway {
                nat_gateway_name: f.string("natGatewayName")?,
                public_ip_name: f.string("publicIpName")?,
                idle_timeout_minutes: f.u32_or("idleTimeoutMinutes", DEFAULT_IDLE_TIMEOUT_MINUTES)?,
            }
        }
        EgressKind::Firewall => {
            let f = Fields::of(
                node,
                path,
                &[
                    "type",
                    "routeTableName",
                    "firewallPrivateIp",
                    "sccRelayBypass",
                    "serviceTagRoutes",
                    "extraFqdns",
                ],
            )?;
            Egress::Firewall {
                route_table_name: f.string("routeTableName")?,
                firewall_private_ip: f.string("firewallPrivateIp")?,
                scc_relay_bypass: f.bool_or("sccRelayBypass", false)?,
                service_tag_routes: f.bool_or("serviceTagRoutes", false)?,
                extra_fqdns: f.strings_or_none("extraFqdns")?,
            }
        }
        EgressKind::ServiceTagRoutes => {
            let f = Fields::of(node, path, &["type", "routeTableName"])?;
            Egress::ServiceTagRoutes {
                route_table_name: f.string("routeTableName")?,
            }
        }
    })
}

fn avoid_range(node: &Node, path: &str) -> Read<AvoidRange> {
    let f = Fields::of(node, path, &["cidr", "label"])?;
    Ok(AvoidRange {
        cidr: f.string("cidr")?,
        label: f.string_or("label", "")?,
    })
}

impl Misfit {
    /// The error as the reader reports it, located in the text.
    pub(super) fn located(self, text: &str) -> ReadError {
        let (line, column) = crate::json::line_column(text, self.offset);
        ReadError {
            kind: ReadErrorKind::Shape,
            message: self.message,
            line: Some(line),
            column: Some(column),
            path: (!self.path.is_empty()).then_some(self.path),
        }
    }
}
