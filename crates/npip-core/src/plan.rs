//! The plan: what a person decides. It is saved, shared and reloaded, so its JSON form is a public, versioned format
//! (documented in `docs/plan-format.md`).
//!
//! Every value a person types is kept as typed (CIDRs and names are strings), so that a plan holding a mistake can
//! still be loaded, shown and explained; the rules in [`crate::rules`] judge the values, the reader only the shape.
//!
//! The model below is the one definition of the format: serde writes it, reads it (through the pieces in `plan/de.rs`
//! that the `deserialize_with` attributes name, which keep the format's strictness and the path of a field at fault),
//! and schemars derives the JSON Schema from it.

use serde::{Deserialize, Serialize};

mod de;
mod located;
mod normalise;
#[cfg(test)]
mod tests;

pub use normalise::trim_value;

/// The plan format version this engine reads and writes.
pub const PLAN_VERSION: u32 = 1;

/// Azure's limit on resource group names; the derived managed resource group name is trimmed to it.
pub const RESOURCE_GROUP_NAME_MAX: usize = 90;

/// A whole plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Plan {
    /// Format version of the plan file: 1, the one version this planner reads and writes.
    // Always PLAN_VERSION; the schema says so with a `const`, as the reader refuses any other version.
    #[cfg_attr(feature = "schema", schemars(schema_with = "version_schema"))]
    #[serde(deserialize_with = "de::whole_number")]
    pub version: u32,
    #[serde(deserialize_with = "de::object")]
    pub workspace: Workspace,
    #[serde(default, deserialize_with = "de::object")]
    pub connectivity: Connectivity,
    pub network: Network,
    /// Peak number of cluster nodes running at the same time, across all clusters of the workspace.
    #[serde(default = "default_peak_nodes", deserialize_with = "de::whole_number")]
    pub peak_nodes: u32,
    pub egress: Egress,
    /// Address ranges the plan must not collide with: peered VNets, on-premises networks, other subnets.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "de::avoid_ranges"
    )]
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_AVOID_RANGES")))]
    pub avoid: Vec<AvoidRange>,
}

/// Peak nodes when a plan does not say.
pub const DEFAULT_PEAK_NODES: u32 = 50;

fn default_peak_nodes() -> u32 {
    DEFAULT_PEAK_NODES
}

fn default_true() -> bool {
    true
}

/// The Azure Databricks workspace itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Workspace {
    #[serde(deserialize_with = "de::name")]
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
    pub name: String,
    /// Azure region name as Azure writes it, for example `westeurope`.
    #[serde(deserialize_with = "de::name")]
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
    pub region: String,
    #[serde(default)]
    pub pricing_tier: PricingTier,
    /// Name of the resource group Azure Databricks creates and locks. Derived from the workspace name when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::optional_name"
    )]
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
    pub managed_resource_group: Option<String>,
}

/// Workspace pricing tier (`sku.name` in ARM).
// Read as one of `ALL`'s names and nothing else (`plan/de.rs`), as are the two enums below.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
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
    #[serde(default = "default_true", deserialize_with = "de::flag")]
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PublicNetworkAccess {
    #[default]
    Enabled,
    Disabled,
}

impl PublicNetworkAccess {
    pub const ALL: [PublicNetworkAccess; 2] = [PublicNetworkAccess::Enabled, PublicNetworkAccess::Disabled];

    pub const fn as_str(self) -> &'static str {
        match self {
            PublicNetworkAccess::Enabled => "Enabled",
            PublicNetworkAccess::Disabled => "Disabled",
        }
    }
}

/// Which Databricks-managed NSG rules the workspace keeps (`requiredNsgRules`). `NoAzureServiceRules` is internal
/// to Microsoft and deliberately not offered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum RequiredNsgRules {
    #[default]
    AllRules,
    NoAzureDatabricksRules,
}

