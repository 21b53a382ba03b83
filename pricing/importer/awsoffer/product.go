package awsoffer

import (
	"fmt"
	"time"

	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// attribute is one product attribute; products keep them as a slice of
// interned strings because a regional EC2 file has ~100k products.
type attribute struct{ key, value string }

// product is what the importers keep of a product until its prices are read.
type product struct {
	sku     string
	service string
	family  string
	region  string
	attrs   []attribute
}

func (p *product) attributeMap() map[string]string {
	m := make(map[string]string, len(p.attrs))
	for _, a := range p.attrs {
		m[a.key] = a.value
	}
	return m
}

// interner shares the storage of repeated strings (attribute keys and
// values repeat across almost every product of a file).
type interner map[string]string

func (in interner) intern(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = s
	return s
}

// productRegion finds the region code of a product: regionCode when the file
// has it (files since 2022), else the location name through AWS's location
// list; transfer products without a location use their origin. Products
// with no location at all, or AWS's pseudo-location "Any", are global ("").
func productRegion(attrs func(string) string) (string, error) {
	if code := attrs("regionCode"); code != "" {
		return code, nil
	}
	if code := attrs("fromRegionCode"); code != "" && attrs("location") == "" {
		return code, nil
	}
	name := attrs("location")
	if name == "" && attrs("fromLocation") != "" {
		name = attrs("fromLocation")
	}
	if awsvocab.IsGlobalPseudoLocation(name) {
		return "", nil
	}
	loc, ok := awsvocab.LookupLocation(name)
	if !ok {
		return "", fmt.Errorf("unknown location %q (not in AWS's locations.json; no regionCode attribute)", name)
	}
	return loc.Code, nil
}

// parsePublicationDate reads the file's publication date as a UTC day.
func parsePublicationDate(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("publication date %q: %w", s, err)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}
