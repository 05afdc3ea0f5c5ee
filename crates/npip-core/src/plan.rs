//! The plan: what a person decides. It is saved, shared and reloaded, so its JSON form is a public, versioned format
//! (documented in `docs/plan-format.md`).
//!
//! Every value a person types is kept as typed (CIDRs and names are strings), so that a plan holding a mistake can
//! still be loaded, shown and explained; the rules in [`crate::rules`] judge the values, the reader only the shape.

use serde::{Deserialize, Serialize};

mod tagged;

/// The plan format version this engine reads and writes.
pub const PLAN_VERSION: u32 = 1;

/// Azure's limit on resource group names; the derived managed resource group name is trimmed to it.
pub const RESOURCE_GROUP_NAME_MAX: usize = 90;

/// A whole plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Plan {
    /// Format version; always [`PLAN_VERSION`] for plans this engine writes.
    pub version: u32,
    pub workspace: Workspace,
    #[serde(default)]
    pub connectivity: Connectivity,
    pub network: Network,
    /// Peak number of cluster nodes running at the same time, across all clusters of the workspace.
    #[serde(default = "default_peak_nodes")]
    pub peak_nodes: u32,
    pub egress: Egress,
    /// Address ranges the plan must not collide with: peered VNets, on-premises networks, other subnets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<AvoidRange>,
}

fn default_peak_nodes() -> u32 {
    50
}

fn default_true() -> bool {
    true
}

/// The Azure Databricks workspace itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Workspace {
    pub name: String,
    /// Azure region name as Azure writes it, for example `westeurope`.
    pub region: String,
    #[serde(default)]
    pub pricing_tier: PricingTier,
    /// Name of the resource group Azure Databricks creates and locks. Derived from the workspace name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_resource_group: Option<String>,
}

/// Workspace pricing tier (`sku.name` in ARM).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum PricingTier {
    Standard,
    #[default]
    Premium,
    Trial,
}

impl PricingTier {
    pub const ALL: [PricingTier; 3] = [PricingTier::Standard, PricingTier::Premium, PricingTier::Trial];

    /// The value ARM expects in `sku.name`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PricingTier::Standard => "standard",
            PricingTier::Premium => "premium",
            PricingTier::Trial => "trial",
        }
    }
}

/// How clusters reach the control plane and how people reach the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Connectivity {
    /// Secure cluster connectivity (No Public IP): nodes get no public address and dial out to the relay.
    #[serde(default = "default_true")]
    pub secure_cluster_connectivity: bool,
    #[serde(default)]
    pub public_network_access: PublicNetworkAccess,
    #[serde(default)]
    pub required_nsg_rules: RequiredNsgRules,
}

impl Default for Connectivity {
    fn default() -> Self {
        Connectivity {
            secure_cluster_connectivity: true,
            public_network_access: PublicNetworkAccess::default(),
            required_nsg_rules: RequiredNsgRules::default(),
        }
    }
}

/// Whether the workspace front end is reachable over the internet (`publicNetworkAccess`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PublicNetworkAccess {
    #[default]
    Enabled,
    Disabled,
}

impl PublicNetworkAccess {
    pub const fn as_str(self) -> &'static str {
        match self {
            PublicNetworkAccess::Enabled => "Enabled",
            PublicNetworkAccess::Disabled => "Disabled",
        }
    }
}

/// Which Databricks-managed NSG rules the workspace keeps (`requiredNsgRules`). `NoAzureServiceRules` is internal
/// to Microsoft and deliberately not offered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum RequiredNsgRules {
    #[default]
    AllRules,
    NoAzureDatabricksRules,
}

impl RequiredNsgRules {
    pub const fn as_str(self) -> &'static str {
        match self {
            RequiredNsgRules::AllRules => "AllRules",
            RequiredNsgRules::NoAzureDatabricksRules => "NoAzureDatabricksRules",
        }
    }
}

