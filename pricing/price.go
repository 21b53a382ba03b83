package pricing

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Price is one normalised price row: a product (provider, service, family,
// region, sku, attributes) and one of its prices. It is the unit of the
// pricing-data files, of the importers' output and of the catalog tables.
type Price struct {
	Provider   string
	Service    string
	Family     string
	Region     string // "" for global products
	SKU        string
	Attributes map[string]string

	PurchaseOption     string // on_demand, spot, reserved
	Unit               string // vendor unit as published, e.g. "Hrs", "GB-Mo", "1 Hour"
	USD                decimal.Decimal
	TierStart          decimal.Decimal     // usage tier start (0 for untiered prices)
	TierEnd            decimal.NullDecimal // usage tier end; invalid means unbounded
	TermLength         string
	TermPurchaseOption string
	TermOfferingClass  string
	EffectiveDate      time.Time // date the price took effect or was published
	Description        string

	// Source is the name of the Source the row belongs to. Readers of a data
	// directory set it; it is not a column of the data file (the file is the source).
	Source string
}

// Source describes where a set of prices came from. Every pricing-data file
// has one, stored beside it as <name>.json, and every catalog row points at
// one.
type Source struct {
	Name      string    `json:"name"`       // unique, e.g. "aws-ec2-ondemand-2025-11"
	Origin    string    `json:"origin"`     // repository@commit:path or URL of the input
	Licence   string    `json:"licence"`    // SPDX id of the input's licence
	PriceDate time.Time `json:"price_date"` // publication/fetch date of the prices
	Rows      int       `json:"rows"`       // number of Price rows in the file
	Notes     string    `json:"notes,omitempty"`
	// BuiltWith is the command that rebuilds the file from its inputs.
	BuiltWith string `json:"built_with,omitempty"`
}

// sourceJSON is Source's wire form: the price date as a plain YYYY-MM-DD date.
type sourceJSON struct {
	Name      string `json:"name"`
	Origin    string `json:"origin"`
	Licence   string `json:"licence"`
	PriceDate string `json:"price_date"`
	Rows      int    `json:"rows"`
	Notes     string `json:"notes,omitempty"`
	BuiltWith string `json:"built_with,omitempty"`
}

// MarshalJSON writes the price date as YYYY-MM-DD, the form of the sidecar files.
func (s Source) MarshalJSON() ([]byte, error) {
	return json.Marshal(sourceJSON{
		Name: s.Name, Origin: s.Origin, Licence: s.Licence, PriceDate: s.PriceDate.Format(dateLayout),
		Rows: s.Rows, Notes: s.Notes, BuiltWith: s.BuiltWith,
	})
}

// UnmarshalJSON reads a sidecar; price_date may be YYYY-MM-DD or an RFC 3339 time.
func (s *Source) UnmarshalJSON(b []byte) error {
	var w sourceJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	d, err := time.Parse(dateLayout, w.PriceDate)
	if err != nil {
		t, err2 := time.Parse(time.RFC3339, w.PriceDate)
		if err2 != nil {
			return fmt.Errorf("price_date %q: want YYYY-MM-DD", w.PriceDate)
		}
		d = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	*s = Source{Name: w.Name, Origin: w.Origin, Licence: w.Licence, PriceDate: d, Rows: w.Rows, Notes: w.Notes, BuiltWith: w.BuiltWith}
	return nil
}

// ValidSourceName reports whether name can name a source and its files:
// lower-case ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.
func ValidSourceName(name string) bool {
	if name == "" || len(name) > 200 {
		return false
	}
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case (r == '.' || r == '_' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}

// SynthesizeSKU returns the SKU of a product whose input has none: "x-" and
// the first 16 hex digits of the SHA-256 of provider, service, family, region
// and the attributes JSON (pricing-data/FORMAT.md, "SKUs").
func SynthesizeSKU(p Price) (string, error) {
	attrs, err := marshalAttributes(p.Attributes)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{p.Provider, p.Service, p.Family, p.Region, attrs}, "\x1f")))
	return "x-" + hex.EncodeToString(sum[:])[:16], nil
}
