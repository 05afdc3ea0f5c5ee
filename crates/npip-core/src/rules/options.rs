//! Option compatibility: which egress goes with which network model, secure cluster connectivity, public network
//! access, the required NSG rules and the pricing tier.

use super::facts::Facts;
use super::rule::{Category, DocText, Rule};
use super::source;
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Egress, Network, PricingTier, PublicNetworkAccess, RequiredNsgRules};

fn is_premium(facts: &Facts) -> bool {
    facts.plan.workspace.pricing_tier == PricingTier::Premium
}

fn scc(facts: &Facts) -> bool {
    facts.plan.connectivity.secure_cluster_connectivity
}

fn public_access_disabled(facts: &Facts) -> bool {
    facts.plan.connectivity.public_network_access == PublicNetworkAccess::Disabled
}

fn no_databricks_rules(facts: &Facts) -> bool {
    facts.plan.connectivity.required_nsg_rules == RequiredNsgRules::NoAzureDatabricksRules
}

pub static EGRESS_MODEL: Rule = Rule {
    code: "NPIP-E201",
    severity: Severity::Error,
    category: Category::Options,
    title: DocText::new("The egress option fits the network model"),
    why: DocText::new(
        "A managed VNet lives in the locked managed resource group: its only egress is the NAT gateway Azure \
          Databricks creates there, and no route table, load balancer or firewall of yours can be attached. The \
          other egress options need subnets you own, that is VNet injection.",
    ),
    remedy: "With a managed VNet choose `managedNatGateway`; with VNet injection choose `natGateway`, \
             `loadBalancer`, `firewall` or `serviceTagRoutes`.",
    source: source::QUICKSTARTS,
    check: check_egress_model,
};

fn check_egress_model(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let kind = facts.plan.egress.kind().as_str();
    let managed_egress = matches!(facts.plan.egress, Egress::ManagedNatGateway);
    match (&facts.plan.network, managed_egress) {
        (Network::Managed { .. }, false) => out.push(rule.finding(
            Field::EgressType,
            format!(
                "Egress `{kind}` needs VNet injection; a managed VNet's only egress is the NAT gateway Azure \
                 Databricks creates (`managedNatGateway`)."
            ),
        )),
        (Network::VnetInjection(_), true) => out.push(rule.finding(
            Field::EgressType,
            "Egress `managedNatGateway` exists only with a managed VNet; with VNet injection the plan must say how \
             clusters reach the internet: `natGateway`, `loadBalancer`, `firewall` or `serviceTagRoutes`.",
        )),
        _ => {}
    }
}

pub static LOAD_BALANCER_SCC: Rule = Rule {
    code: "NPIP-E202",
    severity: Severity::Error,
    category: Category::Options,
    title: DocText::new("An egress load balancer needs secure cluster connectivity"),
    why: DocText::new(
        "The outbound load balancer is the egress of No Public IP (secure cluster connectivity) workspaces; Azure \
          Databricks only joins nodes to its backend pool when secure cluster connectivity is on.",
    ),
    remedy: "Turn secure cluster connectivity on, or choose another egress option.",
    source: source::QUICKSTARTS,
    check: check_load_balancer_scc,
};

fn check_load_balancer_scc(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if matches!(facts.plan.egress, Egress::LoadBalancer { .. }) && !scc(facts) {
        out.push(rule.finding(
            Field::EgressType,
            "Egress through a load balancer needs secure cluster connectivity, which this plan turns off.",
        ));
    }
}

pub static NAT_GATEWAY_SCC: Rule = Rule {
    code: "NPIP-E203",
    severity: Severity::Error,
    category: Category::Options,
    title: DocText::new("A NAT gateway needs secure cluster connectivity"),
    why: DocText::new(
        "Without secure cluster connectivity every node gets a Basic-SKU public IP, and a NAT gateway cannot share \
          a subnet with Basic public IPs: clusters fail with \"NAT gateway cannot be deployed on subnet containing \
          Basic SKU Public IP addresses\".",
    ),
    remedy: "Turn secure cluster connectivity on (recommended), or choose another egress option.",
    source: source::NAT_BASIC_SKU,
    check: check_nat_gateway_scc,
};

