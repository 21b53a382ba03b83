package estimator

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/costgate/costgate/pricing"
	tfjson "github.com/hashicorp/terraform-json"
)

// embeddedCatalog is the catalog of `costgate estimate` without a database,
// built once for all corpus tests.
var embeddedCatalog = sync.OnceValues(pricing.LoadEmbeddedCatalog)

// corpusPlans lists the plan files of testdata/corpus/MANIFEST.tsv.
func corpusPlans(t testing.TB) []string {
	t.Helper()
	f, err := os.Open("testdata/corpus/MANIFEST.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var plans []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) > 2 && (cols[1] == "plan" || cols[1] == "plan-edge") {
			plans = append(plans, cols[0])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(plans) != 59 {
		t.Fatalf("%d plans in the manifest, want the corpus's 59", len(plans))
	}
	return plans
}

// estimateCorpusPlan prices one corpus plan with the real resource
// definitions and the embedded price data.
func estimateCorpusPlan(t testing.TB, rel string) (*tfjson.Plan, *Estimate) {
	t.Helper()
	cat, err := embeddedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	plan := loadPlan(t, "testdata/corpus/"+rel)
	est, err := EstimatePlan(context.Background(), plan, cat, Options{})
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return plan, est
}

// TestCorpusGolden prices every corpus plan; go test ./estimator -update
// rewrites testdata/golden/corpus after resource or price changes.
func TestCorpusGolden(t *testing.T) {
	for _, rel := range corpusPlans(t) {
		t.Run(rel, func(t *testing.T) {
			_, est := estimateCorpusPlan(t, rel)
			base := filepath.Join("testdata/golden/corpus", strings.TrimSuffix(rel, ".json"))
			var js, table bytes.Buffer
			if err := RenderJSON(&js, est); err != nil {
				t.Fatal(err)
			}
			if err := RenderTable(&table, est); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, base+".estimate.json", js.Bytes())
			checkGolden(t, base+".table", table.Bytes())
		})
	}
}

// TestCorpusCoverage reports, over the corpus, the share of cost-bearing
// resource changes (not free, not data sources) that were fully priced, and
// the unsupported types that remain (go test -run TestCorpusCoverage -v).
func TestCorpusCoverage(t *testing.T) {
	var (
		changes, free, costBearing, estimated, fullyPriced int
		knownCostPriced, unpricedUsage                     int
		unpricedComponents, usageUnknown                   int
		unsupported                                        = map[string]int{}
		unpricedByType                                     = map[string]int{}
	)
	for _, rel := range corpusPlans(t) {
		plan, est := estimateCorpusPlan(t, rel)
		managed := 0
		for _, rc := range plan.ResourceChanges {
			if rc.Mode != tfjson.DataResourceMode {
				managed++
			}
		}
		if est.Summary.Resources != managed || len(est.Resources) != managed {
			t.Errorf("%s: %d resources estimated, the plan has %d managed changes", rel, len(est.Resources), managed)
		}
		for _, r := range est.Resources {
			changes++
			switch r.Status {
			case StatusFree:
				free++
				continue
			case StatusUnsupported:
				unsupported[r.Type]++
			case StatusEstimated:
				estimated++
			default:
				t.Errorf("%s: %s has status %q", rel, r.Address, r.Status)
			}
			costBearing++
			if r.Status != StatusEstimated {
				continue
			}
			// fully priced: every line has a price (usage-based ones included);
			// known cost priced: every line with a quantity has a price.
			priced, knownPriced := true, true
			for _, cs := range [][]ComponentCost{r.Components, r.PriorComponents} {
				for _, c := range cs {
					if !c.PriceFound {
						priced = false
					}
					if c.Unpriced() {
						knownPriced = false
						unpricedComponents++
						unpricedByType[r.Type]++
					} else if !c.PriceFound {
						unpricedUsage++
					}
					if c.MonthlyQuantity == nil {
						usageUnknown++
					}
				}
			}
			if priced {
				fullyPriced++
			}
			if knownPriced {
				knownCostPriced++
			}
		}
	}
	if costBearing != estimated+sumCounts(unsupported) || changes != free+costBearing {
		t.Fatalf("counts do not add up: %d changes, %d free, %d cost-bearing, %d estimated, %d unsupported",
			changes, free, costBearing, estimated, sumCounts(unsupported))
	}
	share := 0.0
	if costBearing > 0 {
		share = 100 * float64(fullyPriced) / float64(costBearing)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "corpus: %d managed resource changes: %d free, %d cost-bearing\n", changes, free, costBearing)
	fmt.Fprintf(&b, "cost-bearing: %d estimated (%d fully priced), %d unsupported\n", estimated, fullyPriced, costBearing-estimated)
	fmt.Fprintf(&b, "share of cost-bearing changes fully priced (every line has a price): %d/%d = %.1f%%\n", fullyPriced, costBearing, share)
	fmt.Fprintf(&b, "share whose known cost is priced (every line with a quantity has a price): %d/%d = %.1f%%\n",
		knownCostPriced, costBearing, 100*float64(knownCostPriced)/float64(max(costBearing, 1)))
	fmt.Fprintf(&b, "components with a quantity but price not found: %d %v\n", unpricedComponents, formatCounts(unpricedByType))
	fmt.Fprintf(&b, "usage-based components without usage: %d (of which %d without a price either)\n", usageUnknown, unpricedUsage)
	fmt.Fprintf(&b, "unsupported types (%d): %s\n", len(unsupported), formatCounts(unsupported))
	t.Log("\n" + b.String())
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func formatCounts(m map[string]int) string {
	keys := sortedTypeCounts(m)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
