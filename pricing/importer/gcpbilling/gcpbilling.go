// Package gcpbilling imports Google Cloud Billing Catalog SKU lists (the
// services.skus.list response: pages of "skus" with pricingInfo, tiered rates
// in units + nanos, usage units and service regions) into normalised rows.
//
// One row per SKU × pricingInfo × tiered rate × service region. Prices are
// units + nanos/1e9, exact in decimal. Only USD prices are imported: a SKU
// priced in another currency is skipped and counted (never converted).
// MachineTypeImporter derives per-machine-type prices from the same input.
package gcpbilling

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// Importer is the "gcp-billing-catalog" format. Logger receives the summary
// of skipped SKUs (non-USD prices, unknown usage types); nil discards it.
type Importer struct {
	Logger *slog.Logger
}

// Format is the command-line name of the format.
func (Importer) Format() string { return "gcp-billing-catalog" }

// Description is one line for --help.
func (Importer) Description() string {
	return "Google Cloud Billing Catalog services.skus.list JSON (one or more pages; USD prices only)"
}

// sku is one element of "skus", reduced to what is imported.
type sku struct {
	SkuID       string `json:"skuId"`
	Description string `json:"description"`
	Category    struct {
		ServiceDisplayName string `json:"serviceDisplayName"`
		ResourceFamily     string `json:"resourceFamily"`
		ResourceGroup      string `json:"resourceGroup"`
		UsageType          string `json:"usageType"`
	} `json:"category"`
	ServiceRegions []string      `json:"serviceRegions"`
	PricingInfo    []pricingInfo `json:"pricingInfo"`
}

type pricingInfo struct {
	PricingExpression struct {
		UsageUnit   string       `json:"usageUnit"`
		TieredRates []tieredRate `json:"tieredRates"`
	} `json:"pricingExpression"`
	EffectiveTime string `json:"effectiveTime"`
}

type tieredRate struct {
	StartUsageAmount json.Number `json:"startUsageAmount"`
	UnitPrice        money       `json:"unitPrice"`
}

// money is google.type.Money: units is an int64 sent as a JSON string.
type money struct {
	CurrencyCode string      `json:"currencyCode"`
	Units        json.Number `json:"units"`
	Nanos        int64       `json:"nanos"`
}

