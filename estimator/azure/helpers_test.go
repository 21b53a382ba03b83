package azure

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator/schema"
)

// resource builds one side of a resource from JSON attribute and
// after_unknown documents, as the engine would.
func resource(t *testing.T, typ, values, unknown string, usage map[string]any) schema.Resource {
	t.Helper()
	var v, u any
	if err := json.Unmarshal([]byte(values), &v); err != nil {
		t.Fatalf("values: %v", err)
	}
	if unknown != "" {
		if err := json.Unmarshal([]byte(unknown), &u); err != nil {
			t.Fatalf("unknown: %v", err)
		}
	}
	return schema.Resource{
		Address: typ + ".test", Type: typ, Provider: "azure", Region: "westeurope",
		Values: schema.NewValues(v, u), Usage: schema.NewUsage(usage),
	}
}

// line renders what a component asks and how much of it, for comparisons:
// name; quantity (m=monthly, h=hourly); query attributes, purchase option
// and unit; number of assumptions.
func line(c schema.Component) string {
	qty := "usage"
	switch {
	case c.MonthlyQuantity != nil:
		qty = "m=" + c.MonthlyQuantity.String()
	case c.HourlyQuantity != nil:
		qty = "h=" + c.HourlyQuantity.String()
	}
	keys := make([]string, 0, len(c.Query.Attributes))
	for k, v := range c.Query.Attributes {
		keys = append(keys, k+"="+v)
	}
	sort.Strings(keys)
	po := c.Query.PurchaseOption
	if po == "" {
		po = "on_demand"
	}
	return fmt.Sprintf("%s; %s; %s/%s/%s; %s; %s %s; assumed=%d", c.Name, qty, c.Query.Service, c.Query.Family,
		c.Query.Region, strings.Join(keys, ","), po, c.Query.Unit, len(c.Assumed))
}

func lines(cs []schema.Component) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = line(c)
	}
	return out
}

func checkLines(t *testing.T, got []schema.Component, want []string) {
	t.Helper()
	g := lines(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("components:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
		for _, c := range got {
			if len(c.Assumed) > 0 {
				t.Logf("%s assumed %q", c.Name, c.Assumed)
			}
		}
	}
}

func build(t *testing.T, rt schema.ResourceType, r schema.Resource) []schema.Component {
	t.Helper()
	return rt.Build(r)
}