impl RequiredNsgRules {
    pub const ALL: [RequiredNsgRules; 2] = [RequiredNsgRules::AllRules, RequiredNsgRules::NoAzureDatabricksRules];

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
// Schema, whose generator reads only the per-variant form, names the fields as serde does. Read by `plan/de.rs`,
// which lists each variant's members (the schema test holds the two together).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "model", rename_all = "camelCase", deny_unknown_fields)]
pub enum Network {
    /// Azure Databricks creates and locks the VNet in the managed resource group.
    #[serde(rename_all = "camelCase")]
    Managed {
        /// First two octets of the managed /16, for example `10.139` (Azure's default when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_CIDR_CHARS")))]
        address_prefix: Option<String>,
        /// Name of the NAT gateway Azure Databricks creates when secure cluster connectivity is on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        nat_gateway_name: Option<String>,
        /// Name of that NAT gateway's public IP.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        public_ip_name: Option<String>,
    },
    /// The workspace is injected into a VNet the customer owns.
    VnetInjection(Injection),
}

/// VNet injection: the VNet, the two dedicated subnets and the NSG on both.
// Members of `network`, read with it by `plan/de.rs`.
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
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
    pub nsg_name: String,
}

/// The VNet the workspace is injected into.
// Read by `plan/de.rs`, as `Network` is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum Vnet {
    /// A VNet the template creates.
    #[serde(rename_all = "camelCase")]
    New {
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        name: String,
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_CIDR_CHARS")))]
        address_space: String,
    },
    /// A VNet that already exists; the template adds the two subnets to it.
    #[serde(rename_all = "camelCase")]
    Existing {
        /// `/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…`
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_RESOURCE_ID_CHARS")))]
        resource_id: String,
        /// The VNet's address prefixes, so the plan can be checked offline.
        #[cfg_attr(
            feature = "schema",
            schemars(length(max = "MAX_ADDRESS_PREFIXES"), inner(length(max = "MAX_CIDR_CHARS")))
        )]
        address_prefixes: Vec<String>,
    },
}

/// One of the two Databricks subnets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Subnet {
    #[serde(deserialize_with = "de::name")]
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
    pub name: String,
    #[serde(deserialize_with = "de::cidr")]
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_CIDR_CHARS")))]
    pub cidr: String,
}

/// How cluster traffic leaves for the internet and Azure services.
// Read by `plan/de.rs`, as `Network` is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Egress {
    /// Managed VNet only: the NAT gateway Azure Databricks creates. Not modifiable.
    ManagedNatGateway,
    /// A Standard outbound load balancer the workspace's nodes join.
    #[serde(rename_all = "camelCase")]
    LoadBalancer {
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        load_balancer_name: String,
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        backend_pool_name: String,
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        frontend_config_name: String,
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        public_ip_name: String,
    },
    /// A Standard NAT gateway with a Standard static public IP, on both subnets.
    #[serde(rename_all = "camelCase")]
    NatGateway {
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        nat_gateway_name: String,
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        public_ip_name: String,
        #[serde(default = "default_idle_timeout")]
        idle_timeout_minutes: u32,
    },
    /// A route table sending everything to a firewall or network virtual appliance.
    #[serde(rename_all = "camelCase")]
    Firewall {
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        route_table_name: String,
        /// The appliance's private IP: the next hop of the default route.
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_CIDR_CHARS")))]
        firewall_private_ip: String,
        /// Route the secure cluster connectivity relay straight to the internet instead of through the appliance.
        #[serde(default)]
        scc_relay_bypass: bool,
        /// Also add the Databricks service-tag routes with next hop Internet (they bypass the appliance).
        #[serde(default)]
        service_tag_routes: bool,
        /// More FQDNs the appliance must allow, such as package repositories.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(
            feature = "schema",
            schemars(length(max = "MAX_EXTRA_FQDNS"), inner(length(max = "MAX_NAME_CHARS")))
        )]
        extra_fqdns: Vec<String>,
    },
    /// A route table with the Databricks service tags only, next hop Internet.
    #[serde(rename_all = "camelCase")]
    ServiceTagRoutes {
        #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
        route_table_name: String,
    },
}

/// The NAT gateway's idle timeout when a plan does not say: Azure's default.
pub const DEFAULT_IDLE_TIMEOUT_MINUTES: u32 = 4;

// For the JSON Schema's default.
#[cfg(feature = "schema")]
fn default_idle_timeout() -> u32 {
    DEFAULT_IDLE_TIMEOUT_MINUTES
}