// Import streams the pages of file, emitting the rows the filter allows.
func (im Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	sk, err := stream(ctx, file, r, func(rows []pricing.Price) error {
		for _, p := range rows {
			if !filter.Allows(p.Service, p.Region) {
				continue
			}
			if err := emit(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	report(im.Logger, file, sk)
	return nil
}

// report logs the SKUs skipped on purpose.
func report(logger *slog.Logger, file string, sk skipped) {
	if logger == nil {
		return
	}
	for cur, n := range sk.currency {
		logger.Warn("skipped SKUs not priced in USD (never converted)", "file", file, "currency", cur, "skus", n)
	}
	for ut, n := range sk.usageType {
		logger.Warn("skipped SKUs of an unknown usage type", "file", file, "usage_type", ut, "skus", n)
	}
}

// convert turns one SKU into rows; a SKU that is skipped on purpose returns
// no rows and no error, and is counted in sk.
func convert(s sku, sk *skipped) ([]pricing.Price, error) {
	if s.SkuID == "" {
		return nil, errors.New("skuId is missing")
	}
	if s.Category.ServiceDisplayName == "" {
		return nil, errors.New("category.serviceDisplayName is missing")
	}
	if len(s.ServiceRegions) == 0 {
		return nil, errors.New("serviceRegions is empty")
	}
	if len(s.PricingInfo) == 0 {
		return nil, errors.New("pricingInfo is empty")
	}
	po, term, ok := purchaseOption(s.Category.UsageType)
	if !ok {
		sk.usageType[s.Category.UsageType]++
		return nil, nil
	}
	termOption := ""
	if term != "" {
		termOption = "No Upfront" // committed-use discounts are paid monthly, never upfront
	}
	var rows []pricing.Price
	for i, pi := range s.PricingInfo {
		rates := pi.PricingExpression.TieredRates
		if len(rates) == 0 {
			return nil, fmt.Errorf("pricingInfo %d: tieredRates is empty", i)
		}
		if pi.PricingExpression.UsageUnit == "" {
			return nil, fmt.Errorf("pricingInfo %d: usageUnit is missing", i)
		}
		eff, err := time.Parse(time.RFC3339Nano, pi.EffectiveTime)
		if err != nil {
			return nil, fmt.Errorf("pricingInfo %d: effectiveTime %q: %w", i, pi.EffectiveTime, err)
		}
		utc := eff.UTC()
		day := time.Date(utc.Year(), utc.Month(), utc.Day(), 0, 0, 0, 0, time.UTC)
		if cur := nonUSD(rates); cur != "" {
			sk.currency[cur]++
			return nil, nil
		}
		for j, rate := range rates {
			usd, err := rate.UnitPrice.decimal()
			if err != nil {
				return nil, fmt.Errorf("pricingInfo %d: tier %d: %w", i, j, err)
			}
			start, err := amount(rate.StartUsageAmount)
			if err != nil {
				return nil, fmt.Errorf("pricingInfo %d: tier %d: startUsageAmount: %w", i, j, err)
			}
			var end decimal.NullDecimal
			if j+1 < len(rates) {
				next, err := amount(rates[j+1].StartUsageAmount)
				if err != nil {
					return nil, fmt.Errorf("pricingInfo %d: tier %d: startUsageAmount: %w", i, j+1, err)
				}
				if !next.GreaterThan(start) {
					return nil, fmt.Errorf("pricingInfo %d: tier %d starts at %s, not after %s", i, j+1, next, start)
				}
				end = decimal.NewNullDecimal(next)
			}
			for _, region := range s.ServiceRegions {
				rows = append(rows, pricing.Price{
					Provider:           "google",
					Service:            s.Category.ServiceDisplayName,
					Family:             s.Category.ResourceFamily,
					Region:             normaliseRegion(region),
					SKU:                s.SkuID,
					Attributes:         attributes(s, pi.PricingExpression.UsageUnit),
					PurchaseOption:     po,
					Unit:               pi.PricingExpression.UsageUnit,
					USD:                usd,
					TierStart:          start,
					TierEnd:            end,
					TermLength:         term,
					TermPurchaseOption: termOption,
					EffectiveDate:      day,
					Description:        s.Description,
				})
			}
		}
	}
	return rows, nil
}

// nonUSD returns the first currency other than USD among the rates, "" if all are USD.
func nonUSD(rates []tieredRate) string {
	for _, r := range rates {
		if r.UnitPrice.CurrencyCode != "USD" {
			if r.UnitPrice.CurrencyCode == "" {
				return "(none)"
			}
			return r.UnitPrice.CurrencyCode
		}
	}
	return ""
}

// purchaseOption maps category.usageType to a purchase option and term.
func purchaseOption(usageType string) (option, term string, ok bool) {
	switch usageType {
	case "OnDemand":
		return pricing.OnDemand, "", true
	case "Preemptible":
		return pricing.Spot, "", true
	case "Commit1Yr":
		return pricing.Reserved, "1yr", true
	case "Commit3Yr":
		return pricing.Reserved, "3yr", true
	}
	return "", "", false
}

// attributes keeps the category fields and the usage unit, plus gpuType for
// GPU SKUs so they answer the same query as Terraform's accelerator type.
func attributes(s sku, usageUnit string) map[string]string {
	a := map[string]string{
		"description":    s.Description,
		"resourceFamily": s.Category.ResourceFamily,
		"resourceGroup":  s.Category.ResourceGroup,
		"usageType":      s.Category.UsageType,
		"usageUnit":      usageUnit,
	}
	if s.Category.ResourceGroup == "GPU" {
		if g := GPUType(s.Description); g != "" {
			a["gpuType"] = g
		}
	}
	for k, v := range a {
		if v == "" {
			delete(a, k)
		}
	}
	return a
}

// gpuNames maps the start of a GPU SKU description to the accelerator type
// Terraform and the Compute API use; longer names come first.
func gpuNames() []struct{ prefix, gpuType string } {
	return []struct{ prefix, gpuType string }{
		{"Nvidia Tesla A100 80GB GPU", "nvidia-a100-80gb"},
		{"Nvidia Tesla A100 GPU", "nvidia-tesla-a100"},
		{"Nvidia H100 80GB Mega GPU", "nvidia-h100-mega-80gb"},
		{"Nvidia H100 80GB GPU", "nvidia-h100-80gb"},
		{"Nvidia L4 GPU", "nvidia-l4"},
		{"Nvidia Tesla T4 GPU", "nvidia-tesla-t4"},
		{"Nvidia Tesla V100 GPU", "nvidia-tesla-v100"},
		{"Nvidia Tesla P100 GPU", "nvidia-tesla-p100"},
		{"Nvidia Tesla P4 GPU", "nvidia-tesla-p4"},
		{"Nvidia Tesla K80 GPU", "nvidia-tesla-k80"},
	}
}

// GPUType returns the accelerator type named by a GPU SKU description, or "".
// Virtual-workstation SKUs ("... Virtual Workstation") are a different
// product (GPU plus licence) and get no type.
func GPUType(description string) string {
	if strings.Contains(description, "Virtual Workstation") {
		return ""
	}
	for _, g := range gpuNames() {
		if strings.HasPrefix(description, g.prefix) {
			return g.gpuType
		}
	}
	return ""
}

// normaliseRegion maps the catalog's "global" to the empty global region.
func normaliseRegion(r string) string {
	if r == "global" {
		return ""
	}
	return r
}

// decimal is units + nanos/1e9, exact; units and nanos must agree in sign.
func (m money) decimal() (decimal.Decimal, error) {
	units := decimal.Zero
	if m.Units != "" {
		u, err := decimal.NewFromString(m.Units.String())
		if err != nil || !u.IsInteger() {
			return decimal.Decimal{}, fmt.Errorf("unitPrice.units %q is not an integer", m.Units)
		}
		units = u
	}
	if m.Nanos <= -1e9 || m.Nanos >= 1e9 {
		return decimal.Decimal{}, fmt.Errorf("unitPrice.nanos %d out of range", m.Nanos)
	}
	if (units.IsPositive() && m.Nanos < 0) || (units.IsNegative() && m.Nanos > 0) {
		return decimal.Decimal{}, fmt.Errorf("unitPrice units %s and nanos %d differ in sign", units, m.Nanos)
	}
	d := units.Add(decimal.New(m.Nanos, -9))
	if d.IsNegative() {
		return decimal.Decimal{}, fmt.Errorf("unitPrice %s is negative", d)
	}
	return d, nil
}

func amount(n json.Number) (decimal.Decimal, error) {
	if n == "" {
		return decimal.Zero, nil
	}
	d, err := decimal.NewFromString(n.String())
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number", n)
	}
	if d.IsNegative() {
		return decimal.Decimal{}, fmt.Errorf("%s is negative", d)
	}
	return d, nil
}
