package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
)

// usageChoice reads a usage key whose documented values (Infracost's, e.g.
// "1_year") map to offer-file values ("1yr"). A missing key takes fallback,
// noted; a value outside the list is kept as given, noted, so that its
// price is reported as not found rather than guessed.
func usageChoice(u schema.Usage, key, fallback string, values map[string]string) (value, note string) {
	s, given := u.String(key)
	if !given {
		return values[fallback], fmt.Sprintf("usage %s not set: assumed %s", key, fallback)
	}
	if offer, known := values[s]; known {
		return offer, ""
	}
	return s, fmt.Sprintf("usage %s %q is not one of the known values: no price", key, s)
}
