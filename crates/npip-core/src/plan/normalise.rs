//! The plan as the planner judges and emits it: every text value without the whitespace around it.
//!
//! A plan keeps what was typed (a pasted range may end in a line break or a non-breaking space), but every value the
//! planner reads goes through [`Plan::normalised`] first: the rules validate that copy and the emitters write from it,
//! so what is validated is exactly what is emitted. The destructuring below names every field, so a new text field
//! does not compile until it is decided here.

use super::{AvoidRange, Connectivity, Egress, Injection, Network, Plan, Subnet, Vnet, Workspace};

/// What the planner treats as padding around a value and drops: Unicode whitespace at either end (spaces, tabs, line
/// breaks, the non-breaking space U+00A0 and the other `White_Space` characters). No Azure name, range, address,
/// FQDN, resource ID or region starts or ends with whitespace, and values pasted from portals, spreadsheets and
/// documents often carry some, so dropping it is always what the person meant. Whitespace inside a value is kept
/// and judged by the value's rule. Every trim in the engine is this one.
pub fn trim_value(text: &str) -> &str {
    text.trim()
}

/// Trims a string in place, reallocating nothing.
fn trim_in_place(text: &mut String) {
    let trimmed = trim_value(text);
    if trimmed.len() == text.len() {
        return;
    }
    let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + trimmed.len();
    text.truncate(end);
    text.drain(..start);
}

impl Plan {
    /// A copy of the plan with every text value trimmed by [`trim_value`]: the form [`crate::rules::validate`] judges
    /// and every emitter writes. Lists keep their length and order, so findings' indices point at the same items.
    pub fn normalised(&self) -> Plan {
        let mut plan = self.clone();
        plan.trim_texts();
        plan
    }

    fn trim_texts(&mut self) {
        let Plan {
            version: _,
            workspace,
            connectivity,
            network,
            peak_nodes: _,
            egress,
            avoid,
        } = self;
        let Workspace {
            name,
            region,
            pricing_tier: _,
            managed_resource_group,
        } = workspace;
        trim_in_place(name);
        trim_in_place(region);
        managed_resource_group.iter_mut().for_each(trim_in_place);
        // No text in the connectivity settings; named so that a new field there is decided too.
        let Connectivity {
            secure_cluster_connectivity: _,
            public_network_access: _,
            required_nsg_rules: _,
        } = connectivity;
        match network {
            Network::Managed {
                address_prefix,
                nat_gateway_name,
                public_ip_name,
            } => {
                for text in [address_prefix, nat_gateway_name, public_ip_name] {
                    text.iter_mut().for_each(trim_in_place);
                }
            }
            Network::VnetInjection(Injection {
                vnet,
                host_subnet,
                container_subnet,
                nsg_name,
            }) => {
                match vnet {
                    Vnet::New { name, address_space } => {
                        trim_in_place(name);
                        trim_in_place(address_space);
                    }
                    Vnet::Existing {
                        resource_id,
                        address_prefixes,
                    } => {
                        trim_in_place(resource_id);
                        address_prefixes.iter_mut().for_each(trim_in_place);
                    }
                }
                for Subnet { name, cidr } in [host_subnet, container_subnet] {
                    trim_in_place(name);
                    trim_in_place(cidr);
                }
                trim_in_place(nsg_name);
            }
        }
        match egress {
            Egress::ManagedNatGateway => {}
            Egress::LoadBalancer {
                load_balancer_name,
                backend_pool_name,
                frontend_config_name,
                public_ip_name,
            } => {
                for text in [
                    load_balancer_name,
                    backend_pool_name,
                    frontend_config_name,
                    public_ip_name,
                ] {
                    trim_in_place(text);
                }
            }
            Egress::NatGateway {
                nat_gateway_name,
                public_ip_name,
                idle_timeout_minutes: _,
            } => {
                trim_in_place(nat_gateway_name);
                trim_in_place(public_ip_name);
            }
            Egress::Firewall {
                route_table_name,
                firewall_private_ip,
                scc_relay_bypass: _,
                service_tag_routes: _,
                extra_fqdns,
            } => {
                trim_in_place(route_table_name);
                trim_in_place(firewall_private_ip);
                extra_fqdns.iter_mut().for_each(trim_in_place);
            }
            Egress::ServiceTagRoutes { route_table_name } => trim_in_place(route_table_name),
        }
        for AvoidRange { cidr, label } in avoid {
            trim_in_place(cidr);
            trim_in_place(label);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_unicode_whitespace_at_the_ends_only() {
        for (raw, expected) in [
            (" 10.0.0.0/16 ", "10.0.0.0/16"),
            ("10.179.0.0/16\n", "10.179.0.0/16"),
            ("\t\r\nadb-host\u{a0}", "adb-host"),
            ("\u{3000}\u{2009}westeurope\u{202f}", "westeurope"),
            ("adb host", "adb host"),
            ("\u{a0}", ""),
            ("", ""),
            ("né ", "né"),
        ] {
            let mut text = raw.to_string();
            trim_in_place(&mut text);
            assert_eq!(text, expected, "{raw:?}");
            assert_eq!(trim_value(raw), expected, "{raw:?}");
        }
        // Invisible characters that are not whitespace are values, judged by the rules (they refuse them).
        assert_eq!(trim_value("\u{200b}adb"), "\u{200b}adb");
    }
}
