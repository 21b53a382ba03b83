// Package gcpfacts imports the Google rows of the corpus's price-facts CSV
// (public-price-facts/facts.csv: provider, service, region, product,
// attributes, unit, usd_price, source_url, source_date): list prices read in
// stored web pages, one source URL per row. Each known product is mapped to
// the Google vocabulary of pricing-data/FORMAT.md by a fixed table; a Google
// row of an unknown product is an error (add it to the table), rows of other
// providers are skipped and counted (their engineers import them).
package gcpfacts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"time"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/factscsv"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

// Importer is the "gcp-price-facts" format. Logger receives the count of
// rows of other providers; nil discards it.
type Importer struct {
	Logger *slog.Logger
}

// Format is the command-line name of the format.
func (Importer) Format() string { return "gcp-price-facts" }

// Description is one line for --help.
func (Importer) Description() string {
	return "Google rows of the corpus price-facts CSV (GKE fee, load-balancer forwarding rules, Cloud SQL us-central1)"
}

// product is how one facts product reads in the Google vocabulary.
type product struct {
	service, family, unit string
	factsUnit             string // the unit text the facts row must carry
	attrs                 map[string]string
}

// products maps (facts service, facts product) to the vocabulary.
func products() map[[2]string]product {
	return map[[2]string]product{
		{"kubernetes-engine", "GKE cluster management fee"}: {
			vocab.ServiceGKE, vocab.FamilyClusterManagement, "h", "USD per cluster-hour",
			map[string]string{"charge": "cluster-management", "edition": "standard"}},
		{"kubernetes-engine", "GKE cluster management fee (Standard mode)"}: {
			vocab.ServiceGKE, vocab.FamilyClusterManagement, "h", "USD per cluster-hour",
			map[string]string{"charge": "cluster-management", "edition": "standard", "mode": "standard"}},
		{"kubernetes-engine", "GKE Enterprise edition"}: {
			vocab.ServiceGKE, vocab.FamilyClusterManagement, "h", "USD per vCPU-hour",
			map[string]string{"charge": "enterprise-vcpu", "edition": "enterprise"}},
		{"kubernetes-engine", "GKE free tier credit"}: {
			vocab.ServiceGKE, vocab.FamilyFreeTierCredit, "mo", "USD per month (credit)",
			map[string]string{"charge": "free-tier-credit"}},
		{"cloud-load-balancing", "Global forwarding rules - first 5"}: {
			vocab.ServiceNetworking, vocab.FamilyNetwork, "h", "USD per hour",
			map[string]string{"resourceGroup": "LoadBalancing", "forwardingRules": "first-5"}},
		{"cloud-load-balancing", "Global forwarding rules - each additional"}: {
			vocab.ServiceNetworking, vocab.FamilyNetwork, "h", "USD per hour",
			map[string]string{"resourceGroup": "LoadBalancing", "forwardingRules": "each-additional"}},
		{"cloud-sql", "Cloud SQL Enterprise edition vCPU"}: {
			vocab.ServiceSQL, vocab.FamilyCompute, "h", "USD per vCPU-hour",
			map[string]string{"edition": "enterprise", "resource": "vcpu", "availability": "not-stated"}},
		{"cloud-sql", "Cloud SQL Enterprise edition memory"}: {
			vocab.ServiceSQL, vocab.FamilyCompute, "GiBy.h", "USD per GB-hour",
			map[string]string{"edition": "enterprise", "resource": "memory", "availability": "not-stated"}},
	}
}

var (
	regionCode = regexp.MustCompile(`^[a-z]+-[a-z]+[0-9]+$`)
	leadDay    = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})\b`)
	leadMonth  = regexp.MustCompile(`^(\d{4}-\d{2})\b`)
)

// factsProvider is how the facts CSV names Google.
const factsProvider = "gcp"

// Import emits the Google rows of the facts CSV the filter allows.
func (im Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	table := products()
	convertRow := func(rec []string) (pricing.Price, error) { return convert(rec, table) }
	return factscsv.Import(ctx, file, r, factsProvider, convertRow, filter, emit, im.Logger)
}

func convert(rec []string, table map[[2]string]product) (pricing.Price, error) {
	service, region, name, attrs := rec[factscsv.ColService], rec[factscsv.ColRegion], rec[factscsv.ColProduct], rec[factscsv.ColAttributes]
	unit, usdText, url, date := rec[factscsv.ColUnit], rec[factscsv.ColUSDPrice], rec[factscsv.ColSourceURL], rec[factscsv.ColSourceDate]
	m, ok := table[[2]string{service, name}]
	if !ok {
		return pricing.Price{}, fmt.Errorf("no Google vocabulary for service %q product %q: add it to gcpfacts", service, name)
	}
	if unit != m.factsUnit {
		return pricing.Price{}, fmt.Errorf("unit %q, want %q", unit, m.factsUnit)
	}
	usd, err := decimal.NewFromString(usdText)
	if err != nil || usd.IsNegative() {
		return pricing.Price{}, fmt.Errorf("usd_price %q is not a price", usdText)
	}
	if url == "" {
		return pricing.Price{}, errors.New("source_url is empty")
	}
	switch {
	case region == "global":
		region = ""
	case !regionCode.MatchString(region):
		return pricing.Price{}, fmt.Errorf("region %q is not a Google region code", region)
	}
	p := pricing.Price{
		Provider:       vocab.Provider,
		Service:        m.service,
		Family:         m.family,
		Region:         region,
		Attributes:     m.attrs,
		PurchaseOption: pricing.OnDemand,
		Unit:           m.unit,
		USD:            usd,
		EffectiveDate:  effectiveDate(date),
		Description:    fmt.Sprintf("%s (%s); %s; source %s, %s", name, attrs, unit, url, date),
	}
	if p.SKU, err = pricing.SynthesizeSKU(p); err != nil {
		return pricing.Price{}, err
	}
	return p, nil
}

// effectiveDate reads a leading YYYY-MM-DD, or YYYY-MM as the first of that
// month; anything else ("unknown (...)") is left to the import's --price-date.
func effectiveDate(s string) time.Time {
	if m := leadDay.FindStringSubmatch(s); m != nil {
		if t, err := time.Parse("2006-01-02", m[1]); err == nil {
			return t
		}
	}
	if m := leadMonth.FindStringSubmatch(s); m != nil {
		if t, err := time.Parse("2006-01", m[1]); err == nil {
			return t
		}
	}
	return time.Time{}
}
