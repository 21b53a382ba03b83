// Package azurekarpenter imports the Linux pay-as-you-go VM price table of
// Azure/karpenter-provider-azure, as extracted into CSV in the shared corpus
// (karpenter-provider-azure/derived/azure-vm-linux-payg-ondemand-*.csv:
// armRegionName,armSkuName,retailPrice_usd_per_hour).
//
// Karpenter generates the table from the Retail Prices API keeping
// Consumption prices of service "Virtual Machines" without " Windows"
// products, " Low Priority" meters or Spot SKUs, keyed by armSkuName. So a
// row states: Linux, regular priority, pay as you go, per hour. Left out and
// counted:
//   - keys that are not VM sizes (dedicated-host types such as "Dsv5_Type1");
//   - sizes of the series that also have Cloud Services meters (Bsv2, Basv2,
//     Bpsv2, Dasv5, Dadsv5, Easv5, Eadsv5): the generator keeps one product per
//     armSkuName, and for about half of these sizes it kept the Cloud Services
//     price (checked against azure-pricing-radar in 5 regions), so no row of
//     these series can be trusted to be the Linux VM price.
package azurekarpenter

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
	"github.com/shopspring/decimal"
)

// Importer is the "azure-karpenter-csv" format. Logger receives the counts
// of skipped rows; nil discards them.
type Importer struct {
	Logger *slog.Logger
}

// Format is the command-line name of the format.
func (Importer) Format() string { return "azure-karpenter-csv" }

// Description is one line for --help.
func (Importer) Description() string {
	return "Karpenter's Azure Linux pay-as-you-go VM prices as CSV (armRegionName,armSkuName,retailPrice_usd_per_hour)"
}

// header is the CSV header.
const header = "armRegionName,armSkuName,retailPrice_usd_per_hour"

var (
	vmSize = regexp.MustCompile(`^(Standard|Basic)_`)
	// Series with Cloud Services meters of the same armSkuName (see package doc).
	cloudServicesSeries = regexp.MustCompile(`^Standard_(B\d+[a-z]*_v2|[DE]\d+(-\d+)?ad?s_v5)$`)
)

// Skip reasons, as reported.
const (
	skipNotVM         = "not a VM size (dedicated host type)"
	skipCloudServices = "series with Cloud Services meters: price may be the Cloud Services one"
)

// Import reads the CSV of file, emitting the rows the filter allows.
func (im Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = strings.Count(header, ",") + 1
	cr.ReuseRecord = true
	got, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: empty input", file)
	}
	if err != nil {
		return fmt.Errorf("%s: line 1: %w", file, err)
	}
	if strings.Join(got, ",") != header {
		return fmt.Errorf("%s: line 1: header %q, want %q", file, strings.Join(got, ","), header)
	}
	skipped := map[string]int{}
	seen := map[string]bool{}
	for line := 2; ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", file, line, err)
		}
		p, reason, err := convert(rec)
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", file, line, err)
		}
		key := rec[0] + "," + rec[1]
		if seen[key] {
			return fmt.Errorf("%s: line %d: %s listed twice", file, line, key)
		}
		seen[key] = true
		if reason != "" {
			skipped[reason]++
			continue
		}
		if !filter.Allows(p.Service, p.Region) {
			continue
		}
		if err := emit(p); err != nil {
			return fmt.Errorf("%s: line %d: %w", file, line, err)
		}
	}
	if len(seen) == 0 {
		return fmt.Errorf("%s: no price rows", file)
	}
	if im.Logger != nil {
		for reason, n := range skipped {
			im.Logger.Warn("skipped Karpenter price rows", "file", file, "reason", reason, "rows", n)
		}
	}
	return nil
}

// convert turns one record into a row, or names why it is skipped.
func convert(rec []string) (pricing.Price, string, error) {
	region, size, price := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2])
	if region == "" || size == "" {
		return pricing.Price{}, "", errors.New("armRegionName and armSkuName are required")
	}
	usd, err := decimal.NewFromString(price)
	if err != nil {
		return pricing.Price{}, "", fmt.Errorf("price %q: %w", price, err)
	}
	if usd.IsNegative() {
		return pricing.Price{}, "", fmt.Errorf("price %s is negative", usd)
	}
	switch {
	case !vmSize.MatchString(size):
		return pricing.Price{}, skipNotVM, nil
	case cloudServicesSeries.MatchString(size):
		return pricing.Price{}, skipCloudServices, nil
	}
	p := pricing.Price{
		Provider: azurevocab.Provider,
		Service:  azurevocab.ServiceVirtualMachines,
		Family:   azurevocab.FamilyCompute,
		Region:   region,
		Attributes: map[string]string{
			azurevocab.AttrArmSkuName: azurevocab.NormalizeArmSkuName(size),
			azurevocab.AttrOS:         azurevocab.OSLinux,
			azurevocab.AttrPriority:   azurevocab.PriorityRegular,
		},
		PurchaseOption: pricing.OnDemand,
		Unit:           azurevocab.UnitHour,
		USD:            usd,
		Description:    "Linux pay-as-you-go " + size + " (Karpenter price table)",
	}
	if p.SKU, err = pricing.SynthesizeSKU(p); err != nil {
		return pricing.Price{}, "", err
	}
	return p, "", nil
}
