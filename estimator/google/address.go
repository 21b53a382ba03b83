package google

import (
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
)

// internalAddress reports whether an address resource reserves an internal
// address or range, which is free.
func internalAddress(vals schema.Values) bool {
	return strings.EqualFold(vals.String("address_type"), "INTERNAL")
}

// staticIPLine is the hourly line of a static external IP address in region
// ("" for a global price) billed at the rate of use ("vm" or "unused").
func staticIPLine(r schema.Resource, name, region, use string, assumed []string) schema.Component {
	return schema.Component{
		Name:            name,
		Unit:            "hours",
		MonthlyQuantity: schema.Monthly(monthlyHours(r)),
		Query: pricing.Query{
			Provider: vocab.Provider,
			Service:  vocab.ServiceCompute,
			Family:   vocab.FamilyNetwork,
			Region:   region,
			Attributes: map[string]string{
				vocab.AttrResourceGroup: "IpAddress",
				vocab.AttrAddressUse:    use,
			},
			Unit: vocab.UnitHour,
		},
		Assumed: assumed,
	}
}
