package budget

import (
	"strings"

	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

// formatUSD prints an amount as people read it: $2,655.10, -$12.00.
func formatUSD(d decimal.Decimal) string {
	s := d.Abs().StringFixed(2)
	whole, cents, _ := strings.Cut(s, ".")
	out := "$" + groupThousands(whole) + "." + cents
	if d.Round(2).IsNegative() {
		return "-" + out
	}
	return out
}

// formatSignedUSD prints a change with its sign: +$412.80, -$12.00, $0.00.
func formatSignedUSD(d decimal.Decimal) string {
	if d.Round(2).IsPositive() {
		return "+" + formatUSD(d)
	}
	return formatUSD(d)
}

// formatPercent prints a percentage with one decimal and its sign: +18.4%.
func formatPercent(p decimal.Decimal) string {
	s := p.StringFixed(1) + "%"
	if p.Round(1).IsPositive() {
		return "+" + s
	}
	if p.Round(1).IsZero() {
		return "0.0%" // never "-0.0%"
	}
	return s
}

// formatLimitPercent prints a percent threshold without a sign: 10.0%.
func formatLimitPercent(p decimal.Decimal) string {
	return p.StringFixed(1) + "%"
}

// percentChange is delta as a percentage of prior; ok is false when prior is
// not positive, where a percentage means nothing.
func percentChange(prior, delta decimal.Decimal) (decimal.Decimal, bool) {
	if !prior.IsPositive() {
		return decimal.Zero, false
	}
	return delta.Mul(hundred).DivRound(prior, 8), true
}

func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
