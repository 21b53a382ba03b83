// Package usd prints amounts of US dollars for people: the estimate's
// markdown, the budget messages, the TFC outcomes and the dashboard. Amounts
// are decimal end to end and rounded only here, to the cent, half away from
// zero.
package usd

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Format prints $1,234.56, or -$1,234.56 for a negative amount; an amount
// that rounds to zero has no sign.
func Format(d decimal.Decimal) string {
	whole, cents, _ := strings.Cut(d.Abs().StringFixed(2), ".")
	var b strings.Builder
	if d.Round(2).IsNegative() {
		b.WriteByte('-')
	}
	b.WriteByte('$')
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteByte('.')
	b.WriteString(cents)
	return b.String()
}

// FormatSigned prints a change with its sign: +$412.80, -$12.00, and $0.00
// for no change (to the cent).
func FormatSigned(d decimal.Decimal) string {
	if d.Round(2).IsPositive() {
		return "+" + Format(d)
	}
	return Format(d)
}
