//! The ARM template (`azuredeploy.json`) and its parameters file (`azuredeploy.parameters.json`).
//!
//! Every value the plan holds becomes a template parameter with a description and the plan's value as its default;
//! the structure (network model, new or existing VNet, egress option, which routes) is fixed by the plan. API
//! versions are the newest generally available ones with a published schema: Microsoft.Databricks 2026-01-01 (which
//! needs `computeMode`) and Microsoft.Network 2025-07-01 for every network type.

use super::json::{Json, Object};
use super::routes::{route_set, RouteSet};
use super::{accept, Refused};
use crate::plan::{Egress, Injection, Network, Plan, RequiredNsgRules, Vnet};
use crate::regions::Region;

pub const ARM_TEMPLATE_SCHEMA: &str = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
pub const ARM_PARAMETERS_SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#";

const DATABRICKS_API: &str = "2026-01-01";
const NETWORK_API: &str = "2025-07-01";
const DELEGATION_SERVICE: &str = "Microsoft.Databricks/workspaces";
/// Prefix of the NSG rules Azure Databricks manages through the subnet delegation.
const MANAGED_RULE_PREFIX: &str = "Microsoft.Databricks-workspaces_UseOnly_databricks-";
/// Idle timeout of the public IPs and the load balancer's outbound rule (Azure's default).
const IDLE_TIMEOUT_MINUTES: i64 = 4;

/// The ARM template for the plan, or the error findings that block it.
pub fn arm_template(plan: &Plan) -> Result<String, Refused> {
    let region = accept(plan)?;
    Ok(template(plan, region))
}

/// The parameters file for the plan's template: every parameter with the plan's value, `location` set to the
/// plan's region.
pub fn parameters_file(plan: &Plan) -> Result<String, Refused> {
    accept(plan)?;
    Ok(parameters(plan))
}

// ---- parameters ----------------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
}

impl Value {
    fn arm_type(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Int(_) => "int",
            Value::Bool(_) => "bool",
        }
    }

    /// As a template literal: a string starting with `[` would read as an expression, so ARM wants it doubled.
    fn template_literal(&self) -> Json {
        match self {
            Value::Str(s) if s.starts_with('[') => Json::str(format!("[{s}")),
            other => other.plain(),
        }
    }

    fn plain(&self) -> Json {
        match self {
            Value::Str(s) => Json::str(s.clone()),
            Value::Int(n) => Json::Int(*n),
            Value::Bool(b) => Json::Bool(*b),
        }
    }
}

#[derive(Clone, Debug)]
struct Param {
    name: &'static str,
    description: &'static str,
    /// The plan's value: the default in the template and the value in the parameters file.
    value: Value,
    /// A template default other than the plan's value (only `location`).
    default_expression: Option<&'static str>,
    allowed: &'static [&'static str],
    length: Option<(i64, i64)>,
    range: Option<(i64, i64)>,
}

fn param(name: &'static str, description: &'static str, value: Value) -> Param {
    Param {
        name,
        description,
        value,
        default_expression: None,
        allowed: &[],
        length: None,
        range: None,
    }
}

fn text(value: &str) -> Value {
    Value::Str(value.to_string())
}

