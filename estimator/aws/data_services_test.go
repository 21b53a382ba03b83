package aws_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/estimator/aws"
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/shopspring/decimal"
)

// The focused plans of the data-service types (testdata/<type>.plan.json) are
// priced with the memory catalog over the real embedded pricing-data. Every
// expected figure is worked out by hand from rows of the source it names
// (pricing-data/SOURCES.md, "AWS"; the rows are quoted in each test), with
// 730 hours a month.

// dsSources names the price sources the expectations refer to.
func dsSources() map[string]string {
	return map[string]string{
		"rds24":   "aws-rds-ondemand-2024-09",
		"rdsri25": "aws-rds-reserved-2025-04",
		"rds21":   "aws-rds-ec2instances-2021-08",
		"euw123":  "aws-euw1-terracost-2023-02",
		"ec25":    "aws-elasticache-2025-03",
		"ec22":    "aws-elasticache-ec2instances-2022-02",
		"lambda":  "aws-lambda-2025-10",
		"ddb":     "aws-dynamodb-2025-08",
		"cw":      "aws-cloudwatch-2025-09",
		"kms":     "aws-kms-2025-08",
		"r53":     "aws-route53-2025-08",
	}
}

var (
	dsCatalogOnce sync.Once
	dsCatalog     *pricing.MemoryCatalog
	dsCatalogErr  error
)

// dsEmbedded loads the embedded AWS files that answer the data services'
// queries (the EC2, EBS, EKS, NAT and VPC files only cost time here).
func dsEmbedded(t *testing.T) *pricing.MemoryCatalog {
	t.Helper()
	dsCatalogOnce.Do(func() { dsCatalog, dsCatalogErr = pricing.LoadMemoryCatalog(dsFiles{pricingdata.FS()}) })
	if dsCatalogErr != nil {
		t.Fatal(dsCatalogErr)
	}
	return dsCatalog
}

// dsFiles lists only the data services' files of a data directory.
type dsFiles struct{ fs.FS }

func (d dsFiles) ReadDir(name string) ([]fs.DirEntry, error) {
	all, err := fs.ReadDir(d.FS, name)
	var out []fs.DirEntry
	for _, e := range all {
		for _, prefix := range []string{"aws-rds-", "aws-elasticache-", "aws-euw1-terracost-", "aws-lambda-",
			"aws-dynamodb-", "aws-cloudwatch-", "aws-kms-", "aws-route53-"} {
			if strings.HasPrefix(e.Name(), prefix) {
				out = append(out, e)
			}
		}
	}
	return out, err
}

// dsWant is one resource's expected monthly cost and its components by name:
//
//	"<cost> <source>"            price found, monthly cost (compared to 6 decimals)
//	"usage <source>"             usage-based, no usage given: unit price only
//	"not found"                  no price (a data gap), no usage quantity needed
//	"not found q=<qty>"          no price, with this displayed monthly quantity
//
// assumed maps a component name to a text its assumed notes must contain.
type dsWant struct {
	total      string
	components map[string]string
	assumed    map[string]string
}

// dsPlan is one focused plan and what it must price to.
type dsPlan struct {
	plan        string
	usage       string // usage file, YAML
	resources   map[string]dsWant
	unsupported []string // addresses of types nobody prices yet
	total       string
}

func runDataServicePlans(t *testing.T, plans []dsPlan) {
	t.Helper()
	cat := dsEmbedded(t)
	sources := dsSources()
	for _, tt := range plans {
		t.Run(tt.plan, func(t *testing.T) {
			est := dsEstimate(t, cat, tt.plan, tt.usage)
			seen := map[string]bool{}
			wantUnpriced, wantUnpricedUsage := 0, 0
			for _, r := range est.Resources {
				seen[r.Address] = true
				w, priced := tt.resources[r.Address]
				if !priced {
					if r.Status != estimator.StatusUnsupported || !dsContains(tt.unsupported, r.Address) {
						t.Errorf("%s: status %s, not expected", r.Address, r.Status)
					}
					continue
				}
				if r.Status != estimator.StatusEstimated {
					t.Errorf("%s: status %s", r.Address, r.Status)
				}
				if !r.ProposedMonthlyCost.Round(6).Equal(decimal.RequireFromString(w.total)) {
					t.Errorf("%s: monthly %s, want %s", r.Address, r.ProposedMonthlyCost, w.total)
				}
				var names []string
				for _, c := range r.Components {
					names = append(names, c.Name)
					exp, ok := w.components[c.Name]
					if !ok {
						t.Errorf("%s: unexpected component %q", r.Address, c.Name)
						continue
					}
					dsCheckComponent(t, r.Address, c, exp, sources)
					if strings.HasPrefix(exp, "not found") {
						if c.MonthlyQuantity != nil {
							wantUnpriced++
						} else {
							wantUnpricedUsage++
						}
					}
					if want := w.assumed[c.Name]; want != "" && !strings.Contains(strings.Join(c.Assumed, "\n"), want) {
						t.Errorf("%s %q: assumed %q, want a note containing %q", r.Address, c.Name, c.Assumed, want)
					}
				}
				if len(r.Components) != len(w.components) {
					sort.Strings(names)
					t.Errorf("%s: components %q, want %d", r.Address, names, len(w.components))
				}
			}
			for addr := range tt.resources {
				if !seen[addr] {
					t.Errorf("%s missing from the estimate", addr)
				}
			}
			if !est.ProposedMonthlyCost.Round(6).Equal(decimal.RequireFromString(tt.total)) {
				t.Errorf("plan total %s, want %s", est.ProposedMonthlyCost, tt.total)
			}
			// Every missing price is counted, never a silent zero: lines with a
			// quantity as unpriced, usage lines without usage apart.
			if est.Summary.UnpricedComponents != wantUnpriced || est.Summary.UnpricedUsageComponents != wantUnpricedUsage {
				t.Errorf("counted %d unpriced and %d unpriced usage-based components, want %d and %d",
					est.Summary.UnpricedComponents, est.Summary.UnpricedUsageComponents, wantUnpriced, wantUnpricedUsage)
			}
		})
	}
}

