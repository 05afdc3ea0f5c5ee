//! The ARM template (`azuredeploy.json`) and its parameters file (`azuredeploy.parameters.json`).
//!
//! Every value the plan holds becomes a template parameter with a description and the plan's value as its default;
//! the structure (network model, new or existing VNet, egress option, which routes) is fixed by the plan. API
//! versions are the newest generally available ones with a published schema: Microsoft.Databricks 2026-01-01 (which
//! needs `computeMode`) and Microsoft.Network 2025-07-01 for every network type.

use crate::json::JsonWriter;
use crate::plan::{Egress, Injection, Network, Plan, RequiredNsgRules, Vnet};
use crate::regions::Region;
use crate::routes::{default_outbound_access, route_set, RouteSet};
use crate::rules::{self, Refused, Valid};
use std::borrow::Cow;

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
    Ok(arm_template_for(rules::check(plan).valid()?))
}

/// [`arm_template`] for a plan checked already.
pub fn arm_template_for(valid: Valid) -> String {
    let (plan, region) = (valid.plan(), valid.region());
    let routes = route_set(plan, region, false);
    template(plan, region, &params(plan), routes.as_ref())
}

/// The parameters file for the plan's template: every parameter with the plan's value, `location` set to the
/// plan's region.
pub fn parameters_file(plan: &Plan) -> Result<String, Refused> {
    Ok(parameters_file_for(rules::check(plan).valid()?))
}

/// [`parameters_file`] for a plan checked already.
pub fn parameters_file_for(valid: Valid) -> String {
    parameters(&params(valid.plan()))
}

// ---- parameters ----------------------------------------------------------------------------------------------------

/// A parameter's value. Text borrows from the plan: the template and the parameters file only copy it out.
#[derive(Clone, Debug)]
enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
}

impl Value<'_> {
    fn arm_type(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Int(_) => "int",
            Value::Bool(_) => "bool",
        }
    }

    /// Writes the value as a template literal: a string starting with `[` would read as an expression, so ARM
    /// wants the bracket doubled.
    fn write_template_literal(&self, w: &mut JsonWriter) {
        match self {
            Value::Str(s) if s.starts_with('[') => w.str_parts(&["[", s]),
            other => other.write_plain(w),
        }
    }

    fn write_plain(&self, w: &mut JsonWriter) {
        match self {
            Value::Str(s) => w.str(s),
            Value::Int(n) => w.int(*n),
            Value::Bool(b) => w.bool(*b),
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct Param<'a> {
    name: &'static str,
    description: &'static str,
    /// The plan's value: the default in the template and the value in the parameters file.
    value: Value<'a>,
    /// A template default other than the plan's value (only `location`).
    default_expression: Option<&'static str>,
    allowed: &'static [&'static str],
    length: Option<(i64, i64)>,
    range: Option<(i64, i64)>,
}

fn param<'a>(name: &'static str, description: &'static str, value: Value<'a>) -> Param<'a> {
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

fn text(value: &str) -> Value<'_> {
    Value::Str(Cow::Borrowed(value))
}

/// The template's parameters, in the order they appear. The template and the parameters file share one list.
pub(super) fn params(plan: &Plan) -> Vec<Param<'_>> {
    let ws = &plan.workspace;
    let scc = plan.connectivity.secure_cluster_connectivity;
    let mut out = Vec::with_capacity(20);
    out.extend([
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
                Value::Str(match &ws.managed_resource_group {
                    Some(name) => Cow::Borrowed(name.as_str()),
                    None => Cow::Owned(ws.managed_resource_group_name()),
                }),
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
    ]);
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

fn injection_params<'a>(injection: &'a Injection, out: &mut Vec<Param<'a>>) {
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

fn egress_params<'a>(egress: &'a Egress, out: &mut Vec<Param<'a>>) {
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

/// The parameters file from the template's parameters, without validation (the caller has normalised and
/// validated the plan).
pub(super) fn parameters(params: &[Param]) -> String {
    let mut w = JsonWriter::with_capacity(2 * 1024);
    w.object(|w| {
        w.key("$schema").str(ARM_PARAMETERS_SCHEMA);
        w.key("contentVersion").str("1.0.0.0");
        w.key("parameters").object(|w| {
            for param in params {
                w.key(param.name).object(|w| {
                    w.key("value");
                    param.value.write_plain(w);
                });
            }
        });
    });
    w.finish()
}

// ---- template ------------------------------------------------------------------------------------------------------

