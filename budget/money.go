package budget

import "github.com/shopspring/decimal"

var hundred = decimal.NewFromInt(100)

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
