package budget

import "testing"

func TestFormatPercent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"18.4096", "+18.4%"},
		{"0", "0.0%"},
		{"-0.04", "0.0%"},
		{"-12.35", "-12.4%"},
		{"100", "+100.0%"},
	}
	for _, tt := range tests {
		if got := formatPercent(decv(tt.in)); got != tt.want {
			t.Errorf("formatPercent(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPercentChange(t *testing.T) {
	tests := []struct {
		prior, delta string
		want         string
		ok           bool
	}{
		{"2242.30", "412.80", "18.4097", true},
		{"200", "-50", "-25", true},
		{"0", "10", "", false},
		{"-5", "10", "", false},
	}
	for _, tt := range tests {
		got, ok := percentChange(decv(tt.prior), decv(tt.delta))
		if ok != tt.ok {
			t.Fatalf("percentChange(%s, %s) ok = %v, want %v", tt.prior, tt.delta, ok, tt.ok)
		}
		if ok && !got.Round(4).Equal(decv(tt.want)) {
			t.Errorf("percentChange(%s, %s) = %s, want %s", tt.prior, tt.delta, got, tt.want)
		}
	}
}
