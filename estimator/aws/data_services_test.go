package aws_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator/aws"
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/estimator/schema/schematest"
)

// Helpers of the data-service types' unit tests (RDS, ElastiCache, Lambda,
// S3, DynamoDB, CloudWatch alarms, KMS, Secrets Manager, Route 53): build a
// resource through the registry and compare what its components ask.

// dsType returns the registered definition of a resource type.
func dsType(t *testing.T, name string) schema.ResourceType {
	t.Helper()
	for _, rt := range aws.Resources() {
		if rt.Name == name {
			return rt
		}
	}
	t.Fatalf("%s is not registered", name)
	return schema.ResourceType{}
}

// dsBuild builds one side of a resource from JSON attribute and
// after_unknown documents and usage, as the engine would, in region.
func dsBuild(t *testing.T, typ, region, values, unknown string, usage map[string]any) []schema.Component {
	t.Helper()
	return dsType(t, typ).Build(schema.Resource{
		Address: typ + ".test", Type: typ, Provider: "aws", Region: region,
		Values: schematest.Values(t, values, unknown), Usage: schema.NewUsage(usage),
	})
}

// dsLine renders what a component asks and how much of it: name; quantity
// (m=monthly, h=hourly, usage); service/family/region; query attributes;
// purchase option, term, unit and tier; assumed notes.
func dsLine(c schema.Component) string {
	q := c.Query.Normalized()
	return fmt.Sprintf("%s; %s; %s/%s/%s; %s; %s %s %s %s %s; %q", c.Name, schematest.Quantity(c), q.Service, q.Family,
		q.Region, schematest.Attributes(c.Query), q.PurchaseOption, q.TermLength, q.TermPurchaseOption, q.Unit, q.TierStart,
		c.Assumed)
}

func dsCheckLines(t *testing.T, got []schema.Component, want []string) {
	t.Helper()
	lines := make([]string, len(got))
	for i, c := range got {
		lines[i] = dsLine(c)
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("components:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
