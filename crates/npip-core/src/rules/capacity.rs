//! Capacity: the peak number of nodes against what the two subnets hold.

use super::facts::Facts;
use super::rule::{Category, DocText, Rule};
use super::source;
use crate::finding::{Field, Finding, Severity};
use crate::sizing;

pub static PEAK_NODES_ZERO: Rule = Rule {
    code: "NPIP-E013",
    severity: Severity::Error,
    category: Category::Capacity,
    title: DocText::new("Peak nodes is at least 1"),
    why: DocText::new(
        "The subnets are sized from the peak number of cluster nodes running at the same time; zero gives no \
          basis for the sizes and means no cluster could run.",
    ),
    remedy: "Enter the most cluster nodes you expect to run at once, across all clusters, with room to grow.",
    source: source::VNET_INJECT,
    check: check_peak_nodes_zero,
};

fn check_peak_nodes_zero(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if facts.plan.peak_nodes == 0 {
        out.push(rule.finding(Field::PeakNodes, "Peak nodes is 0; the plan needs at least 1 node."));
    }
}

pub static CAPACITY: Rule = Rule {
    code: "NPIP-E014",
    severity: Severity::Error,
    category: Category::Capacity,
    title: DocText::new("The subnets hold the peak number of nodes"),
    why: DocText::new(
        "Every node takes one address in the host subnet and one in the container subnet, and Azure keeps 5 \
          addresses of every subnet, so a workspace runs at most (addresses of the smaller subnet − 5) nodes. \
          Past that, clusters fail to start or to grow (SUBNET_EXHAUSTED_FAILURE).",
    ),
    remedy: "Use larger subnets (the message names the prefix that fits), or lower the peak. The VNet and subnets \
             cannot be resized after the workspace is created, so leave room for growth.",
    source: source::VNET_INJECT,
    check: check_capacity,
};

fn check_capacity(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let (Some(host), Some(container)) = (facts.host, facts.container) else {
        return;
    };
    let peak = u64::from(facts.plan.peak_nodes);
    let capacity = sizing::node_capacity(host, container);
    if peak == 0 || peak <= capacity {
        return;
    }
    let limit = if host.prefix() == container.prefix() {
        format!("the host and container subnets ({host}, {container}) hold {capacity} nodes")
    } else {
        format!(
            "host subnet {host} and container subnet {container} hold {capacity} nodes (the smaller subnet sets \
             the limit)"
        )
    };
    let fix = match sizing::size_for_nodes(peak) {
        Ok(fit) => format!(
            "Subnets that hold it: {}, in a VNet of {}.",
            fit.subnets_text(),
            fit.vnet_text()
        ),
        Err(_) => format!(
            "No VNet-injected workspace holds that many: the largest, two /17 subnets in a /16 VNet, holds {} nodes.",
            sizing::MAX_NODES
        ),
    };
    out.push(rule.finding(
        Field::PeakNodes,
        format!("A peak of {peak} nodes does not fit: {limit}. {fix}"),
    ));
}

pub static UNEQUAL_SUBNETS: Rule = Rule {
    code: "NPIP-I001",
    severity: Severity::Info,
    category: Category::Capacity,
    title: DocText::new("Host and container subnets of different sizes"),
    why: DocText::new(
        "Each node takes one address in each subnet, so the smaller subnet sets the workspace's capacity and the \
          extra addresses of the larger one are never used.",
    ),
    remedy: "Give both subnets the same prefix length, unless the difference is deliberate.",
    source: source::VNET_INJECT,
    check: check_unequal_subnets,
};

fn check_unequal_subnets(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let (Some(host), Some(container)) = (facts.host, facts.container) else {
        return;
    };
    if host.prefix() == container.prefix() {
        return;
    }
    let (small_field, small_name, small, large_name, large) = if host.size() < container.size() {
        (Field::HostSubnetCidr, "host", host, "container", container)
    } else {
        (Field::ContainerSubnetCidr, "container", container, "host", host)
    };
    out.push(rule.finding(
        small_field,
        format!(
            "The {small_name} subnet {small} holds {} nodes and the {large_name} subnet {large} holds {}: the \
             workspace can run {} nodes, and {} addresses of the {large_name} subnet stay unused.",
            sizing::subnet_nodes(small),
            sizing::subnet_nodes(large),
            sizing::node_capacity(host, container),
            large.size().saturating_sub(small.size())
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::finding::Field;
    use crate::plan::Network;
    use crate::rules::test_plans::*;

    fn set_container(plan: &mut crate::plan::Plan, cidr: &str) {
        if let Network::VnetInjection(i) = &mut plan.network {
            i.container_subnet.cidr = cidr.into();
        }
    }

    #[test]
    fn e013_peak_nodes_zero() {
        let mut plan = example("managed-default");
        plan.peak_nodes = 0;
        assert_eq!(of(&plan, "NPIP-E013").len(), 1);
        plan.peak_nodes = 1;
        assert!(of(&plan, "NPIP-E013").is_empty());
    }

    #[test]
    fn e014_capacity_names_the_fix() {
        let mut plan = example("firewall"); // two /23 subnets: 507 nodes
        plan.peak_nodes = 508;
        let found = of(&plan, "NPIP-E014");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("hold 507 nodes"), "{}", found[0].message);
        assert!(
            found[0]
                .message
                .contains("/22 each (1019 nodes), in a VNet of /21 or larger, up to /16"),
            "{}",
            found[0].message
        );
        plan.peak_nodes = 507;
        assert!(of(&plan, "NPIP-E014").is_empty());
        plan.peak_nodes = 40_000;
        assert!(of(&plan, "NPIP-E014")[0].message.contains("32763"));
        // Only the largest sizes hold it: nothing larger is offered.
        plan.peak_nodes = 20_000;
        let message = &of(&plan, "NPIP-E014")[0].message;
        assert!(
            message.ends_with("/17 each (32763 nodes, the most a workspace holds), in a VNet of /16, the largest VNet injection allows."),
            "{message}"
        );
        // The smaller subnet sets the limit.
        let mut plan = example("firewall");
        set_container(&mut plan, "10.30.2.0/24");
        plan.peak_nodes = 300;
        assert!(of(&plan, "NPIP-E014")[0].message.contains("smaller subnet"));
    }

    #[test]
    fn i001_unequal_subnets() {
        let mut plan = example("firewall");
        set_container(&mut plan, "10.30.2.0/24");
        plan.peak_nodes = 100;
        let found = of(&plan, "NPIP-I001");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::ContainerSubnetCidr);
        assert!(found[0].message.contains("can run 251 nodes"), "{}", found[0].message);
        assert!(of(&example("firewall"), "NPIP-I001").is_empty());
    }
}
