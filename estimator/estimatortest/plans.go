package estimatortest

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// Plan is one focused plan of testdata/ and what it must price to.
type Plan struct {
	File        string              // file name in testdata/
	Usage       string              // usage file (YAML), "" for none
	Resources   map[string]Resource // by address: the priced resources
	Free        []string            // addresses priced as free
	Unsupported []string            // addresses of types nobody prices yet
	Proposed    string              // plan total
}

// Resource is what one resource must price to. Components maps a component
// name to its expectation (see CheckComponent); Assumed maps a component
// name to a text its assumed notes must contain. Figures are compared as
// figureIs says.
type Resource struct {
	Prior, Proposed string // monthly totals; Prior "" is not checked
	Components      map[string]string
	Assumed         map[string]string
}

// CheckPlans prices every plan against cat and checks it: each listed
// resource, that every other resource is listed as free or unsupported, the
// plan total, no warnings, and that every missing price is counted in the
// summary (never a silent zero). sources maps the short source names of the
// expectations to price source names.
func CheckPlans(t *testing.T, cat pricing.Catalog, sources map[string]string, plans []Plan) {
	t.Helper()
	for _, tt := range plans {
		t.Run(tt.File, func(t *testing.T) {
			est := Estimate(t, cat, filepath.Join("testdata", tt.File), tt.Usage)
			for _, w := range est.Warnings {
				t.Errorf("warning: %s", w)
			}
			seen := map[string]bool{}
			unpriced, unpricedUsage := 0, 0
			for _, r := range est.Resources {
				seen[r.Address] = true
				want, priced := tt.Resources[r.Address]
				switch {
				case priced:
					n, u := checkResource(t, r, want, sources)
					unpriced += n
					unpricedUsage += u
				case slices.Contains(tt.Free, r.Address):
					if r.Status != estimator.StatusFree {
						t.Errorf("%s: status %s, want free", r.Address, r.Status)
					}
				case slices.Contains(tt.Unsupported, r.Address):
					if r.Status != estimator.StatusUnsupported {
						t.Errorf("%s: status %s, want unsupported", r.Address, r.Status)
					}
				default:
					t.Errorf("%s: status %s, not expected", r.Address, r.Status)
				}
			}
			for addr := range tt.Resources {
				if !seen[addr] {
					t.Errorf("%s is missing from the estimate", addr)
				}
			}
			if !figureIs(est.ProposedMonthlyCost, tt.Proposed) {
				t.Errorf("plan total %s, want %s", est.ProposedMonthlyCost, tt.Proposed)
			}
			// Lines with a quantity count as unpriced, usage lines without usage apart.
			if est.Summary.UnpricedComponents != unpriced || est.Summary.UnpricedUsageComponents != unpricedUsage {
				t.Errorf("counted %d unpriced and %d unpriced usage-based components, want %d and %d",
					est.Summary.UnpricedComponents, est.Summary.UnpricedUsageComponents, unpriced, unpricedUsage)
			}
		})
	}
}

// checkResource checks one priced resource and returns how many of its
// components have no price: with a quantity, and usage-based without usage.
func checkResource(t *testing.T, r estimator.ResourceCost, want Resource, sources map[string]string) (unpriced, unpricedUsage int) {
	t.Helper()
	if r.Status != estimator.StatusEstimated {
		t.Errorf("%s: status %s", r.Address, r.Status)
	}
	if !figureIs(r.ProposedMonthlyCost, want.Proposed) {
		t.Errorf("%s: proposed %s, want %s", r.Address, r.ProposedMonthlyCost, want.Proposed)
	}
	if want.Prior != "" && !figureIs(r.PriorMonthlyCost, want.Prior) {
		t.Errorf("%s: prior %s, want %s", r.Address, r.PriorMonthlyCost, want.Prior)
	}
	names := make([]string, 0, len(r.Components))
	for _, c := range r.Components {
		names = append(names, c.Name)
		exp, ok := want.Components[c.Name]
		if !ok {
			t.Errorf("%s: unexpected component %q", r.Address, c.Name)
			continue
		}
		CheckComponent(t, r.Address, c, exp, sources)
		if strings.HasPrefix(exp, notFound) {
			if c.MonthlyQuantity != nil {
				unpriced++
			} else {
				unpricedUsage++
			}
		}
		if note := want.Assumed[c.Name]; note != "" && !strings.Contains(strings.Join(c.Assumed, "\n"), note) {
			t.Errorf("%s %q: assumed %q, want a note containing %q", r.Address, c.Name, c.Assumed, note)
		}
	}
	if len(r.Components) != len(want.Components) {
		sort.Strings(names)
		t.Errorf("%s: components %q, want %d", r.Address, names, len(want.Components))
	}
	return unpriced, unpricedUsage
}

const notFound = "not found"

// figureIs reports whether got is the figure want: exactly, or rounded to 6
// decimals when want is written "~x" (a repeating decimal, such as an upfront
// fee spread over 36 months, cannot be written exactly).
func figureIs(got decimal.Decimal, want string) bool {
	if rounded, ok := strings.CutPrefix(want, "~"); ok {
		return got.Round(6).Equal(decimal.RequireFromString(rounded))
	}
	return got.Equal(decimal.RequireFromString(want))
}

// CheckComponent checks a priced component against exp, one of:
//
//	"<monthly cost> <source>"           price found in source (a key of sources)
//	"<monthly cost> <source> ambiguous" the same, where rows of one date disagree
//	"usage <source>"                    usage-based without usage: unit price only
//	"not found"                         no price in the data (a data gap)
//	"not found q=<quantity>"            the same, showing this monthly quantity
//
// A figure is compared exactly, or to 6 decimals when written "~x".
func CheckComponent(t *testing.T, addr string, c estimator.ComponentCost, exp string, sources map[string]string) {
	t.Helper()
	if rest, ok := strings.CutPrefix(exp, notFound); ok {
		if c.PriceFound || !c.MonthlyCost.IsZero() || c.UnitPrice != nil {
			t.Errorf("%s %q: want price not found, got %s from %s", addr, c.Name, c.MonthlyCost, c.Source)
		}
		if q, ok := strings.CutPrefix(strings.TrimSpace(rest), "q="); ok {
			if c.MonthlyQuantity == nil || !figureIs(*c.MonthlyQuantity, q) {
				t.Errorf("%s %q: quantity %v, want %s", addr, c.Name, c.MonthlyQuantity, q)
			}
		}
		return
	}
	fields := strings.Fields(exp)
	if len(fields) < 2 {
		t.Fatalf("bad expectation %q", exp)
	}
	source, known := sources[fields[1]]
	if !known {
		t.Fatalf("expectation %q names no known source", exp)
	}
	if !c.PriceFound || c.Source != source {
		t.Errorf("%s %q: price found %v from %q, want from %q", addr, c.Name, c.PriceFound, c.Source, source)
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
	if !figureIs(c.MonthlyCost, fields[0]) {
		t.Errorf("%s %q: monthly %s (%v × %v), want %s", addr, c.Name, c.MonthlyCost, c.MonthlyQuantity, c.UnitPrice, fields[0])
	}
}
