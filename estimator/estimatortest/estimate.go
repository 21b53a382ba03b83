package estimatortest

import (
	"os"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
)

// Estimate decodes the plan file at path as `costgate estimate` does and
// prices it against cat, with usage the text of a usage file (YAML; "" for
// none).
func Estimate(tb testing.TB, cat pricing.Catalog, path, usage string) *estimator.Estimate {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	plan, err := estimator.DecodePlan(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	var opts estimator.Options
	if usage != "" {
		if opts.Usage, err = estimator.ParseUsageFile("usage.yml", strings.NewReader(usage)); err != nil {
			tb.Fatal(err)
		}
	}
	est, err := estimator.EstimatePlan(tb.Context(), plan, cat, opts)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return est
}
