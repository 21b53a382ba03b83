package azure

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
)

// windowsVirtualMachine prices azurerm_windows_virtual_machine.
func windowsVirtualMachine() schema.ResourceType {
	return schema.ResourceType{
		Name:  "azurerm_windows_virtual_machine",
		Build: func(r schema.Resource) []schema.Component { return newStyleVM(r, azurevocab.OSWindows) },
	}
}