/// `parameters('name')`, for building longer expressions.
fn p(name: &str) -> String {
    ["parameters('", name, "')"].concat()
}

/// Writes `"[parameters('name')]"`.
fn param_value(w: &mut JsonWriter, name: &str) {
    w.str_parts(&["[parameters('", name, "')]"]);
}

/// Writes `"[expression]"`.
fn expr_value(w: &mut JsonWriter, inner: &str) {
    w.str_parts(&["[", inner, "]"]);
}

/// `resourceId('type', args…)` without brackets.
fn resource_id(resource_type: &str, names: &[String]) -> String {
    let mut out = String::with_capacity(96);
    out.push_str("resourceId('");
    out.push_str(resource_type);
    out.push('\'');
    for name in names {
        out.push_str(", ");
        out.push_str(name);
    }
    out.push(')');
    out
}

/// Writes `{"id": "[resourceId(…)]"}`.
fn id_ref(w: &mut JsonWriter, resource_type: &str, names: &[String]) {
    w.object(|w| {
        w.key("id");
        expr_value(w, &resource_id(resource_type, names));
    });
}

/// Writes the start of a resource: type, apiVersion, name `[parameters(name_param)]` and (for located resources)
/// location. The caller writes the rest and closes nothing: this goes inside `w.object`.
fn resource_head(w: &mut JsonWriter, resource_type: &str, api: &str, name_param: &str) {
    w.key("type").str(resource_type);
    w.key("apiVersion").str(api);
    w.key("name");
    param_value(w, name_param);
    w.key("location");
    param_value(w, "location");
}