/// The template's parameters, in the order they appear.
fn params(plan: &Plan) -> Vec<Param> {
    let ws = &plan.workspace;
    let scc = plan.connectivity.secure_cluster_connectivity;
    let mut out = vec![
        Param {
            default_expression: Some("[resourceGroup().location]"),
            ..param(
                "location",
                "Azure region of every resource. Defaults to the resource group's region; the plan's region is in \
                 the parameters file.",
                text(&ws.region),
            )
        },
        Param {
            length: Some((3, 64)),
            ..param(
                "workspaceName",
                "Name of the Azure Databricks workspace.",
                text(&ws.name),
            )
        },
        Param {
            allowed: &["standard", "premium", "trial"],
            ..param(
                "pricingTier",
                "Pricing tier of the workspace.",
                text(ws.pricing_tier.as_str()),
            )
        },
        Param {
            length: Some((1, 90)),
            ..param(
                "managedResourceGroupName",
                "Resource group Azure Databricks creates and locks for the workspace's own resources. It must not \
                 exist yet.",
                text(&ws.managed_resource_group_name()),
            )
        },
        param(
            "enableNoPublicIp",
            "Secure cluster connectivity (No Public IP): cluster nodes get no public IP address.",
            Value::Bool(scc),
        ),
        Param {
            allowed: &["Enabled", "Disabled"],
            ..param(
                "publicNetworkAccess",
                "Whether the workspace is reachable from the internet; Disabled means only through Private Link.",
                text(plan.connectivity.public_network_access.as_str()),
            )
        },
    ];
    match &plan.network {
        Network::Managed {
            address_prefix,
            nat_gateway_name,
            public_ip_name,
        } => {
            if let Some(prefix) = address_prefix {
                out.push(param(
                    "vnetAddressPrefix",
                    "First two octets of the managed VNet's /16 address range, such as 10.139.",
                    text(prefix),
                ));
            }
            if scc {
                if let Some(name) = nat_gateway_name {
                    out.push(param(
                        "natGatewayName",
                        "Name of the NAT gateway Azure Databricks creates in the managed VNet.",
                        text(name),
                    ));
                }
                if let Some(name) = public_ip_name {
                    out.push(param(
                        "publicIpName",
                        "Name of the public IP of the managed NAT gateway.",
                        text(name),
                    ));
                }
            }
        }
        Network::VnetInjection(injection) => {
            out.push(Param {
                allowed: &["AllRules", "NoAzureDatabricksRules"],
                ..param(
                    "requiredNsgRules",
                    "Which Databricks-managed NSG rules the workspace keeps; NoAzureDatabricksRules drops the \
                     control plane rule when clusters reach it through a back-end private endpoint.",
                    text(plan.connectivity.required_nsg_rules.as_str()),
                )
            });
            injection_params(injection, &mut out);
        }
    }
    if plan.network.injection().is_some() {
        egress_params(&plan.egress, &mut out);
    }
    out
}

fn injection_params(injection: &Injection, out: &mut Vec<Param>) {
    match &injection.vnet {
        Vnet::New { name, address_space } => {
            out.push(param("vnetName", "Name of the VNet the template creates.", text(name)));
            out.push(param(
                "vnetAddressSpace",
                "Address space of the new VNet (CIDR).",
                text(address_space),
            ));
        }
        Vnet::Existing { resource_id, .. } => out.push(param(
            "vnetResourceId",
            "Resource ID of the existing VNet. Deploy the template into this VNet's resource group: it adds the two \
             subnets there.",
            text(resource_id),
        )),
    }
    out.push(param(
        "hostSubnetName",
        "Name of the host subnet (ARM's customPublicSubnetName).",
        text(&injection.host_subnet.name),
    ));
    out.push(param(
        "hostSubnetCidr",
        "Address range of the host subnet (CIDR).",
        text(&injection.host_subnet.cidr),
    ));
    out.push(param(
        "containerSubnetName",
        "Name of the container subnet (ARM's customPrivateSubnetName).",
        text(&injection.container_subnet.name),
    ));
    out.push(param(
        "containerSubnetCidr",
        "Address range of the container subnet (CIDR).",
        text(&injection.container_subnet.cidr),
    ));
    out.push(param(
        "nsgName",
        "Name of the network security group on both subnets.",
        text(&injection.nsg_name),
    ));
}

