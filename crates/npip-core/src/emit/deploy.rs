//! The Azure CLI commands that register the resource providers and deploy a plan's template.
//!
//! The commands match the files the planner writes (`azuredeploy.json`, `azuredeploy.parameters.json`). For an
//! existing VNet the template adds subnets to that VNet, so it must deploy into the VNet's own resource group and
//! subscription, which the VNet's resource ID names.

use super::files::{PARAMETERS_FILE_NAME, TEMPLATE_FILE_NAME};
use crate::plan::{Network, Plan, RequiredNsgRules, Vnet};
use crate::regions::{self, Cloud};

/// Where the template goes and the commands that put it there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeployCommands {
    /// The resource group to deploy into.
    pub resource_group: String,
    /// True when the resource group is the existing VNet's (required); false when it is only a suggestion.
    pub resource_group_required: bool,
    /// The subscription, when the plan names one (an existing VNet's resource ID does).
    pub subscription: Option<String>,
    /// Resource provider namespaces to register, in order.
    pub providers: Vec<&'static str>,
    /// The commands, one per line, with `#` comments; they run the same in Bash, zsh and PowerShell.
    pub script: String,
    /// For VNet injection: how to change `requiredNsgRules` on the deployed workspace, the workspace first, as
    /// commands like `script`.
    pub required_nsg_rules_change: Option<String>,
}

/// The parts of an Azure resource ID the commands need.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ResourceIdParts {
    subscription: String,
    resource_group: String,
}

/// Reads the subscription and resource group out of `/subscriptions/<id>/resourceGroups/<name>/…`. Segment names
/// match case-insensitively, as Azure does. `None` when either is missing or empty.
fn resource_id_parts(resource_id: &str) -> Option<ResourceIdParts> {
    let mut segments = resource_id.trim().split('/').filter(|s| !s.is_empty());
    let mut subscription = None;
    let mut resource_group = None;
    while let Some(segment) = segments.next() {
        if segment.eq_ignore_ascii_case("subscriptions") {
            subscription = segments.next();
        } else if segment.eq_ignore_ascii_case("resourceGroups") {
            resource_group = segments.next();
        }
    }
    Some(ResourceIdParts {
        subscription: subscription?.to_string(),
        resource_group: resource_group?.to_string(),
    })
}

/// What to write where the plan leaves a value open.
fn or_placeholder(value: &str, placeholder: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        placeholder.to_string()
    } else {
        value.to_string()
    }
}

/// Quotes a value for the shell only when it needs it (resource names rarely do).
fn shell_word(value: &str) -> String {
    let plain = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'<' | b'>'));
    if plain && !value.is_empty() {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('"', "'"))
    }
}

