// Package azurefacts imports the Azure rows of the corpus's price-facts CSV
// (public-price-facts/facts.csv: provider, service, region, product,
// attributes, unit, usd_price, source_url, source_date): list prices read in
// stored web pages, one source URL per row. Azure has three: the AKS Uptime
// SLA and Standard tier fee (0.10 per cluster-hour) and the Free tier (0).
//
// Each known product maps to the Azure vocabulary of pricing-data/FORMAT.md
// by a fixed table; an Azure row of an unknown product is an error (add it
// to the table); rows of other providers are skipped and counted. The facts
// name no region ("all regions"), so the rows are global (region "").
package azurefacts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
	"github.com/costgate/costgate/pricing/importer/factscsv"
	"github.com/shopspring/decimal"
)

// Importer is the "azure-price-facts" format. Logger receives the count of
// rows of other providers; nil discards it.
type Importer struct {
	Logger *slog.Logger
}

// Format is the command-line name of the format.
func (Importer) Format() string { return "azure-price-facts" }

// Description is one line for --help.
func (Importer) Description() string {
	return "Azure rows of the corpus price-facts CSV (AKS cluster tiers)"
}

// attrFactName keeps two facts of one tier apart.
const attrFactName = "factsProduct"

// fact is how one facts product reads in the Azure vocabulary.
type fact struct {
	skuTier   string
	factsUnit string // the unit text the facts row must carry
}

// factFor maps a facts service and product to the vocabulary.
func factFor(service, product string) (fact, bool) {
	if service != "kubernetes-service" {
		return fact{}, false
	}
	switch product {
	case "AKS Uptime SLA add-on", "AKS Standard tier": // Uptime SLA was renamed the Standard tier (Terraform's old "Paid")
		return fact{"Standard", "USD per cluster-hour"}, true
	case "AKS Free tier":
		return fact{"Free", "USD per cluster-hour"}, true
	}
	return fact{}, false
}

// Import emits the Azure rows of the facts CSV the filter allows.
func (im Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	return factscsv.Import(ctx, file, r, azurevocab.Provider, convert, filter, emit, im.Logger)
}

// convert maps one Azure facts row; the facts' dates are all "unknown", so
// rows take the import's --price-date.
func convert(rec []string) (pricing.Price, error) {
	service, region, name, unit := rec[factscsv.ColService], rec[factscsv.ColRegion], rec[factscsv.ColProduct], rec[factscsv.ColUnit]
	usdText, url, date := rec[factscsv.ColUSDPrice], rec[factscsv.ColSourceURL], rec[factscsv.ColSourceDate]
	f, ok := factFor(service, name)
	if !ok {
		return pricing.Price{}, fmt.Errorf("no Azure vocabulary for service %q product %q: add it to azurefacts", service, name)
	}
	if unit != f.factsUnit {
		return pricing.Price{}, fmt.Errorf("unit %q, want %q", unit, f.factsUnit)
	}
	if !strings.HasPrefix(region, "all regions") {
		return pricing.Price{}, fmt.Errorf("region %q: only region-independent AKS facts are known", region)
	}
	usd, err := decimal.NewFromString(usdText)
	if err != nil || usd.IsNegative() {
		return pricing.Price{}, fmt.Errorf("usd_price %q is not a price", usdText)
	}
	if url == "" {
		return pricing.Price{}, errors.New("source_url is empty")
	}
	p := pricing.Price{
		Provider:       azurevocab.Provider,
		Service:        azurevocab.ServiceKubernetes,
		Attributes:     map[string]string{azurevocab.AttrSkuTier: f.skuTier, attrFactName: name},
		PurchaseOption: pricing.OnDemand,
		Unit:           azurevocab.UnitHour,
		USD:            usd,
		Description:    fmt.Sprintf("%s (%s); %s; source %s, %s", name, rec[factscsv.ColAttributes], unit, url, date),
	}
	if p.SKU, err = pricing.SynthesizeSKU(p); err != nil {
		return pricing.Price{}, err
	}
	return p, nil
}
