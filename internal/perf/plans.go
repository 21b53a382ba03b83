package perf

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/costgate/costgate/internal/plangen"
)

// Seed is the generator seed of every benchmark plan.
const Seed = 7

// PlanSizes are the plan sizes benchmarked, in resource changes; the
// environment variable COSTGATE_BENCH_SIZES (e.g. "1000,10000") narrows them.
func PlanSizes(tb testing.TB) []int {
	tb.Helper()
	env := os.Getenv("COSTGATE_BENCH_SIZES")
	if env == "" {
		return []int{1_000, 10_000, 50_000}
	}
	var out []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			tb.Fatalf("COSTGATE_BENCH_SIZES: %q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out
}

// plans caches generated plans by size for the process.
var plans sync.Map // int → []byte

// Plan returns the generated plan of n resource changes.
func Plan(tb testing.TB, n int) []byte {
	tb.Helper()
	if b, ok := plans.Load(n); ok {
		return b.([]byte)
	}
	b, err := plangen.Generate(plangen.Options{Resources: n, Seed: Seed})
	if err != nil {
		tb.Fatal(err)
	}
	plans.Store(n, b)
	return b
}
