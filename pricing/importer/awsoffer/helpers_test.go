package awsoffer

import (
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

// collect runs an importer on data and returns the rows it emitted.
func collect(t *testing.T, imp pricing.Importer, file string, data []byte, filter pricing.Filter) ([]pricing.Price, error) {
	t.Helper()
	return importertest.Collect(t, imp, file, data, filter)
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	return importertest.ReadTestdata(t, name)
}
