package schema

import "github.com/shopspring/decimal"

// Usage holds the usage values for one resource address, after merging the
// usage file's per-type defaults and per-address entries. Keys are Infracost
// usage keys, e.g. "monthly_requests", "operating_system".
type Usage struct {
	m map[string]any
}

// NewUsage wraps merged usage values.
func NewUsage(m map[string]any) Usage { return Usage{m: m} }

// Decimal returns a numeric usage value.
func (u Usage) Decimal(key string) (decimal.Decimal, bool) {
	return toDecimal(u.m[key])
}

// String returns a string usage value.
func (u Usage) String(key string) (string, bool) {
	s, ok := u.m[key].(string)
	return s, ok
}

// Values returns a nested usage object (e.g. per storage class) as Values.
func (u Usage) Values(key string) Values {
	return Values{raw: u.m[key]}
}

// Has reports whether a key was given.
func (u Usage) Has(key string) bool {
	_, ok := u.m[key]
	return ok
}