fn check_nat_gateway_scc(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if matches!(facts.plan.egress, Egress::NatGateway { .. }) && !scc(facts) {
        out.push(rule.finding(
            Field::EgressType,
            "A NAT gateway cannot work with secure cluster connectivity off: each node would get a Basic public IP, \
             and a NAT gateway cannot share a subnet with Basic public IPs.",
        ));
    }
}

pub static SCC_OFF: Rule = Rule {
    code: "NPIP-W201",
    severity: Severity::Warning,
    category: Category::Options,
    title: DocText::new("Secure cluster connectivity is off"),
    why: DocText::new(
        "Without secure cluster connectivity (No Public IP) every cluster node gets a public IP address and the \
          Databricks control plane opens inbound connections to the nodes; landing-zone policies such as \
          Deny-Databricks-NoPublicIp refuse such workspaces.",
    ),
    remedy: "Turn secure cluster connectivity on unless you have a reason to keep it off.",
    source: source::SCC,
    check: check_scc_off,
};

fn check_scc_off(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if !scc(facts) {
        out.push(rule.finding(
            Field::SecureClusterConnectivity,
            "Secure cluster connectivity is off: every node gets a public IP, the control plane connects in to \
             the nodes, and landing-zone policies such as Deny-Databricks-NoPublicIp may refuse the deployment.",
        ));
    }
}

pub static PUBLIC_ACCESS_NSG_RULES: Rule = Rule {
    code: "NPIP-E204",
    severity: Severity::Error,
    category: Category::Options,
    title: DocText::new("Public network access Disabled needs NoAzureDatabricksRules"),
    why: DocText::new(
        "With public network access disabled, clusters reach the control plane only over a back-end Private Link \
          endpoint, so the workspace must drop the AzureDatabricks NSG rule (`NoAzureDatabricksRules`); Azure \
          rejects Disabled together with AllRules.",
    ),
    remedy: "Set required NSG rules to NoAzureDatabricksRules, or enable public network access.",
    source: source::PRIVATE_LINK,
    check: check_public_access_nsg_rules,
};

fn check_public_access_nsg_rules(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if public_access_disabled(facts) && !no_databricks_rules(facts) {
        out.push(rule.finding(
            Field::RequiredNsgRules,
            "Public network access is Disabled but required NSG rules is AllRules; with public access disabled it \
             must be NoAzureDatabricksRules.",
        ));
    }
}

pub static NO_DATABRICKS_RULES_PREREQUISITES: Rule = Rule {
    code: "NPIP-E205",
    severity: Severity::Error,
    category: Category::Options,
    title: DocText::new("NoAzureDatabricksRules needs VNet injection and secure cluster connectivity"),
    why: DocText::new(
        "`NoAzureDatabricksRules` means clusters reach the control plane through a back-end Private Link \
          endpoint, which exists only for VNet-injected workspaces with secure cluster connectivity.",
    ),
    remedy: "Use VNet injection with secure cluster connectivity on, or set required NSG rules to AllRules.",
    source: source::PRIVATE_LINK,
    check: check_no_databricks_rules_prerequisites,
};

fn check_no_databricks_rules_prerequisites(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if !no_databricks_rules(facts) {
        return;
    }
    let mut missing = Vec::new();
    if facts.is_managed() {
        missing.push("VNet injection (the plan uses a managed VNet)");
    }
    if !scc(facts) {
        missing.push("secure cluster connectivity (the plan turns it off)");
    }
    if !missing.is_empty() {
        out.push(rule.finding(
            Field::RequiredNsgRules,
            format!("NoAzureDatabricksRules needs {}.", missing.join(" and ")),
        ));
    }
}

