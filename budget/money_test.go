package budget

import "testing"

func TestFormatUSD(t *testing.T) {
	tests := []struct {
		in, usd, signed string
	}{
		{"0", "$0.00", "$0.00"},
		{"0.004", "$0.00", "$0.00"},
		{"-0.004", "$0.00", "$0.00"},
		{"0.005", "$0.01", "+$0.01"},
		{"2655.1", "$2,655.10", "+$2,655.10"},
		{"412.8", "$412.80", "+$412.80"},
		{"-12", "-$12.00", "-$12.00"},
		{"999.999", "$1,000.00", "+$1,000.00"},
		{"1234567.891", "$1,234,567.89", "+$1,234,567.89"},
		{"-1234567", "-$1,234,567.00", "-$1,234,567.00"},
		{"100", "$100.00", "+$100.00"},
		{"30.368", "$30.37", "+$30.37"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := formatUSD(decv(tt.in)); got != tt.usd {
				t.Errorf("formatUSD(%s) = %q, want %q", tt.in, got, tt.usd)
			}
			if got := formatSignedUSD(decv(tt.in)); got != tt.signed {
				t.Errorf("formatSignedUSD(%s) = %q, want %q", tt.in, got, tt.signed)
			}
		})
	}
}

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
