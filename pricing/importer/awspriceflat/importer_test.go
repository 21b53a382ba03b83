package awspriceflat

import (
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

func run(t *testing.T, data []byte, filter pricing.Filter) ([]pricing.Price, error) {
	t.Helper()
	return importertest.Collect(t, Importer{}, "ec2.json", data, filter)
}

func fixture(t *testing.T) []byte {
	t.Helper()
	return importertest.ReadTestdata(t, "ec2-transformed-excerpt.json")
}

// TestImportRealExcerpt checks the SOURCES.md values (m5.large 0.096
// us-east-1, 0.107 eu-west-1, 0.124 ap-northeast-1) and the region and
// vocabulary mapping.
func TestImportRealExcerpt(t *testing.T) {
	rows, err := run(t, fixture(t), pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r.Region+" "+r.Attributes["instanceType"]+" "+r.Family] = r.USD.String()
		for k, v := range map[string]string{"operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
			"licenseModel": "No License required", "capacitystatus": "Used"} {
			if r.Attributes[k] != v {
				t.Errorf("%s %s: %s = %q", r.Region, r.Attributes["instanceType"], k, r.Attributes[k])
			}
		}
		if r.Unit != "Hrs" || r.PurchaseOption != pricing.OnDemand || !strings.HasPrefix(r.SKU, "x-") || !r.EffectiveDate.IsZero() {
			t.Errorf("row %+v", r)
		}
	}
	for key, usd := range map[string]string{
		"us-east-1 m5.large Compute Instance":              "0.096",
		"eu-west-1 m5.large Compute Instance":              "0.107",
		"ap-northeast-1 m5.large Compute Instance":         "0.124",
		"us-east-1 m5.metal Compute Instance (bare metal)": "4.608",
		"ap-northeast-2 m5.large Compute Instance":         "0.118", // slug asia-pacific-(seoul)
		"eu-west-3 m5.large Compute Instance":              "0.112", // slug eu-(paris)
	} {
		if got[key] != usd {
			t.Errorf("%s = %q, want %s", key, got[key], usd)
		}
	}
	for key := range got {
		if strings.HasPrefix(key, "us-east-1-bos") {
			t.Errorf("Local Zone row %s", key)
		}
	}
	if len(got) != len(rows) {
		t.Errorf("%d rows for %d products: duplicates", len(rows), len(got))
	}
}

func TestImportFilter(t *testing.T) {
	rows, err := run(t, fixture(t), pricing.Filter{Regions: []string{"eu-west-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Errorf("%d rows, want 2 (m5.large and m5.metal in eu-west-1)", len(rows))
	}
}

func TestImportMalformed(t *testing.T) {
	good := string(fixture(t))
	for name, tt := range map[string]struct{ data, record string }{
		"truncated":      {good[:len(good)/2], "item"},
		"bad price":      {strings.Replace(good, `"pricePerUnit": "0.0960000000"`, `"pricePerUnit": "N/A"`, 1), "item"},
		"unknown region": {strings.Replace(good, `"region": "us-east-1"`, `"region": "atlantis-1"`, 1), `unknown region "atlantis-1"`},
		"other unit":     {strings.Replace(good, `"unit": "USD per hour"`, `"unit": "USD per month"`, 1), "item 0"},
		"not an array":   {`{}`, "expected an array"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := run(t, []byte(tt.data), pricing.Filter{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "ec2.json") || !strings.Contains(err.Error(), tt.record) {
				t.Errorf("error %q does not name the file and %q", err, tt.record)
			}
		})
	}
}
