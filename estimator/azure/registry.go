// Package azure declares the cost components of azure Terraform resource types:
// one file per resource type, one line per type in Resources.
package azure

import "github.com/costgate/costgate/estimator/schema"

// Resources lists the priced resource types of this provider.
func Resources() []schema.ResourceType {
	return []schema.ResourceType{
		kubernetesCluster(),
		linuxVirtualMachine(),
		managedDisk(),
		virtualMachine(),
		windowsVirtualMachine(),
	}
}

// FreeTypes lists resource types that cost nothing by themselves (IAM,
// networking glue, policies ...), so "unsupported" keeps meaning "unknown".
func FreeTypes() []string {
	return []string{
		// Containers and grouping.
		"azurerm_resource_group",
		"azurerm_management_group",
		"azurerm_management_lock",
		"azurerm_availability_set",
		"azurerm_proximity_placement_group",
		"azurerm_storage_container", // billed through its storage account
		// Networking glue: address space, rules and associations (traffic and
		// IPs are billed on the resources that carry them).
		"azurerm_virtual_network",
		"azurerm_subnet",
		"azurerm_network_interface",
		"azurerm_network_security_group",
		"azurerm_network_security_rule",
		"azurerm_application_security_group",
		"azurerm_route_table",
		"azurerm_route",
		"azurerm_network_interface_security_group_association",
		"azurerm_network_interface_application_security_group_association",
		"azurerm_network_interface_backend_address_pool_association",
		"azurerm_subnet_network_security_group_association",
		"azurerm_subnet_route_table_association",
		"azurerm_lb_backend_address_pool",
		"azurerm_lb_probe",
		// Configuration billed on other resources: a Virtual WAN's hubs,
		// gateways and connections; an ExpressRoute circuit (its peerings are
		// settings of it); web apps run on, and are billed as, their service plan.
		"azurerm_virtual_wan",
		"azurerm_express_route_circuit_peering",
		"azurerm_windows_web_app",
		"azurerm_linux_web_app",
		// Identity, access and policy.
		"azurerm_role_assignment",
		"azurerm_role_definition",
		"azurerm_user_assigned_identity",
		"azurerm_key_vault_access_policy",
		"azurerm_policy_definition",
		"azurerm_policy_set_definition",
		"azurerm_resource_group_policy_assignment",
		"azurerm_subscription_policy_assignment",
		"azurerm_management_group_policy_assignment",
	}
}
