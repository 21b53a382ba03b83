package awsterracost

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

const excerpt = "2023-02-23-pricing-excerpt.sql.gz"

func run(t *testing.T, data []byte, filter pricing.Filter) ([]pricing.Price, error) {
	t.Helper()
	return importertest.Collect(t, Importer{}, "dump.sql", data, filter)
}

func fixture(t *testing.T) []byte {
	t.Helper()
	return importertest.ReadTestdata(t, excerpt)
}

func plainFixture(t *testing.T) string {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(fixture(t)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(gz)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func find(rows []pricing.Price, service, family, unit string, attrs map[string]string) []pricing.Price {
	var out []pricing.Price
	for _, r := range rows {
		if r.Service != service || r.Family != family || (unit != "" && r.Unit != unit) {
			continue
		}
		ok := true
		for k, v := range attrs {
			ok = ok && r.Attributes[k] == v
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// TestImportRealExcerpt checks SOURCES.md's value (m5.large Linux shared
// on demand eu-west-1 = 0.107) and rows quoted from the dump.
func TestImportRealExcerpt(t *testing.T) {
	for name, data := range map[string][]byte{"gzip": fixture(t), "plain": []byte(plainFixture(t))} {
		t.Run(name, func(t *testing.T) {
			rows, err := run(t, data, pricing.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			ec2 := func(os, licence string) map[string]string {
				return map[string]string{"instanceType": "m5.large", "operatingSystem": os, "tenancy": "Shared", "preInstalledSw": "NA",
					"licenseModel": licence, "capacitystatus": "Used"}
			}
			for _, tt := range []struct {
				name, service, family, unit string
				attrs                       map[string]string
				usd, sku                    string
			}{
				{"Linux", "AmazonEC2", "Compute Instance", "Hrs", ec2("Linux", "No License required"), "0.107", ""},
				{"Windows", "AmazonEC2", "Compute Instance", "Hrs", ec2("Windows", "No License required"), "0.199", "TGJEYGHH2KKTY22H"},
				{"Windows BYOL", "AmazonEC2", "Compute Instance", "Hrs", ec2("Windows", "Bring your own license"), "0.107", "QGB9RZ59EZKQHCWR"},
				{"gp3", "AmazonEC2", "Storage", "", map[string]string{"volumeApiName": "gp3", "volumeType": "General Purpose"}, "0.088", "TXACT7E3PV6ZX2NM"},
				{"ALB hour", "AWSELB", "Load Balancer-Application", "Hrs", map[string]string{"usagetype": "EU-LoadBalancerUsage"}, "0.0252", "T29JAP5UEZ7HXAM7"},
				{"ALB LCU", "AWSELB", "Load Balancer-Application", "LCU-Hrs", map[string]string{"usagetype": "EU-LCUUsage"}, "0.008", "YE8QE7GMG9794PDX"},
			} {
				got := find(rows, tt.service, tt.family, tt.unit, tt.attrs)
				if len(got) != 1 {
					t.Errorf("%s: %d rows, want 1", tt.name, len(got))
					continue
				}
				r := got[0]
				if r.USD.String() != tt.usd || (tt.sku != "" && r.SKU != tt.sku) || r.Region != "eu-west-1" || r.PurchaseOption != pricing.OnDemand {
					t.Errorf("%s: got %s %s %s %s", tt.name, r.USD, r.SKU, r.Region, r.PurchaseOption)
				}
			}
			// The custom-metric tiers start at 0, 10000, 250000, 1000000; each
			// ends where the next starts.
			metric := find(rows, "AmazonCloudWatch", "Metric", "Metrics", map[string]string{"group": "Metric"})
			wantTiers := [][3]string{{"0", "10000", "0.3"}, {"10000", "250000", "0.1"}, {"250000", "1000000", "0.05"}, {"1000000", "", "0.02"}}
			if len(metric) != len(wantTiers) {
				t.Fatalf("%d metric tiers, want 4", len(metric))
			}
			for i, w := range wantTiers {
				r := metric[i]
				end := ""
				if r.TierEnd.Valid {
					end = r.TierEnd.Decimal.String()
				}
				if r.TierStart.String() != w[0] || end != w[1] || r.USD.String() != w[2] {
					t.Errorf("tier %d = %s..%s %s, want %v", i, r.TierStart, end, r.USD, w)
				}
			}
			for _, r := range rows {
				if r.PurchaseOption != pricing.OnDemand {
					t.Fatalf("reserved row imported: %+v", r)
				}
				if _, ok := r.Attributes["UsageType"]; ok {
					t.Fatalf("terracost attribute key kept: %+v", r.Attributes)
				}
			}
		})
	}
}

func TestImportFilter(t *testing.T) {
	rows, err := run(t, fixture(t), pricing.Filter{Services: []string{"AWSELB"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 {
		t.Errorf("%d AWSELB rows, want 10", len(rows))
	}
	if rows, _ := run(t, fixture(t), pricing.Filter{Regions: []string{"us-east-1"}}); len(rows) != 0 {
		t.Errorf("%d rows outside eu-west-1", len(rows))
	}
}

// TestExtendedInsert parses a line in the 2021 dump's form (several tuples
// per INSERT), made of two real tuples of that dump.
func TestExtendedInsert(t *testing.T) {
	line := "INSERT INTO `pricing_products` VALUES " +
		`(204942,'aws','22AURN5QMXH9FTBB','eu-west-1','AmazonRDS','Database Instance','{\"usageType\": \"EU-InstanceUsage:db.m5.12xl\", \"InstanceType\": \"db.m5.12xlarge\", \"LicenseModel\": \"Bring your own license\", \"DatabaseEngine\": \"Oracle\", \"DatabaseEdition\": \"Enterprise\", \"DeploymentOption\": \"Single-AZ\"}'),` +
		`(204943,'aws','22FJCRGT4UZ67KNA','eu-west-1','AmazonRDS','Database Instance','{\"usageType\": \"EU-Multi-AZUsage:db.r3.2xlarge\", \"InstanceType\": \"db.r3.2xlarge\", \"LicenseModel\": \"Bring your own license\", \"DatabaseEngine\": \"Oracle\", \"DatabaseEdition\": \"Standard\", \"DeploymentOption\": \"Multi-AZ\"}');` + "\n"
	products := map[string]*dumpProduct{}
	if err := parseLine(line, 1, products, map[string][]dumpPrice{}); err != nil {
		t.Fatal(err)
	}
	p := products["204943"]
	if len(products) != 2 || p == nil || p.attrs["deploymentOption"] != "Multi-AZ" || p.attrs["usagetype"] != "EU-Multi-AZUsage:db.r3.2xlarge" {
		t.Errorf("products = %+v", products)
	}
}

func TestImportMalformed(t *testing.T) {
	good := plainFixture(t)
	cut := strings.Index(good, "INSERT INTO `pricing_products`")
	for name, tt := range map[string]struct{ data, record string }{
		"truncated statement": {good[:cut+200], "line"},
		"bad price":           {strings.Replace(good, "'Hrs',0.1070000000,", "'Hrs',0.10x,", 1), "line"},
		"unknown attribute":   {strings.Replace(good, `\"Tenancy\"`, `\"Tenancies\"`, 1), `unknown attribute "Tenancies"`},
		"other currency":      {strings.Replace(good, "'USD'", "'EUR'", 1), `currency "EUR"`},
		"no products":         {"-- MySQL dump\n", "not a terracost dump"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := run(t, []byte(tt.data), pricing.Filter{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "dump.sql") || !strings.Contains(err.Error(), tt.record) {
				t.Errorf("error %q does not name the file and %q", err, tt.record)
			}
		})
	}
}
