package pricing

import (
	"context"
	"io"
	"slices"
)

// Importer converts one official or corpus price format into normalised
// rows. `costgate pricing import <format> <file>...` and the pricing-data
// build use them; the list of importers is wired in cmd/costgate.
type Importer interface {
	// Format is the name used on the command line, e.g. "aws-offer-json".
	Format() string
	// Description is one line for `costgate pricing import --help`.
	Description() string
	// Import reads one input and calls emit for every row the filter allows.
	// Input must be streamed, not read whole: official files are gigabytes.
	// Malformed input returns an error that names file and the record (line,
	// SKU or item index); the caller then discards everything emitted, so a
	// bad file changes nothing. A row without an EffectiveDate gets the
	// --price-date given on the command line.
	Import(ctx context.Context, file string, r io.Reader, filter Filter, emit func(Price) error) error
}

// Filter restricts an import to some services and regions; empty means all.
type Filter struct {
	Services []string // matched against Price.Service
	Regions  []string // matched against Price.Region; global rows ("") always pass
}

// Allows reports whether a row of this service and region is wanted.
func (f Filter) Allows(service, region string) bool {
	if len(f.Services) > 0 && !slices.Contains(f.Services, service) {
		return false
	}
	if region != "" && len(f.Regions) > 0 && !slices.Contains(f.Regions, region) {
		return false
	}
	return true
}
