package awsoffer

import (
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/pricing"
)

const jsonFixture = "pricing-us-east-1.json"

func TestJSONImportRealFixture(t *testing.T) {
	rows, err := collect(t, JSONImporter{}, jsonFixture, readFixture(t, jsonFixture), pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2", len(rows))
	}
	bySKU := map[string]pricing.Price{}
	for _, r := range rows {
		bySKU[r.SKU] = r
	}
	// Values as published in the fixture (opencost testdata, publicationDate 2024-05-28).
	tests := []struct {
		sku, usd, operation string
	}{
		{"H7NGEAC6UEHNTKSJ", "32.7726", "RunInstances"},
		{"YSXJGN78QTXNVGDQ", "0", "RunInstances:CB"},
	}
	for _, tt := range tests {
		r, ok := bySKU[tt.sku]
		if !ok {
			t.Fatalf("no row for SKU %s", tt.sku)
		}
		if r.Provider != "aws" || r.Service != "AmazonEC2" || r.Family != "Compute Instance" || r.Region != "us-east-1" {
			t.Errorf("%s: product = %s/%s/%s/%s", tt.sku, r.Provider, r.Service, r.Family, r.Region)
		}
		if r.USD.String() != tt.usd || r.Unit != "Hrs" || r.PurchaseOption != pricing.OnDemand {
			t.Errorf("%s: price = %s %s %s, want %s Hrs on_demand", tt.sku, r.USD, r.Unit, r.PurchaseOption, tt.usd)
		}
		if !r.TierStart.IsZero() || r.TierEnd.Valid {
			t.Errorf("%s: tier = %s..%v, want 0..unbounded", tt.sku, r.TierStart, r.TierEnd)
		}
		if want := time.Date(2024, 5, 28, 0, 0, 0, 0, time.UTC); !r.EffectiveDate.Equal(want) {
			t.Errorf("%s: effective date %s, want %s", tt.sku, r.EffectiveDate, want)
		}
		for k, v := range map[string]string{
			"instanceType": "p4d.24xlarge", "operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
			"licenseModel": "No License required", "capacitystatus": "Used", "operation": tt.operation,
		} {
			if r.Attributes[k] != v {
				t.Errorf("%s: attribute %s = %q, want %q", tt.sku, k, r.Attributes[k], v)
			}
		}
	}
}

func TestJSONImportFilter(t *testing.T) {
	data := readFixture(t, jsonFixture)
	tests := []struct {
		name   string
		filter pricing.Filter
		want   int
	}{
		{"all", pricing.Filter{}, 2},
		{"region kept", pricing.Filter{Regions: []string{"us-east-1"}}, 2},
		{"region dropped", pricing.Filter{Regions: []string{"eu-west-1"}}, 0},
		{"service kept", pricing.Filter{Services: []string{"AmazonEC2"}}, 2},
		{"service dropped", pricing.Filter{Services: []string{"AmazonRDS"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := collect(t, JSONImporter{}, jsonFixture, data, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tt.want {
				t.Errorf("got %d rows, want %d", len(rows), tt.want)
			}
		})
	}
}

func TestJSONImportMalformed(t *testing.T) {
	good := string(readFixture(t, jsonFixture))
	const sku = "H7NGEAC6UEHNTKSJ"
	tests := []struct {
		name   string
		data   string
		record string // what the error must name besides the file
	}{
		{"truncated in products", good[:len(good)/4], "product"},
		{"truncated in terms", good[:len(good)*3/4], "terms of SKU " + sku},
		{"bad price", strings.Replace(good, `"USD": "32.7726000000"`, `"USD": "32,77"`, 1), "terms of SKU " + sku},
		{"negative price", strings.Replace(good, `"USD": "32.7726000000"`, `"USD": "-1"`, 1), "terms of SKU " + sku},
		{"no USD", strings.Replace(good, `"USD": "32.7726000000"`, `"CNY": "32.7726000000"`, 1), "rate " + sku + ".JRTCKXETXF.6YS6EN2CT7"},
		{"bad range", strings.Replace(good, `"endRange": "Inf"`, `"endRange": "lots"`, 1), "terms of SKU " + sku},
		{"unknown location", strings.Replace(strings.Replace(good, `"regionCode": "us-east-1",`, ``, 1), `"location": "US East (N. Virginia)"`, `"location": "Atlantis"`, 1), "product " + sku},
		{"sku mismatch", strings.Replace(good, `"sku": "H7NGEAC6UEHNTKSJ",
      "productFamily"`, `"sku": "OTHER",
      "productFamily"`, 1), "product " + sku},
		{"unknown term type", strings.Replace(good, `"OnDemand": {`, `"Spot": {`, 1), "Spot"},
		{"terms before products", `{"offerCode":"AmazonEC2","terms":{"OnDemand":{}},"products":{}}`, "products after terms"},
		{"not an offer file", `[1,2,3]`, "not an offer file"},
		{"trailing data", good + `{}`, "after the end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := collect(t, JSONImporter{}, "offer.json", []byte(tt.data), pricing.Filter{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "offer.json") || !strings.Contains(err.Error(), tt.record) {
				t.Errorf("error %q does not name the file and %q", err, tt.record)
			}
		})
	}
}

func TestJSONImportLocationWithoutRegionCode(t *testing.T) {
	// Offer files before 2022 have no regionCode: the location name is mapped.
	data := strings.ReplaceAll(string(readFixture(t, jsonFixture)), `"regionCode": "us-east-1",`, ``)
	data = strings.ReplaceAll(data, `"US East (N. Virginia)"`, `"EU (Ireland)"`)
	rows, err := collect(t, JSONImporter{}, jsonFixture, []byte(data), pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Region != "eu-west-1" {
			t.Errorf("region %q, want eu-west-1", r.Region)
		}
	}
}
