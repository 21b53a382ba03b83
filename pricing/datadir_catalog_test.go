package pricing

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestDataDirCatalogAnswersAsMemory checks the lazy catalog against the
// memory catalog of the whole directory, on batches that load buckets one
// after another and on batches that need nothing new.
func TestDataDirCatalogAnswersAsMemory(t *testing.T) {
	fsys := os.DirFS(fixtureDir)
	full, err := LoadMemoryCatalog(fsys)
	if err != nil {
		t.Fatal(err)
	}
	prices, _, err := ReadDataDir(fsys)
	if err != nil {
		t.Fatal(err)
	}
	lazy := NewDataDirCatalog(fsys)
	ctx := context.Background()
	for seed := range uint64(6) {
		queries := randomQueries(prices, 300, seed, 3)
		if seed%2 == 1 {
			queries = queries[:40] // a smaller batch, mostly of loaded buckets
		}
		want, err := full.Lookup(ctx, queries)
		if err != nil {
			t.Fatal(err)
		}
		got, err := lazy.Lookup(ctx, queries)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for i := range queries {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("batch %d, query %d %+v:\n got %+v\nwant %+v", seed, i, queries[i], got[i], want[i])
			}
			if got[i].Found {
				found++
			}
		}
		if found == 0 {
			t.Fatalf("batch %d: no query found a price; the comparison proves nothing", seed)
		}
	}
}

// TestEmbeddedCatalogLoadsLittle checks that pricing a few EC2 queries reads
// only their buckets of the embedded data.
func TestEmbeddedCatalogLoadsLittle(t *testing.T) {
	c := NewEmbeddedCatalog()
	q := Query{Provider: "aws", Service: "AmazonEC2", Family: "Compute Instance", Region: "us-east-1",
		Attributes: map[string]string{"instanceType": "m5.large", "operatingSystem": "Linux", "tenancy": "Shared",
			"preInstalledSw": "NA", "licenseModel": "No License required", "capacitystatus": "Used"}, Unit: "Hrs"}
	answers, err := c.Lookup(context.Background(), []Query{q})
	if err != nil {
		t.Fatal(err)
	}
	if !answers[0].Found {
		t.Fatalf("m5.large in us-east-1 not found: %+v", answers[0])
	}
	if n := c.mem.Len(); n == 0 || n > 20_000 {
		t.Errorf("%d rows loaded for one bucket, want a small part of the data", n)
	}
}

func TestSplitRecordAsEncodingCSV(t *testing.T) {
	row := func(extra ...string) string {
		f := make([]string, len(DataFileColumns()))
		for i := range f {
			f[i] = fmt.Sprintf("v%d", i)
		}
		copy(f, extra)
		return strings.Join(f, ",")
	}
	tests := []string{
		row() + "\n",
		row() + "\r\n",
		row(),
		row("aws", "AmazonEC2", `"Compute, Instance"`, "us-east-1", "sku", `"{""a"":""b""}"`),
		row("aws", `"multi`+"\n"+`line"`),
		row("", "", "") + ",",
		row(`"unterminated`),
		row(`bare"quote`),
		"a,b,c",
	}
	for _, raw := range tests {
		want, wantErr := csv.NewReader(strings.NewReader(raw)).Read()
		if wantErr == nil && len(want) != len(DataFileColumns()) {
			wantErr = errors.New("field count")
		}
		got, err := splitRecord([]byte(raw))
		if (err == nil) != (wantErr == nil) {
			t.Errorf("%q: err %v, encoding/csv %v", raw, err, wantErr)
			continue
		}
		if err == nil && !slices.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", raw, got, want)
		}
	}
}
