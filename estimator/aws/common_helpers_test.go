package aws

import (
	"fmt"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/estimator/schema/schematest"
)

// computeResource builds one side of a resource as the engine would: JSON
// attribute values, after_unknown markers ("" for none), a usage document
// ("" for none), region us-east-1.
func computeResource(t *testing.T, typ, values, unknown, usage string) schema.Resource {
	t.Helper()
	usageMap, _ := schematest.JSON(t, usage).(map[string]any)
	return schema.Resource{
		Address: typ + ".test", Type: typ, Provider: "aws", Region: "us-east-1", RegionSource: "attribute",
		Values: schematest.Values(t, values, unknown),
		Usage:  schema.NewUsage(usageMap),
	}
}

// withComputeRefs makes r.Referenced(path) return the given JSON values.
func withComputeRefs(t *testing.T, r schema.Resource, refs map[string]string) schema.Resource {
	t.Helper()
	vals := map[string]schema.Values{}
	for path, doc := range refs {
		vals[path] = schematest.Values(t, doc, "")
	}
	return r.WithReferences(func(path string) []schema.Values {
		if v, ok := vals[path]; ok {
			return []schema.Values{v}
		}
		return nil
	})
}

// computeLine renders what a component asks and how much:
// name; quantity (h= hourly, m= monthly, usage); service/family/region;
// sorted attributes; purchase option, unit and term; usage-based; assumed notes.
func computeLine(c schema.Component) string {
	q := c.Query.Normalized()
	price := q.PurchaseOption
	if q.Unit != "" {
		price += " " + q.Unit
	}
	if q.TermLength != "" {
		price += fmt.Sprintf(" %s/%s/%s", q.TermLength, q.TermPurchaseOption, q.TermOfferingClass)
	}
	if q.TierStart != "0" {
		price += " tier " + q.TierStart
	}
	if !c.UnitMultiplier.IsZero() {
		price += " x" + c.UnitMultiplier.String()
	}
	usage := ""
	if c.UsageBased {
		usage = "; usage-based"
	}
	assumed := ""
	if len(c.Assumed) > 0 {
		assumed = "; assumed: " + strings.Join(c.Assumed, " | ")
	}
	return fmt.Sprintf("%s; %s; %s/%s/%s; %s; %s%s%s", c.Name, schematest.Quantity(c), c.Query.Service, c.Query.Family,
		c.Query.Region, schematest.Attributes(c.Query), price, usage, assumed)
}

func checkComputeLines(t *testing.T, got []schema.Component, want []string) {
	t.Helper()
	lines := make([]string, len(got))
	for i, c := range got {
		lines[i] = computeLine(c)
		if c.Query.Provider != "aws" {
			t.Errorf("%s: provider %q", c.Name, c.Query.Provider)
		}
		if (c.HourlyQuantity != nil) && (c.MonthlyQuantity != nil) {
			t.Errorf("%s: both hourly and monthly quantities set", c.Name)
		}
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("components:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// Query descriptions shared by the expectations.
const (
	ec2Compute = "AmazonEC2/Compute Instance/us-east-1"
	ec2Storage = "AmazonEC2/Storage/us-east-1"
	ec2SysOp   = "AmazonEC2/System Operation/us-east-1"
	linuxAttrs = "capacitystatus=Used,instanceType=%s,licenseModel=No License required,operatingSystem=Linux,preInstalledSw=NA,tenancy=Shared"
	noOSNote   = "operating system not in the plan (the AMI decides): assumed Linux; set usage operating_system"
)

// linuxInstance is the expected attributes of a Linux shared-tenancy type.
func linuxInstance(typ string) string { return fmt.Sprintf(linuxAttrs, typ) }
