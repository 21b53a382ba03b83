package google_test

import "testing"

// The Google price files have static-IP prices per region only (pricing.yml
// network.ip.unused: 42 regions, no global entry), so an external global
// address is unpriced; internal ranges are free.
func TestPlanComputeGlobalAddress(t *testing.T) {
	est := estimatePlan(t, "google_compute_global_address.plan.json", "")
	checkLines(t, est, []line{
		{"google_compute_global_address.lb", "Global IP address (unused)", notFound, ""},
	}, map[string]string{
		"google_compute_global_address.peering": "0",
		"google_compute_global_address.lb":      "0",
	})
	for _, rc := range est.Resources {
		if rc.Status != "estimated" {
			t.Errorf("%s: status %s, want estimated", rc.Address, rc.Status)
		}
	}
	if est.Summary.UnpricedComponents != 1 {
		t.Errorf("%d unpriced components, want 1 (the external address)", est.Summary.UnpricedComponents)
	}
}