pub static NO_DATABRICKS_RULES_PRIVATE_LINK: Rule = Rule {
    code: "NPIP-W202",
    severity: Severity::Warning,
    category: Category::Options,
    title: DocText::new("NoAzureDatabricksRules needs a back-end Private Link endpoint this planner does not create"),
    why: DocText::new(
        "Without the AzureDatabricks NSG rule, clusters reach the control plane only through a back-end private \
          endpoint (`databricks_ui_api`) in the workspace VNet and the `privatelink.azuredatabricks.net` DNS zone \
          linked to it; without them clusters fail to start.",
    ),
    remedy: "Create the back-end private endpoint and the private DNS zone (see the Azure Databricks Private Link \
             guide) before the first cluster starts, or use AllRules.",
    source: source::PRIVATE_LINK,
    check: check_no_databricks_rules_private_link,
};

fn check_no_databricks_rules_private_link(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if no_databricks_rules(facts) {
        out.push(rule.finding(
            Field::RequiredNsgRules,
            "NoAzureDatabricksRules: clusters will reach the control plane only through a back-end private \
             endpoint and the privatelink.azuredatabricks.net DNS zone, which this planner does not create; add \
             them or clusters will not start.",
        ));
    }
}

pub static PUBLIC_ACCESS_OFF_FRONT_END: Rule = Rule {
    code: "NPIP-W204",
    severity: Severity::Warning,
    category: Category::Options,
    title: DocText::new(
        "Public network access Disabled needs front-end private endpoints this planner does not create",
    ),
    why: DocText::new(
        "With public network access Disabled, people reach the web app and the REST API only through a front-end \
          private endpoint (`databricks_ui_api`), usually in a transit VNet, and sign in through a \
          `browser_authentication` endpoint, with the `privatelink.azuredatabricks.net` DNS zone resolving both. \
          The template deploys the workspace without them: it deploys cleanly, and then nobody can open it.",
    ),
    remedy: "Create the front-end and browser authentication private endpoints and the private DNS zone (see the \
             Azure Databricks Private Link guide) before handing the workspace over, or keep public network access \
             Enabled.",
    source: source::PRIVATE_LINK,
    check: check_public_access_off_front_end,
};

fn check_public_access_off_front_end(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if facts.plan.connectivity.public_network_access == PublicNetworkAccess::Disabled {
        out.push(rule.finding(
            Field::PublicNetworkAccess,
            "Public network access is Disabled: the web app and REST API are reachable only through a front-end \
             private endpoint (databricks_ui_api) and sign-in through a browser_authentication endpoint, with the \
             privatelink.azuredatabricks.net DNS zone; this planner creates none of them, so add them or nobody \
             can open the workspace.",
        ));
    }
}

pub static PRIVATE_LINK_PREMIUM: Rule = Rule {
    code: "NPIP-E206",
    severity: Severity::Error,
    category: Category::Options,
    title: DocText::new("Private Link settings need the premium tier"),
    why: DocText::new(
        "Disabling public network access and NoAzureDatabricksRules are Private Link settings, and Azure \
          Databricks offers Private Link only on premium workspaces.",
    ),
    remedy: "Choose the premium pricing tier, or keep public network access Enabled with AllRules.",
    source: source::PRIVATE_LINK,
    check: check_private_link_premium,
};

fn check_private_link_premium(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if is_premium(facts) {
        return;
    }
    let mut settings = Vec::new();
    if public_access_disabled(facts) {
        settings.push("public network access Disabled");
    }
    if no_databricks_rules(facts) {
        settings.push("NoAzureDatabricksRules");
    }
    if !settings.is_empty() {
        out.push(rule.finding(
            Field::PricingTier,
            format!(
                "The plan uses {} (Private Link), which needs the premium tier; this workspace is {}.",
                settings.join(" and "),
                facts.plan.workspace.pricing_tier.as_str()
            ),
        ));
    }
}

