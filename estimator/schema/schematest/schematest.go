// Package schematest builds the inputs of resource definitions and renders
// what their components ask, for the unit tests of estimator/aws,
// estimator/azure and estimator/google.
package schematest

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
)

// JSON decodes a JSON document as the engine decodes plans: numbers keep
// their decimal text (json.Number). An empty document is nil.
func JSON(tb testing.TB, doc string) any {
	tb.Helper()
	if doc == "" {
		return nil
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		tb.Fatalf("%s: %v", doc, err)
	}
	return v
}

// Values is one side of a resource from JSON attribute values and
// after_unknown markers ("" for none).
func Values(tb testing.TB, values, unknown string) schema.Values {
	tb.Helper()
	return schema.NewValues(JSON(tb, values), JSON(tb, unknown))
}

// Quantity renders how much a component asks for: m=<monthly>, h=<hourly>,
// or usage when it depends on usage not given.
func Quantity(c schema.Component) string {
	switch {
	case c.MonthlyQuantity != nil:
		return "m=" + c.MonthlyQuantity.String()
	case c.HourlyQuantity != nil:
		return "h=" + c.HourlyQuantity.String()
	}
	return "usage"
}

// Attributes renders a query's attributes as key=value pairs in key order,
// joined by commas.
func Attributes(q pricing.Query) string {
	pairs := make([]string, 0, len(q.Attributes))
	for k, v := range q.Attributes {
		pairs = append(pairs, k+"="+v)
	}
	sort.Strings(pairs)
	return strings.Join(pairs, ",")
}