fn egress_params(egress: &Egress, out: &mut Vec<Param>) {
    match egress {
        Egress::ManagedNatGateway => {}
        Egress::NatGateway {
            nat_gateway_name,
            public_ip_name,
            idle_timeout_minutes,
        } => {
            out.push(param(
                "natGatewayName",
                "Name of the NAT gateway on both subnets.",
                text(nat_gateway_name),
            ));
            out.push(param(
                "natGatewayPublicIpName",
                "Name of the NAT gateway's Standard static public IP.",
                text(public_ip_name),
            ));
            out.push(Param {
                range: Some((4, 120)),
                ..param(
                    "natGatewayIdleTimeoutMinutes",
                    "TCP idle timeout of the NAT gateway, in minutes.",
                    Value::Int(i64::from(*idle_timeout_minutes)),
                )
            });
        }
        Egress::LoadBalancer {
            load_balancer_name,
            backend_pool_name,
            frontend_config_name,
            public_ip_name,
        } => {
            out.push(param(
                "loadBalancerName",
                "Name of the outbound load balancer.",
                text(load_balancer_name),
            ));
            out.push(param(
                "loadBalancerBackendPoolName",
                "Name of the load balancer's backend pool the cluster nodes join.",
                text(backend_pool_name),
            ));
            out.push(param(
                "loadBalancerFrontendConfigName",
                "Name of the load balancer's frontend IP configuration.",
                text(frontend_config_name),
            ));
            out.push(param(
                "loadBalancerPublicIpName",
                "Name of the load balancer's Standard static public IP.",
                text(public_ip_name),
            ));
        }
        Egress::Firewall {
            route_table_name,
            firewall_private_ip,
            ..
        } => {
            out.push(param(
                "routeTableName",
                "Name of the route table on both subnets.",
                text(route_table_name),
            ));
            out.push(param(
                "firewallPrivateIp",
                "Private IP of the firewall or network virtual appliance: the next hop of the default route.",
                text(firewall_private_ip),
            ));
        }
        Egress::ServiceTagRoutes { route_table_name } => out.push(param(
            "routeTableName",
            "Name of the route table on both subnets.",
            text(route_table_name),
        )),
    }
}

/// The parameters file, without validation (the caller has validated).
pub(super) fn parameters(plan: &Plan) -> String {
    let mut values = Object::new();
    for p in params(plan) {
        values.push(p.name, Json::obj([("value", p.value.plain())]));
    }
    Json::obj([
        ("$schema", Json::str(ARM_PARAMETERS_SCHEMA)),
        ("contentVersion", Json::str("1.0.0.0")),
        ("parameters", values.into()),
    ])
    .to_pretty()
}

// ---- template ------------------------------------------------------------------------------------------------------

fn p(name: &str) -> String {
    format!("parameters('{name}')")
}

/// `[expression]`
fn expr(inner: impl AsRef<str>) -> Json {
    Json::str(format!("[{}]", inner.as_ref()))
}

/// `resourceId('type', args…)` without brackets.
fn resource_id(resource_type: &str, names: &[String]) -> String {
    let mut out = format!("resourceId('{resource_type}'");
    for name in names {
        out.push_str(", ");
        out.push_str(name);
    }
    out.push(')');
    out
}

fn id_ref(resource_type: &str, names: &[String]) -> Json {
    Json::obj([("id", expr(resource_id(resource_type, names)))])
}

/// The start of a resource: type, apiVersion, name and (for located resources) location.
fn resource(resource_type: &str, api: &str, name: Json, located: bool) -> Object {
    let mut o = Object::new();
    o.push("type", resource_type);
    o.push("apiVersion", api);
    o.push("name", name);
    if located {
        o.push("location", expr(p("location")));
    }
    o
}

fn depends_on(o: &mut Object, ids: Vec<String>) {
    if !ids.is_empty() {
        o.push("dependsOn", Json::Arr(ids.into_iter().map(expr).collect()));
    }
}

const NSG: &str = "Microsoft.Network/networkSecurityGroups";
const PIP: &str = "Microsoft.Network/publicIPAddresses";
const NAT: &str = "Microsoft.Network/natGateways";
const LB: &str = "Microsoft.Network/loadBalancers";
const ROUTE_TABLE: &str = "Microsoft.Network/routeTables";
const VNET: &str = "Microsoft.Network/virtualNetworks";
const SUBNET: &str = "Microsoft.Network/virtualNetworks/subnets";
const WORKSPACE: &str = "Microsoft.Databricks/workspaces";

