// Package azureradar imports the snapshots of andy-diericks/azure-pricing-radar
// (data/latest/vm-<scope>.json and storage-<scope>.json): Azure Retail Prices
// API items reduced to a JSON object keyed "skuId|meterId|type|reservationTerm"
// whose values keep armRegionName, productName, skuName, meterName,
// retailPrice, unitPrice and unitOfMeasure.
//
// The snapshot does not say its service: the file name does, as the radar
// names its scopes (vm-* = serviceName 'Virtual Machines', storage-* =
// 'Storage'). armSkuName, dropped by the reduction, is derived from skuName
// where that is safe (azurevocab.DeriveArmSkuName). Of the storage meters only
// managed disks are imported: the reduction keeps one price per meter, so the
// tiers of tiered meters (Blob, Files, …) cannot be told apart, while disk
// meters have no tiers. The radar fetches in USD (the API default).
package azureradar

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
	"github.com/shopspring/decimal"
)

// Importer is the "azure-pricing-radar" format. Logger receives the counts
// of skipped items; nil discards them.
type Importer struct {
	Logger *slog.Logger
}

// Format is the command-line name of the format.
func (Importer) Format() string { return "azure-pricing-radar" }

// Description is one line for --help.
func (Importer) Description() string {
	return "azure-pricing-radar snapshot (vm-*.json or storage-*.json; storage: managed disks only)"
}

// isDiskProduct reports whether a storage product is a managed disk (untiered).
func isDiskProduct(productName string) bool {
	switch productName {
	case "Standard HDD Managed Disks", "Standard SSD Managed Disks", "Premium SSD Managed Disks",
		"Azure Premium SSD v2", "Ultra Disks":
		return true
	}
	return false
}

// record is one value of the snapshot object.
type record struct {
	ArmRegionName string      `json:"armRegionName"`
	MeterName     string      `json:"meterName"`
	ProductName   string      `json:"productName"`
	RetailPrice   json.Number `json:"retailPrice"`
	SkuName       string      `json:"skuName"`
	UnitOfMeasure string      `json:"unitOfMeasure"`
}

// scope is what the file name says about the snapshot.
type scope struct {
	service, family string
}

func scopeOf(file string) (scope, error) {
	base := filepath.Base(file)
	switch {
	case strings.HasPrefix(base, "vm-"):
		return scope{azurevocab.ServiceVirtualMachines, azurevocab.FamilyCompute}, nil
	case strings.HasPrefix(base, "storage-"):
		return scope{azurevocab.ServiceStorage, azurevocab.FamilyStorage}, nil
	}
	return scope{}, fmt.Errorf("%s: cannot tell the service: the radar's file names start with vm- or storage-", file)
}

// Import streams the snapshot object of file, emitting the rows the filter allows.
func (im Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	sc, err := scopeOf(file)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: empty input", file)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("%s: want a JSON object keyed by skuId|meterId|type|reservationTerm, got %v", file, tok)
	}
	skipped := map[string]int{}
	index := 0
	for dec.More() {
		if err := ctx.Err(); err != nil {
			return err
		}
		index++
		keyTok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%s: record %d: %w", file, index, err)
		}
		key, _ := keyTok.(string)
		var rec record
		if err := dec.Decode(&rec); err != nil {
			return fmt.Errorf("%s: record %d (%s): %w", file, index, key, err)
		}
		p, err := convert(sc, key, rec)
		var skip azurevocab.Skip
		if errors.As(err, &skip) {
			skipped[skip.Reason]++
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: record %d (%s): %w", file, index, key, err)
		}
		if !filter.Allows(p.Service, p.Region) {
			continue
		}
		if err := emit(p); err != nil {
			return fmt.Errorf("%s: record %d (%s): %w", file, index, key, err)
		}
	}
	if _, err := dec.Token(); err != nil { // closing '}'
		return fmt.Errorf("%s: after record %d: %w", file, index, err)
	}
	if tok, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: unexpected data after the snapshot object: %v %v", file, tok, err)
	}
	if index == 0 {
		return fmt.Errorf("%s: the snapshot has no record", file)
	}
	im.report(file, skipped)
	return nil
}

// convert turns one record into a row, or a Skip.
func convert(sc scope, key string, rec record) (pricing.Price, error) {
	parts := strings.Split(key, "|")
	if len(parts) != 4 {
		return pricing.Price{}, fmt.Errorf("key %q: want skuId|meterId|type|reservationTerm", key)
	}
	skuID, meterID, typ, term := parts[0], parts[1], parts[2], parts[3]
	if sc.service == azurevocab.ServiceStorage && !isDiskProduct(rec.ProductName) {
		return pricing.Price{}, azurevocab.Skip{Reason: "storage product other than managed disks (tiers lost by the reduction)"}
	}
	if rec.RetailPrice == "" {
		return pricing.Price{}, errors.New("retailPrice is missing")
	}
	usd, err := decimal.NewFromString(rec.RetailPrice.String())
	if err != nil {
		return pricing.Price{}, fmt.Errorf("retailPrice %q: %w", rec.RetailPrice, err)
	}
	if rec.ArmRegionName == "" {
		return pricing.Price{}, errors.New("armRegionName is empty")
	}
	it := azurevocab.Item{
		RetailPrice:     usd,
		ArmRegionName:   rec.ArmRegionName,
		MeterID:         meterID,
		MeterName:       rec.MeterName,
		ProductID:       productID(skuID),
		SkuID:           skuID,
		ProductName:     rec.ProductName,
		SkuName:         rec.SkuName,
		ServiceName:     sc.service,
		ServiceFamily:   sc.family,
		UnitOfMeasure:   rec.UnitOfMeasure,
		Type:            typ,
		ReservationTerm: term,
	}
	if azurevocab.IsVMProduct(it.ServiceName, it.ProductName, it.MeterName) {
		it.ArmSkuName, _ = azurevocab.DeriveArmSkuName(it.SkuName, it.MeterName, it.ProductName)
	}
	return it.Price()
}

// productID is the productId part of a skuId ("DZH318Z0BQ50/00VK").
func productID(skuID string) string {
	id, _, _ := strings.Cut(skuID, "/")
	return id
}

func (im Importer) report(file string, skipped map[string]int) {
	if im.Logger == nil {
		return
	}
	for reason, n := range skipped {
		im.Logger.Warn("skipped Azure price records", "file", file, "reason", reason, "records", n)
	}
}
