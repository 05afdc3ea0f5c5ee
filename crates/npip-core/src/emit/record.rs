//! The design record: what the plan decides, what the checks found and how to deploy it, as one Markdown file for
//! a wiki page or a ticket. The app prints the same table (its review step reads [`summary_rows`]); the record adds
//! the findings and the deploy commands. Deterministic: no date, so the same plan gives the same bytes.

use super::deploy::deploy_commands;
use super::markdown::md_into;
use crate::edit::NetworkChoice;
use crate::finding::Severity;
use crate::plan::{Egress, Network, Plan, Subnet, Vnet};
use crate::rules::{self, Checked, MANAGED_DEFAULT_PREFIX};
use crate::text::plural;

/// A value as shown, or a dash when there is none.
pub fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_string()
    } else {
        text.to_string()
    }
}

/// The decisions in a few lines: the printed design record's table and the Markdown record's.
pub fn summary_rows(plan: &Plan) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Workspace", or_dash(&plan.workspace.name)),
        ("Region", or_dash(&plan.workspace.region)),
        ("Pricing tier", plan.workspace.pricing_tier.as_str().to_string()),
        ("Managed resource group", plan.workspace.managed_resource_group_name()),
    ];
    let model = match NetworkChoice::of(&plan.network) {
        NetworkChoice::Managed => "Managed VNet",
        NetworkChoice::NewVnet => "VNet injection, new VNet",
        NetworkChoice::ExistingVnet => "VNet injection, existing VNet",
    };
    rows.push(("Network", model.to_string()));
    match &plan.network {
        Network::Managed { address_prefix, .. } => {
            let prefix = address_prefix.as_deref().unwrap_or(MANAGED_DEFAULT_PREFIX);
            rows.push(("Managed VNet range", format!("{prefix}.0.0/16")));
        }
        Network::VnetInjection(injection) => {
            match &injection.vnet {
                Vnet::New { name, address_space } => {
                    rows.push(("VNet", format!("{} ({})", or_dash(name), or_dash(address_space))));
                }
                Vnet::Existing {
                    resource_id,
                    address_prefixes,
                } => {
                    rows.push(("VNet", or_dash(resource_id)));
                    rows.push(("VNet prefixes", or_dash(&address_prefixes.join(", "))));
                }
            }
            let subnet = |s: &Subnet| format!("{} ({})", or_dash(&s.name), or_dash(&s.cidr));
            rows.push(("Host subnet", subnet(&injection.host_subnet)));
            rows.push(("Container subnet", subnet(&injection.container_subnet)));
            rows.push(("Network security group", or_dash(&injection.nsg_name)));
        }
    }
    rows.push(("Peak cluster nodes", plan.peak_nodes.to_string()));
    let scc = if plan.connectivity.secure_cluster_connectivity {
        "On"
    } else {
        "Off"
    };
    rows.push(("Secure cluster connectivity", scc.to_string()));
    rows.push((
        "Public network access",
        plan.connectivity.public_network_access.as_str().to_string(),
    ));
    rows.push((
        "Required NSG rules",
        plan.connectivity.required_nsg_rules.as_str().to_string(),
    ));
    let egress = match &plan.egress {
        Egress::ManagedNatGateway => "Managed NAT gateway".to_string(),
        Egress::LoadBalancer {
            load_balancer_name,
            public_ip_name,
            ..
        } => format!(
            "Egress load balancer {} with public IP {}",
            or_dash(load_balancer_name),
            or_dash(public_ip_name)
        ),
        Egress::NatGateway {
            nat_gateway_name,
            public_ip_name,
            idle_timeout_minutes,
        } => format!(
            "NAT gateway {} with public IP {}, idle timeout {idle_timeout_minutes} min",
            or_dash(nat_gateway_name),
            or_dash(public_ip_name)
        ),
        Egress::Firewall {
            route_table_name,
            firewall_private_ip,
            ..
        } => format!(
            "Firewall at {} through route table {}",
            or_dash(firewall_private_ip),
            or_dash(route_table_name)
        ),
        Egress::ServiceTagRoutes { route_table_name } => {
            format!("Service-tag routes in route table {}", or_dash(route_table_name))
        }
    };
    rows.push(("Egress", egress));
    if !plan.avoid.is_empty() {
        let ranges: Vec<String> = plan
            .avoid
            .iter()
            .map(|r| {
                if r.label.is_empty() {
                    r.cidr.clone()
                } else {
                    format!("{} ({})", r.cidr, r.label)
                }
            })
            .collect();
        rows.push(("Kept clear of", ranges.join(", ")));
    }
    rows
}

/// The design record of `plan` as Markdown. Written for any plan, errors included: it lists them.
pub fn design_record(plan: &Plan) -> String {
    design_record_for(&rules::check(plan))
}

/// [`design_record`] for a plan checked already.
pub fn design_record_for(checked: &Checked) -> String {
    let (plan, findings) = (checked.plan(), checked.findings());
    let mut out = String::with_capacity(4096);
    out.push_str("# Design record: ");
    md_into(&mut out, &or_dash(&plan.workspace.name));
    out.push_str("\n\nAzure Databricks with secure cluster connectivity, planned with NPIP Planner ");
    out.push_str(crate::VERSION);
    out.push_str(". Region data as of ");
    out.push_str(crate::regions::AS_OF);
    out.push_str(".\n\n## The plan\n\n| Setting | Value |\n| --- | --- |\n");
    for (key, value) in summary_rows(plan) {
        out.push_str("| ");
        out.push_str(key);
        out.push_str(" | ");
        md_into(&mut out, &value);
        out.push_str(" |\n");
    }
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    out.push_str("\n## What the checks found\n\n");
    out.push_str(&format!(
        "{}, {}, {}.",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(notes, "note", "notes"),
    ));
    out.push_str(if errors > 0 {
        " The errors hold back the template until they are fixed.\n"
    } else {
        " Nothing holds back the template.\n"
    });
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Notes"),
    ] {
        let mut of_kind = findings.iter().filter(|f| f.severity == severity).peekable();
        if of_kind.peek().is_none() {
            continue;
        }
        out.push_str("\n### ");
        out.push_str(heading);
        out.push_str("\n\n");
        for finding in of_kind {
            out.push_str("- **");
            out.push_str(finding.code);
            out.push_str("**");
            let path = finding.field.path();
            if !path.is_empty() {
                out.push_str(" (`");
                out.push_str(&path);
                out.push_str("`)");
            }
            out.push_str(": ");
            md_into(&mut out, &finding.message);
            out.push_str("\n  Fix: ");
            md_into(&mut out, finding.remedy);
            if !finding.source.is_empty() {
                out.push_str(" Source: <");
                out.push_str(finding.source);
                out.push('>');
            }
            out.push('\n');
        }
    }
    let deploy = deploy_commands(plan);
    out.push_str(
        "\n## Deploy\n\nWith the Azure CLI, where `azuredeploy.json` and `azuredeploy.parameters.json` are:\n\n```sh\n",
    );
    out.push_str(deploy.script.trim_end());
    out.push_str("\n```\n");
    if let Some(change) = &deploy.required_nsg_rules_change {
        out.push_str(
            "\n## Changing the required NSG rules later\n\nAzure Databricks holds both subnets to a network intent \
             policy that follows the workspace's requiredNsgRules. Deploying the template with a new value writes \
             the NSG before the workspace, and an NSG without a rule the policy still requires fails with \
             ConflictWithNetworkIntentPolicy. So change the workspace first, then the NSG:\n\n```sh\n",
        );
        out.push_str(change.trim_end());
        out.push_str("\n```\n");
    }
    out
}
