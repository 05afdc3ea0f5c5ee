//! The plan file as the planner writes it: fields in the model's order, optional fields left out when unset, pretty
//! layout. A test checks that this is byte for byte what the serde model (the one the JSON Schema comes from) writes.

use super::{AvoidRange, Connectivity, Egress, Injection, Network, Plan, Subnet, Vnet, Workspace};
use crate::json::JsonWriter;

pub(super) fn plan(w: &mut JsonWriter, plan: &Plan) {
    w.object(|w| {
        w.key("version").uint(plan.version.into());
        w.key("workspace");
        workspace(w, &plan.workspace);
        w.key("connectivity");
        connectivity(w, &plan.connectivity);
        w.key("network");
        network(w, &plan.network);
        w.key("peakNodes").uint(plan.peak_nodes.into());
        w.key("egress");
        egress(w, &plan.egress);
        if !plan.avoid.is_empty() {
            w.key("avoid")
                .array(|w| plan.avoid.iter().for_each(|range| avoid_range(w, range)));
        }
    });
}

fn workspace(w: &mut JsonWriter, workspace: &Workspace) {
    w.object(|w| {
        w.key("name").str(&workspace.name);
        w.key("region").str(&workspace.region);
        w.key("pricingTier").str(workspace.pricing_tier.as_str());
        if let Some(group) = &workspace.managed_resource_group {
            w.key("managedResourceGroup").str(group);
        }
    });
}

fn connectivity(w: &mut JsonWriter, connectivity: &Connectivity) {
    w.object(|w| {
        w.key("secureClusterConnectivity")
            .bool(connectivity.secure_cluster_connectivity);
        w.key("publicNetworkAccess")
            .str(connectivity.public_network_access.as_str());
        w.key("requiredNsgRules").str(connectivity.required_nsg_rules.as_str());
    });
}

fn optional(w: &mut JsonWriter, key: &'static str, value: &Option<String>) {
    if let Some(value) = value {
        w.key(key).str(value);
    }
}

fn network(w: &mut JsonWriter, network: &Network) {
    w.object(|w| match network {
        Network::Managed {
            address_prefix,
            nat_gateway_name,
            public_ip_name,
        } => {
            w.key("model").str("managed");
            optional(w, "addressPrefix", address_prefix);
            optional(w, "natGatewayName", nat_gateway_name);
            optional(w, "publicIpName", public_ip_name);
        }
        Network::VnetInjection(Injection {
            vnet,
            host_subnet,
            container_subnet,
            nsg_name,
        }) => {
            w.key("model").str("vnetInjection");
            w.key("vnet");
            write_vnet(w, vnet);
            w.key("hostSubnet");
            subnet(w, host_subnet);
            w.key("containerSubnet");
            subnet(w, container_subnet);
            w.key("nsgName").str(nsg_name);
        }
    });
}

fn write_vnet(w: &mut JsonWriter, vnet: &Vnet) {
    w.object(|w| match vnet {
        Vnet::New { name, address_space } => {
            w.key("kind").str("new");
            w.key("name").str(name);
            w.key("addressSpace").str(address_space);
        }
        Vnet::Existing {
            resource_id,
            address_prefixes,
        } => {
            w.key("kind").str("existing");
            w.key("resourceId").str(resource_id);
            w.key("addressPrefixes").strs(address_prefixes);
        }
    });
}

fn subnet(w: &mut JsonWriter, subnet: &Subnet) {
    w.object(|w| {
        w.key("name").str(&subnet.name);
        w.key("cidr").str(&subnet.cidr);
    });
}

fn egress(w: &mut JsonWriter, egress: &Egress) {
    w.object(|w| {
        w.key("type").str(egress.kind().as_str());
        match egress {
            Egress::ManagedNatGateway => {}
            Egress::LoadBalancer {
                load_balancer_name,
                backend_pool_name,
                frontend_config_name,
                public_ip_name,
            } => {
                w.key("loadBalancerName").str(load_balancer_name);
                w.key("backendPoolName").str(backend_pool_name);
                w.key("frontendConfigName").str(frontend_config_name);
                w.key("publicIpName").str(public_ip_name);
            }
            Egress::NatGateway {
                nat_gateway_name,
                public_ip_name,
                idle_timeout_minutes,
            } => {
                w.key("natGatewayName").str(nat_gateway_name);
                w.key("publicIpName").str(public_ip_name);
                w.key("idleTimeoutMinutes").uint((*idle_timeout_minutes).into());
            }
            Egress::Firewall {
                route_table_name,
                firewall_private_ip,
                scc_relay_bypass,
                service_tag_routes,
                extra_fqdns,
            } => {
                w.key("routeTableName").str(route_table_name);
                w.key("firewallPrivateIp").str(firewall_private_ip);
                w.key("sccRelayBypass").bool(*scc_relay_bypass);
                w.key("serviceTagRoutes").bool(*service_tag_routes);
                if !extra_fqdns.is_empty() {
                    w.key("extraFqdns").strs(extra_fqdns);
                }
            }
            Egress::ServiceTagRoutes { route_table_name } => {
                w.key("routeTableName").str(route_table_name);
            }
        }
    });
}

fn avoid_range(w: &mut JsonWriter, range: &AvoidRange) {
    w.object(|w| {
        w.key("cidr").str(&range.cidr);
        if !range.label.is_empty() {
            w.key("label").str(&range.label);
        }
    });
}
