package google

import (
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/estimator/schema/schematest"
	"github.com/costgate/costgate/pricing"
)

// resource builds a schema.Resource from JSON attribute values (and
// after_unknown markers, "" for none) in region us-central1.
func resource(t *testing.T, typ, values, unknown string) schema.Resource {
	t.Helper()
	return schema.Resource{Address: typ + ".test", Type: typ, Provider: "google", Region: "us-central1",
		RegionSource: "attribute", Values: schematest.Values(t, values, unknown)}
}

// want is the expected shape of one component.
type want struct {
	name     string
	quantity string // monthly quantity; "" for none (usage-based without usage)
	attrs    map[string]string
	option   string   // purchase option, "" for on_demand
	region   string   // "" means us-central1; "-" means global
	assumed  []string // substrings expected in Assumed, in order
}

func check(t *testing.T, got []schema.Component, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		names := make([]string, len(got))
		for i, c := range got {
			names[i] = c.Name
		}
		t.Fatalf("got %d components %q, want %d", len(got), names, len(wants))
	}
	for i, w := range wants {
		c := got[i]
		if c.Name != w.name {
			t.Errorf("component %d: name %q, want %q", i, c.Name, w.name)
		}
		var q string
		switch {
		case c.MonthlyQuantity != nil:
			q = c.MonthlyQuantity.String()
		case c.HourlyQuantity != nil:
			q = "hourly " + c.HourlyQuantity.String()
		}
		if q != w.quantity {
			t.Errorf("%s: quantity %q, want %q", c.Name, q, w.quantity)
		}
		for k, v := range w.attrs {
			if c.Query.Attributes[k] != v {
				t.Errorf("%s: attribute %s = %q, want %q (all %v)", c.Name, k, c.Query.Attributes[k], v, c.Query.Attributes)
			}
		}
		option := w.option
		if option == "" {
			option = pricing.OnDemand
		}
		if c.Query.Normalized().PurchaseOption != option {
			t.Errorf("%s: purchase option %q, want %q", c.Name, c.Query.PurchaseOption, option)
		}
		region := w.region
		switch region {
		case "":
			region = "us-central1"
		case "-":
			region = ""
		}
		if c.Query.Region != region {
			t.Errorf("%s: region %q, want %q", c.Name, c.Query.Region, region)
		}
		if c.Query.Provider != "google" || c.Query.Unit == "" {
			t.Errorf("%s: query %+v", c.Name, c.Query)
		}
		if len(c.Assumed) != len(w.assumed) {
			t.Errorf("%s: assumed %q, want %d entries like %q", c.Name, c.Assumed, len(w.assumed), w.assumed)
			continue
		}
		for j, a := range w.assumed {
			if !strings.Contains(c.Assumed[j], a) {
				t.Errorf("%s: assumed[%d] = %q, want it to contain %q", c.Name, j, c.Assumed[j], a)
			}
		}
	}
}