/// Where the clusters' network lives.
//
// Struct variants carry their own `rename_all` (rather than `rename_all_fields` on the enum) so that the derived JSON
// Schema, whose generator reads only the per-variant form, names the fields as serde does.
// Deserialize: by hand, in `tagged`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "model", rename_all = "camelCase", deny_unknown_fields)]
pub enum Network {
    /// Azure Databricks creates and locks the VNet in the managed resource group.
    #[serde(rename_all = "camelCase")]
    Managed {
        /// First two octets of the managed /16, for example `10.139` (Azure's default when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address_prefix: Option<String>,
        /// Name of the NAT gateway Azure Databricks creates when secure cluster connectivity is on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        nat_gateway_name: Option<String>,
        /// Name of that NAT gateway's public IP.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        public_ip_name: Option<String>,
    },
    /// The workspace is injected into a VNet the customer owns.
    VnetInjection(Injection),
}

/// VNet injection: the VNet, the two dedicated subnets and the NSG on both.
// Deserialize: by hand, in `tagged`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Injection {
    pub vnet: Vnet,
    /// The host subnet (ARM calls it the "public" subnet, even with No Public IP).
    pub host_subnet: Subnet,
    /// The container subnet (ARM calls it the "private" subnet).
    pub container_subnet: Subnet,
    /// The one network security group attached to both subnets.
    pub nsg_name: String,
}

/// The VNet the workspace is injected into.
// Deserialize: by hand, in `tagged`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum Vnet {
    /// A VNet the template creates.
    #[serde(rename_all = "camelCase")]
    New { name: String, address_space: String },
    /// A VNet that already exists; the template adds the two subnets to it.
    #[serde(rename_all = "camelCase")]
    Existing {
        /// `/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…`
        resource_id: String,
        /// The VNet's address prefixes, so the plan can be checked offline.
        address_prefixes: Vec<String>,
    },
}

/// One of the two Databricks subnets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Subnet {
    pub name: String,
    pub cidr: String,
}

/// How cluster traffic leaves for the internet and Azure services.
// Deserialize: by hand, in `tagged`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Egress {
    /// Managed VNet only: the NAT gateway Azure Databricks creates. Not modifiable.
    ManagedNatGateway,
    /// A Standard outbound load balancer the workspace's nodes join.
    #[serde(rename_all = "camelCase")]
    LoadBalancer {
        load_balancer_name: String,
        backend_pool_name: String,
        frontend_config_name: String,
        public_ip_name: String,
    },
    /// A Standard NAT gateway with a Standard static public IP, on both subnets.
    #[serde(rename_all = "camelCase")]
    NatGateway {
        nat_gateway_name: String,
        public_ip_name: String,
        #[serde(default = "default_idle_timeout")]
        idle_timeout_minutes: u32,
    },
    /// A route table sending everything to a firewall or network virtual appliance.
    #[serde(rename_all = "camelCase")]
    Firewall {
        route_table_name: String,
        /// The appliance's private IP: the next hop of the default route.
        firewall_private_ip: String,
        /// Route the secure cluster connectivity relay straight to the internet instead of through the appliance.
        #[serde(default)]
        scc_relay_bypass: bool,
        /// Also add the Databricks service-tag routes with next hop Internet (they bypass the appliance).
        #[serde(default)]
        service_tag_routes: bool,
        /// More FQDNs the appliance must allow, such as package repositories.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        extra_fqdns: Vec<String>,
    },
    /// A route table with the Databricks service tags only, next hop Internet.
    #[serde(rename_all = "camelCase")]
    ServiceTagRoutes { route_table_name: String },
}

fn default_idle_timeout() -> u32 {
    4
}

/// An address range the plan must stay clear of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AvoidRange {
    pub cidr: String,
    /// What the range is, for people: "hub VNet", "on-premises".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl Workspace {
    /// The managed resource group name the plan uses: the given one, or `databricks-rg-<workspace>` trimmed to
    /// Azure's 90-character limit.
    pub fn managed_resource_group_name(&self) -> String {
        match &self.managed_resource_group {
            Some(name) => name.clone(),
            None => derived_managed_resource_group(&self.name),
        }
    }
}

/// `databricks-rg-<workspace name>`, cut to 90 characters on a character boundary.
pub fn derived_managed_resource_group(workspace_name: &str) -> String {
    format!("databricks-rg-{workspace_name}")
        .chars()
        .take(RESOURCE_GROUP_NAME_MAX)
        .collect()
}

