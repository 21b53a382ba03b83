package azure

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
)

// linuxVirtualMachine prices azurerm_linux_virtual_machine.
func linuxVirtualMachine() schema.ResourceType {
	return schema.ResourceType{
		Name:  "azurerm_linux_virtual_machine",
		Build: func(r schema.Resource) []schema.Component { return newStyleVM(r, azurevocab.OSLinux) },
	}
}
