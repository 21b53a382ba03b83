package awsoffer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/costgate/costgate/pricing"
)

// benchOfferFile builds a large offer file from the real fixture's
// structure: n copies of its first product and of that product's on-demand
// term, with distinct SKUs spread over four regions. Nothing is committed.
func benchOfferFile(b *testing.B, n int) []byte {
	b.Helper()
	var fixture struct {
		Products map[string]map[string]any            `json:"products"`
		Terms    map[string]map[string]map[string]any `json:"terms"`
	}
	if err := json.Unmarshal(readFixtureB(b, jsonFixture), &fixture); err != nil {
		b.Fatal(err)
	}
	const template = "H7NGEAC6UEHNTKSJ"
	prodJSON, _ := json.Marshal(fixture.Products[template])
	termJSON, _ := json.Marshal(fixture.Terms["OnDemand"][template])
	regions := [][2]string{
		{"us-east-1", "US East (N. Virginia)"}, {"us-west-2", "US West (Oregon)"},
		{"eu-west-1", "EU (Ireland)"}, {"ap-northeast-1", "Asia Pacific (Tokyo)"},
	}
	var buf bytes.Buffer
	buf.WriteString(`{"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"bench","publicationDate":"2024-05-28T20:35:22Z","products":{`)
	for i := range n {
		sku := fmt.Sprintf("BENCH%011d", i)
		reg := regions[i%len(regions)]
		p := bytes.ReplaceAll(prodJSON, []byte(template), []byte(sku))
		p = bytes.ReplaceAll(p, []byte(`"us-east-1"`), []byte(`"`+reg[0]+`"`))
		p = bytes.ReplaceAll(p, []byte(`"US East (N. Virginia)"`), []byte(`"`+reg[1]+`"`))
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, "%q:%s", sku, p)
	}
	buf.WriteString(`},"terms":{"OnDemand":{`)
	for i := range n {
		sku := fmt.Sprintf("BENCH%011d", i)
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, "%q:%s", sku, bytes.ReplaceAll(termJSON, []byte(template), []byte(sku)))
	}
	buf.WriteString(`}},"attributesList":{}}`)
	return buf.Bytes()
}

func readFixtureB(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkJSONImport streams a generated ~50 MB offer file; MB/s comes from
// SetBytes, allocations from ReportAllocs.
func BenchmarkJSONImport(b *testing.B) {
	data := benchOfferFile(b, 20000)
	for _, bc := range []struct {
		name   string
		filter pricing.Filter
	}{
		{"all", pricing.Filter{}},
		{"one-region", pricing.Filter{Regions: []string{"eu-west-1"}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				rows := 0
				err := JSONImporter{}.Import(context.Background(), "bench.json", bytes.NewReader(data), bc.filter, func(pricing.Price) error {
					rows++
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				if rows == 0 {
					b.Fatal("no rows")
				}
			}
		})
	}
}