impl Network {
    pub fn injection(&self) -> Option<&Injection> {
        match self {
            Network::VnetInjection(injection) => Some(injection),
            Network::Managed { .. } => None,
        }
    }

    pub fn is_managed(&self) -> bool {
        matches!(self, Network::Managed { .. })
    }
}

impl Egress {
    /// The stable name of this option, as written in the plan's `egress.type`.
    pub const fn kind(&self) -> EgressKind {
        match self {
            Egress::ManagedNatGateway => EgressKind::ManagedNatGateway,
            Egress::LoadBalancer { .. } => EgressKind::LoadBalancer,
            Egress::NatGateway { .. } => EgressKind::NatGateway,
            Egress::Firewall { .. } => EgressKind::Firewall,
            Egress::ServiceTagRoutes { .. } => EgressKind::ServiceTagRoutes,
        }
    }
}

/// The egress options without their settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EgressKind {
    ManagedNatGateway,
    LoadBalancer,
    NatGateway,
    Firewall,
    ServiceTagRoutes,
}

impl EgressKind {
    pub const ALL: [EgressKind; 5] = [
        EgressKind::ManagedNatGateway,
        EgressKind::LoadBalancer,
        EgressKind::NatGateway,
        EgressKind::Firewall,
        EgressKind::ServiceTagRoutes,
    ];

    /// The value of `egress.type` in the plan file.
    pub const fn as_str(self) -> &'static str {
        match self {
            EgressKind::ManagedNatGateway => "managedNatGateway",
            EgressKind::LoadBalancer => "loadBalancer",
            EgressKind::NatGateway => "natGateway",
            EgressKind::Firewall => "firewall",
            EgressKind::ServiceTagRoutes => "serviceTagRoutes",
        }
    }
}

/// The largest plan file the reader accepts. Real plans are a few kilobytes; the limit keeps a pasted or uploaded
/// file from stalling the browser.
pub const MAX_PLAN_BYTES: usize = 1_048_576;

/// What kind of problem stopped a plan from being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadErrorKind {
    /// Over [`MAX_PLAN_BYTES`].
    TooLarge,
    /// The bytes are not UTF-8 text.
    NotText,
    /// Not well-formed JSON.
    Syntax,
    /// Well-formed JSON that is not a plan: a wrong type, an unknown or missing field.
    Shape,
    /// A `version` this engine does not read.
    Version,
}

/// Why a text is not a plan this engine can read. Points at the place where it knows it: line and column for JSON
/// errors, the field's path (`network.hostSubnet.cidr`) for shape errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub kind: ReadErrorKind,
    /// Plain-language explanation, without the location.
    pub message: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Dotted path of the field at fault, when known.
    pub path: Option<String>,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "line {line}, column {column}: ")?;
        }
        if let Some(path) = self.path.as_deref().filter(|p| !p.is_empty()) {
            write!(f, "at `{path}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    fn new(kind: ReadErrorKind, message: impl Into<String>) -> ReadError {
        ReadError {
            kind,
            message: message.into(),
            line: None,
            column: None,
            path: None,
        }
    }

    fn from_json(kind: ReadErrorKind, error: &serde_json::Error, path: Option<String>) -> ReadError {
        // serde_json appends " at line L column C" to its messages; we report the location in our own fields.
        let text = error.to_string();
        let message = match text.rfind(" at line ") {
            Some(cut) if error.line() > 0 => text.get(..cut).unwrap_or_default().to_string(),
            _ => text,
        };
        ReadError {
            kind,
            message,
            line: (error.line() > 0).then_some(error.line()),
            column: (error.line() > 0).then_some(error.column()),
            path,
        }
    }
}

