// Package factscsv reads the corpus's price-facts CSV
// (public-price-facts/facts.csv: list prices read in stored web pages, one
// source URL per row) for the importers of one provider's rows (azurefacts,
// gcpfacts).
package factscsv

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/costgate/costgate/pricing"
)

// The columns of a facts row, in file order.
const (
	ColProvider = iota
	ColService
	ColRegion
	ColProduct
	ColAttributes
	ColUnit
	ColUSDPrice
	ColSourceURL
	ColSourceDate
)

// header is the facts CSV header.
func header() []string {
	return []string{"provider", "service", "region", "product", "attributes", "unit", "usd_price", "source_url", "source_date"}
}

// Import reads the CSV row by row and emits, for every row of provider, the
// price convert maps it to, when filter allows it. Rows of other providers
// are skipped, counted and reported to logger (nil discards the counts).
// Errors name the file, and the line and product of a bad row.
func Import(ctx context.Context, file string, r io.Reader, provider string, convert func(rec []string) (pricing.Price, error),
	filter pricing.Filter, emit func(pricing.Price) error, logger *slog.Logger) error {
	want := header()
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(want)
	got, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: line 1: %w", file, err)
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s: line 1: header is %v, want %v", file, got, want)
	}
	others := map[string]int{}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if rec[ColProvider] != provider {
			others[rec[ColProvider]]++
			continue
		}
		line, _ := cr.FieldPos(0)
		p, err := convert(rec)
		if err != nil {
			return fmt.Errorf("%s: line %d (%s): %w", file, line, rec[ColProduct], err)
		}
		if !filter.Allows(p.Service, p.Region) {
			continue
		}
		if err := emit(p); err != nil {
			return fmt.Errorf("%s: line %d (%s): %w", file, line, rec[ColProduct], err)
		}
	}
	if logger != nil {
		for prov, n := range others {
			logger.Info("skipped price facts of another provider", "file", file, "provider", prov, "rows", n)
		}
	}
	return nil
}
