package google

import "github.com/costgate/costgate/estimator/schema"

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
	if internalAddress(r.Values) {
		return nil
	}
	return []schema.Component{staticIPLine(r, "Global IP address (unused)", "", "unused",
		[]string{"priced as reserved and unused: a global forwarding rule's address is not charged (the rule is)"})}
}
