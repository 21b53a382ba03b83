package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
)

// Infracost's usage keys of reservations (EC2 instances, RDS instances,
// ElastiCache nodes), so existing usage files work.
const (
	usageReservedType          = "reserved_instance_type"
	usageReservedTerm          = "reserved_instance_term"
	usageReservedPaymentOption = "reserved_instance_payment_option"
)

// reservedTerms maps the values of reserved_instance_term to offer-file
// term lengths.
func reservedTerms() map[string]string { return map[string]string{"1_year": "1yr", "3_year": "3yr"} }

// reservedPaymentOptions maps the values of reserved_instance_payment_option
// to offer-file purchase options.
func reservedPaymentOptions() map[string]string {
	return map[string]string{"no_upfront": "No Upfront", "partial_upfront": "Partial Upfront", "all_upfront": "All Upfront"}
}

// usageChoice reads a usage key whose documented values (Infracost's, e.g.
// "1_year") map to offer-file values ("1yr"). A missing key takes fallback,
// noted in notes; a value outside the list is kept as given, noted, so that
// its price is reported as not found rather than guessed.
func usageChoice(u schema.Usage, key, fallback string, values map[string]string, notes *[]string) string {
	s, given := u.String(key)
	if !given {
		*notes = append(*notes, fmt.Sprintf("usage %s not set: assumed %s", key, fallback))
		return values[fallback]
	}
	if offer, known := values[s]; known {
		return offer
	}
	*notes = append(*notes, fmt.Sprintf("usage %s %q is not one of the known values: no price", key, s))
	return s
}