fn depends_on(w: &mut JsonWriter, ids: &[String]) {
    if !ids.is_empty() {
        w.key("dependsOn").array(|w| {
            for id in ids {
                expr_value(w, id);
            }
        });
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

/// The template, without validation (the caller has normalised and validated the plan, and found the region).
/// `routes` is the plan's [`route_set`] with service tags, `params` its [`params`].
pub(super) fn template(plan: &Plan, region: &Region, params: &[Param], routes: Option<&RouteSet>) -> String {
    let injection = plan.network.injection();
    let existing_vnet = injection.is_some_and(|i| matches!(i.vnet, Vnet::Existing { .. }));
    let mut w = JsonWriter::new();
    w.object(|w| {
        w.key("$schema").str(ARM_TEMPLATE_SCHEMA);
        w.key("contentVersion").str("1.0.0.0");
        w.key("metadata").object(|w| {
            w.key("description").str(&describe(plan, region));
            w.key("generator").str("NPIP Planner");
        });
        w.key("parameters").object(|w| {
            for param in params {
                w.key(param.name).object(|w| write_parameter(w, param));
            }
        });
        if existing_vnet {
            w.key("variables").object(|w| {
                w.key("vnetName");
                expr_value(w, &format!("last(split({}, '/'))", p("vnetResourceId")));
            });
        }
        w.key("resources").array(|w| {
            if let Some(injection) = injection {
                nsg(w, plan);
                egress_resources(w, plan, routes);
                match injection.vnet {
                    Vnet::New { .. } => new_vnet(w, plan, routes),
                    Vnet::Existing { .. } => {
                        // One after the other: concurrent subnet writes to one VNet fail with
                        // CanceledAndSupersededDueToAnotherOperation.
                        child_subnet(w, plan, routes, "hostSubnetName", "hostSubnetCidr", None);
                        child_subnet(
                            w,
                            plan,
                            routes,
                            "containerSubnetName",
                            "containerSubnetCidr",
                            Some(subnet_id("hostSubnetName")),
                        );
                    }
                }
            }
            workspace(w, plan, params);
        });
        let workspace_id = resource_id(WORKSPACE, &[p("workspaceName")]);
        w.key("outputs").object(|w| {
            w.key("workspaceId").object(|w| {
                w.key("type").str("string");
                w.key("value");
                expr_value(w, &workspace_id);
            });
            w.key("workspaceUrl").object(|w| {
                w.key("type").str("string");
                w.key("value");
                expr_value(
                    w,
                    &format!("reference({workspace_id}, '{DATABRICKS_API}').workspaceUrl"),
                );
            });
        });
    });
    w.finish()
}

fn write_parameter(w: &mut JsonWriter, param: &Param) {
    w.key("type").str(param.value.arm_type());
    w.key("defaultValue");
    match param.default_expression {
        Some(expression) => w.str(expression),
        None => param.value.write_template_literal(w),
    }
    if !param.allowed.is_empty() {
        w.key("allowedValues").strs(param.allowed);
    }
    if let Some((min, max)) = param.length {
        w.key("minLength").int(min);
        w.key("maxLength").int(max);
    }
    if let Some((min, max)) = param.range {
        w.key("minValue").int(min);
        w.key("maxValue").int(max);
    }
    w.key("metadata").object(|w| {
        w.key("description").str(param.description);
    });
}

/// The ID of one of the existing VNet's new subnets.
fn subnet_id(name_param: &str) -> String {
    resource_id(SUBNET, &["variables('vnetName')".to_string(), p(name_param)])
}

/// The workspace: SKU, dependencies, and exactly the custom parameters that apply to the plan.
fn workspace(w: &mut JsonWriter, plan: &Plan, params: &[Param]) {
    // (custom parameter, expression of its value)
    let mut custom: Vec<(&str, String)> = vec![("enableNoPublicIp", p("enableNoPublicIp"))];
    let mut depends = Vec::new();
    match &plan.network {
        Network::Managed { .. } => {
            for name in ["vnetAddressPrefix", "natGatewayName", "publicIpName"] {
                if params.iter().any(|x| x.name == name) {
                    custom.push((name, p(name)));
                }
            }
        }
        Network::VnetInjection(injection) => {
            let vnet_id = match injection.vnet {
                Vnet::New { .. } => {
                    let id = resource_id(VNET, &[p("vnetName")]);
                    depends.push(id.clone());
                    id
                }
                Vnet::Existing { .. } => {
                    depends.push(subnet_id("hostSubnetName"));
                    depends.push(subnet_id("containerSubnetName"));
                    p("vnetResourceId")
                }
            };
            custom.push(("customVirtualNetworkId", vnet_id));
            custom.push(("customPublicSubnetName", p("hostSubnetName")));
            custom.push(("customPrivateSubnetName", p("containerSubnetName")));
            if let Egress::LoadBalancer { .. } = plan.egress {
                let lb_id = resource_id(LB, &[p("loadBalancerName")]);
                depends.push(lb_id.clone());
                custom.push(("loadBalancerId", lb_id));
                custom.push(("loadBalancerBackendPoolName", p("loadBalancerBackendPoolName")));
            }
        }
    }
    w.object(|w| {
        resource_head(w, WORKSPACE, DATABRICKS_API, "workspaceName");
        w.key("sku").object(|w| {
            w.key("name");
            param_value(w, "pricingTier");
        });
        depends_on(w, &depends);
        w.key("properties").object(|w| {
            w.key("computeMode").str("Hybrid");
            w.key("managedResourceGroupId");
            expr_value(
                w,
                &format!(
                    "subscriptionResourceId('Microsoft.Resources/resourceGroups', {})",
                    p("managedResourceGroupName")
                ),
            );
            w.key("publicNetworkAccess");
            param_value(w, "publicNetworkAccess");
            if plan.network.injection().is_some() {
                w.key("requiredNsgRules");
                param_value(w, "requiredNsgRules");
            }
            w.key("parameters").object(|w| {
                for (name, value) in &custom {
                    w.key(name).object(|w| {
                        w.key("value");
                        expr_value(w, value);
                    });
                }
            });
        });
    });
}

fn new_vnet(w: &mut JsonWriter, plan: &Plan, routes: Option<&RouteSet>) {
    w.object(|w| {
        resource_head(w, VNET, NETWORK_API, "vnetName");
        depends_on(w, &network_dependencies(plan));
        w.key("properties").object(|w| {
            w.key("addressSpace").object(|w| {
                w.key("addressPrefixes").array(|w| param_value(w, "vnetAddressSpace"));
            });
            w.key("subnets").array(|w| {
                for (name_param, cidr_param) in [
                    ("hostSubnetName", "hostSubnetCidr"),
                    ("containerSubnetName", "containerSubnetCidr"),
                ] {
                    w.object(|w| {
                        w.key("name");
                        param_value(w, name_param);
                        w.key("properties");
                        subnet_properties(w, plan, routes, name_param, cidr_param);
                    });
                }
            });
        });
    });
}

/// A subnet of an existing VNet, as a child resource; `after` is a subnet it must wait for.
fn child_subnet(
    w: &mut JsonWriter,
    plan: &Plan,
    routes: Option<&RouteSet>,
    name_param: &str,
    cidr_param: &str,
    after: Option<String>,
) {
    let mut depends = network_dependencies(plan);
    depends.extend(after);
    w.object(|w| {
        w.key("type").str(SUBNET);
        w.key("apiVersion").str(NETWORK_API);
        w.key("name");
        expr_value(
            w,
            &format!("format('{{0}}/{{1}}', variables('vnetName'), {})", p(name_param)),
        );
        depends_on(w, &depends);
        w.key("properties");
        subnet_properties(w, plan, routes, name_param, cidr_param);
    });
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
        Egress::ManagedNatGateway => "egress managed by Azure Databricks",
        Egress::LoadBalancer { .. } => "egress through an outbound load balancer",
        Egress::NatGateway { .. } => "egress through a NAT gateway",
        Egress::Firewall { .. } => "egress through a route table to a firewall",
        Egress::ServiceTagRoutes { .. } => "egress through service-tag routes",
    };
    let scc = if plan.connectivity.secure_cluster_connectivity {
        "with"
    } else {
        "without"
    };
    format!(
        "Azure Databricks workspace {} in {} ({}): {network}, {egress}, {scc} secure cluster connectivity.",
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

fn subnet_properties(w: &mut JsonWriter, plan: &Plan, routes: Option<&RouteSet>, name_param: &str, cidr_param: &str) {
    let delegation_name = match name_param {
        "hostSubnetName" => "databricks-delegation-host",
        _ => "databricks-delegation-container",
    };
    w.object(|w| {
        w.key("addressPrefix");
        param_value(w, cidr_param);
        w.key("defaultOutboundAccess")
            .bool(default_outbound_access(plan, routes));
        w.key("networkSecurityGroup");
        id_ref(w, NSG, &[p("nsgName")]);
        match plan.egress {
            Egress::NatGateway { .. } => {
                w.key("natGateway");
                id_ref(w, NAT, &[p("natGatewayName")]);
            }
            Egress::Firewall { .. } | Egress::ServiceTagRoutes { .. } => {
                w.key("routeTable");
                id_ref(w, ROUTE_TABLE, &[p("routeTableName")]);
            }
            Egress::ManagedNatGateway | Egress::LoadBalancer { .. } => {}
        }
        w.key("delegations").array(|w| {
            w.object(|w| {
                w.key("name").str(delegation_name);
                w.key("properties").object(|w| {
                    w.key("serviceName").str(DELEGATION_SERVICE);
                });
            });
        });
    });
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
fn nsg(w: &mut JsonWriter, plan: &Plan) {
    w.object(|w| {
        resource_head(w, NSG, NETWORK_API, "nsgName");
        w.key("properties").object(|w| {
            w.key("securityRules").array(|w| {
                for rule in managed_rules(plan) {
                    w.object(|w| {
                        w.key("name").str_parts(&[MANAGED_RULE_PREFIX, rule.suffix]);
                        w.key("properties").object(|w| {
                            w.key("description").str(rule.description);
                            w.key("protocol").str(rule.protocol);
                            w.key("sourcePortRange").str("*");
                            match rule.ports {
                                [single] => w.key("destinationPortRange").str(single),
                                many => w.key("destinationPortRanges").strs(many),
                            }
                            w.key("sourceAddressPrefix").str(rule.source);
                            w.key("destinationAddressPrefix").str(rule.destination);
                            w.key("access").str("Allow");
                            w.key("priority").int(rule.priority);
                            w.key("direction").str(rule.direction);
                        });
                    });
                }
            });
        });
    });
}

fn standard_public_ip(w: &mut JsonWriter, name_param: &str) {
    w.object(|w| {
        resource_head(w, PIP, NETWORK_API, name_param);
        w.key("sku").object(|w| {
            w.key("name").str("Standard");
            w.key("tier").str("Regional");
        });
        w.key("properties").object(|w| {
            w.key("publicIPAddressVersion").str("IPv4");
            w.key("publicIPAllocationMethod").str("Static");
            w.key("idleTimeoutInMinutes").int(IDLE_TIMEOUT_MINUTES);
        });
    });
}

fn egress_resources(w: &mut JsonWriter, plan: &Plan, routes: Option<&RouteSet>) {
    match &plan.egress {
        Egress::ManagedNatGateway => {}
        Egress::NatGateway { .. } => {
            standard_public_ip(w, "natGatewayPublicIpName");
            w.object(|w| {
                resource_head(w, NAT, NETWORK_API, "natGatewayName");
                w.key("sku").object(|w| {
                    w.key("name").str("Standard");
                });
                depends_on(w, &[resource_id(PIP, &[p("natGatewayPublicIpName")])]);
                w.key("properties").object(|w| {
                    w.key("idleTimeoutInMinutes");
                    param_value(w, "natGatewayIdleTimeoutMinutes");
                    w.key("publicIpAddresses")
                        .array(|w| id_ref(w, PIP, &[p("natGatewayPublicIpName")]));
                });
            });
        }
        Egress::LoadBalancer { .. } => {
            standard_public_ip(w, "loadBalancerPublicIpName");
            let lb_name = p("loadBalancerName");
            let frontend_id = resource_id(
                "Microsoft.Network/loadBalancers/frontendIPConfigurations",
                &[lb_name.clone(), p("loadBalancerFrontendConfigName")],
            );
            let pool_id = resource_id(
                "Microsoft.Network/loadBalancers/backendAddressPools",
                &[lb_name, p("loadBalancerBackendPoolName")],
            );
            w.object(|w| {
                resource_head(w, LB, NETWORK_API, "loadBalancerName");
                w.key("sku").object(|w| {
                    w.key("name").str("Standard");
                    w.key("tier").str("Regional");
                });
                depends_on(w, &[resource_id(PIP, &[p("loadBalancerPublicIpName")])]);
                w.key("properties").object(|w| {
                    w.key("frontendIPConfigurations").array(|w| {
                        w.object(|w| {
                            w.key("name");
                            param_value(w, "loadBalancerFrontendConfigName");
                            w.key("properties").object(|w| {
                                w.key("publicIPAddress");
                                id_ref(w, PIP, &[p("loadBalancerPublicIpName")]);
                            });
                        });
                    });
                    w.key("backendAddressPools").array(|w| {
                        w.object(|w| {
                            w.key("name");
                            param_value(w, "loadBalancerBackendPoolName");
                        });
                    });
                    w.key("outboundRules").array(|w| {
                        w.object(|w| {
                            w.key("name").str("databricks-outbound-rule");
                            w.key("properties").object(|w| {
                                w.key("frontendIPConfigurations").array(|w| {
                                    w.object(|w| {
                                        w.key("id");
                                        expr_value(w, &frontend_id);
                                    });
                                });
                                w.key("backendAddressPool").object(|w| {
                                    w.key("id");
                                    expr_value(w, &pool_id);
                                });
                                w.key("protocol").str("All");
                                w.key("enableTcpReset").bool(true);
                                w.key("idleTimeoutInMinutes").int(IDLE_TIMEOUT_MINUTES);
                                w.key("allocatedOutboundPorts").int(0);
                            });
                        });
                    });
                });
            });
        }
        Egress::Firewall { .. } | Egress::ServiceTagRoutes { .. } => {
            let rows = routes.map(|set| set.routes.as_slice()).unwrap_or_default();
            w.object(|w| {
                resource_head(w, ROUTE_TABLE, NETWORK_API, "routeTableName");
                w.key("properties").object(|w| {
                    w.key("routes").array(|w| {
                        for route in rows {
                            w.object(|w| {
                                w.key("name").str(&route.name);
                                w.key("properties").object(|w| {
                                    w.key("addressPrefix").str(&route.address_prefix);
                                    w.key("nextHopType").str(route.next_hop_type.as_str());
                                    if route.next_hop_ip.is_some() {
                                        w.key("nextHopIpAddress");
                                        param_value(w, "firewallPrivateIp");
                                    }
                                });
                            });
                        }
                    });
                });
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_strings_that_look_like_expressions_are_escaped() {
        let literal = |value: Value| {
            let mut w = JsonWriter::new();
            value.write_template_literal(&mut w);
            w.finish()
        };
        assert_eq!(literal(text("[oops]")), "\"[[oops]\"\n");
        assert_eq!(literal(text("plain")), "\"plain\"\n");
        assert_eq!(literal(Value::Int(4)), "4\n");
        // The parameters file takes values as they are.
        let mut w = JsonWriter::new();
        text("[oops]").write_plain(&mut w);
        assert_eq!(w.finish(), "\"[oops]\"\n");
    }

    #[test]
    fn resource_ids_list_their_name_segments() {
        assert_eq!(
            resource_id(SUBNET, &["variables('v')".to_string(), p("s")]),
            "resourceId('Microsoft.Network/virtualNetworks/subnets', variables('v'), parameters('s'))"
        );
    }
}