pub static LOAD_BALANCER_PUBLIC_ACCESS: Rule = Rule {
    code: "NPIP-E207",
    severity: Severity::Error,
    category: Category::Options,
    title: DocText::new("No egress load balancer with public network access Disabled"),
    why: DocText::new(
        "Azure treats a workspace with an outbound load balancer and a fully private workspace (public network \
          access Disabled) as different kinds of workspace and refuses the combination.",
    ),
    remedy: "Choose a NAT gateway or a firewall for egress, or enable public network access.",
    source: source::AZURERM_WORKSPACE,
    check: check_load_balancer_public_access,
};

fn check_load_balancer_public_access(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if matches!(facts.plan.egress, Egress::LoadBalancer { .. }) && public_access_disabled(facts) {
        out.push(rule.finding(
            Field::EgressType,
            "An egress load balancer cannot be combined with public network access Disabled.",
        ));
    }
}

pub static MANAGED_NAMES_WITHOUT_SCC: Rule = Rule {
    code: "NPIP-W203",
    severity: Severity::Warning,
    category: Category::Options,
    title: DocText::new("Managed NAT gateway names are ignored without secure cluster connectivity"),
    why: DocText::new(
        "Azure Databricks creates the managed VNet's NAT gateway and its public IP only for secure cluster \
          connectivity; with it off, the names are ignored and nodes get public IPs instead.",
    ),
    remedy: "Turn secure cluster connectivity on, or remove the NAT gateway and public IP names.",
    source: source::QUICKSTARTS,
    check: check_managed_names_without_scc,
};