/// The template, without validation (the caller has validated and found the region).
pub(super) fn template(plan: &Plan, region: &Region) -> String {
    let params = params(plan);
    let mut parameters = Object::new();
    for param in &params {
        let mut o = Object::new();
        o.push("type", param.value.arm_type());
        o.push(
            "defaultValue",
            param
                .default_expression
                .map_or_else(|| param.value.template_literal(), Json::str),
        );
        if !param.allowed.is_empty() {
            o.push(
                "allowedValues",
                Json::Arr(param.allowed.iter().map(|v| Json::str(*v)).collect()),
            );
        }
        if let Some((min, max)) = param.length {
            o.push("minLength", Json::Int(min));
            o.push("maxLength", Json::Int(max));
        }
        if let Some((min, max)) = param.range {
            o.push("minValue", Json::Int(min));
            o.push("maxValue", Json::Int(max));
        }
        o.push("metadata", Json::obj([("description", Json::str(param.description))]));
        parameters.push(param.name, o);
    }

    let mut variables = Object::new();
    let mut resources = Vec::new();
    let mut workspace_depends = Vec::new();
    let mut custom = Object::new();
    custom.push("enableNoPublicIp", Json::obj([("value", expr(p("enableNoPublicIp")))]));

    match &plan.network {
        Network::Managed { .. } => {
            for name in ["vnetAddressPrefix", "natGatewayName", "publicIpName"] {
                if params.iter().any(|x| x.name == name) {
                    custom.push(name, Json::obj([("value", expr(p(name)))]));
                }
            }
        }
        Network::VnetInjection(injection) => {
            let routes = route_set(plan, region, false);
            resources.push(nsg(plan));
            egress_resources(plan, routes.as_ref(), &mut resources, &mut workspace_depends);
            let subnet =
                |name_param: &str, cidr_param: &str| subnet_properties(plan, routes.as_ref(), name_param, cidr_param);
            let vnet_id = match &injection.vnet {
                Vnet::New { .. } => {
                    let mut vnet = resource(VNET, NETWORK_API, expr(p("vnetName")), true);
                    depends_on(&mut vnet, network_dependencies(plan));
                    vnet.push(
                        "properties",
                        Json::obj([
                            (
                                "addressSpace",
                                Json::obj([("addressPrefixes", Json::Arr(vec![expr(p("vnetAddressSpace"))]))]),
                            ),
                            (
                                "subnets",
                                Json::Arr(vec![
                                    inline_subnet("hostSubnetName", subnet("hostSubnetName", "hostSubnetCidr")),
                                    inline_subnet(
                                        "containerSubnetName",
                                        subnet("containerSubnetName", "containerSubnetCidr"),
                                    ),
                                ]),
                            ),
                        ]),
                    );
                    resources.push(vnet.into());
                    let id = resource_id(VNET, &[p("vnetName")]);
                    workspace_depends.insert(0, id.clone());
                    id
                }
                Vnet::Existing { .. } => {
                    variables.push("vnetName", expr(format!("last(split({}, '/'))", p("vnetResourceId"))));
                    let host_id = resource_id(SUBNET, &["variables('vnetName')".to_string(), p("hostSubnetName")]);
                    let container_id =
                        resource_id(SUBNET, &["variables('vnetName')".to_string(), p("containerSubnetName")]);
                    // One after the other: concurrent subnet writes to one VNet fail with
                    // CanceledAndSupersededDueToAnotherOperation.
                    resources.push(child_subnet(
                        "hostSubnetName",
                        network_dependencies(plan),
                        subnet("hostSubnetName", "hostSubnetCidr"),
                    ));
                    let mut container_depends = network_dependencies(plan);
                    container_depends.push(host_id.clone());
                    resources.push(child_subnet(
                        "containerSubnetName",
                        container_depends,
                        subnet("containerSubnetName", "containerSubnetCidr"),
                    ));
                    workspace_depends.insert(0, container_id);
                    workspace_depends.insert(0, host_id);
                    p("vnetResourceId")
                }
            };
            custom.push("customVirtualNetworkId", Json::obj([("value", expr(vnet_id))]));
            custom.push(
                "customPublicSubnetName",
                Json::obj([("value", expr(p("hostSubnetName")))]),
            );
            custom.push(
                "customPrivateSubnetName",
                Json::obj([("value", expr(p("containerSubnetName")))]),
            );
            if let Egress::LoadBalancer { .. } = plan.egress {
                custom.push(
                    "loadBalancerId",
                    Json::obj([("value", expr(resource_id(LB, &[p("loadBalancerName")])))]),
                );
                custom.push(
                    "loadBalancerBackendPoolName",
                    Json::obj([("value", expr(p("loadBalancerBackendPoolName")))]),
                );
            }
        }
    }

    let mut properties = Object::new();
    properties.push("computeMode", "Hybrid");
    properties.push(
        "managedResourceGroupId",
        expr(format!(
            "subscriptionResourceId('Microsoft.Resources/resourceGroups', {})",
            p("managedResourceGroupName")
        )),
    );
    properties.push("publicNetworkAccess", expr(p("publicNetworkAccess")));
    if plan.network.injection().is_some() {
        properties.push("requiredNsgRules", expr(p("requiredNsgRules")));
    }
    properties.push("parameters", custom);

    let mut workspace = resource(WORKSPACE, DATABRICKS_API, expr(p("workspaceName")), true);
    workspace.push("sku", Json::obj([("name", expr(p("pricingTier")))]));
    depends_on(&mut workspace, workspace_depends);
    workspace.push("properties", properties);
    resources.push(workspace.into());

    let workspace_id = resource_id(WORKSPACE, &[p("workspaceName")]);
    let outputs = Json::obj([
        (
            "workspaceId",
            Json::obj([("type", Json::str("string")), ("value", expr(&workspace_id))]),
        ),
        (
            "workspaceUrl",
            Json::obj([
                ("type", Json::str("string")),
                (
                    "value",
                    expr(format!("reference({workspace_id}, '{DATABRICKS_API}').workspaceUrl")),
                ),
            ]),
        ),
    ]);

    let mut root = Object::new();
    root.push("$schema", ARM_TEMPLATE_SCHEMA);
    root.push("contentVersion", "1.0.0.0");
    root.push(
        "metadata",
        Json::obj([
            ("description", Json::str(describe(plan, region))),
            ("generator", Json::str("NPIP Planner")),
        ]),
    );
    root.push("parameters", parameters);
    if !variables.is_empty() {
        root.push("variables", variables);
    }
    root.push("resources", Json::Arr(resources));
    root.push("outputs", outputs);
    Json::from(root).to_pretty()
}

