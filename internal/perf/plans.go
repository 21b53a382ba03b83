package perf

import (
	"fmt"
	"os"
	"path/filepath"
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

var (
	planDirOnce sync.Once
	planDir     string
	planDirErr  error
	planFiles   sync.Map // int → path
)

// PlanFile returns the path of the generated plan of n resource changes,
// written once per process to a temporary directory (removed by
// RemovePlanFiles): benchmarks stream it from disk as the CLI does, so
// that no plan bytes sit on the heap while memory is measured.
func PlanFile(tb testing.TB, n int) string {
	tb.Helper()
	if p, ok := planFiles.Load(n); ok {
		return p.(string)
	}
	planDirOnce.Do(func() { planDir, planDirErr = os.MkdirTemp("", "costgate-plans-") })
	if planDirErr != nil {
		tb.Fatal(planDirErr)
	}
	path := filepath.Join(planDir, fmt.Sprintf("plan-%d-seed%d.json", n, Seed))
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	err = plangen.Write(f, plangen.Options{Resources: n, Seed: Seed})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		tb.Fatal(err)
	}
	planFiles.Store(n, path)
	return path
}

// RemovePlanFiles deletes the plans PlanFile wrote.
func RemovePlanFiles() {
	if planDir != "" {
		_ = os.RemoveAll(planDir)
	}
}

// Plan returns the bytes of the generated plan of n resource changes.
func Plan(tb testing.TB, n int) []byte {
	tb.Helper()
	b, err := os.ReadFile(PlanFile(tb, n))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
