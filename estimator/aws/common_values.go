package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// absentReason says why a value could not be read, for assumed notes.
func absentReason(v schema.Values, path string) string {
	if v.Unknown(path) {
		return "unknown until apply"
	}
	return "not set"
}

// firstReferenced returns the first of a reference's resources.
func firstReferenced(list []schema.Values) (schema.Values, bool) {
	if len(list) == 0 {
		return schema.Values{}, false
	}
	return list[0], true
}

// positiveAt returns the number at path when it is known and above zero.
func positiveAt(v schema.Values, path string) (decimal.Decimal, bool) {
	d, ok := v.Decimal(path)
	if !ok || !d.IsPositive() {
		return decimal.Zero, false
	}
	return d, true
}

// countAt reads a known, non-negative whole number of things (instances,
// nodes) at path.
func countAt(v schema.Values, path string) (decimal.Decimal, bool) {
	d, ok := v.Decimal(path)
	if !ok || d.IsNegative() || !d.Equal(d.Truncate(0)) {
		return decimal.Zero, false
	}
	return d, true
}

// usageNumber reads a non-negative usage quantity (instances, hours, GB,
// requests); anything else is refused with a note saying so.
func usageNumber(u schema.Usage, key string) (decimal.Decimal, bool, string) {
	if !u.Has(key) {
		return decimal.Zero, false, ""
	}
	d, ok := u.Decimal(key)
	if !ok || d.IsNegative() {
		return decimal.Zero, false, fmt.Sprintf("usage %s is not a non-negative number: ignored", key)
	}
	return d, true, ""
}

// stringAt returns the non-empty string at path.
func stringAt(v schema.Values, path string) (string, bool) {
	s, ok := v.StringOK(path)
	return s, ok && s != ""
}

// whole turns an integer constant into a decimal.
func whole(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