/// One sentence on what the template deploys.
fn describe(plan: &Plan, region: &Region) -> String {
    let network = match &plan.network {
        Network::Managed { .. } => "managed VNet".to_string(),
        Network::VnetInjection(injection) => match injection.vnet {
            Vnet::New { .. } => "VNet injection into a new VNet".to_string(),
            Vnet::Existing { .. } => "VNet injection into an existing VNet".to_string(),
        },
    };
    let egress = match plan.egress {
        Egress::ManagedNatGateway => "Azure Databricks' managed egress",
        Egress::LoadBalancer { .. } => "an outbound load balancer",
        Egress::NatGateway { .. } => "a NAT gateway",
        Egress::Firewall { .. } => "a route table to a firewall",
        Egress::ServiceTagRoutes { .. } => "service-tag routes",
    };
    let scc = if plan.connectivity.secure_cluster_connectivity {
        "with"
    } else {
        "without"
    };
    format!(
        "Azure Databricks workspace {} in {} ({}): {network}, egress through {egress}, {scc} secure cluster \
         connectivity.",
        plan.workspace.name, region.display_name, region.name
    )
}

/// What the VNet or its subnets depend on: the NSG and the egress resource attached to the subnets.
fn network_dependencies(plan: &Plan) -> Vec<String> {
    let mut ids = vec![resource_id(NSG, &[p("nsgName")])];
    match plan.egress {
        Egress::NatGateway { .. } => ids.push(resource_id(NAT, &[p("natGatewayName")])),
        Egress::Firewall { .. } | Egress::ServiceTagRoutes { .. } => {
            ids.push(resource_id(ROUTE_TABLE, &[p("routeTableName")]))
        }
        Egress::ManagedNatGateway | Egress::LoadBalancer { .. } => {}
    }
    ids
}

