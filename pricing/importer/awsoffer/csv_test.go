package awsoffer

import (
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/pricing"
)

const csvFixture = "AmazonEC2_eu-west-3.csv"

func TestCSVImportRealFixture(t *testing.T) {
	rows, err := collect(t, CSVImporter{}, csvFixture, readFixture(t, csvFixture), pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("got %d rows, want 5", len(rows))
	}
	// Rows as in the fixture (terracost e2e testdata; SKUs and serviceCode edited by terracost).
	want := []struct {
		sku, family, volume, unit, usd string
	}{
		{"EHKX3M49Y895TEST", "Storage", "st1", "GB-Mo", "0.053"},
		{"F8HSDG64NTJKTEST", "Storage", "io1", "GB-Mo", "0.145"},
		{"ESSUD2HPZGKYTEST", "Storage", "gp2", "GB-Mo", "0.116"},
		{"AEX5D9348RPDTEST", "System Operation", "standard", "IOs", "0.000000058"},
		{"3RB5JA8VRHKATEST", "System Operation", "io1", "IOPS-Mo", "0.076"},
	}
	for i, w := range want {
		r := rows[i]
		if r.SKU != w.sku || r.Family != w.family || r.Unit != w.unit || r.USD.String() != w.usd {
			t.Errorf("row %d = %s %s %s %s, want %+v", i, r.SKU, r.Family, r.Unit, r.USD, w)
		}
		if r.Attributes["volumeApiName"] != w.volume {
			t.Errorf("row %d: volumeApiName %q, want %q", i, r.Attributes["volumeApiName"], w.volume)
		}
		if r.Service != "AmazonEC2-test" || r.Region != "eu-west-3" || r.PurchaseOption != pricing.OnDemand {
			t.Errorf("row %d: %s %s %s", i, r.Service, r.Region, r.PurchaseOption)
		}
		if want := time.Date(2020, 10, 19, 0, 0, 0, 0, time.UTC); !r.EffectiveDate.Equal(want) {
			t.Errorf("row %d: effective date %s", i, r.EffectiveDate)
		}
		if r.TierEnd.Valid || !r.TierStart.IsZero() {
			t.Errorf("row %d: tier %s..%v", i, r.TierStart, r.TierEnd)
		}
	}
	if got := rows[4].Attributes["group"]; got != "EBS IOPS" {
		t.Errorf("io1 IOPS group = %q, want EBS IOPS", got)
	}
	if got := rows[0].Attributes["usagetype"]; got != "EUW3-EBS:VolumeUsage.st1" {
		t.Errorf("usagetype = %q", got)
	}
}

func TestCSVImportFilter(t *testing.T) {
	data := readFixture(t, csvFixture)
	for _, tt := range []struct {
		filter pricing.Filter
		want   int
	}{
		{pricing.Filter{Regions: []string{"eu-west-3"}}, 5},
		{pricing.Filter{Regions: []string{"us-east-1"}}, 0},
		{pricing.Filter{Services: []string{"AmazonEC2"}}, 0}, // the fixture's service code is AmazonEC2-test
	} {
		rows, err := collect(t, CSVImporter{}, csvFixture, data, tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != tt.want {
			t.Errorf("filter %+v: %d rows, want %d", tt.filter, len(rows), tt.want)
		}
	}
}

func TestCSVImportMalformed(t *testing.T) {
	good := string(readFixture(t, csvFixture))
	lines := strings.Split(good, "\n")
	header, first := 5, 6 // 0-based line indexes
	tests := []struct {
		name   string
		data   string
		record string
	}{
		{"missing column", strings.Replace(good, `"Unit","PricePerUnit"`, `"Units","PricePerUnit"`, 1), `missing column "Unit"`},
		{"bad price", strings.Replace(good, `"0.0530000000"`, `"0,053"`, 1), "line 7 (SKU EHKX3M49Y895TEST)"},
		{"short row", strings.Join(append(lines[:first:first], lines[first][:200]+`"`), "\n"), "line 7"},
		{"currency", strings.Replace(good, `"0.0530000000","USD"`, `"0.0530000000","CNY"`, 1), "line 7 (SKU EHKX3M49Y895TEST)"},
		{"reserved without term", strings.Replace(good, `.6YS6EN2CT7","OnDemand"`, `.6YS6EN2CT7","Reserved"`, 1), "line 7"},
		{"no header", strings.Join(lines[:header], "\n"), "no header row"},
		{"truncated in a quoted field", good[:strings.Index(good, `"$0.145 per GB-month`)+10], "line 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := collect(t, CSVImporter{}, "index.csv", []byte(tt.data), pricing.Filter{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "index.csv") || !strings.Contains(err.Error(), tt.record) {
				t.Errorf("error %q does not name the file and %q", err, tt.record)
			}
		})
	}
}

// TestAttributeKey checks the CSV column → JSON attribute mapping on the
// column titles of the real CSV fixture against the keys of the real JSON
// fixture (and the EBS keys of offer files).
func TestAttributeKey(t *testing.T) {
	for col, want := range map[string]string{
		"Instance Type": "instanceType", "Current Generation": "currentGeneration", "Instance Family": "instanceFamily",
		"vCPU": "vcpu", "Physical Processor": "physicalProcessor", "Clock Speed": "clockSpeed", "Memory": "memory",
		"Storage": "storage", "Network Performance": "networkPerformance", "Processor Architecture": "processorArchitecture",
		"Tenancy": "tenancy", "Operating System": "operatingSystem", "License Model": "licenseModel",
		"usageType": "usagetype", "operation": "operation", "CapacityStatus": "capacitystatus", "ECU": "ecu",
		"Enhanced Networking Supported": "enhancedNetworkingSupported", "GPU": "gpu", "GPU Memory": "gpuMemory",
		"Intel AVX Available": "intelAvxAvailable", "Intel AVX2 Available": "intelAvx2Available",
		"Intel Turbo Available": "intelTurboAvailable", "Normalization Size Factor": "normalizationSizeFactor",
		"Pre Installed S/W": "preInstalledSw", "Processor Features": "processorFeatures", "serviceName": "servicename",
		"serviceCode": "servicecode", "Location": "location", "Location Type": "locationType",
		"Dedicated EBS Throughput": "dedicatedEbsThroughput", "Volume API Name": "volumeApiName",
		"Volume Type": "volumeType", "Storage Media": "storageMedia", "Group": "group", "Max IOPS/volume": "maxIopsvolume",
		"Region Code": "regionCode", "Instance Capacity - 10xlarge": "instanceCapacity10xlarge",
		"Database Engine": "databaseEngine", "Deployment Option": "deploymentOption", "Cache Engine": "cacheEngine",
	} {
		if got := AttributeKey(col); got != want {
			t.Errorf("AttributeKey(%q) = %q, want %q", col, got, want)
		}
	}
}
