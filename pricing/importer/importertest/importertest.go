// Package importertest supports the importers' tests: it runs an importer
// over some input and collects its rows, reads test data, and finds the
// shared corpus of real third-party price data (../shared/corpus beside the
// repository, or $COSTGATE_CORPUS) for the tests that check whole real files.
package importertest

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/costgate/costgate/pricing"
)

// Collect runs im over data read as file name and returns the rows it
// emitted and its error.
func Collect(t testing.TB, im pricing.Importer, name string, data []byte, filter pricing.Filter) ([]pricing.Price, error) {
	t.Helper()
	var rows []pricing.Price
	err := im.Import(t.Context(), name, bytes.NewReader(data), filter, func(p pricing.Price) error {
		rows = append(rows, p)
		return nil
	})
	return rows, err
}

// Import runs the importer that newImporter builds (with a logger) over data
// read as file name, and returns the rows, the log and the error.
func Import(t testing.TB, newImporter func(*slog.Logger) pricing.Importer, name string, data []byte, filter pricing.Filter) ([]pricing.Price, string, error) {
	t.Helper()
	var log bytes.Buffer
	rows, err := Collect(t, newImporter(slog.New(slog.NewTextHandler(&log, nil))), name, data, filter)
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

// CorpusDir returns the corpus directory: $COSTGATE_CORPUS, else
// ../shared/corpus beside the repository (where CI puts it). The tests that
// need it fail without it, saying where it was looked for.
func CorpusDir(t testing.TB) string {
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
				t.Fatalf("corpus not found at %s (set COSTGATE_CORPUS)", c)
			}
			return c
		}
		if filepath.Dir(d) == d {
			t.Fatal("corpus not found: no go.mod above the working directory (set COSTGATE_CORPUS)")
		}
	}
}

// CorpusPath returns a file of the corpus by its corpus-relative path.
func CorpusPath(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(CorpusDir(t), filepath.FromSlash(rel))
}