fn subnet_properties(plan: &Plan, routes: Option<&RouteSet>, name_param: &str, cidr_param: &str) -> Json {
    let delegation_name = match name_param {
        "hostSubnetName" => "databricks-delegation-host",
        _ => "databricks-delegation-container",
    };
    let mut o = Object::new();
    o.push("addressPrefix", expr(p(cidr_param)));
    // Internet-bound routes without a NAT gateway or load balancer need default outbound access; everything else
    // states `false` so the template means the same on every Microsoft.Network API version.
    o.push(
        "defaultOutboundAccess",
        routes.is_some_and(RouteSet::has_internet_routes),
    );
    o.push("networkSecurityGroup", id_ref(NSG, &[p("nsgName")]));
    match plan.egress {
        Egress::NatGateway { .. } => o.push("natGateway", id_ref(NAT, &[p("natGatewayName")])),
        Egress::Firewall { .. } | Egress::ServiceTagRoutes { .. } => {
            o.push("routeTable", id_ref(ROUTE_TABLE, &[p("routeTableName")]))
        }
        Egress::ManagedNatGateway | Egress::LoadBalancer { .. } => {}
    }
    o.push(
        "delegations",
        Json::Arr(vec![Json::obj([
            ("name", Json::str(delegation_name)),
            (
                "properties",
                Json::obj([("serviceName", Json::str(DELEGATION_SERVICE))]),
            ),
        ])]),
    );
    o.into()
}

fn inline_subnet(name_param: &str, properties: Json) -> Json {
    Json::obj([("name", expr(p(name_param))), ("properties", properties)])
}

fn child_subnet(name_param: &str, depends: Vec<String>, properties: Json) -> Json {
    let name = expr(format!(
        "format('{{0}}/{{1}}', variables('vnetName'), {})",
        p(name_param)
    ));
    let mut o = resource(SUBNET, NETWORK_API, name, false);
    depends_on(&mut o, depends);
    o.push("properties", properties);
    o.into()
}

/// One Databricks-managed NSG rule.
struct ManagedRule {
    suffix: &'static str,
    description: &'static str,
    direction: &'static str,
    priority: i64,
    protocol: &'static str,
    source: &'static str,
    destination: &'static str,
    ports: &'static [&'static str],
}

/// The rules Azure Databricks adds to the NSG through the subnet delegation, for this plan: the current six-rule
/// set, without the control plane rule under NoAzureDatabricksRules, plus the two inbound control plane rules when
/// secure cluster connectivity is off.
fn managed_rules(plan: &Plan) -> Vec<ManagedRule> {
    let rule = |suffix, description, direction, priority, protocol, source, destination, ports| ManagedRule {
        suffix,
        description,
        direction,
        priority,
        protocol,
        source,
        destination,
        ports,
    };
    let mut rules = vec![rule(
        "worker-to-worker-inbound",
        "Cluster nodes talk to each other.",
        "Inbound",
        100,
        "*",
        "VirtualNetwork",
        "VirtualNetwork",
        &["*"],
    )];
    if !plan.connectivity.secure_cluster_connectivity {
        rules.push(rule(
            "control-plane-to-worker-ssh",
            "Without secure cluster connectivity, the control plane manages nodes over SSH.",
            "Inbound",
            101,
            "Tcp",
            "AzureDatabricks",
            "VirtualNetwork",
            &["22"],
        ));
        rules.push(rule(
            "control-plane-to-worker-proxy",
            "Without secure cluster connectivity, the control plane reaches the nodes' proxy.",
            "Inbound",
            102,
            "Tcp",
            "AzureDatabricks",
            "VirtualNetwork",
            &["5557"],
        ));
    }
    if plan.connectivity.required_nsg_rules == RequiredNsgRules::AllRules {
        rules.push(rule(
            "worker-to-databricks-cp",
            "Nodes reach the Azure Databricks control plane and web app.",
            "Outbound",
            100,
            "Tcp",
            "VirtualNetwork",
            "AzureDatabricks",
            &["443", "3306", "8443-8451"],
        ));
    }
    rules.extend([
        rule(
            "worker-to-sql",
            "Nodes reach the metastore.",
            "Outbound",
            101,
            "Tcp",
            "VirtualNetwork",
            "Sql",
            &["3306"],
        ),
        rule(
            "worker-to-storage",
            "Nodes reach artifact, log and DBFS storage.",
            "Outbound",
            102,
            "Tcp",
            "VirtualNetwork",
            "Storage",
            &["443"],
        ),
        rule(
            "worker-to-worker-outbound",
            "Cluster nodes talk to each other.",
            "Outbound",
            103,
            "*",
            "VirtualNetwork",
            "VirtualNetwork",
            &["*"],
        ),
        rule(
            "worker-to-eventhub",
            "Nodes send logs and telemetry to Event Hubs.",
            "Outbound",
            104,
            "Tcp",
            "VirtualNetwork",
            "EventHub",
            &["9093"],
        ),
    ]);
    rules
}

