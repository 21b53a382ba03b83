// Package pricingdata embeds the curated, real, dated price files of
// pricing-data/data (format: pricing.DataFileColumns(); provenance: SOURCES.md),
// so `costgate estimate` and `serve` work without downloading anything.
package pricingdata

import (
	"embed"
	"io/fs"
)

//go:embed data
var files embed.FS

// FS returns the data directory: <name>.csv.gz price files, each with a
// <name>.json pricing.Source beside it.
func FS() fs.FS {
	sub, err := fs.Sub(files, "data")
	if err != nil {
		// fs.Sub only fails on an invalid path, and "data" is a constant.
		panic(err)
	}
	return sub
}
