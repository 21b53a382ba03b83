package google

import "github.com/costgate/costgate/estimator/schema"

func computeAddress() schema.ResourceType {
	return schema.ResourceType{Name: "google_compute_address", Build: buildComputeAddress}
}

// buildComputeAddress prices a static external IP address: in use by a VM
// when the plan lists its users, else as unused (the higher rate, so a gate
// never under-estimates). Internal addresses are free.
func buildComputeAddress(r schema.Resource) []schema.Component {
	vals := r.Values
	if internalAddress(vals) {
		return nil
	}
	use, name := "unused", "IP address (unused)"
	var assumed []string
	_, known := vals.Get("users")
	switch {
	case len(vals.List("users")) > 0:
		use, name = "vm", "IP address (in use by a VM)"
	case !known || vals.Unknown("users"):
		assumed = append(assumed, "users unknown: priced as an unused static address (attached to a standard VM it is billed at the lower in-use rate)")
	}
	return []schema.Component{staticIPLine(r, name, regionOf(r.Region), use, assumed)}
}