/// The NSG with the Databricks-managed rules declared up front: Azure adds them through the subnet delegation, and
/// a redeploy whose NSG omits them fails with ConflictWithNetworkIntentPolicy.
fn nsg(plan: &Plan) -> Json {
    let rules = managed_rules(plan)
        .into_iter()
        .map(|rule| {
            let mut props = Object::new();
            props.push("description", rule.description);
            props.push("protocol", rule.protocol);
            props.push("sourcePortRange", "*");
            match rule.ports {
                [single] => props.push("destinationPortRange", *single),
                many => props.push(
                    "destinationPortRanges",
                    Json::Arr(many.iter().map(|x| Json::str(*x)).collect()),
                ),
            }
            props.push("sourceAddressPrefix", rule.source);
            props.push("destinationAddressPrefix", rule.destination);
            props.push("access", "Allow");
            props.push("priority", Json::Int(rule.priority));
            props.push("direction", rule.direction);
            Json::obj([
                ("name", Json::str(format!("{MANAGED_RULE_PREFIX}{}", rule.suffix))),
                ("properties", props.into()),
            ])
        })
        .collect();
    let mut o = resource(NSG, NETWORK_API, expr(p("nsgName")), true);
    o.push("properties", Json::obj([("securityRules", Json::Arr(rules))]));
    o.into()
}

fn standard_public_ip(name_param: &str) -> Json {
    let mut o = resource(PIP, NETWORK_API, expr(p(name_param)), true);
    o.push(
        "sku",
        Json::obj([("name", Json::str("Standard")), ("tier", Json::str("Regional"))]),
    );
    o.push(
        "properties",
        Json::obj([
            ("publicIPAddressVersion", Json::str("IPv4")),
            ("publicIPAllocationMethod", Json::str("Static")),
            ("idleTimeoutInMinutes", Json::Int(IDLE_TIMEOUT_MINUTES)),
        ]),
    );
    o.into()
}

