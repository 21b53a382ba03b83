package awsoffer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
)

// collect runs an importer on data and returns the rows it emitted.
func collect(t *testing.T, imp pricing.Importer, file string, data []byte, filter pricing.Filter) ([]pricing.Price, error) {
	t.Helper()
	var rows []pricing.Price
	err := imp.Import(context.Background(), file, strings.NewReader(string(data)), filter, func(p pricing.Price) error {
		rows = append(rows, p)
		return nil
	})
	return rows, err
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
