package awsvocab

import "testing"

func TestLookupLocation(t *testing.T) {
	tests := []struct {
		name, code, typ string
	}{
		{"US East (N. Virginia)", "us-east-1", TypeRegion},
		{"EU (Ireland)", "eu-west-1", TypeRegion},
		{"Asia Pacific (Tokyo)", "ap-northeast-1", TypeRegion},
		{"AWS GovCloud (US)", "us-gov-west-1", TypeRegion},
		{"US East (Boston)", "us-east-1-bos-1", TypeLocalZone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := LookupLocation(tt.name)
			if !ok {
				t.Fatalf("LookupLocation(%q) not found", tt.name)
			}
			if l.Code != tt.code || l.Type != tt.typ {
				t.Errorf("LookupLocation(%q) = %+v, want code %s type %s", tt.name, l, tt.code, tt.typ)
			}
		})
	}
	if _, ok := LookupLocation("Atlantis (Central)"); ok {
		t.Error("unknown location was found")
	}
}

func TestLookupSlugAndCode(t *testing.T) {
	for slug, code := range map[string]string{
		"asia-pacific-(seoul)":        "ap-northeast-2",
		"eu-(paris)":                  "eu-west-3",
		"us-west-(verizon)---seattle": "us-west-2-wl1-sea1",
	} {
		l, ok := LookupSlug(slug)
		if !ok || l.Code != code {
			t.Errorf("LookupSlug(%q) = %+v, %v; want code %s", slug, l, ok, code)
		}
	}
	if l, ok := LookupCode("eu-central-1"); !ok || l.Name != "EU (Frankfurt)" {
		t.Errorf("LookupCode(eu-central-1) = %+v, %v", l, ok)
	}
}

func TestReservedTerm(t *testing.T) {
	if got, ok := ReservedTerm("4NA7Y494T4"); !ok || got != (OfferTerm{"1yr", "No Upfront", "standard"}) {
		t.Errorf("ReservedTerm(4NA7Y494T4) = %+v, %v", got, ok)
	}
	if _, ok := ReservedTerm(OnDemandTermCode); ok {
		t.Error("the on-demand code is not a reserved term")
	}
}

func TestEC2InstanceFamily(t *testing.T) {
	for typ, want := range map[string]string{
		"m5.large": FamilyComputeInstance, "i3.metal": FamilyComputeInstanceBareMetal,
		"m7i.metal-24xl": FamilyComputeInstanceBareMetal, "u-6tb1.metal": FamilyComputeInstanceBareMetal,
	} {
		if got := EC2InstanceFamily(typ); got != want {
			t.Errorf("EC2InstanceFamily(%q) = %q, want %q", typ, got, want)
		}
	}
}