func dsCheckComponent(t *testing.T, addr string, c estimator.ComponentCost, exp string, sources map[string]string) {
	t.Helper()
	if rest, ok := strings.CutPrefix(exp, "not found"); ok {
		if c.PriceFound || !c.MonthlyCost.IsZero() {
			t.Errorf("%s %q: want price not found, got %s from %s", addr, c.Name, c.MonthlyCost, c.Source)
		}
		if q, ok := strings.CutPrefix(strings.TrimSpace(rest), "q="); ok {
			if c.MonthlyQuantity == nil || !c.MonthlyQuantity.Round(6).Equal(decimal.RequireFromString(q)) {
				t.Errorf("%s %q: quantity %v, want %s", addr, c.Name, c.MonthlyQuantity, q)
			}
		}
		return
	}
	cost, src, _ := strings.Cut(exp, " ")
	if !c.PriceFound || c.Source != sources[src] {
		t.Errorf("%s %q: price found %v from %q, want %s", addr, c.Name, c.PriceFound, c.Source, sources[src])
	}
	if c.Ambiguous {
		t.Errorf("%s %q: ambiguous price", addr, c.Name)
	}
	if cost == "usage" {
		if c.MonthlyQuantity != nil || !c.UsageBased {
			t.Errorf("%s %q: want a usage-based component without usage", addr, c.Name)
		}
		return
	}
	if !c.MonthlyCost.Round(6).Equal(decimal.RequireFromString(cost)) {
		t.Errorf("%s %q: monthly %s, want %s", addr, c.Name, c.MonthlyCost, cost)
	}
}

func dsEstimate(t *testing.T, cat pricing.Catalog, plan, usage string) *estimator.Estimate {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", plan))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := estimator.DecodePlan(f)
	if err != nil {
		t.Fatal(err)
	}
	var opts estimator.Options
	if usage != "" {
		if opts.Usage, err = estimator.ParseUsageFile("usage.yml", strings.NewReader(usage)); err != nil {
			t.Fatal(err)
		}
	}
	est, err := estimator.EstimatePlan(context.Background(), p, cat, opts)
	if err != nil {
		t.Fatal(err)
	}
	return est
}

func dsContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

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
	var v, u any
	if err := json.Unmarshal([]byte(values), &v); err != nil {
		t.Fatalf("values: %v", err)
	}
	if unknown != "" {
		if err := json.Unmarshal([]byte(unknown), &u); err != nil {
			t.Fatalf("unknown: %v", err)
		}
	}
	return dsType(t, typ).Build(schema.Resource{
		Address: typ + ".test", Type: typ, Provider: "aws", Region: region,
		Values: schema.NewValues(v, u), Usage: schema.NewUsage(usage),
	})
}

// dsLine renders what a component asks and how much of it: name; quantity
// (m=monthly, h=hourly, usage); service/family/region; query attributes;
// purchase option, term, unit and tier; assumed notes.
func dsLine(c schema.Component) string {
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
	q := c.Query.Normalized()
	return fmt.Sprintf("%s; %s; %s/%s/%s; %s; %s %s %s %s %s; %q", c.Name, qty, q.Service, q.Family, q.Region,
		strings.Join(keys, ","), q.PurchaseOption, q.TermLength, q.TermPurchaseOption, q.Unit, q.TierStart, c.Assumed)
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