fn egress_resources(
    plan: &Plan,
    routes: Option<&RouteSet>,
    resources: &mut Vec<Json>,
    workspace_depends: &mut Vec<String>,
) {
    match &plan.egress {
        Egress::ManagedNatGateway => {}
        Egress::NatGateway { .. } => {
            resources.push(standard_public_ip("natGatewayPublicIpName"));
            let mut nat = resource(NAT, NETWORK_API, expr(p("natGatewayName")), true);
            nat.push("sku", Json::obj([("name", Json::str("Standard"))]));
            depends_on(&mut nat, vec![resource_id(PIP, &[p("natGatewayPublicIpName")])]);
            nat.push(
                "properties",
                Json::obj([
                    ("idleTimeoutInMinutes", expr(p("natGatewayIdleTimeoutMinutes"))),
                    (
                        "publicIpAddresses",
                        Json::Arr(vec![id_ref(PIP, &[p("natGatewayPublicIpName")])]),
                    ),
                ]),
            );
            resources.push(nat.into());
        }
        Egress::LoadBalancer { .. } => {
            resources.push(standard_public_ip("loadBalancerPublicIpName"));
            let lb_name = p("loadBalancerName");
            let mut lb = resource(LB, NETWORK_API, expr(&lb_name), true);
            lb.push(
                "sku",
                Json::obj([("name", Json::str("Standard")), ("tier", Json::str("Regional"))]),
            );
            depends_on(&mut lb, vec![resource_id(PIP, &[p("loadBalancerPublicIpName")])]);
            let frontend_id = resource_id(
                "Microsoft.Network/loadBalancers/frontendIPConfigurations",
                &[lb_name.clone(), p("loadBalancerFrontendConfigName")],
            );
            let pool_id = resource_id(
                "Microsoft.Network/loadBalancers/backendAddressPools",
                &[lb_name.clone(), p("loadBalancerBackendPoolName")],
            );
            lb.push(
                "properties",
                Json::obj([
                    (
                        "frontendIPConfigurations",
                        Json::Arr(vec![Json::obj([
                            ("name", expr(p("loadBalancerFrontendConfigName"))),
                            (
                                "properties",
                                Json::obj([("publicIPAddress", id_ref(PIP, &[p("loadBalancerPublicIpName")]))]),
                            ),
                        ])]),
                    ),
                    (
                        "backendAddressPools",
                        Json::Arr(vec![Json::obj([("name", expr(p("loadBalancerBackendPoolName")))])]),
                    ),
                    (
                        "outboundRules",
                        Json::Arr(vec![Json::obj([
                            ("name", Json::str("databricks-outbound-rule")),
                            (
                                "properties",
                                Json::obj([
                                    (
                                        "frontendIPConfigurations",
                                        Json::Arr(vec![Json::obj([("id", expr(frontend_id))])]),
                                    ),
                                    ("backendAddressPool", Json::obj([("id", expr(pool_id))])),
                                    ("protocol", Json::str("All")),
                                    ("enableTcpReset", Json::Bool(true)),
                                    ("idleTimeoutInMinutes", Json::Int(IDLE_TIMEOUT_MINUTES)),
                                    ("allocatedOutboundPorts", Json::Int(0)),
                                ]),
                            ),
                        ])]),
                    ),
                ]),
            );
            resources.push(lb.into());
            workspace_depends.push(resource_id(LB, &[lb_name]));
        }
        Egress::Firewall { .. } | Egress::ServiceTagRoutes { .. } => {
            let mut table = resource(ROUTE_TABLE, NETWORK_API, expr(p("routeTableName")), true);
            let rows = routes.map(|set| set.routes.as_slice()).unwrap_or_default();
            let routes: Vec<Json> = rows
                .iter()
                .map(|route| {
                    let mut props = Object::new();
                    props.push("addressPrefix", route.address_prefix.as_str());
                    props.push("nextHopType", route.next_hop_type.as_str());
                    if route.next_hop_ip.is_some() {
                        props.push("nextHopIpAddress", expr(p("firewallPrivateIp")));
                    }
                    Json::obj([("name", Json::str(route.name.as_str())), ("properties", props.into())])
                })
                .collect();
            table.push("properties", Json::obj([("routes", Json::Arr(routes))]));
            resources.push(table.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_strings_that_look_like_expressions_are_escaped() {
        assert_eq!(text("[oops]").template_literal(), Json::str("[[oops]"));
        assert_eq!(text("plain").template_literal(), Json::str("plain"));
        assert_eq!(Value::Int(4).template_literal(), Json::Int(4));
        // The parameters file takes values as they are.
        assert_eq!(text("[oops]").plain(), Json::str("[oops]"));
    }

    #[test]
    fn resource_ids_list_their_name_segments() {
        assert_eq!(
            resource_id(SUBNET, &["variables('v')".to_string(), p("s")]),
            "resourceId('Microsoft.Network/virtualNetworks/subnets', variables('v'), parameters('s'))"
        );
    }
}