/// The commands for `plan`.
pub fn deploy_commands(plan: &Plan) -> DeployCommands {
    // The names the emitted template and parameters file carry.
    let plan = &plan.normalised();
    let workspace = or_placeholder(&plan.workspace.name, "<workspace-name>");
    let region = or_placeholder(&plan.workspace.region, "<region>");
    let existing = match &plan.network {
        Network::VnetInjection(injection) => match &injection.vnet {
            Vnet::Existing { resource_id, .. } => Some(resource_id_parts(resource_id)),
            Vnet::New { .. } => None,
        },
        Network::Managed { .. } => None,
    };
    let (resource_group, resource_group_required, subscription) = match &existing {
        Some(Some(parts)) => (parts.resource_group.clone(), true, Some(parts.subscription.clone())),
        Some(None) => ("<vnet-resource-group>".to_string(), true, None),
        None => (format!("rg-{workspace}"), false, None),
    };
    let mut providers = vec!["Microsoft.Databricks"];
    if plan.network.injection().is_some() {
        providers.push("Microsoft.Network");
    }
    // The secure cluster connectivity page: a workspace with secure cluster connectivity, from the portal or an ARM
    // template, needs Microsoft.ManagedIdentity registered in its subscription, once per subscription
    // (https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/secure-cluster-connectivity).
    if plan.connectivity.secure_cluster_connectivity {
        providers.push("Microsoft.ManagedIdentity");
    }

    let rg = shell_word(&resource_group);
    let sub_flag = subscription
        .as_deref()
        .map(|s| format!(" --subscription {}", shell_word(s)))
        .unwrap_or_default();
    let mut lines = Vec::new();
    // The CLI talks to the public cloud unless told otherwise; a sovereign region exists only in its own cloud.
    if let Some(cloud) = regions::find(&region).map(|r| r.cloud).filter(|c| *c != Cloud::Public) {
        lines.push(format!(
            "# 0. {region} is in {}: point the CLI at that cloud and sign in there.",
            cloud.title()
        ));
        lines.push(format!("az cloud set --name {}", cloud.cli_name()));
        lines.push("az login".into());
        lines.push(String::new());
    }
    lines.push(
        "# 1. Register the resource providers the deployment needs (once per subscription; safe to repeat).".into(),
    );
    for provider in &providers {
        lines.push(format!("az provider register --namespace {provider} --wait{sub_flag}"));
    }
    lines.push(String::new());
    if resource_group_required {
        lines.push("# 2. The subnets go into the existing VNet, so deploy into the VNet's resource group.".into());
        if existing == Some(None) {
            lines
                .push("#    Replace <vnet-resource-group> with it (the VNet resource ID in the plan names it).".into());
        }
    } else {
        lines.push("# 2. Create the resource group for the workspace (or use one you have).".into());
        lines.push(format!(
            "az group create --name {rg} --location {}",
            shell_word(&region)
        ));
    }
    lines.push(String::new());
    lines.push("# 3. Preview the changes, then deploy.".into());
    let files = format!("--template-file {TEMPLATE_FILE_NAME} --parameters @{PARAMETERS_FILE_NAME}");
    lines.push(format!(
        "az deployment group what-if --resource-group {rg}{sub_flag} {files}"
    ));
    lines.push(format!(
        "az deployment group create --resource-group {rg}{sub_flag} --name {} {files}",
        shell_word(&workspace)
    ));
    let mut script = lines.join("\n");
    script.push('\n');
    let required_nsg_rules_change = plan.network.injection().map(|_| {
        let now = plan.connectivity.required_nsg_rules;
        let other = match now {
            RequiredNsgRules::AllRules => RequiredNsgRules::NoAzureDatabricksRules,
            RequiredNsgRules::NoAzureDatabricksRules => RequiredNsgRules::AllRules,
        };
        // The network intent policy follows the workspace; an NSG written first, without a rule the policy still
        // requires, fails with ConflictWithNetworkIntentPolicy (Azure/azure-quickstart-templates#6670). A template
        // redeploy writes the NSG before the workspace, so the workspace is updated on its own first.
        [
            format!(
                "# 1. The workspace first (requiredNsgRules is {} now): Azure Databricks changes the subnets' network",
                now.as_str()
            ),
            "#    intent policy. (The Azure CLI installs its databricks extension on first use.)".to_string(),
            format!(
                "az databricks workspace update --resource-group {rg}{sub_flag} --name {} --required-nsg-rules {}",
                shell_word(&workspace),
                other.as_str()
            ),
            String::new(),
            format!(
                "# 2. Then the NSG: set requiredNsgRules to {} in {PARAMETERS_FILE_NAME} and deploy the template again.",
                other.as_str()
            ),
            format!(
                "az deployment group create --resource-group {rg}{sub_flag} --name {} {files}",
                shell_word(&workspace)
            ),
            String::new(),
        ]
        .join("\n")
    });
    DeployCommands {
        resource_group,
        resource_group_required,
        subscription,
        providers,
        script,
        required_nsg_rules_change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{default_network, fresh_plan, NetworkChoice};
    use crate::plan::Injection;

    const VNET_ID: &str = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-spoke-network/providers/Microsoft.Network/virtualNetworks/spoke-vnet";

    fn existing(resource_id: &str) -> Plan {
        let mut plan = fresh_plan();
        plan.workspace.name = "adb-spoke".into();
        plan.workspace.region = "uksouth".into();
        if let Network::VnetInjection(Injection { vnet, .. }) = &mut plan.network {
            *vnet = Vnet::Existing {
                resource_id: resource_id.into(),
                address_prefixes: vec!["10.50.0.0/16".into()],
            };
        }
        plan
    }

    #[test]
    fn reads_resource_group_and_subscription_from_an_id() {
        let parts = resource_id_parts(VNET_ID).unwrap();
        assert_eq!(parts.subscription, "00000000-0000-0000-0000-000000000000");
        assert_eq!(parts.resource_group, "rg-spoke-network");
        let lower = resource_id_parts("/SUBSCRIPTIONS/abc/resourcegroups/rg1/providers/x").unwrap();
        assert_eq!(
            (lower.subscription.as_str(), lower.resource_group.as_str()),
            ("abc", "rg1")
        );
        assert_eq!(resource_id_parts(""), None);
        assert_eq!(resource_id_parts("/subscriptions/abc"), None);
        assert_eq!(resource_id_parts("/subscriptions/abc/resourceGroups/"), None);
    }

    #[test]
    fn existing_vnet_deploys_into_its_resource_group_and_subscription() {
        let commands = deploy_commands(&existing(VNET_ID));
        assert_eq!(commands.resource_group, "rg-spoke-network");
        assert!(commands.resource_group_required);
        assert_eq!(
            commands.providers,
            ["Microsoft.Databricks", "Microsoft.Network", "Microsoft.ManagedIdentity"]
        );
        assert!(!commands.script.contains("az group create"), "{}", commands.script);
        assert!(commands.script.contains(
            "az deployment group create --resource-group rg-spoke-network --subscription 00000000-0000-0000-0000-000000000000 --name adb-spoke --template-file azuredeploy.json --parameters @azuredeploy.parameters.json"
        ), "{}", commands.script);
    }

    #[test]
    fn existing_vnet_without_a_usable_id_says_what_to_fill_in() {
        let commands = deploy_commands(&existing("not an id"));
        assert_eq!(commands.resource_group, "<vnet-resource-group>");
        assert!(commands.script.contains("Replace <vnet-resource-group>"));
    }

    #[test]
    fn new_vnet_and_managed_create_a_suggested_group_in_the_region() {
        let mut plan = fresh_plan();
        plan.workspace.name = "adb-prod".into();
        plan.workspace.region = "westeurope".into();
        let commands = deploy_commands(&plan);
        assert!(!commands.resource_group_required);
        assert!(commands
            .script
            .contains("az group create --name rg-adb-prod --location westeurope"));
        assert!(commands
            .script
            .contains("az provider register --namespace Microsoft.Network --wait"));

        plan.network = default_network(NetworkChoice::Managed, "adb-prod");
        let commands = deploy_commands(&plan);
        assert_eq!(
            commands.providers,
            ["Microsoft.Databricks", "Microsoft.ManagedIdentity"]
        );
        assert!(commands.script.contains("what-if --resource-group rg-adb-prod "));
    }

    #[test]
    fn secure_cluster_connectivity_registers_microsoft_managed_identity() {
        // The secure cluster connectivity page: register Microsoft.ManagedIdentity in the subscription (once per
        // subscription) for a workspace with secure cluster connectivity, from the portal or an ARM template.
        let mut plan = fresh_plan();
        assert!(plan.connectivity.secure_cluster_connectivity);
        let commands = deploy_commands(&plan);
        assert_eq!(
            commands.providers,
            ["Microsoft.Databricks", "Microsoft.Network", "Microsoft.ManagedIdentity"]
        );
        assert!(commands
            .script
            .contains("az provider register --namespace Microsoft.ManagedIdentity --wait\n"));
        plan.connectivity.secure_cluster_connectivity = false;
        assert!(!deploy_commands(&plan).script.contains("ManagedIdentity"));
    }

    #[test]
    fn open_values_become_placeholders_and_odd_values_are_quoted() {
        let plan = fresh_plan();
        let script = deploy_commands(&plan).script;
        assert!(
            script.contains("--name rg-<workspace-name> --location <region>"),
            "{script}"
        );
        let mut plan = fresh_plan();
        plan.workspace.name = "my ws".into();
        let script = deploy_commands(&plan).script;
        assert!(script.contains("--name \"rg-my ws\""), "{script}");
        assert!(script.ends_with('\n'));
    }

    #[test]
    fn a_sovereign_region_sets_its_cloud_first() {
        let mut plan = fresh_plan();
        plan.workspace.name = "adb-cn".into();
        plan.workspace.region = "chinaeast2".into();
        let script = deploy_commands(&plan).script;
        assert!(
            script.starts_with("# 0. chinaeast2 is in Azure China: point the CLI at that cloud and sign in there.\naz cloud set --name AzureChinaCloud\naz login\n\n# 1."),
            "{script}"
        );
        plan.workspace.region = "usgovvirginia".into();
        assert!(deploy_commands(&plan)
            .script
            .contains("az cloud set --name AzureUSGovernment\n"));
        plan.workspace.region = "westeurope".into();
        assert!(!deploy_commands(&plan).script.contains("az cloud set"));
    }
}
