package azure

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
	"github.com/shopspring/decimal"
)

// vm is what the hourly price of a virtual machine depends on.
type vm struct {
	size string // ARM size name, e.g. Standard_D2s_v3
	os   string // azurevocab.OSLinux or OSWindows
	// hybrid is a Windows VM under Azure Hybrid Benefit (license_type
	// Windows_Server / Windows_Client): the licence is brought, so the VM is
	// billed at the Linux rate.
	hybrid bool
	spot   bool
}

var armPrefix = regexp.MustCompile(`(?i)^(standard|basic)_`)

// armSize spells a Terraform VM size as the catalog's armSkuName: the
// "Standard_" prefix is added when missing ("D2s_v3") and its case fixed.
func armSize(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !armPrefix.MatchString(s) {
		s = "Standard_" + s
	}
	return azurevocab.NormalizeArmSkuName(s)
}

// instance is the "Instance usage (…)" component of count VMs for the hours
// of one month (730, or the usage key monthly_hrs).
func (v vm) instance(r schema.Resource, region string, count decimal.Decimal, assumed []string) schema.Component {
	billedOS, label := v.os, "pay as you go"
	if v.hybrid {
		billedOS, label = azurevocab.OSLinux, "hybrid benefit"
	}
	priority, option := azurevocab.PriorityRegular, pricing.OnDemand
	if v.spot {
		priority, option = azurevocab.PrioritySpot, pricing.Spot
		label = "spot"
		if v.hybrid {
			label = "spot, hybrid benefit"
		}
	}
	size := v.size
	if size == "" {
		size = "unknown size"
	}
	hours := schema.HoursPerMonth()
	if h, ok := r.Usage.Decimal("monthly_hrs"); ok && !h.IsNegative() {
		hours = h
	}
	return schema.Component{
		Name:            fmt.Sprintf("Instance usage (%s, %s, %s)", v.os, label, size),
		Unit:            "hours",
		MonthlyQuantity: schema.Monthly(hours.Mul(count)),
		Query: pricing.Query{
			Provider: azurevocab.Provider,
			Service:  azurevocab.ServiceVirtualMachines,
			Family:   azurevocab.FamilyCompute,
			Region:   region,
			Attributes: map[string]string{
				azurevocab.AttrArmSkuName: v.size,
				azurevocab.AttrOS:         billedOS,
				azurevocab.AttrPriority:   priority,
			},
			PurchaseOption: option,
			Unit:           azurevocab.UnitHour,
		},
		Assumed: assumed,
	}
}

// premiumCapable reports whether a VM size can use Premium SSD: its features
// contain "s" (Microsoft's size naming), or it is a DS/GS/M size.
var premiumCapable = regexp.MustCompile(`^(?:Standard|Basic)_(?:(?i:ds|gs|m)|[A-Za-z]+\d+(?:-\d+)?[a-z]*s)`)

// hybridBenefit reports whether a license_type brings a Windows licence.
func hybridBenefit(licenseType string) bool {
	return licenseType == "Windows_Server" || licenseType == "Windows_Client"
}

// one is a count of one.
var one = decimal.NewFromInt(1)