/// An address range the plan must stay clear of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AvoidRange {
    #[serde(deserialize_with = "de::cidr")]
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_CIDR_CHARS")))]
    pub cidr: String,
    /// What the range is, for people: "hub VNet", "on-premises".
    #[serde(default, skip_serializing_if = "String::is_empty", deserialize_with = "de::name")]
    #[cfg_attr(feature = "schema", schemars(length(max = "MAX_NAME_CHARS")))]
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
    const PREFIX: &str = "databricks-rg-";
    // Where the 90th character ends (workspace names are mostly ASCII, so this usually keeps the whole name).
    let keep = workspace_name
        .char_indices()
        .nth(RESOURCE_GROUP_NAME_MAX - PREFIX.len())
        .map_or(workspace_name.len(), |(at, _)| at);
    [PREFIX, workspace_name.get(..keep).unwrap_or(workspace_name)].concat()
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

/// The most characters a name, a region, a label or an extra FQDN may have: Azure's names are at most 90 and a host
/// name 253, so this is generous for any real plan; it keeps a pasted essay from reaching the rules.
pub const MAX_NAME_CHARS: usize = 256;

/// The most characters an address range or address may have (an IPv6 block with its prefix is at most 43).
pub const MAX_CIDR_CHARS: usize = 64;

/// The most characters the existing VNet's resource ID may have (a real one is under 300).
pub const MAX_RESOURCE_ID_CHARS: usize = 1024;

/// The most ranges to avoid: a VNet has at most 3,000 subnets and 500 peerings (1,000 through Virtual Network
/// Manager), and a pasted IPAM export a few thousand ranges.
pub const MAX_AVOID_RANGES: usize = 10_000;

/// The most address prefixes the existing VNet may list.
pub const MAX_ADDRESS_PREFIXES: usize = 1_000;

/// The most extra FQDNs the firewall may be asked to allow.
pub const MAX_EXTRA_FQDNS: usize = 1_000;

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
    /// The message with the field's path but without the line and column: for a plan that is not a file being
    /// read (one about to be saved, or carried by a link).
    pub fn reason(&self) -> String {
        match self.path.as_deref().filter(|p| !p.is_empty()) {
            Some(path) => format!("at `{path}`: {}", self.message),
            None => self.message.clone(),
        }
    }
}

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
}

/// Reads a plan file: JSON text of at most [`MAX_PLAN_BYTES`], format [`PLAN_VERSION`]. Only the shape is checked
/// here; [`crate::rules::validate`] judges the values.
pub fn read_plan(text: &str) -> Result<Plan, ReadError> {
    if text.len() > MAX_PLAN_BYTES {
        return Err(too_large());
    }
    located::read(text)
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

fn too_large() -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!(
            "the file is larger than 1 MB ({MAX_PLAN_BYTES} bytes), the most a plan may be; plans are normally a few \
             kilobytes: is this the right file?"
        ),
    )
}

impl Plan {
    /// The plan as pretty JSON (two-space indent, trailing newline), the form the planner saves. Field order follows
    /// the model, so the same plan always gives the same bytes.
    pub fn to_json_pretty(&self) -> String {
        // The model has only string keys and plain values, which serde_json always writes.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The plan as compact JSON, with no whitespace between tokens (the form a share link carries).
    pub fn to_json_compact(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether the planner can save this plan and read it back: every text and list within its bound, the saved
    /// form within [`MAX_PLAN_BYTES`]. Whatever the planner writes it must read, so what fills a plan from outside
    /// (the VNet import) and what carries one (share links) check this.
    pub fn check_saveable(&self) -> Result<(), ReadError> {
        read_plan(&self.to_json_pretty()).map(|_| ())
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

/// `version`'s schema: the integer [`PLAN_VERSION`] and nothing else.
#[cfg(feature = "schema")]
fn version_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
    schemars::schema::SchemaObject {
        instance_type: Some(schemars::schema::InstanceType::Integer.into()),
        const_value: Some(PLAN_VERSION.into()),
        ..Default::default()
    }
    .into()
}

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
