//! Notes: facts a person must know before deploying that no plan value can get wrong, said with this plan's names.

use super::facts::Facts;
use super::names::parse_vnet_resource_id;
use super::rule::{Category, DocText, Rule};
use super::source;
use crate::finding::{Field, Finding, Severity};
use crate::plan::{Network, PricingTier, RequiredNsgRules, Vnet};
use crate::quote::shown;
use crate::sizing;

pub static IMMUTABLE_NETWORK: Rule = Rule {
    code: "NPIP-I002",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("The network cannot change after the workspace is created"),
    why: DocText::new(
        "A workspace's VNet cannot be replaced, and its subnets and the managed VNet's range are fixed at \
          creation (a later change needs the account team or a new workspace), so the sizes chosen now must hold \
          future growth.",
    ),
    remedy: "Decide now what must last: with VNet injection, size the VNet and subnets for the peak you expect in a \
             few years, not for today; with a managed VNet, choose a range that no network you may peer with later \
             will overlap.",
    source: source::VNET_INJECT,
    check: check_immutable_network,
};

fn check_immutable_network(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let message = match (&facts.plan.network, facts.host, facts.container) {
        (Network::Managed { .. }, _, _) => {
            "The managed VNet's range is fixed when the workspace is created and cannot be changed later.".to_string()
        }
        (Network::VnetInjection(_), Some(host), Some(container)) => format!(
            "The VNet and the subnets ({host} and {container}, {} nodes at most) cannot be changed or replaced once \
             the workspace exists; the plan expects a peak of {} nodes.",
            sizing::node_capacity(host, container),
            facts.plan.peak_nodes
        ),
        (Network::VnetInjection(_), _, _) => {
            "The VNet and the subnets cannot be changed or replaced once the workspace exists.".to_string()
        }
    };
    out.push(rule.finding(Field::NetworkModel, message));
}

pub static SCC_NEW_WORKSPACES: Rule = Rule {
    code: "NPIP-I003",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("Secure cluster connectivity is set for new workspaces"),
    why: DocText::new(
        "Secure cluster connectivity is chosen when a workspace is created; an existing workspace can only switch \
          it on (never off), and only when it uses VNet injection.",
    ),
    remedy: "Deploy this plan as a new workspace; to move an existing one, follow Microsoft's guide for updating \
             workspace network settings.",
    source: source::SCC,
    check: check_scc_new_workspaces,
};

fn check_scc_new_workspaces(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let scc = facts.plan.connectivity.secure_cluster_connectivity;
    let message = match (scc, facts.is_managed()) {
        (true, _) => {
            "This plan is for a new workspace: secure cluster connectivity cannot be added to an existing \
                      workspace by redeploying, except one with VNet injection, and it can never be switched off."
        }
        (false, false) => {
            "Secure cluster connectivity can be switched on later for this VNet-injected workspace, \
                           but never off again."
        }
        (false, true) => {
            "With a managed VNet, secure cluster connectivity cannot be switched on later (that needs \
                          VNet injection): decide now."
        }
    };
    out.push(rule.finding(Field::SecureClusterConnectivity, message));
}

pub static PROVIDERS: Rule = Rule {
    code: "NPIP-I004",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("Register the resource providers first"),
    why: DocText::new(
        "A deployment fails if the subscription has not registered the resource providers of the resources it \
          creates. For a workspace with secure cluster connectivity, Microsoft's secure cluster connectivity page \
          also requires Microsoft.ManagedIdentity to be registered in the subscription, once per subscription, \
          whether the workspace comes from the portal or from an ARM template.",
    ),
    remedy: "Run `az provider register --namespace <provider>` for each provider the note names in the target \
             subscription; the deploy commands do it.",
    source: source::SCC,
    check: check_providers,
};

fn check_providers(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let mut providers = vec!["Microsoft.Databricks"];
    if !facts.is_managed() {
        providers.push("Microsoft.Network (for the VNet and egress resources)");
    }
    if facts.plan.connectivity.secure_cluster_connectivity {
        providers.push("Microsoft.ManagedIdentity (secure cluster connectivity requires it)");
    }
    let list = match providers.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => providers.join(""),
    };
    out.push(rule.finding(
        Field::Plan,
        format!("Before deploying, register {list} in the subscription, once per subscription."),
    ));
}

pub static MANAGED_RESOURCE_GROUP: Rule = Rule {
    code: "NPIP-I005",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("The managed resource group is created by Azure Databricks and locked"),
    why: DocText::new(
        "Azure Databricks creates the managed resource group itself and refuses one that already exists; after \
          deployment a deny assignment locks it, so nobody (owners included) can change the resources in it.",
    ),
    remedy: "Pick a managed resource group name that does not exist yet, and make network changes only in your own \
             resource groups.",
    source: source::AZURERM_DOCS,
    check: check_managed_resource_group,
};