fn check_managed_names_without_scc(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if scc(facts) {
        return;
    }
    if let Network::Managed {
        nat_gateway_name,
        public_ip_name,
        ..
    } = &facts.plan.network
    {
        if nat_gateway_name.is_some() {
            out.push(rule.finding(
                Field::ManagedNatGatewayName,
                "The NAT gateway name is ignored: Azure Databricks creates no NAT gateway with secure cluster \
                 connectivity off.",
            ));
        }
        if public_ip_name.is_some() {
            out.push(rule.finding(
                Field::ManagedPublicIpName,
                "The public IP name is ignored: Azure Databricks creates no NAT gateway public IP with secure \
                 cluster connectivity off.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Field;
    use crate::plan::{Egress, Network, PricingTier, PublicNetworkAccess, RequiredNsgRules};
    use crate::rules::test_plans::*;

    #[test]
    fn e201_egress_model() {
        let mut plan = example("managed-default");
        plan.egress = example("nat-gateway").egress;
        assert_eq!(of(&plan, "NPIP-E201").len(), 1);
        let mut plan = example("nat-gateway");
        plan.egress = Egress::ManagedNatGateway;
        assert!(of(&plan, "NPIP-E201")[0].message.contains("only with a managed VNet"));
        assert!(of(&example("nat-gateway"), "NPIP-E201").is_empty());
        assert!(of(&example("managed-default"), "NPIP-E201").is_empty());
    }

    #[test]
    fn e202_load_balancer_scc() {
        let mut plan = example("load-balancer");
        plan.connectivity.secure_cluster_connectivity = false;
        assert_eq!(of(&plan, "NPIP-E202").len(), 1);
        assert!(of(&example("load-balancer"), "NPIP-E202").is_empty());
        let mut plan = example("firewall");
        plan.connectivity.secure_cluster_connectivity = false;
        assert!(of(&plan, "NPIP-E202").is_empty());
    }

    #[test]
    fn e203_nat_gateway_scc() {
        let mut plan = example("nat-gateway");
        plan.connectivity.secure_cluster_connectivity = false;
        let found = of(&plan, "NPIP-E203");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("Basic public IP"));
        assert!(of(&example("nat-gateway"), "NPIP-E203").is_empty());
    }

    #[test]
    fn w201_scc_off() {
        let mut plan = example("firewall");
        plan.connectivity.secure_cluster_connectivity = false;
        let found = of(&plan, "NPIP-W201");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("Deny-Databricks-NoPublicIp"));
        assert!(of(&example("firewall"), "NPIP-W201").is_empty());
    }

    #[test]
    fn e204_public_access_needs_no_databricks_rules() {
        let mut plan = example("firewall");
        plan.connectivity.public_network_access = PublicNetworkAccess::Disabled;
        assert_eq!(of(&plan, "NPIP-E204").len(), 1);
        plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
        assert!(of(&plan, "NPIP-E204").is_empty());
        assert!(
            !codes(&plan).iter().any(|c| c.starts_with("NPIP-E")),
            "{:?}",
            codes(&plan)
        );
    }

    #[test]
    fn e205_no_databricks_rules_prerequisites() {
        let mut plan = example("managed-default");
        plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
        assert!(of(&plan, "NPIP-E205")[0].message.contains("VNet injection"));
        let mut plan = example("firewall");
        plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
        assert!(of(&plan, "NPIP-E205").is_empty());
        plan.connectivity.secure_cluster_connectivity = false;
        assert!(of(&plan, "NPIP-E205")[0]
            .message
            .contains("secure cluster connectivity"));
    }

    #[test]
    fn w202_no_databricks_rules_private_link() {
        let mut plan = example("firewall");
        plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
        assert_eq!(of(&plan, "NPIP-W202").len(), 1);
        assert!(of(&example("firewall"), "NPIP-W202").is_empty());
    }

    #[test]
    fn w204_public_access_off_needs_front_end_endpoints() {
        let mut plan = example("firewall");
        assert!(of(&plan, "NPIP-W204").is_empty());
        plan.connectivity.public_network_access = PublicNetworkAccess::Disabled;
        plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
        let found = of(&plan, "NPIP-W204");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::PublicNetworkAccess);
        assert!(
            found[0].message.contains("browser_authentication"),
            "{}",
            found[0].message
        );
        // The back-end endpoint is NPIP-W202's business; both warnings stand side by side.
        assert_eq!(of(&plan, "NPIP-W202").len(), 1);
    }

    #[test]
    fn e206_private_link_premium() {
        let mut plan = example("firewall");
        plan.connectivity.public_network_access = PublicNetworkAccess::Disabled;
        plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
        assert!(of(&plan, "NPIP-E206").is_empty());
        plan.workspace.pricing_tier = PricingTier::Standard;
        let found = of(&plan, "NPIP-E206");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::PricingTier);
        assert!(found[0].message.contains("this workspace is standard"));
        let mut plan = example("service-tag-routes"); // standard, AllRules, public access on
        assert!(of(&plan, "NPIP-E206").is_empty());
        plan.workspace.pricing_tier = PricingTier::Trial;
        plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
        assert_eq!(of(&plan, "NPIP-E206").len(), 1);
    }

    #[test]
    fn e207_load_balancer_public_access() {
        let mut plan = example("load-balancer");
        plan.connectivity.public_network_access = PublicNetworkAccess::Disabled;
        plan.connectivity.required_nsg_rules = RequiredNsgRules::NoAzureDatabricksRules;
        assert_eq!(of(&plan, "NPIP-E207").len(), 1);
        let mut plan = example("nat-gateway");
        plan.connectivity.public_network_access = PublicNetworkAccess::Disabled;
        assert!(of(&plan, "NPIP-E207").is_empty());
    }

    #[test]
    fn w203_managed_names_without_scc() {
        let mut plan = example("managed-custom-prefix");
        plan.connectivity.secure_cluster_connectivity = false;
        let found = of(&plan, "NPIP-W203");
        assert_eq!(found.len(), 2);
        if let Network::Managed { public_ip_name, .. } = &mut plan.network {
            *public_ip_name = None;
        }
        assert_eq!(of(&plan, "NPIP-W203").len(), 1);
        assert!(of(&example("managed-custom-prefix"), "NPIP-W203").is_empty());
    }
}
