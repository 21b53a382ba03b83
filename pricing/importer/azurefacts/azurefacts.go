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
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
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

// header is the facts CSV header.
const header = "provider,service,region,product,attributes,unit,usd_price,source_url,source_date"

// Import reads the CSV row by row and emits the Azure rows the filter allows.
func (im Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = strings.Count(header, ",") + 1
	got, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: line 1: %w", file, err)
	}
	if strings.Join(got, ",") != header {
		return fmt.Errorf("%s: line 1: header %q, want %q", file, strings.Join(got, ","), header)
	}
	others := map[string]int{}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		if rec[0] != azurevocab.Provider {
			others[rec[0]]++
			continue
		}
		p, err := convert(rec)
		if err != nil {
			return fmt.Errorf("%s: line %d (%s): %w", file, line, rec[3], err)
		}
		if !filter.Allows(p.Service, p.Region) {
			continue
		}
		if err := emit(p); err != nil {
			return fmt.Errorf("%s: line %d (%s): %w", file, line, rec[3], err)
		}
	}
	if im.Logger != nil {
		for prov, n := range others {
			im.Logger.Info("skipped price facts of another provider", "file", file, "provider", prov, "rows", n)
		}
	}
	return nil
}

// convert maps one Azure facts row; the facts' dates are all "unknown", so
// rows take the import's --price-date.
func convert(rec []string) (pricing.Price, error) {
	service, region, name, unit, usdText, url, date := rec[1], rec[2], rec[3], rec[5], rec[6], rec[7], rec[8]
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
		Description:    fmt.Sprintf("%s (%s); %s; source %s, %s", name, rec[4], unit, url, date),
	}
	if p.SKU, err = pricing.SynthesizeSKU(p); err != nil {
		return pricing.Price{}, err
	}
	return p, nil
}