fn check_managed_resource_group(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let name = facts.plan.workspace.managed_resource_group_name();
    out.push(rule.finding(
        Field::ManagedResourceGroup,
        format!(
            "Azure Databricks will create the resource group `{}`: it must not exist yet, and after deployment \
             it is locked, so nothing in it can be changed by hand.",
            shown(&name)
        ),
    ));
}

/// The existing VNet's resource ID text, when the plan injects into an existing VNet.
fn existing_vnet<'a>(facts: &Facts<'a>) -> Option<&'a str> {
    match facts.injection.map(|i| &i.vnet) {
        Some(Vnet::Existing { resource_id, .. }) => Some(resource_id.as_str()),
        _ => None,
    }
}

/// `VNet `name`` from the ID when it parses, else a plain "the existing VNet".
fn vnet_words(resource_id: &str) -> String {
    match parse_vnet_resource_id(resource_id) {
        Ok(id) => format!(
            "the VNet `{}` (resource group `{}`)",
            shown(&id.name),
            shown(&id.resource_group)
        ),
        Err(_) => "the existing VNet".to_string(),
    }
}

pub static EXISTING_VNET_PLACEMENT: Rule = Rule {
    code: "NPIP-I006",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("An existing VNet is in the workspace's region and subscription"),
    why: DocText::new(
        "Azure Databricks injects a workspace only into a VNet in the same region and the same subscription as \
          the workspace; the planner cannot see where the VNet is.",
    ),
    remedy: "Check the VNet's location and subscription, and deploy the workspace there.",
    source: source::VNET_INJECT,
    check: check_existing_vnet_placement,
};

fn check_existing_vnet_placement(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(resource_id) = existing_vnet(facts) else {
        return;
    };
    let subscription = parse_vnet_resource_id(resource_id)
        .map(|id| format!("subscription {}", shown(&id.subscription_id)))
        .unwrap_or_else(|_| "its subscription".to_string());
    out.push(rule.finding(
        Field::VnetResourceId,
        format!(
            "Make sure {} is in region `{}` and deploy the workspace to {subscription}: the workspace and its VNet \
             must share both.",
            vnet_words(resource_id),
            shown(&facts.plan.workspace.region)
        ),
    ));
}

pub static EXISTING_VNET_PERMISSIONS: Rule = Rule {
    code: "NPIP-I007",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("Deploying into an existing VNet needs rights on it"),
    why: DocText::new(
        "Whoever deploys the workspace adds subnets to the VNet and joins them to the workspace, which needs the \
          Network Contributor role on the VNet, or a custom role with \
          Microsoft.Network/virtualNetworks/subnets/join/action and Microsoft.Network/virtualNetworks/subnets/write.",
    ),
    remedy: "Ask the VNet's owner for Network Contributor on it (or the two permissions) before deploying.",
    source: source::VNET_INJECT,
    check: check_existing_vnet_permissions,
};

fn check_existing_vnet_permissions(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(resource_id) = existing_vnet(facts) else {
        return;
    };
    out.push(rule.finding(
        Field::VnetResourceId,
        format!(
            "Whoever deploys needs Network Contributor on {}, or a custom role with subnets/join/action and \
             subnets/write on it.",
            vnet_words(resource_id)
        ),
    ));
}

pub static DEDICATED_SUBNETS: Rule = Rule {
    code: "NPIP-I008",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("The workspace subnets are dedicated to it"),
    why: DocText::new("The two subnets cannot be shared with another workspace or hold any other resource (VMs, private \
          endpoints, gateways); reusing a subnet fails with PrepareNetworkPoliciesRequestIsMissingNetworkIntentPolicies."),
    remedy: "Use subnet names that do not exist in the VNet yet; put private endpoints and other resources in \
             subnets of their own.",
    source: source::VNET_INJECT,
    check: check_dedicated_subnets,
};

fn check_dedicated_subnets(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(injection) = facts.injection else { return };
    if existing_vnet(facts).is_none() {
        return;
    }
    out.push(rule.finding(
        Field::HostSubnetName,
        format!(
            "The subnets `{}` and `{}` must not exist yet in the VNet, or must be empty: they will hold only this \
             workspace's nodes, never other resources or another workspace.",
            shown(&injection.host_subnet.name),
            shown(&injection.container_subnet.name)
        ),
    ));
}

