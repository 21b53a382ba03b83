// Package azuretest supports the Azure importers' tests: it runs an importer
// over some input, and finds the shared corpus of real third-party price data
// (../shared/corpus beside the repository, or $COSTGATE_CORPUS) for the tests
// that check whole real files.
package azuretest

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/costgate/costgate/pricing"
)

// Import runs the importer that newImporter builds (with a logger) over data
// read as file name, and returns the rows, the log and the error.
func Import(t testing.TB, newImporter func(*slog.Logger) pricing.Importer, name string, data []byte, filter pricing.Filter) ([]pricing.Price, string, error) {
	t.Helper()
	var log bytes.Buffer
	im := newImporter(slog.New(slog.NewTextHandler(&log, nil)))
	var rows []pricing.Price
	err := im.Import(context.Background(), name, bytes.NewReader(data), filter, func(p pricing.Price) error {
		rows = append(rows, p)
		return nil
	})
	return rows, log.String(), err
}

// ReadTestdata reads testdata/name of the calling package.
func ReadTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Dir returns the corpus directory. When it is absent the test is skipped
// with a message saying where it was looked for: these tests check whole
// third-party files that are not part of the repository.
func Dir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("COSTGATE_CORPUS"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatalf("getwd: %v", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			c := filepath.Join(d, "..", "shared", "corpus")
			if _, err := os.Stat(filepath.Join(c, "MANIFEST.tsv")); err != nil {
				t.Skipf("corpus not found at %s (set COSTGATE_CORPUS)", c)
			}
			return c
		}
		if filepath.Dir(d) == d {
			t.Skip("corpus not found: no go.mod above the working directory (set COSTGATE_CORPUS)")
		}
	}
}

// Path returns a file of the corpus by its corpus-relative path.
func Path(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(Dir(t), filepath.FromSlash(rel))
}