/// Reads a plan file: JSON text of at most [`MAX_PLAN_BYTES`], format [`PLAN_VERSION`]. Only the shape is checked
/// here; [`crate::rules::validate`] judges the values.
pub fn read_plan(text: &str) -> Result<Plan, ReadError> {
    if text.len() > MAX_PLAN_BYTES {
        return Err(too_large());
    }
    check_version(text)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let plan: Plan = deserialize_tracked(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let kind = if inner.is_data() {
            ReadErrorKind::Shape
        } else {
            ReadErrorKind::Syntax
        };
        let path = (kind == ReadErrorKind::Shape && path != ".").then_some(path);
        let mut error = ReadError::from_json(kind, &inner, path);
        if let Some(refined) = error.path.as_deref().and_then(|p| refine_path(text, p, &error.message)) {
            // The location serde reports for an error inside a tagged object is that object's end, which is
            // further from the culprit than the path is.
            error.path = Some(refined);
            error.line = None;
            error.column = None;
        }
        error
    })?;
    deserializer
        .end()
        .map_err(|error| ReadError::from_json(ReadErrorKind::Syntax, &error, None))?;
    // serde also reads a struct from an array of its fields in order; the format has objects only, as the schema
    // says, so such a plan is refused rather than read by position.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        objects_not_arrays(&value, "", false)?;
        unit_egress_has_no_members(&value)?;
    }
    Ok(plan)
}

/// The one typed read of a plan, with the path of the field at fault. The trials of [`refine_path`] go through it
/// too (on the trial's JSON text), so the plan's deserialisation code is compiled once, not also for
/// `serde_json::Value`; a `Value` written out and read back gives the same outcome as reading the `Value` itself.
fn deserialize_tracked(
    deserializer: &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
) -> Result<Plan, serde_path_to_error::Error<serde_json::Error>> {
    serde_path_to_error::deserialize(deserializer)
}

/// serde lets an internally tagged unit variant carry unknown members despite `deny_unknown_fields`;
/// `{"type": "managedNatGateway"}` takes none, so any other member is refused like every unknown field.
fn unit_egress_has_no_members(plan: &serde_json::Value) -> Result<(), ReadError> {
    let Some(egress) = plan.get("egress").and_then(serde_json::Value::as_object) else {
        return Ok(());
    };
    if egress.get("type").and_then(serde_json::Value::as_str) != Some(EgressKind::ManagedNatGateway.as_str()) {
        return Ok(());
    }
    match egress.keys().find(|key| key.as_str() != "type") {
        Some(key) => {
            let mut error = ReadError::new(
                ReadErrorKind::Shape,
                format!("unknown field `{key}`: egress `managedNatGateway` takes no settings"),
            );
            error.path = Some(format!("egress.{key}"));
            Err(error)
        }
        None => Ok(()),
    }
}

/// The plan's members whose values are lists; every other array stands where an object or a value belongs.
const LIST_MEMBERS: [&str; 3] = ["avoid", "addressPrefixes", "extraFqdns"];

fn objects_not_arrays(value: &serde_json::Value, path: &str, list_allowed: bool) -> Result<(), ReadError> {
    match value {
        serde_json::Value::Object(map) => {
            for (key, member) in map {
                let member_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                objects_not_arrays(member, &member_path, LIST_MEMBERS.contains(&key.as_str()))?;
            }
            Ok(())
        }
        serde_json::Value::Array(items) if list_allowed => {
            for (i, item) in items.iter().enumerate() {
                objects_not_arrays(item, &format!("{path}[{i}]"), false)?;
            }
            Ok(())
        }
        serde_json::Value::Array(_) => {
            let mut error = ReadError::new(ReadErrorKind::Shape, "invalid type: array, expected an object");
            error.path = Some(if path.is_empty() {
                ".".to_string()
            } else {
                path.to_string()
            });
            Err(error)
        }
        _ => Ok(()),
    }
}

