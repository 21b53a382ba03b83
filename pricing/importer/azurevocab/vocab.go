// Package azurevocab is the Azure price vocabulary shared by the Azure
// importers (official Retail Prices API pages, azure-pricing-radar snapshots,
// the Karpenter price table): the Retail Prices API field names, and the
// attributes derived from them so that every Azure source answers the same
// query. pricing-data/FORMAT.md ("Azure vocabulary") documents it for users.
package azurevocab

// Provider is pricing.Price.Provider for every Azure row.
const Provider = "azure"

// Services and families (Retail Prices API serviceName / serviceFamily).
const (
	ServiceVirtualMachines = "Virtual Machines"
	ServiceStorage         = "Storage"
	ServiceKubernetes      = "Azure Kubernetes Service"
	FamilyCompute          = "Compute"
	FamilyStorage          = "Storage"
)

// Attribute keys. The first five are Retail Prices API fields copied as
// published (armSkuName normalised, see NormalizeArmSkuName); OS and
// Priority are derived (see Derive).
const (
	AttrProductName = "productName"
	AttrSkuName     = "skuName"
	AttrMeterName   = "meterName"
	AttrArmSkuName  = "armSkuName"
	AttrProductID   = "productId"
	AttrOS          = "os"
	AttrPriority    = "priority"
	// AttrSkuTier is the AKS tier as Terraform's sku_tier spells it (Free,
	// Standard, Premium) on the AKS cluster fee rows.
	AttrSkuTier = "skuTier"
)

// Values of the derived attributes.
const (
	OSLinux         = "Linux"
	OSWindows       = "Windows"
	PriorityRegular = "regular"
	PrioritySpot    = "spot"
	PriorityLow     = "low"
)

// UnitHour is the Retail Prices API unitOfMeasure of VM meters.
const UnitHour = "1 Hour"
