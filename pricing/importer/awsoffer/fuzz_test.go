package awsoffer

import (
	"testing"

	"github.com/costgate/costgate/pricing/importer/importfuzz"
)

// FuzzImportCSV and FuzzImportJSON: no input panics, hangs or emits a
// malformed row (seeds: excerpts of this package's testdata, see
// testdata/fuzz/README.md). Longer runs:
// go test ./pricing/importer/awsoffer -run '^$' -fuzz '^FuzzImportCSV$' -fuzztime 5m
func FuzzImportCSV(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		importfuzz.Check(t, CSVImporter{}, "AmazonEC2.csv", data)
	})
}

func FuzzImportJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		importfuzz.Check(t, JSONImporter{}, "index.json", data)
	})
}