/// [`read_plan`] for raw bytes, as read from a file or standard input.
pub fn read_plan_bytes(bytes: &[u8]) -> Result<Plan, ReadError> {
    // The size first: it is the more useful message for a huge binary file.
    if bytes.len() > MAX_PLAN_BYTES {
        return Err(too_large());
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        ReadError::new(
            ReadErrorKind::NotText,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {}); a plan is a JSON text file",
                error.valid_up_to()
            ),
        )
    })?;
    // A byte-order mark is legal in UTF-8 files that some Windows editors write; JSON does not allow it.
    read_plan(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The plan's tagged objects (`network`, `network.vnet`, `egress`) are read whole before their fields, so serde
/// reports a wrong type inside them at the object, not the field. This finds the field by taking one member away
/// at a time: the member whose removal makes the error go away (or turn into "missing field" for that member) is the
/// culprit, and the search goes on inside it. Only runs on the error path, on plans of at most 1 MB.
fn refine_path(text: &str, path: &str, message: &str) -> Option<String> {
    if message.starts_with("missing field") {
        return None;
    }
    // Taking away a tag always turns the error into "missing field" for the tag, so a tag is the culprit only when
    // the error is about a variant.
    const TAGS: [&str; 3] = ["model", "kind", "type"];
    let about_variant = message.contains("variant");
    let root: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut pointer = json_pointer(path)?;
    let mut refined = path.to_string();
    // Each trial re-reads the plan, so the search has a budget: plans are shallow and objects small, and a huge
    // array is reported as a whole rather than searched element by element.
    const TRIALS: usize = 64;
    let mut budget = TRIALS;
    for _ in 0..16 {
        let members: Vec<String> = match root.pointer(&pointer)? {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            serde_json::Value::Array(items) => (0..items.len()).map(|i| i.to_string()).collect(),
            _ => break,
        };
        if members.len() > budget {
            break;
        }
        budget -= members.len();
        let culprits: Vec<String> = members
            .into_iter()
            .filter(|member| {
                let Some(at) = root.pointer(&pointer) else {
                    return false;
                };
                let mut trial = String::with_capacity(text.len());
                write_without(&root, at, member, &mut trial);
                match deserialize_tracked(&mut serde_json::Deserializer::from_str(&trial)) {
                    Ok(_) => true,
                    Err(e) => {
                        ReadError::from_json(ReadErrorKind::Shape, e.inner(), None).message
                            == format!("missing field `{member}`")
                            && (about_variant || !TAGS.contains(&member.as_str()))
                    }
                }
            })
            .collect();
        // A tag's removal also fails for the tagged object's own reasons, so any other culprit comes first.
        let culprit = culprits
            .iter()
            .find(|m| !TAGS.contains(&m.as_str()))
            .or(culprits.first())
            .cloned();
        let Some(member) = culprit else { break };
        let is_index = matches!(root.pointer(&pointer), Some(serde_json::Value::Array(_)));
        if is_index {
            refined = format!("{refined}[{member}]");
        } else {
            refined = format!("{refined}.{member}");
        }
        pointer = format!("{pointer}/{}", member.replace('~', "~0").replace('/', "~1"));
        // Stop at the smallest member that still fails to read on its own level.
        if !matches!(
            root.pointer(&pointer),
            Some(serde_json::Value::Object(_) | serde_json::Value::Array(_))
        ) {
            break;
        }
    }
    // An unknown field cannot be taken away to prove it (the plan may then miss the field that was meant), but the
    // message names it.
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field)
    {
        if refined.rsplit(['.', '[']).next() != Some(field) {
            refined = format!("{refined}.{field}");
        }
    }
    (refined != path).then_some(refined)
}