pub static NETWORK_INTENT_POLICY: Rule = Rule {
    code: "NPIP-I009",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("The NSG and subnets stay locked while the workspace exists"),
    why: DocText::new(
        "Azure Databricks puts a network intent policy on both subnets: while the workspace exists, the NSG \
          cannot be detached or swapped, the delegation cannot be removed and the Databricks-managed NSG rules \
          cannot be edited (NetworkSecurityGroupCannotBeRemovedDueToNipOnSubnet).",
    ),
    remedy: "Add your own NSG rules beside the managed ones, and delete the workspace before tearing down its \
             network.",
    source: source::AZURERM_DOCS,
    check: check_network_intent_policy,
};

fn check_network_intent_policy(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    let Some(injection) = facts.injection else { return };
    out.push(rule.finding(
        Field::NsgName,
        format!(
            "While the workspace exists, the NSG `{}` cannot be detached from the subnets and its Databricks rules \
             cannot be edited; delete the workspace before its network.",
            shown(&injection.nsg_name)
        ),
    ));
}

pub static REQUIRED_NSG_RULES_CHANGE: Rule = Rule {
    code: "NPIP-I013",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("Changing requiredNsgRules later: the workspace first, then the NSG"),
    why: DocText::new(
        "Azure Databricks holds the subnets to a network intent policy that follows the workspace's \
          requiredNsgRules. Redeploying the template with a new value writes the NSG before the workspace (the \
          workspace depends on its subnets and their NSG), and an NSG that drops the AzureDatabricks rule while the \
          policy still requires it fails with ConflictWithNetworkIntentPolicy. Updating the workspace first lets \
          Azure Databricks change the policy; the template then writes an NSG that matches it. Microsoft documents \
          the failure, not the order: this order follows from how the policy works.",
    ),
    remedy: "Change requiredNsgRules with `az databricks workspace update --required-nsg-rules <value>` first, then \
             set the same value in the parameters file and deploy the template again; never deploy the NSG in \
             Complete mode.",
    source: source::INTENT_POLICY_CONFLICT,
    check: check_required_nsg_rules_change,
};

fn check_required_nsg_rules_change(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if facts.injection.is_none() {
        return;
    }
    let now = facts.plan.connectivity.required_nsg_rules;
    let other = match now {
        RequiredNsgRules::AllRules => RequiredNsgRules::NoAzureDatabricksRules,
        RequiredNsgRules::NoAzureDatabricksRules => RequiredNsgRules::AllRules,
    };
    out.push(rule.finding(
        Field::RequiredNsgRules,
        format!(
            "To change requiredNsgRules after deployment (it is {} now), change the workspace first: `az databricks \
             workspace update --resource-group <resource-group> --name {} --required-nsg-rules {}`; then set the \
             same value in the parameters file and deploy the template again, so that the NSG matches. The template \
             alone writes the NSG before the workspace, which fails with ConflictWithNetworkIntentPolicy.",
            now.as_str(),
            shown(&facts.plan.workspace.name),
            other.as_str()
        ),
    ));
}

pub static LANDING_ZONE_POLICIES: Rule = Rule {
    code: "NPIP-I010",
    severity: Severity::Info,
    category: Category::Notes,
    title: DocText::new("Landing-zone policies may refuse the workspace"),
    why: DocText::new(
        "Subscriptions built on Microsoft's Azure landing-zone reference may carry Azure Policy assignments such \
          as Deny-Databricks-VirtualNetwork (VNet injection required) and Deny-Databricks-Sku (premium required), \
          which fail the deployment with RequestDisallowedByPolicy.",
    ),
    remedy: "Check the policies assigned to the target subscription, or plan VNet injection on the premium tier.",
    source: source::ALZ_POLICIES,
    check: check_landing_zone_policies,
};

