package gcpcalculator_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/costgate/costgate/pricing/importer/gcpbilling"
	"github.com/costgate/costgate/pricing/importer/gcpcalculator"
	"github.com/costgate/costgate/pricing/importer/gcpfacts"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

// TestRebuildMatchesCommittedFiles rebuilds every pricing-data/data/gcp-*
// file from the corpus as pricing-data/build-gcp.sh does (import, then
// pricing.WriteSource) and compares the bytes with the committed file.
func TestRebuildMatchesCommittedFiles(t *testing.T) {
	corpus := importertest.CorpusDir(t)
	tests := []struct {
		name  string
		im    pricing.Importer
		input string
		// bytes compares the gzip bytes; the large file compares its CSV
		// records instead (best-compression gzip of 74k rows takes a minute
		// under -race; the writer's determinism is the pricing package's).
		bytes bool
	}{
		{"gcp-calculator-2026-07", gcpcalculator.Importer{}, "google-cloud-pricing-cost-calculator/2026-07-30/pricing.yml", false},
		{"gcp-billing-opencost-2023-03", gcpbilling.Importer{}, "opencost/pkg/cloud/gcp/test/skus.json", true},
		{"gcp-facts-2026-08", gcpfacts.Importer{}, "public-price-facts/facts.csv", true},
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
			for _, p := range rows {
				if p.USD.IsZero() || p.EffectiveDate.IsZero() || p.Provider != "google" {
					t.Fatalf("row %+v", p)
				}
			}
			if tt.bytes {
				compareBytes(t, tt.name, src, rows, committed)
			} else {
				compareRecords(t, tt.name, rows, committed)
			}
		})
	}
}

// compareBytes writes rows as build-gcp.sh does and compares the gzip bytes.
func compareBytes(t *testing.T, name string, src pricing.Source, rows []pricing.Price, committed []byte) {
	t.Helper()
	dir := t.TempDir()
	written, err := pricing.WriteSource(dir, src, rows)
	if err != nil {
		t.Fatal(err)
	}
	rebuilt, err := os.ReadFile(filepath.Join(dir, name+".csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rebuilt, committed) {
		t.Errorf("rebuilt %s differs from the committed file (%d vs %d bytes): run pricing-data/build-gcp.sh", name, len(rebuilt), len(committed))
	}
	if written.Rows != src.Rows {
		t.Errorf("rebuilt %d rows, sidecar says %d", written.Rows, src.Rows)
	}
}

// compareRecords compares the sorted rows with the committed file's CSV
// records, column by column as pricing.DataFileWriter writes them.
func compareRecords(t *testing.T, name string, rows []pricing.Price, committed []byte) {
	t.Helper()
	pricing.SortPrices(rows)
	gz, err := gzip.NewReader(bytes.NewReader(committed))
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(gz)
	if _, err := cr.Read(); err != nil { // header
		t.Fatal(err)
	}
	for i, p := range rows {
		rec, err := cr.Read()
		if err != nil {
			t.Fatalf("%s: committed file ends at row %d of %d: %v", name, i, len(rows), err)
		}
		attrs := "{}"
		if len(p.Attributes) > 0 {
			b, err := json.Marshal(p.Attributes)
			if err != nil {
				t.Fatal(err)
			}
			attrs = string(b)
		}
		end := ""
		if p.TierEnd.Valid {
			end = p.TierEnd.Decimal.String()
		}
		want := []string{p.Provider, p.Service, p.Family, p.Region, p.SKU, attrs, p.PurchaseOption, p.Unit,
			p.USD.String(), p.TierStart.String(), end, p.TermLength, p.TermPurchaseOption, p.TermOfferingClass,
			p.EffectiveDate.Format("2006-01-02"), p.Description}
		if !slices.Equal(rec, want) {
			t.Fatalf("%s row %d: committed %q, rebuilt %q: run pricing-data/build-gcp.sh", name, i+1, rec, want)
		}
	}
	if _, err := cr.Read(); err != io.EOF {
		t.Errorf("%s: committed file has more than %d rows", name, len(rows))
	}
}
