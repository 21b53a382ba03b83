package gcpbilling

import (
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

func TestMachineTypesFromRealFixture(t *testing.T) {
	var rows []pricing.Price
	err := MachineTypeImporter{}.Import(t.Context(), fixture, strings.NewReader(readFixture(t)), pricing.Filter{}, func(p pricing.Price) error {
		rows = append(rows, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's USD SKUs are A2 core 0.031611, A2 RAM 0.004237 and A100
	// 2.933908 in us-central1, us-east1, us-west1; its E2 and T2D SKUs are in
	// IDR and skipped. So: the 5 A2 High/Mega GPU types × 3 regions, on demand.
	// Each equals the machine-type price in Cyclenerd's pricing.yml (2026-07-30).
	want := map[string]string{
		"a2-highgpu-1g":  "3.673385",  // 12 × 0.031611 + 85 × 0.004237 + 1 × 2.933908
		"a2-highgpu-2g":  "7.34677",   // 24 × 0.031611 + 170 × 0.004237 + 2 × 2.933908
		"a2-highgpu-4g":  "14.69354",  // 48 × … + 340 × … + 4 × …
		"a2-highgpu-8g":  "29.38708",  // 96 × … + 680 × … + 8 × …
		"a2-megagpu-16g": "55.739504", // 96 × 0.031611 + 1360 × 0.004237 + 16 × 2.933908
	}
	if len(rows) != 15 {
		t.Fatalf("got %d rows, want 15", len(rows))
	}
	for _, p := range rows {
		mt := p.Attributes["machineType"]
		if w, ok := want[mt]; !ok || !p.USD.Equal(decimal.RequireFromString(w)) {
			t.Errorf("%s %s: got %s, want %s", mt, p.Region, p.USD, w)
		}
		if p.Family != "Compute Instance" || p.Unit != "h" || p.PurchaseOption != pricing.OnDemand ||
			p.EffectiveDate.Format("2006-01-02") != "2023-03-24" || !strings.Contains(p.Attributes["derivedFrom"], "GPU 039F-D0DA-4055") {
			t.Errorf("row %+v", p)
		}
	}
}

func TestMachineSpecs(t *testing.T) {
	specs, err := machineSpecs()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]machineSpec{}
	for _, s := range specs {
		by[s.name] = s
	}
	tests := []struct {
		name, vcpus, mem, gpus string
		present                bool
	}{
		{"e2-micro", "0.25", "1", "", true}, // shared core: billed for a quarter vCPU
		{"e2-medium", "1", "4", "", true},
		{"n1-standard-1", "1", "3.75", "", true},
		{"a2-megagpu-16g", "96", "1360", "16", true},
		{"f1-micro", "", "", "", false},           // its own SKU
		{"c3-standard-4-lssd", "", "", "", false}, // local SSD in the price
		{"a2-ultragpu-1g", "", "", "", false},     // local SSD in the price
		{"g2-standard-4", "", "", "", false},      // GPU count not in the name
	}
	for _, tt := range tests {
		s, ok := by[tt.name]
		if ok != tt.present {
			t.Errorf("%s: present %v", tt.name, ok)
			continue
		}
		if ok && (s.vcpus.String() != tt.vcpus || s.memory.String() != tt.mem || (tt.gpus != "" && s.gpus.String() != tt.gpus)) {
			t.Errorf("%s: %s vCPU %s GiB %s GPUs", tt.name, s.vcpus, s.memory, s.gpus)
		}
	}
}

func TestRateKey(t *testing.T) {
	tests := []struct {
		desc, unit, option, want string
	}{
		{"N1 Predefined Instance Core running in Americas", "h", "on_demand", "n1/Core"},
		{"Spot Preemptible N1 Predefined Instance Ram running in Belgium", "GiBy.h", "spot", "n1/Ram"},
		{"Compute optimized Core running in Americas", "h", "on_demand", "c2/Core"},
		{"C4A Arm Instance Core running in Iowa", "h", "on_demand", "c4a/Core"},
		{"N2 Custom Instance Core running in Americas", "h", "on_demand", ""},
		{"E2 Instance Ram running in Americas", "h", "on_demand", ""}, // RAM must be per GiB-hour
		{"Commitment v1: N2 Cpu in Americas for 1 Year", "h", "reserved", ""},
	}
	for _, tt := range tests {
		p := pricing.Price{Service: "Compute Engine", Unit: tt.unit, PurchaseOption: tt.option, Region: "us-central1",
			Attributes: map[string]string{"description": tt.desc}}
		k, ok := rateKey(p)
		if got := map[bool]string{true: k.what, false: ""}[ok]; got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.desc, got, tt.want)
		}
	}
}
