package awsvocab

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// Location types as written in locations.json.
const (
	TypeRegion     = "AWS Region"
	TypeLocalZone  = "AWS Local Zone"
	TypeWavelength = "AWS Wavelength Zone"
)

// Location is one entry of AWS's locations.json: the name offer files and
// pricing pages use, and the region (or zone) code Terraform uses.
type Location struct {
	Name string `json:"name"`
	Code string `json:"code"`
	Type string `json:"type"`
}

// IsRegion reports whether the location is a region (not a Local or
// Wavelength Zone).
func (l Location) IsRegion() bool { return l.Type == TypeRegion }

// locationsJSON is AWS's location list (b0.p.awsstatic.com/locations/1.0/aws/current/,
// fetched 2025-11 by lamngockhuong/aws-price@508fb452, MIT; see locations.NOTICE.txt).
//
//go:embed locations.json
var locationsJSON []byte

type locationIndex struct {
	byName map[string]Location
	bySlug map[string]Location
}

// index is parsed once from the embedded, immutable file.
var index = sync.OnceValues(func() (locationIndex, error) {
	var raw map[string]Location
	if err := json.Unmarshal(locationsJSON, &raw); err != nil {
		return locationIndex{}, fmt.Errorf("parsing embedded locations.json: %w", err)
	}
	idx := locationIndex{byName: make(map[string]Location, len(raw)), bySlug: make(map[string]Location, len(raw))}
	for key, l := range raw {
		if key != l.Name || l.Code == "" || l.Type == "" {
			return locationIndex{}, fmt.Errorf("embedded locations.json: bad entry %q", key)
		}
		idx.byName[l.Name] = l
		slug := Slug(l.Name)
		if other, dup := idx.bySlug[slug]; dup {
			return locationIndex{}, fmt.Errorf("embedded locations.json: %q and %q have the same slug", other.Name, l.Name)
		}
		idx.bySlug[slug] = l
	}
	return idx, nil
})

// LookupLocation finds a location by its AWS name, e.g. "EU (Ireland)".
func LookupLocation(name string) (Location, bool) {
	idx, err := index()
	if err != nil {
		return Location{}, false
	}
	l, ok := idx.byName[name]
	return l, ok
}

// LookupSlug finds a location by the slug some flattened corpus files use
// instead of the name ("asia-pacific-(seoul)" for "Asia Pacific (Seoul)").
func LookupSlug(slug string) (Location, bool) {
	idx, err := index()
	if err != nil {
		return Location{}, false
	}
	l, ok := idx.bySlug[slug]
	return l, ok
}

// LookupCode finds a location by its code, e.g. "eu-west-1".
func LookupCode(code string) (Location, bool) {
	idx, err := index()
	if err != nil {
		return Location{}, false
	}
	for _, l := range idx.byName {
		if l.Code == code {
			return l, true
		}
	}
	return Location{}, false
}

// Slug is the lower-case, dash-separated form of a location name.
func Slug(name string) string {
	return strings.ReplaceAll(strings.ToLower(name), " ", "-")
}

// IsGlobalPseudoLocation reports whether a pricing-page location key stands
// for no region at all: the maps put global prices under "Any" or "".
func IsGlobalPseudoLocation(name string) bool {
	return name == "" || name == "Any"
}
