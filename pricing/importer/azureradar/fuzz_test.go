package azureradar

import (
	"testing"

	"github.com/costgate/costgate/pricing/importer/importfuzz"
)

// FuzzImport: no input panics, hangs or emits a malformed row (seeds: excerpts of
// this package's testdata, see testdata/fuzz/README.md). Longer runs:
// go test ./pricing/importer/azureradar -run '^$' -fuzz '^FuzzImport$' -fuzztime 5m
func FuzzImport(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		importfuzz.Check(t, Importer{Logger: importfuzz.Logger()}, "vm-westeurope.json", data)
	})
}
