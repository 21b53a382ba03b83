package google

import (
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
)

func computeGlobalAddress() schema.ResourceType {
	return schema.ResourceType{Name: "google_compute_global_address", Build: buildComputeGlobalAddress}
}

// buildComputeGlobalAddress prices a global address. Internal ranges (VPC
// peering for private services, Private Service Connect) are free. An
// external global address is free while a global forwarding rule uses it
// (the rule is charged) and charged reserved but unused; the price data has
// static-IP prices per region only (Cyclenerd's pricing.yml, no global
// one), so its line asks for a global price and says "price not found"
// rather than borrow a region's.
func buildComputeGlobalAddress(r schema.Resource) []schema.Component {
	vals := r.Values
	if strings.EqualFold(vals.String("address_type"), "INTERNAL") {
		return nil
	}
	return []schema.Component{{
		Name:            "Global IP address (unused)",
		Unit:            "hours",
		MonthlyQuantity: schema.Monthly(monthlyHours(r)),
		Query: pricing.Query{
			Provider: vocab.Provider,
			Service:  vocab.ServiceCompute,
			Family:   vocab.FamilyNetwork,
			Region:   "",
			Attributes: map[string]string{
				vocab.AttrResourceGroup: "IpAddress",
				vocab.AttrAddressUse:    "unused",
			},
			Unit: vocab.UnitHour,
		},
		Assumed: []string{"priced as reserved and unused: a global forwarding rule's address is not charged (the rule is)"},
	}}
}
