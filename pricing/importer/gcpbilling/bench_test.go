package gcpbilling

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
)

// skuStream is a page of n copies of a real SKU (the fixture's A100 GPU),
// produced on the fly so the benchmark measures the importer, not the input.
func skuStream(b *testing.B, n int) io.Reader {
	b.Helper()
	data, err := os.ReadFile(fixture)
	if err != nil {
		b.Fatal(err)
	}
	var page struct {
		Skus []json.RawMessage `json:"skus"`
	}
	if err := json.Unmarshal(data, &page); err != nil || len(page.Skus) == 0 {
		b.Fatalf("fixture: %v", err)
	}
	one := string(page.Skus[0])
	readers := []io.Reader{strings.NewReader(`{"skus":[`)}
	for i := range n {
		if i > 0 {
			readers = append(readers, strings.NewReader(","))
		}
		readers = append(readers, strings.NewReader(one))
	}
	readers = append(readers, strings.NewReader(`],"nextPageToken":""}`))
	return io.MultiReader(readers...)
}

// BenchmarkImport streams 10,000 SKUs (30,000 rows) per iteration; memory
// per iteration stays that of one SKU plus the rows handed to emit.
func BenchmarkImport(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		rows := 0
		err := Importer{}.Import(context.Background(), "bench.json", skuStream(b, 10000), pricing.Filter{}, func(pricing.Price) error {
			rows++
			return nil
		})
		if err != nil || rows != 30000 {
			b.Fatalf("%d rows, %v", rows, err)
		}
	}
}
