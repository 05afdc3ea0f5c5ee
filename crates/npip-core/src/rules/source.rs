//! Sources, one constant per public page, so that a moved page is fixed in one place.

pub const VNET_INJECT: &str = "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/vnet-inject";
pub const VNET_FAQ: &str = "https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq";
pub const NAMING: &str =
    "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules";
pub const WORKSPACE_NAME_TF: &str = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/databricks/validate/workspace_name.go";
pub const PORTAL_SUBNET_NAMES: &str = "https://github.com/MicrosoftDocs/azure-docs/issues/73069";
/// Azure Firewall's IP configuration must use a subnet named `AzureFirewallSubnet` (or the management one).
pub const RESERVED_SUBNET_NAMES: &str =
    "https://learn.microsoft.com/en-us/azure/firewall/tutorial-firewall-deploy-portal-policy";
pub const RESOURCE_ID: &str =
    "https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/template-functions-resource#resourceid";
pub const SCC: &str =
    "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/secure-cluster-connectivity";
pub const PRIVATE_LINK: &str =
    "https://learn.microsoft.com/en-us/azure/databricks/security/network/concepts/private-link";
pub const UDR: &str = "https://learn.microsoft.com/en-us/azure/databricks/security/network/classic/udr";
pub const AZURERM_WORKSPACE: &str = "https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/databricks/databricks_workspace_resource.go";
pub const AZURERM_DOCS: &str =
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/databricks_workspace";
pub const QUICKSTARTS: &str =
    "https://github.com/Azure/azure-quickstart-templates/tree/master/quickstarts/microsoft.databricks";
pub const DEFAULT_OUTBOUND: &str =
    "https://learn.microsoft.com/en-us/azure/virtual-network/ip-services/default-outbound-access";
pub const NAT_BASIC_SKU: &str = "https://github.com/MicrosoftDocs/azure-docs/issues/96004";
pub const NAT_RESOURCE: &str = "https://learn.microsoft.com/en-us/azure/nat-gateway/nat-gateway-resource";
pub const RFC1123: &str = "https://www.rfc-editor.org/rfc/rfc1123#section-2.1";
pub const ALZ_POLICIES: &str = "https://github.com/Azure/Enterprise-Scale";
/// Which service tags exist, which have a regional form, and that a tag covers the whole service, not one customer.
pub const SERVICE_TAGS: &str = "https://learn.microsoft.com/en-us/azure/virtual-network/service-tags-overview";
/// The network intent policy refuses an NSG without the rules it requires: ConflictWithNetworkIntentPolicy.
pub const INTENT_POLICY_CONFLICT: &str = "https://github.com/Azure/azure-quickstart-templates/issues/6670";
