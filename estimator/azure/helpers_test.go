package azure

import (
	"fmt"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/estimator/schema/schematest"
)

// resource builds one side of a resource from JSON attribute and
// after_unknown documents, as the engine would.
func resource(t *testing.T, typ, values, unknown string, usage map[string]any) schema.Resource {
	t.Helper()
	return schema.Resource{
		Address: typ + ".test", Type: typ, Provider: "azure", Region: "westeurope",
		Values: schematest.Values(t, values, unknown), Usage: schema.NewUsage(usage),
	}
}

// line renders what a component asks and how much of it, for comparisons:
// name; quantity (m=monthly, h=hourly); query attributes, purchase option
// and unit; number of assumptions.
func line(c schema.Component) string {
	po := c.Query.PurchaseOption
	if po == "" {
		po = "on_demand"
	}
	return fmt.Sprintf("%s; %s; %s/%s/%s; %s; %s %s; assumed=%d", c.Name, schematest.Quantity(c), c.Query.Service,
		c.Query.Family, c.Query.Region, schematest.Attributes(c.Query), po, c.Query.Unit, len(c.Assumed))
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
