//! The network diagram in words: the `<desc>` screen readers read, the same story as the picture.

use super::model::{egress_title, Block, Facts, Net};
use crate::diagram::marks::{severity_word, Marks};
use crate::diagram::shown::shown_name;
use crate::plan::Egress;
use crate::sizing;
use crate::text::thousands;

/// The text description for screen readers: the same story as the picture, in sentences.
pub(super) fn describe(facts: &Facts, marks: &Marks) -> String {
    let mut s = format!(
        "Network diagram of Azure Databricks workspace {} in {}. ",
        facts.workspace, facts.region
    );
    match &facts.net {
        Net::Managed {
            block,
            custom,
            resource_group,
            ..
        } => {
            s.push_str(&format!(
                "Managed VNet created and locked by Azure Databricks in resource group {resource_group}, address space {}{}. ",
                block.label(),
                if *custom { "" } else { " (the default)" }
            ));
        }
        Net::Injected {
            existing,
            vnet_name,
            prefixes,
            host,
            container,
            nsg,
            ..
        } => {
            let spaces: Vec<String> = prefixes.iter().map(Block::label).collect();
            s.push_str(&format!(
                "VNet injection into {} VNet {vnet_name} with address space {}. ",
                if *existing { "the existing" } else { "a new" },
                if spaces.is_empty() {
                    "not given".to_string()
                } else {
                    spaces.join(", ")
                }
            ));
            for (role, subnet) in [("Host", host), ("Container", container)] {
                s.push_str(&format!("{role} subnet {}, {}", subnet.name, subnet.block.label()));
                if let Ok(cidr) = subnet.block.parsed {
                    s.push_str(&format!(", room for {} nodes", thousands(sizing::subnet_nodes(cidr))));
                }
                s.push_str(". ");
            }
            s.push_str(&format!("Network security group {nsg} on both subnets. "));
        }
    }
    if let Some(capacity) = facts.capacity() {
        s.push_str(&format!("Node capacity {}; ", thousands(capacity)));
    }
    s.push_str(&format!("planned peak {} nodes. ", thousands(u64::from(facts.peak))));
    s.push_str(&format!("Egress: {}", egress_title(facts.egress)));
    match facts.egress {
        Egress::NatGateway {
            nat_gateway_name,
            public_ip_name,
            ..
        } => s.push_str(&format!(
            " {} with public IP {}, attached to both subnets",
            shown_name(nat_gateway_name),
            shown_name(public_ip_name)
        )),
        Egress::LoadBalancer {
            load_balancer_name,
            public_ip_name,
            ..
        } => s.push_str(&format!(
            " {} with public IP {} and an outbound rule",
            shown_name(load_balancer_name),
            shown_name(public_ip_name)
        )),
        Egress::Firewall {
            route_table_name,
            firewall_private_ip,
            scc_relay_bypass,
            service_tag_routes,
            extra_fqdns,
        } => {
            s.push_str(&format!(
                ": route table {} sends 0.0.0.0/0 to the appliance at {}",
                shown_name(route_table_name),
                shown_name(firewall_private_ip)
            ));
            if !extra_fqdns.is_empty() {
                let names: Vec<String> = extra_fqdns.iter().map(|f| shown_name(f)).collect();
                s.push_str(&format!(", which also allows {}", names.join(", ")));
            }
            if let Some(holder) = &facts.firewall_outside {
                s.push_str("; the appliance is outside the workspace VNet");
                match holder {
                    Some((range, label)) if !label.is_empty() => s.push_str(&format!(" (in {range}, {label})")),
                    Some((range, _)) => s.push_str(&format!(" (in {range})")),
                    None => {}
                }
                s.push_str(" and is reached through a peering, which the template does not create");
            }
            if *service_tag_routes {
                s.push_str("; service-tag routes go straight to the internet");
            }
            if *scc_relay_bypass {
                s.push_str("; the relay route bypasses the appliance");
            }
        }
        Egress::ServiceTagRoutes { route_table_name } => s.push_str(&format!(
            ": route table {} sends the AzureDatabricks, Sql, Storage and EventHub service tags to the internet",
            shown_name(route_table_name)
        )),
        Egress::ManagedNatGateway => {}
    }
    s.push_str(". ");
    if facts.scc {
        s.push_str(
            "Secure cluster connectivity is on: clusters open outbound connections to the control plane's relay on \
             TCP 443, nodes have no public IP addresses, and nothing connects in.",
        );
    } else {
        s.push_str(
            "Warning: secure cluster connectivity is off, so every node has a public IP address and the control \
             plane opens connections into the VNet.",
        );
    }
    if let Some(summary) = marks.summary() {
        s.push_str(&format!(" Findings: {summary}."));
    }
    for (element, mark) in marks.iter() {
        for line in &mark.lines {
            s.push_str(&format!(
                " {} ({}): {line}.",
                element.noun(),
                severity_word(mark.severity).to_ascii_lowercase()
            ));
        }
    }
    s
}
