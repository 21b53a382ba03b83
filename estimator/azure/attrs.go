package azure

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// attrs reads the attributes of one object of a plan (a resource or one of
// its blocks), taking the documented default for a value that is unknown
// until apply or not set, and noting each default taken.
type attrs struct {
	v       schema.Values
	path    string // the object's path in messages: "", "os_disk.", "storage_data_disk.1."
	assumed []string
}

// str returns the string at key, or def (noted) when there is none.
func (a *attrs) str(key, def string) string {
	if s := a.v.String(key); s != "" {
		return s
	}
	a.assume(key, def)
	return def
}

// positive returns the positive number at key, or def (noted, with unit).
func (a *attrs) positive(key string, def int64, unit string) decimal.Decimal {
	if d, ok := a.v.Decimal(key); ok && d.IsPositive() {
		return d
	}
	a.assume(key, fmt.Sprintf("%d %s", def, unit))
	return decimal.NewFromInt(def)
}

func (a *attrs) assume(key, what string) {
	a.assumed = append(a.assumed, fmt.Sprintf("%s%s %s: assumed %s", a.path, key, a.why(key), what))
}

// why says why an attribute has no value.
func (a *attrs) why(key string) string {
	if a.v.Unknown(key) {
		return "unknown until apply"
	}
	return "not set"
}
