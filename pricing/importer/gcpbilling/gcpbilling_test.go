package gcpbilling

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
	"github.com/shopspring/decimal"
)

// testdata/opencost-skus.json is opencost/opencost@5f6533303e38:
// pkg/cloud/gcp/test/skus.json (Apache-2.0), a real services.skus.list page:
// 3 SKUs in USD, 4 in IDR.
const fixture = "testdata/opencost-skus.json"

func importAll(t *testing.T, im Importer, name, input string, filter pricing.Filter) ([]pricing.Price, error) {
	t.Helper()
	return importertest.Collect(t, im, name, []byte(input), filter)
}

func readFixture(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportRealFixture(t *testing.T) {
	var logs bytes.Buffer
	im := Importer{Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	rows, err := importAll(t, im, fixture, readFixture(t), pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// 3 USD SKUs × 3 service regions each; the 4 IDR SKUs are skipped.
	if len(rows) != 9 {
		t.Fatalf("got %d rows, want 9", len(rows))
	}
	if !strings.Contains(logs.String(), "currency=IDR skus=4") {
		t.Errorf("IDR skip not reported: %q", logs.String())
	}
	type key struct{ sku, region string }
	byKey := map[key]pricing.Price{}
	for _, p := range rows {
		byKey[key{p.SKU, p.Region}] = p
	}
	tests := []struct {
		sku, region, usd, unit, group, gpu string
	}{
		// units "2" + nanos 933908000
		{"039F-D0DA-4055", "us-central1", "2.933908", "h", "GPU", "nvidia-tesla-a100"},
		{"039F-D0DA-4055", "us-west1", "2.933908", "h", "GPU", "nvidia-tesla-a100"},
		// units "0" + nanos 4237000
		{"2390-DCAF-DA38", "us-east1", "0.004237", "GiBy.h", "RAM", ""},
	}
	for _, tt := range tests {
		p, ok := byKey[key{tt.sku, tt.region}]
		if !ok {
			t.Fatalf("no row for %s %s", tt.sku, tt.region)
		}
		if !p.USD.Equal(decimal.RequireFromString(tt.usd)) || p.Unit != tt.unit {
			t.Errorf("%s %s: got %s %s, want %s %s", tt.sku, tt.region, p.USD, p.Unit, tt.usd, tt.unit)
		}
		if p.Attributes["resourceGroup"] != tt.group || p.Attributes["gpuType"] != tt.gpu {
			t.Errorf("%s: attributes %v", tt.sku, p.Attributes)
		}
		if p.Provider != "google" || p.Service != "Compute Engine" || p.Family != "Compute" || p.PurchaseOption != pricing.OnDemand {
			t.Errorf("%s: vocabulary %+v", tt.sku, p)
		}
		if got := p.EffectiveDate.Format("2006-01-02"); got != "2023-03-24" {
			t.Errorf("%s: effective date %s", tt.sku, got)
		}
		if !p.TierStart.IsZero() || p.TierEnd.Valid {
			t.Errorf("%s: untiered price has tier %s-%v", tt.sku, p.TierStart, p.TierEnd)
		}
	}
}

func TestImportFilter(t *testing.T) {
	rows, err := importAll(t, Importer{}, fixture, readFixture(t), pricing.Filter{Regions: []string{"us-east1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3", len(rows))
	}
	rows, err = importAll(t, Importer{}, fixture, readFixture(t), pricing.Filter{Services: []string{"Cloud Storage"}})
	if err != nil || len(rows) != 0 {
		t.Fatalf("got %d rows, %v; want none", len(rows), err)
	}
}

// page builds a one-SKU page; the rates are Google's internet egress tiers
// from us-central1 (Cyclenerd pricing.yml 2026-07-30: 0.12, 0.11, 0.08 per
// GiB) written in the official format.
func page(skuID, usageType, rates string) string {
	return `{"skus":[{"skuId":"` + skuID + `","description":"Network Internet Egress from Americas to Americas",
"category":{"serviceDisplayName":"Compute Engine","resourceFamily":"Network","resourceGroup":"PremiumInternetEgress","usageType":"` + usageType + `"},
"serviceRegions":["us-central1","global"],
"pricingInfo":[{"pricingExpression":{"usageUnit":"GiBy","tieredRates":[` + rates + `]},"effectiveTime":"2026-07-30T06:13:17Z"}]}],"nextPageToken":""}`
}

const egressRates = `{"startUsageAmount":0,"unitPrice":{"currencyCode":"USD","units":"0","nanos":120000000}},
{"startUsageAmount":1024,"unitPrice":{"currencyCode":"USD","units":"0","nanos":110000000}},
{"startUsageAmount":10240,"unitPrice":{"currencyCode":"USD","units":"0","nanos":80000000}}`

func TestImportTiersPagesAndTerms(t *testing.T) {
	input := page("AAAA-0000-0001", "OnDemand", egressRates) + "\n" + page("AAAA-0000-0002", "Commit1Yr", egressRates)
	rows, err := importAll(t, Importer{}, "pages.json", input, pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// 2 pages × 3 tiers × 2 regions
	if len(rows) != 12 {
		t.Fatalf("got %d rows, want 12", len(rows))
	}
	want := []struct{ start, end, usd string }{{"0", "1024", "0.12"}, {"1024", "10240", "0.11"}, {"10240", "", "0.08"}}
	for i, w := range want {
		p := rows[i*2] // two regions per tier
		if p.TierStart.String() != w.start || p.USD.String() != w.usd {
			t.Errorf("tier %d: got start %s usd %s", i, p.TierStart, p.USD)
		}
		if (w.end == "") == p.TierEnd.Valid || (w.end != "" && p.TierEnd.Decimal.String() != w.end) {
			t.Errorf("tier %d: got end %v, want %q", i, p.TierEnd, w.end)
		}
	}
	if rows[1].Region != "" {
		t.Errorf("global region not normalised: %q", rows[1].Region)
	}
	last := rows[len(rows)-1]
	if last.PurchaseOption != pricing.Reserved || last.TermLength != "1yr" || last.TermPurchaseOption != "No Upfront" {
		t.Errorf("commitment row: %+v", last)
	}
}

func TestImportMalformed(t *testing.T) {
	usd := func(units string, nanos string) string {
		return `{"startUsageAmount":0,"unitPrice":{"currencyCode":"USD","units":"` + units + `","nanos":` + nanos + `}}`
	}
	tests := []struct {
		name, input, want string
	}{
		{"not json", `{"skus":[{"skuId":`, "bad.json: SKU 1"},
		{"not an object", `[1,2]`, "want a JSON object"},
		{"empty", ``, "no page"},
		{"skus not array", `{"skus":{}}`, "want an array"},
		{"negative", page("BAD-1", "OnDemand", usd("-1", "0")), "SKU 1 (BAD-1): pricingInfo 0: tier 0: unitPrice -1 is negative"},
		{"nanos range", page("BAD-2", "OnDemand", usd("0", "1000000000")), "SKU 1 (BAD-2): pricingInfo 0: tier 0: unitPrice.nanos 1000000000 out of range"},
		{"sign mismatch", page("BAD-3", "OnDemand", usd("1", "-5")), "differ in sign"},
		{"units not integer", page("BAD-4", "OnDemand", usd("1.5", "0")), "not an integer"},
		{"tiers out of order", page("BAD-5", "OnDemand", usd("0", "1")+`,{"startUsageAmount":0,"unitPrice":{"currencyCode":"USD","units":"0","nanos":1}}`), "tier 1 starts at 0, not after 0"},
		{"no rates", page("BAD-6", "OnDemand", ""), "tieredRates is empty"},
		{"second SKU bad", strings.Replace(readFixture(t), `"skuId": "039F-D0DA-4055"`, `"skuId": ""`, 1), "SKU 1 (): skuId is missing"},
		{"bad time", strings.Replace(page("BAD-7", "OnDemand", usd("0", "1")), "2026-07-30T06:13:17Z", "yesterday", 1), "effectiveTime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importAll(t, Importer{}, "bad.json", tt.input, pricing.Filter{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error %v, want one containing %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "bad.json") {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

func TestImportSkipsUnknownUsageType(t *testing.T) {
	var logs bytes.Buffer
	im := Importer{Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	rows, err := importAll(t, im, "f.json", page("AAAA-0000-0003", "Commit1Mo", egressRates), pricing.Filter{})
	if err != nil || len(rows) != 0 {
		t.Fatalf("got %d rows, %v", len(rows), err)
	}
	if !strings.Contains(logs.String(), "usage_type=Commit1Mo skus=1") {
		t.Errorf("skip not reported: %q", logs.String())
	}
}

func TestImportEmitErrorStops(t *testing.T) {
	stop := errors.New("disk full")
	err := Importer{}.Import(context.Background(), fixture, strings.NewReader(readFixture(t)), pricing.Filter{}, func(pricing.Price) error { return stop })
	if !errors.Is(err, stop) {
		t.Fatalf("got %v", err)
	}
}

func TestGPUType(t *testing.T) {
	tests := []struct{ desc, want string }{
		{"Nvidia Tesla A100 GPU running in Americas", "nvidia-tesla-a100"},
		{"Nvidia Tesla A100 80GB GPU running in Belgium", "nvidia-a100-80gb"},
		{"Nvidia Tesla T4 GPU attached to Spot Preemptible VMs running in Americas", "nvidia-tesla-t4"},
		{"Nvidia H100 80GB Mega GPU running in Americas", "nvidia-h100-mega-80gb"},
		{"Nvidia Tesla T4 Virtual Workstation GPU running in Americas", ""},
		{"A2 Instance Core running in Americas", ""},
	}
	for _, tt := range tests {
		if got := GPUType(tt.desc); got != tt.want {
			t.Errorf("GPUType(%q) = %q, want %q", tt.desc, got, tt.want)
		}
	}
}
