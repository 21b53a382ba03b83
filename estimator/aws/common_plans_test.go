package aws_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/shopspring/decimal"
)

// The focused plans of the compute and networking types
// (testdata/<type>.plan.json) are priced by the real engine against the
// embedded pricing-data, exactly as `costgate estimate` does. Every expected
// figure is worked out by hand from the rows quoted beside it (files of
// pricing-data/data, provenance in pricing-data/SOURCES.md), at 730 hours a
// month.

// cpSource names the price files the expectations refer to.
func cpSource(key string) string {
	return map[string]string{
		"ec2":      "aws-ec2-ondemand-2025-11",     // aws-price ec2-transformed.json, Linux shared on demand
		"ec2ri":    "aws-ec2-reserved-2025-04",     // ec2.shop reserved-instance maps, No Upfront standard
		"euw1":     "aws-euw1-terracost-2023-02",   // terracost's eu-west-1 dump of AWS offer files
		"ebs":      "aws-ebs-2024-07",              // ec2.shop ebs.json
		"cw":       "aws-cloudwatch-2025-09",       // aws-price cloudwatch.json
		"eks":      "aws-eks-2025-10",              // aws-price eks.json
		"nat":      "aws-natgateway-2025-10",       // aws-price natgateway.json
		"vpc":      "aws-vpc-2025-11",              // aws-price vpc.json
		"r53":      "aws-route53-2025-08",          // aws-price route53.json
		"apigw":    "aws-apigateway-2025-10",       // aws-price apigateway.json
		"ec2_2017": "aws-ec2-ec2instances-2017-11", // ec2instances.info 2017
	}[key]
}

// cpCatalog is the catalog of `costgate estimate` without a database,
// restricted to its AWS files (no AWS query matches another provider's rows).
var cpCatalog = sync.OnceValues(func() (*pricing.MemoryCatalog, error) {
	return pricing.LoadMemoryCatalog(cpAWSFiles{pricingdata.FS()})
})

// cpAWSFiles lists only the aws-* files of a data directory.
type cpAWSFiles struct{ fs.FS }

func (d cpAWSFiles) ReadDir(name string) ([]fs.DirEntry, error) {
	all, err := fs.ReadDir(d.FS, name)
	var out []fs.DirEntry
	for _, e := range all {
		if strings.HasPrefix(e.Name(), "aws-") {
			out = append(out, e)
		}
	}
	return out, err
}

// cpResource is what one resource of a focused plan must price to. Its
// components map a component name to one of:
//
//	"<monthly cost> <source>"           price found in source, cost compared to 6 decimals
//	"<monthly cost> <source> ambiguous" the same, where rows of one date disagree (FORMAT.md)
//	"usage <source>"                    usage-based without usage: unit price only
//	"not found"                         no price for it in the data (a data gap)
//
// assumed maps a component name to a text its assumed notes must contain.
type cpResource struct {
	prior, proposed string // monthly totals; prior "" means no prior side
	components      map[string]string
	assumed         map[string]string
}

type cpPlan struct {
	file      string
	usage     string // usage file (YAML), "" for none
	resources map[string]cpResource
	free      []string // addresses priced as free
	proposed  string   // plan total
}

func runComputePlans(t *testing.T, plans []cpPlan) {
	t.Helper()
	cat, err := cpCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range plans {
		t.Run(tt.file, func(t *testing.T) {
			est := cpEstimate(t, cat, tt.file, tt.usage)
			seen := map[string]bool{}
			for _, r := range est.Resources {
				seen[r.Address] = true
				want, ok := tt.resources[r.Address]
				if !ok {
					if r.Status != estimator.StatusFree || !cpContains(tt.free, r.Address) {
						t.Errorf("%s: status %s, not expected", r.Address, r.Status)
					}
					continue
				}
				cpCheckResource(t, r, want)
			}
			for addr := range tt.resources {
				if !seen[addr] {
					t.Errorf("%s is missing from the estimate", addr)
				}
			}
			if !est.ProposedMonthlyCost.Round(6).Equal(decimal.RequireFromString(tt.proposed)) {
				t.Errorf("plan total %s, want %s", est.ProposedMonthlyCost, tt.proposed)
			}
		})
	}
}

func cpCheckResource(t *testing.T, r estimator.ResourceCost, want cpResource) {
	t.Helper()
	if r.Status != estimator.StatusEstimated {
		t.Errorf("%s: status %s", r.Address, r.Status)
	}
	if !r.ProposedMonthlyCost.Round(6).Equal(decimal.RequireFromString(want.proposed)) {
		t.Errorf("%s: proposed %s, want %s", r.Address, r.ProposedMonthlyCost, want.proposed)
	}
	if want.prior != "" && !r.PriorMonthlyCost.Round(6).Equal(decimal.RequireFromString(want.prior)) {
		t.Errorf("%s: prior %s, want %s", r.Address, r.PriorMonthlyCost, want.prior)
	}
	names := make([]string, 0, len(r.Components))
	for _, c := range r.Components {
		names = append(names, c.Name)
		exp, ok := want.components[c.Name]
		if !ok {
			t.Errorf("%s: unexpected component %q", r.Address, c.Name)
			continue
		}
		cpCheckComponent(t, r.Address, c, exp)
		if note := want.assumed[c.Name]; note != "" && !strings.Contains(strings.Join(c.Assumed, "\n"), note) {
			t.Errorf("%s %q: assumed %q, want a note containing %q", r.Address, c.Name, c.Assumed, note)
		}
	}
	if len(r.Components) != len(want.components) {
		sort.Strings(names)
		t.Errorf("%s: components %q, want %d", r.Address, names, len(want.components))
	}
}

func cpCheckComponent(t *testing.T, addr string, c estimator.ComponentCost, exp string) {
	t.Helper()
	if exp == "not found" {
		if c.PriceFound || !c.MonthlyCost.IsZero() || c.UnitPrice != nil {
			t.Errorf("%s %q: want price not found, got %s from %s", addr, c.Name, c.MonthlyCost, c.Source)
		}
		return
	}
	fields := strings.Fields(exp)
	if len(fields) < 2 {
		t.Fatalf("bad expectation %q", exp)
	}
	if !c.PriceFound || c.Source != cpSource(fields[1]) {
		t.Errorf("%s %q: price found %v from %q, want from %q", addr, c.Name, c.PriceFound, c.Source, cpSource(fields[1]))
	}
	if ambiguous := len(fields) > 2 && fields[2] == "ambiguous"; c.Ambiguous != ambiguous {
		t.Errorf("%s %q: ambiguous %v, want %v", addr, c.Name, c.Ambiguous, ambiguous)
	}
	if fields[0] == "usage" {
		if c.MonthlyQuantity != nil || !c.UsageBased || !c.MonthlyCost.IsZero() {
			t.Errorf("%s %q: want usage-based without usage, got quantity %v cost %s", addr, c.Name, c.MonthlyQuantity, c.MonthlyCost)
		}
		return
	}
	if !c.MonthlyCost.Round(6).Equal(decimal.RequireFromString(fields[0])) {
		t.Errorf("%s %q: monthly %s (%v × %v), want %s", addr, c.Name, c.MonthlyCost, c.MonthlyQuantity, c.UnitPrice, fields[0])
	}
}

func cpEstimate(t *testing.T, cat pricing.Catalog, file, usage string) *estimator.Estimate {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", file))
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
	for _, w := range est.Warnings {
		t.Errorf("warning: %s", w)
	}
	return est
}

func cpContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