fn check_landing_zone_policies(rule: &'static Rule, facts: &Facts, out: &mut Vec<Finding>) {
    if facts.is_managed() {
        out.push(rule.finding(
            Field::NetworkModel,
            "Landing-zone subscriptions may deny workspaces without VNet injection (policy \
             Deny-Databricks-VirtualNetwork); check before choosing the managed VNet.",
        ));
    }
    let tier = facts.plan.workspace.pricing_tier;
    if tier != PricingTier::Premium {
        out.push(rule.finding(
            Field::PricingTier,
            format!(
                "Landing-zone subscriptions may deny {} workspaces (policy Deny-Databricks-Sku); check before \
                 deploying.",
                tier.as_str()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Field;
    use crate::plan::PricingTier;
    use crate::rules::test_plans::*;

    #[test]
    fn i002_immutable_network() {
        let found = of(&example("firewall"), "NPIP-I002");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("507 nodes at most"), "{}", found[0].message);
        let managed = &of(&example("managed-default"), "NPIP-I002")[0];
        assert!(managed.message.contains("managed VNet"));
        // A managed VNet has no subnets of the plan's to size: the remedy speaks to both models.
        assert!(managed.remedy.contains("with a managed VNet, choose a range"));
    }

    #[test]
    fn i003_scc_new_workspaces() {
        assert!(of(&example("nat-gateway"), "NPIP-I003")[0]
            .message
            .contains("new workspace"));
        let mut plan = example("managed-default");
        plan.connectivity.secure_cluster_connectivity = false;
        assert!(of(&plan, "NPIP-I003")[0]
            .message
            .contains("cannot be switched on later"));
        let mut plan = example("firewall");
        plan.connectivity.secure_cluster_connectivity = false;
        assert!(of(&plan, "NPIP-I003")[0].message.contains("can be switched on later"));
    }

    #[test]
    fn i004_providers() {
        let found = of(&example("nat-gateway"), "NPIP-I004");
        assert!(found[0].message.contains("Microsoft.Network"));
        // The secure cluster connectivity page requires Microsoft.ManagedIdentity, once per subscription.
        assert!(
            found[0]
                .message
                .contains("Microsoft.ManagedIdentity (secure cluster connectivity requires it)"),
            "{}",
            found[0].message
        );
        assert!(
            !found[0].message.contains("no Microsoft source"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].source, crate::rules::source::SCC);
        assert!(!of(&example("managed-default"), "NPIP-I004")[0]
            .message
            .contains("Microsoft.Network"));
        // Without secure cluster connectivity nothing asks for it.
        let mut plan = example("firewall");
        plan.connectivity.secure_cluster_connectivity = false;
        assert!(!of(&plan, "NPIP-I004")[0].message.contains("ManagedIdentity"));
    }

    #[test]
    fn i013_changing_required_nsg_rules_goes_workspace_first() {
        let found = of(&example("firewall"), "NPIP-I013");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::RequiredNsgRules);
        let message = &found[0].message;
        for words in [
            "workspace first",
            "az databricks workspace update --resource-group <resource-group> --name adb-secure-weu \
             --required-nsg-rules NoAzureDatabricksRules",
            "then",
            "ConflictWithNetworkIntentPolicy",
        ] {
            assert!(message.contains(words), "{words}: {message}");
        }
        // The other way round names the other value; a managed VNet has no NSG of the plan's.
        let mut plan = example("firewall");
        plan.connectivity.required_nsg_rules = crate::plan::RequiredNsgRules::NoAzureDatabricksRules;
        assert!(of(&plan, "NPIP-I013")[0]
            .message
            .contains("--required-nsg-rules AllRules"));
        assert!(of(&example("managed-default"), "NPIP-I013").is_empty());
    }

    #[test]
    fn i005_managed_resource_group() {
        let found = of(&example("managed-default"), "NPIP-I005");
        assert!(found[0].message.contains("`databricks-rg-adb-analytics-dev`"));
        let found = of(&example("managed-custom-prefix"), "NPIP-I005");
        assert!(found[0].message.contains("`rg-adb-analytics-test-managed`"));
    }

    #[test]
    fn existing_vnet_notes_fire_only_for_existing_vnets() {
        let plan = example("existing-vnet");
        for code in ["NPIP-I006", "NPIP-I007", "NPIP-I008"] {
            assert_eq!(of(&plan, code).len(), 1, "{code}");
            assert!(of(&example("nat-gateway"), code).is_empty(), "{code}");
        }
        assert!(of(&plan, "NPIP-I006")[0].message.contains("`spoke-vnet`"));
        assert!(of(&plan, "NPIP-I006")[0].message.contains("region `uksouth`"));
        assert!(of(&plan, "NPIP-I007")[0].message.contains("Network Contributor"));
        assert!(of(&plan, "NPIP-I008")[0]
            .message
            .contains("`adb-host` and `adb-container`"));
    }

    #[test]
    fn i009_network_intent_policy() {
        assert!(of(&example("nat-gateway"), "NPIP-I009")[0]
            .message
            .contains("`adb-prod-weu-nsg`"));
        assert!(of(&example("managed-default"), "NPIP-I009").is_empty());
    }

    #[test]
    fn i010_landing_zone_policies() {
        assert!(of(&example("nat-gateway"), "NPIP-I010").is_empty());
        assert_eq!(
            of(&example("managed-default"), "NPIP-I010")[0].field,
            Field::NetworkModel
        );
        let found = of(&example("service-tag-routes"), "NPIP-I010");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("standard workspaces"));
        let mut plan = example("managed-default");
        plan.workspace.pricing_tier = PricingTier::Trial;
        assert_eq!(of(&plan, "NPIP-I010").len(), 2);
    }
}
