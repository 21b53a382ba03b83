package factscsv

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// realFacts is the corpus's public-price-facts/facts.csv, unchanged (13 rows:
// 8 gcp, 3 azure, 2 aws), as the gcpfacts tests keep it.
func realFacts(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../gcpfacts/testdata/facts.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImport(t *testing.T) {
	facts := realFacts(t)
	convert := func(rec []string) (pricing.Price, error) {
		if rec[ColUSDPrice] == "bad" {
			return pricing.Price{}, errors.New("not a price")
		}
		usd, err := decimal.NewFromString(rec[ColUSDPrice])
		return pricing.Price{Service: rec[ColService], USD: usd}, err
	}
	tests := []struct {
		name, from, to string // the input is the real file with from replaced by to
		filter         pricing.Filter
		rows           int
		wantErr        string
	}{
		{name: "one provider", rows: 8},
		{name: "filtered", filter: pricing.Filter{Services: []string{"cloud-sql"}}, rows: 2},
		{name: "bad header", from: "usd_price", to: "price", wantErr: "facts.csv: line 1: header is"},
		{name: "bad row", from: "USD per cluster-hour,0.10,https://cloud.google.com/kubernetes-engine/pricing?hl=nb",
			to:      "USD per cluster-hour,bad,https://cloud.google.com/kubernetes-engine/pricing?hl=nb",
			wantErr: "facts.csv: line 2 (GKE cluster management fee): not a price"},
		{name: "short row", from: "gcp,cloud-sql,us-central1,Cloud SQL Enterprise edition memory,", to: "gcp,x\n",
			wantErr: "wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := facts
			if tt.from != "" {
				if input = strings.Replace(facts, tt.from, tt.to, 1); input == facts {
					t.Fatalf("the file has no %q", tt.from)
				}
			}
			var logs bytes.Buffer
			rows := 0
			err := Import(context.Background(), "facts.csv", strings.NewReader(input), "gcp", convert, tt.filter,
				func(pricing.Price) error { rows++; return nil }, slog.New(slog.NewTextHandler(&logs, nil)))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rows != tt.rows {
				t.Errorf("%d rows, want %d", rows, tt.rows)
			}
			for _, want := range []string{"provider=azure rows=3", "provider=aws rows=2"} {
				if !strings.Contains(logs.String(), want) {
					t.Errorf("log lacks %q: %s", want, logs.String())
				}
			}
		})
	}
}
