package estimatortest

import (
	"io/fs"
	"strings"

	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
)

// LoadCatalog builds the memory catalog of the embedded price files whose
// names start with one of prefixes ("aws-", "azure-", "gcp-"): a provider's
// queries match only its own rows, so the other files would only cost time.
// Callers keep the result in a sync.OnceValues of their test package.
func LoadCatalog(prefixes ...string) (*pricing.MemoryCatalog, error) {
	return pricing.LoadMemoryCatalog(filesWithPrefix{FS: pricingdata.FS(), prefixes: prefixes})
}

// filesWithPrefix lists only the files of a data directory whose names start
// with one of prefixes.
type filesWithPrefix struct {
	fs.FS
	prefixes []string
}

func (d filesWithPrefix) ReadDir(name string) ([]fs.DirEntry, error) {
	all, err := fs.ReadDir(d.FS, name)
	var out []fs.DirEntry
	for _, e := range all {
		for _, p := range d.prefixes {
			if strings.HasPrefix(e.Name(), p) {
				out = append(out, e)
				break
			}
		}
	}
	return out, err
}
