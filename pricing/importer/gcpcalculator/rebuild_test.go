package gcpcalculator_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/costgate/costgate/pricing/importer/gcpbilling"
	"github.com/costgate/costgate/pricing/importer/gcpcalculator"
	"github.com/costgate/costgate/pricing/importer/gcpfacts"
)

// TestRebuildMatchesCommittedFiles rebuilds every pricing-data/data/gcp-*
// file from the corpus as pricing-data/build-gcp.sh does (import, then
// pricing.WriteSource) and compares the bytes with the committed file.
func TestRebuildMatchesCommittedFiles(t *testing.T) {
	corpus := os.Getenv("COSTGATE_CORPUS")
	if corpus == "" {
		corpus = filepath.Join("..", "..", "..", "..", "shared", "corpus")
	}
	tests := []struct {
		name  string
		im    pricing.Importer
		input string
	}{
		{"gcp-calculator-2026-07", gcpcalculator.Importer{}, "google-cloud-pricing-cost-calculator/2026-07-30/pricing.yml"},
		{"gcp-billing-opencost-2023-03", gcpbilling.Importer{}, "opencost/pkg/cloud/gcp/test/skus.json"},
		{"gcp-facts-2026-08", gcpfacts.Importer{}, "public-price-facts/facts.csv"},
	}
	data := pricingdata.FS()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			committed, err := fs.ReadFile(data, tt.name+".csv.gz")
			if err != nil {
				t.Fatal(err)
			}
			src, err := pricing.ReadSource(data, pricing.DataFile{Name: tt.name, Rows: tt.name + ".csv.gz", Sidecar: tt.name + ".json"})
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(filepath.Join(corpus, tt.input))
			if err != nil {
				t.Fatalf("corpus input needed (set COSTGATE_CORPUS): %v", err)
			}
			defer f.Close()
			var rows []pricing.Price
			err = tt.im.Import(context.Background(), tt.input, f, pricing.Filter{}, func(p pricing.Price) error {
				if p.EffectiveDate.IsZero() {
					p.EffectiveDate = src.PriceDate // what --price-date does
				}
				rows = append(rows, p)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			written, err := pricing.WriteSource(dir, src, rows)
			if err != nil {
				t.Fatal(err)
			}
			rebuilt, err := os.ReadFile(filepath.Join(dir, tt.name+".csv.gz"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rebuilt, committed) {
				t.Errorf("rebuilt %s differs from the committed file (%d vs %d bytes): run pricing-data/build-gcp.sh", tt.name, len(rebuilt), len(committed))
			}
			if written.Rows != src.Rows {
				t.Errorf("rebuilt %d rows, sidecar says %d", written.Rows, src.Rows)
			}
		})
	}
}