/// The compact JSON text of `value` (as `Value::to_string` writes it) without the member `member` of the object or
/// array `at` within it: a trial of [`refine_path`], written out directly rather than cloned and edited, which keeps
/// the B-tree's removal code and a deep clone of `Value` out of the bundle.
fn write_without(value: &serde_json::Value, at: &serde_json::Value, member: &str, out: &mut String) {
    let here = std::ptr::eq(value, at);
    match value {
        serde_json::Value::Object(map) => {
            out.push('{');
            let mut first = true;
            for (key, item) in map.iter().filter(|(key, _)| !(here && key.as_str() == member)) {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(&serde_json::Value::from(key.as_str()).to_string());
                out.push(':');
                write_without(item, at, member, out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            let skip = member.parse::<usize>().ok().filter(|_| here);
            let mut first = true;
            for (_, item) in items.iter().enumerate().filter(|(i, _)| Some(*i) != skip) {
                if !first {
                    out.push(',');
                }
                first = false;
                write_without(item, at, member, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// `network.vnet` or `avoid[2]` as a JSON pointer (`/network/vnet`, `/avoid/2`).
fn json_pointer(path: &str) -> Option<String> {
    let mut pointer = String::new();
    for part in path.split('.') {
        let (name, indexes) = match part.find('[') {
            Some(at) => part.split_at(at),
            None => (part, ""),
        };
        if !name.is_empty() {
            pointer.push('/');
            pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            pointer.push('/');
            pointer.push_str(index.strip_suffix(']')?);
        }
    }
    Some(pointer)
}

fn too_large() -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!(
            "the file is larger than 1 MB ({MAX_PLAN_BYTES} bytes), the most a plan may be; plans are normally a few \
             kilobytes: is this the right file?"
        ),
    )
}

/// Looks at `version` first, so that a plan from a newer planner is refused for its version rather than for the
/// fields this engine does not know yet.
fn check_version(text: &str) -> Result<(), ReadError> {
    #[derive(Deserialize)]
    struct Probe {
        version: Option<serde_json::Value>,
    }
    let probe = match serde_json::from_str::<Probe>(text) {
        Ok(probe) => probe,
        Err(error) if error.is_syntax() || error.is_eof() => {
            return Err(ReadError::from_json(ReadErrorKind::Syntax, &error, None))
        }
        // Shape problems (not an object, version of the wrong type) are reported by the full read with their path.
        Err(_) => return Ok(()),
    };
    let Some(version) = probe.version.as_ref().and_then(serde_json::Value::as_u64) else {
        return Ok(());
    };
    let supported = u64::from(PLAN_VERSION);
    if version == supported {
        return Ok(());
    }
    let message = if version > supported {
        format!(
            "this plan is format version {version}, made by a newer planner; this planner reads version {supported}. \
             Update the planner to open it"
        )
    } else {
        format!("format version {version} does not exist; this planner reads version {supported}")
    };
    let mut error = ReadError::new(ReadErrorKind::Version, message);
    error.path = Some("version".to_string());
    Err(error)
}

impl Plan {
    /// The plan as pretty JSON (two-space indent, trailing newline), the form the planner saves. Field order follows
    /// the model, so the same plan always gives the same bytes.
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The name to save the plan file under: `<workspace>.npip-plan.json` (see [`Plan::file_name_with`]).
    pub fn file_name(&self) -> String {
        self.file_name_with(PLAN_FILE_NAME)
    }

    /// A file name for something made from this plan: `<workspace>.<suffix>`, keeping only the workspace name's
    /// ASCII letters, digits, `-` and `_` so that it is safe on every file system; `suffix` alone when nothing is
    /// left.
    pub fn file_name_with(&self, suffix: &str) -> String {
        let safe: String = self
            .workspace
            .name
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        if safe.is_empty() {
            suffix.to_string()
        } else {
            format!("{safe}.{suffix}")
        }
    }
}

/// The plan file's name, or its suffix after the workspace name (see [`Plan::file_name`]).
pub const PLAN_FILE_NAME: &str = "npip-plan.json";

/// The JSON Schema (draft-07) of the plan file, derived from the serde model above.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let settings = schemars::gen::SchemaSettings::draft07();
    let schema = settings.into_generator().into_root_schema_for::<Plan>();
    let mut value = serde_json::to_value(&schema).unwrap_or_default();
    add_uint32_maximum(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The generator marks `u32` fields with `"format": "uint32"`, which validators do not enforce; the bound makes the
/// schema refuse what the reader refuses.
#[cfg(feature = "schema")]
fn add_uint32_maximum(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("format").and_then(serde_json::Value::as_str) == Some("uint32") {
                map.insert("maximum".to_string(), serde_json::Value::from(u32::MAX));
            }
            map.values_mut().for_each(add_uint32_maximum);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(add_uint32_maximum),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every place in a JSON tree, as a JSON pointer.
    fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| pointers(v, format!("{at}/{k}"), out)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
            _ => {}
        }
        out.push(at);
    }

    /// A trial written out without a member is the text of the plan with that member taken away.
    #[test]
    fn trials_are_written_as_the_edited_plan_would_be() {
        let mut compared = 0;
        for example in crate::examples::EXAMPLES {
            let mut root: Value = serde_json::from_str(example.text).unwrap();
            // Names that need escaping, too.
            root["workspace"]["name"] = Value::from("a \"quoted\" \\ name\n\u{e9}");
            let mut places = Vec::new();
            pointers(&root, String::new(), &mut places);
            for place in &places {
                let members: Vec<String> = match root.pointer(place).unwrap() {
                    Value::Object(map) => map.keys().cloned().collect(),
                    Value::Array(items) => (0..items.len()).map(|i| i.to_string()).collect(),
                    _ => continue,
                };
                for member in members {
                    let mut edited = root.clone();
                    match edited.pointer_mut(place).unwrap() {
                        Value::Object(map) => drop(map.remove(&member)),
                        Value::Array(items) => drop(items.remove(member.parse::<usize>().unwrap())),
                        _ => unreachable!(),
                    }
                    let mut written = String::new();
                    write_without(&root, root.pointer(place).unwrap(), &member, &mut written);
                    assert_eq!(written, edited.to_string());
                    compared += 1;
                }
            }
        }
        assert!(compared > 100, "{compared}");
    }

    /// `refine_path` reads its trials through `deserialize_tracked` on their text instead of `from_value`: whether a
    /// trial reads, and which field it misses if it fails for that, must be the same for every trial it can make (a
    /// member taken away) and for wrong values. (Other messages may be worded differently: serde_json's text reader
    /// says "expected value" for a `null` where a name belongs, the `Value` reader "invalid type: null"; the search
    /// does not look at them.)
    #[test]
    fn trials_read_from_text_as_from_value_reads_them() {
        let replacements = [
            Value::Null,
            Value::from(true),
            Value::from(-1),
            Value::from(1.5),
            Value::from(5_000_000_000u64),
            Value::from("x"),
            Value::from("managedNatGateway"),
            Value::Array(vec![Value::from("a")]),
            Value::Object(Default::default()),
        ];
        let mut compared = 0;
        for example in crate::examples::EXAMPLES {
            let root: Value = serde_json::from_str(example.text).unwrap();
            let mut places = Vec::new();
            pointers(&root, String::new(), &mut places);
            let mut trials = Vec::new();
            for place in &places {
                let (parent, member) = place.rsplit_once('/').unwrap_or(("", ""));
                let mut trial = root.clone();
                match trial.pointer_mut(parent) {
                    Some(Value::Object(map)) => drop(map.remove(member)),
                    Some(Value::Array(items)) => drop(items.remove(member.parse::<usize>().unwrap())),
                    _ => {}
                }
                trials.push(trial);
                for replacement in &replacements {
                    let mut trial = root.clone();
                    *trial.pointer_mut(place).unwrap() = replacement.clone();
                    trials.push(trial);
                }
            }
            for trial in trials {
                // What `refine_path` asks of a trial: does it read, and if not, is it for a missing field (which)?
                let missing = |message: String| message.starts_with("missing field").then_some(message);
                let from_value = serde_json::from_value::<Plan>(trial.clone()).map_err(|e| missing(e.to_string()));
                let from_text = deserialize_tracked(&mut serde_json::Deserializer::from_str(&trial.to_string()))
                    .map_err(|e| missing(ReadError::from_json(ReadErrorKind::Shape, e.inner(), None).message));
                assert_eq!(from_text.map(|_| ()), from_value.map(|_| ()), "{trial}");
                compared += 1;
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn file_name_keeps_only_safe_characters_of_the_workspace_name() {
        let example = crate::examples::example("nat-gateway").unwrap();
        let mut plan = crate::read_plan(example.text).unwrap();
        plan.workspace.name = " dbw-prod_01 ".into();
        assert_eq!(plan.file_name(), "dbw-prod_01.npip-plan.json");
        plan.workspace.name = "../a b/c".into();
        assert_eq!(plan.file_name(), "abc.npip-plan.json");
        plan.workspace.name = "équipe ✓".into();
        assert_eq!(plan.file_name(), "quipe.npip-plan.json");
        assert_eq!(plan.file_name_with("network.svg"), "quipe.network.svg");
        plan.workspace.name = "//".into();
        assert_eq!(plan.file_name(), PLAN_FILE_NAME);
        assert_eq!(plan.file_name_with("network.svg"), "network.svg");
    }
}
