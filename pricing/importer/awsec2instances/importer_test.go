package awsec2instances

import (
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

func run(t *testing.T, name string, data []byte, filter pricing.Filter) ([]pricing.Price, error) {
	t.Helper()
	return importertest.Collect(t, Importer{}, name, data, filter)
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	return importertest.ReadTestdata(t, name)
}

type want struct {
	region, service, family string
	attrs                   map[string]string
	purchase                string
	term                    [3]string
	usd                     string
}

// TestImportRealExcerpts checks values quoted from the excerpts (m4.large
// us-east-1 linux 0.1 and cache.t3.medium 0.068 / 0.072 are SOURCES.md's
// check values).
func TestImportRealExcerpts(t *testing.T) {
	linux := map[string]string{"instanceType": "m4.large", "operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
		"licenseModel": "No License required", "capacitystatus": "Used"}
	sqlStd := map[string]string{"instanceType": "m4.large", "operatingSystem": "Windows", "preInstalledSw": "SQL Std"}
	pg := map[string]string{"instanceType": "db.t3.medium", "databaseEngine": "PostgreSQL", "deploymentOption": "Single-AZ", "licenseModel": "No license required"}
	tests := []struct {
		file  string
		want  []want
		avoid func(pricing.Price) bool // rows that must not exist
	}{
		{"ec2-2017-excerpt.json", []want{
			{"us-east-1", "AmazonEC2", "Compute Instance", linux, "on_demand", [3]string{}, "0.1"},
			{"eu-west-1", "AmazonEC2", "Compute Instance", linux, "on_demand", [3]string{}, "0.111"},
			{"us-east-1", "AmazonEC2", "Compute Instance", linux, "reserved", [3]string{"1yr", "No Upfront", "standard"}, "0.062"},
			{"us-east-1", "AmazonEC2", "Compute Instance", linux, "reserved", [3]string{"3yr", "No Upfront", "convertible"}, "0.05"},
			{"us-east-1", "AmazonEC2", "Compute Instance", sqlStd, "on_demand", [3]string{}, "0.672"},
		}, func(p pricing.Price) bool {
			return p.TermPurchaseOption == "All Upfront" || p.TermPurchaseOption == "Partial Upfront"
		}},
		{"rds-2021-excerpt.json", []want{
			{"us-east-1", "AmazonRDS", "Database Instance", pg, "on_demand", [3]string{}, "0.072"},
			{"us-east-1", "AmazonRDS", "Database Instance", map[string]string{"instanceType": "db.r5.large", "databaseEngine": "Aurora PostgreSQL"}, "on_demand", [3]string{}, "0.29"},
			{"us-east-1", "AmazonRDS", "Database Instance", map[string]string{"instanceType": "db.r6g.large", "databaseEngine": "Aurora PostgreSQL"}, "reserved", [3]string{"1yr", "No Upfront", ""}, "0.17"},
		}, func(p pricing.Price) bool {
			e := p.Attributes["databaseEngine"]
			return e == "Oracle" || e == "SQL Server" || p.TermPurchaseOption != "" && p.TermPurchaseOption != "No Upfront"
		}},
		{"cache-2022-excerpt.json", []want{
			{"us-east-1", "AmazonElastiCache", "Cache Instance", map[string]string{"instanceType": "cache.t3.medium", "cacheEngine": "Redis"}, "on_demand", [3]string{}, "0.068"},
			{"eu-west-1", "AmazonElastiCache", "Cache Instance", map[string]string{"instanceType": "cache.t3.medium", "cacheEngine": "Memcached"}, "on_demand", [3]string{}, "0.072"},
			{"us-east-1", "AmazonElastiCache", "Cache Instance", map[string]string{"instanceType": "cache.t3.medium", "cacheEngine": "Redis"}, "reserved", [3]string{"3yr", "No Upfront", ""}, "0.035"},
		}, func(p pricing.Price) bool { return p.TermPurchaseOption == "Partial Upfront" }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rows, err := run(t, tt.file, fixture(t, tt.file), pricing.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				n := 0
				for _, r := range rows {
					if r.Region != w.region || r.Service != w.service || r.Family != w.family || r.PurchaseOption != w.purchase ||
						r.TermLength != w.term[0] || r.TermPurchaseOption != w.term[1] || r.TermOfferingClass != w.term[2] || !hasAll(r.Attributes, w.attrs) {
						continue
					}
					n++
					if r.USD.String() != w.usd || r.Unit != "Hrs" {
						t.Errorf("%+v: got %s %s", w, r.USD, r.Unit)
					}
				}
				if n != 1 {
					t.Errorf("%d rows match %+v, want 1", n, w)
				}
			}
			for _, r := range rows {
				if tt.avoid(r) {
					t.Errorf("unexpected row %+v", r)
				}
				if !strings.HasPrefix(r.SKU, "x-") || !r.EffectiveDate.IsZero() {
					t.Errorf("row %+v: want a synthesized SKU and no date", r)
				}
			}
		})
	}
}

func hasAll(have, want map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func TestImportFilter(t *testing.T) {
	rows, err := run(t, "cache.json", fixture(t, "cache-2022-excerpt.json"), pricing.Filter{Regions: []string{"us-east-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 { // Redis and Memcached: on demand, 1yr and 3yr No Upfront
		t.Errorf("%d rows, want 6", len(rows))
	}
}

func TestImportMalformed(t *testing.T) {
	good := string(fixture(t, "ec2-2017-excerpt.json"))
	for name, tt := range map[string]struct{ data, record string }{
		"truncated":      {good[:len(good)/2], "entry"},
		"bad price":      {strings.Replace(good, `"ondemand": "0.1"`, `"ondemand": "0,1"`, 1), "us-east-1 linux"},
		"unknown region": {strings.Replace(good, `"us-east-1": {`, `"atlantis-1": {`, 1), `unknown region "atlantis-1"`},
		"service":        {`[{"servicecode":"AmazonS3","instanceType":"x","pricing":{}}]`, `unsupported servicecode "AmazonS3"`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := run(t, "instances.json", []byte(tt.data), pricing.Filter{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "instances.json") || !strings.Contains(err.Error(), tt.record) {
				t.Errorf("error %q does not name the file and %q", err, tt.record)
			}
		})
	}
}
