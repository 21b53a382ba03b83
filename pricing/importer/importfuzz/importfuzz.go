// Package importfuzz is the shared body of the price importers' fuzz
// targets: whatever the input, an importer ends in rows or an error that
// names the file, within a time limit, and every row it emits is well formed.
package importfuzz

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/pricing"
)

// Limit is how long one input may take before it counts as a hang (fuzz
// inputs are small; the real files of a few MiB import in well under it).
const Limit = 10 * time.Second

// Logger is a logger that discards: importers log skipped rows, which
// fuzzing produces by the million.
func Logger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// Check imports data as file and fails on a hang, on an error that does not
// name the file, or on a malformed row.
func Check(t *testing.T, im pricing.Importer, file string, data []byte) {
	t.Helper()
	type result struct {
		rows []pricing.Price
		err  error
	}
	done := make(chan result, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		var rows []pricing.Price
		err := im.Import(ctx, file, strings.NewReader(string(data)), pricing.Filter{}, func(p pricing.Price) error {
			rows = append(rows, p)
			return nil
		})
		done <- result{rows, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-time.After(Limit):
		t.Fatalf("%s: Import of %d bytes still running after %s", im.Format(), len(data), Limit)
	}
	if res.err != nil {
		if !strings.Contains(res.err.Error(), file) {
			t.Fatalf("%s: error does not name the file %q: %v", im.Format(), file, res.err)
		}
		return
	}
	for i, p := range res.rows {
		if problem := rowProblem(p); problem != "" {
			t.Fatalf("%s: row %d %s: %+v", im.Format(), i, problem, p)
		}
	}
}

// rowProblem says what is wrong with an emitted row, or "".
func rowProblem(p pricing.Price) string {
	switch {
	case p.Provider != "aws" && p.Provider != "azure" && p.Provider != "google":
		return fmt.Sprintf("has provider %q", p.Provider)
	case strings.TrimSpace(p.Service) == "":
		return "has no service"
	case strings.TrimSpace(p.Unit) == "":
		return "has no unit"
	case p.USD.IsNegative():
		return "has a negative price"
	case p.TierStart.IsNegative():
		return "has a negative tier start"
	case p.TierEnd.Valid && p.TierEnd.Decimal.LessThan(p.TierStart):
		return "has a tier ending before it starts"
	}
	return ""
}
