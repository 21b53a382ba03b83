// Package azureretail imports responses of the official Azure Retail Prices
// API (https://prices.azure.com/api/retail/prices): one page
// {"BillingCurrency", "Items": [...], "NextPageLink", "Count"} or several
// pages one after the other in one file (the lower-case "items" of older
// captures is accepted too). Items are streamed one by one.
//
// Rows follow the Azure vocabulary of pricing-data/FORMAT.md (see
// pricing/importer/azurevocab). Skipped on purpose, counted and reported to
// the Logger: DevTestConsumption items and items not priced in USD (never
// converted). A malformed item is an error naming the file and the item.
package azureretail

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
	"github.com/costgate/costgate/pricing/importer/azurevocab"
	"github.com/shopspring/decimal"
)

// Importer is the "azure-retail-prices" format. Logger receives the counts
// of skipped items; nil discards them.
type Importer struct {
	Logger *slog.Logger
}

// Format is the command-line name of the format.
func (Importer) Format() string { return "azure-retail-prices" }

// Description is one line for --help.
func (Importer) Description() string {
	return "Azure Retail Prices API JSON (one or more response pages of Items; USD only, Dev/Test skipped)"
}

// item is one element of Items as the API sends it.
type item struct {
	CurrencyCode       string      `json:"currencyCode"`
	TierMinimumUnits   json.Number `json:"tierMinimumUnits"`
	RetailPrice        json.Number `json:"retailPrice"`
	ArmRegionName      string      `json:"armRegionName"`
	EffectiveStartDate string      `json:"effectiveStartDate"`
	MeterID            string      `json:"meterId"`
	MeterName          string      `json:"meterName"`
	ProductID          string      `json:"productId"`
	SkuID              string      `json:"skuId"`
	ProductName        string      `json:"productName"`
	SkuName            string      `json:"skuName"`
	ServiceName        string      `json:"serviceName"`
	ServiceFamily      string      `json:"serviceFamily"`
	UnitOfMeasure      string      `json:"unitOfMeasure"`
	Type               string      `json:"type"`
	ReservationTerm    string      `json:"reservationTerm"`
	ArmSkuName         string      `json:"armSkuName"`
}

// reader walks the pages of one input and keeps what spans items: the item
// index for messages, the skip counts and the tier group being assembled.
type reader struct {
	file    string
	dec     *json.Decoder
	filter  pricing.Filter
	emit    func(pricing.Price) error
	index   int
	skipped map[string]int
	tiers   tierGroups
	// pageCurrency is the page's BillingCurrency, for items that carry no
	// currencyCode; bare counts such items until it is known.
	pageCurrency string
	bare         int
}

// Import streams the pages of file, emitting the rows the filter allows.
func (im Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	rd := &reader{file: file, dec: json.NewDecoder(r), filter: filter, emit: emit, skipped: map[string]int{}}
	rd.dec.UseNumber()
	rd.tiers.seen = map[string]bool{}
	pages := 0
	for {
		tok, err := rd.dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: page %d: %w", file, pages+1, err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return fmt.Errorf("%s: page %d: want a JSON object, got %v", file, pages+1, tok)
		}
		pages++
		if err := rd.page(ctx, pages); err != nil {
			return err
		}
	}
	if pages == 0 {
		return fmt.Errorf("%s: no page in input", file)
	}
	if err := rd.flush(); err != nil {
		return err
	}
	im.report(file, rd.skipped)
	return nil
}

// page reads the members of one page object whose '{' was consumed.
func (rd *reader) page(ctx context.Context, n int) error {
	items, count := 0, -1
	rd.pageCurrency, rd.bare = "", 0
	for rd.dec.More() {
		keyTok, err := rd.dec.Token()
		if err != nil {
			return fmt.Errorf("%s: page %d: after item %d: %w", rd.file, n, rd.index, err)
		}
		key, _ := keyTok.(string)
		switch key {
		case "Items", "items":
			k, err := rd.items(ctx, n)
			if err != nil {
				return err
			}
			items += k
		case "Count":
			if err := rd.dec.Decode(&count); err != nil {
				return fmt.Errorf("%s: page %d: Count: %w", rd.file, n, err)
			}
		case "BillingCurrency":
			if err := rd.dec.Decode(&rd.pageCurrency); err != nil {
				return fmt.Errorf("%s: page %d: BillingCurrency: %w", rd.file, n, err)
			}
			if rd.bare > 0 && rd.pageCurrency != "USD" {
				return fmt.Errorf("%s: page %d: BillingCurrency %q comes after %d items without currencyCode", rd.file, n, rd.pageCurrency, rd.bare)
			}
		default:
			var skip json.RawMessage
			if err := rd.dec.Decode(&skip); err != nil {
				return fmt.Errorf("%s: page %d: member %q: %w", rd.file, n, key, err)
			}
		}
	}
	if _, err := rd.dec.Token(); err != nil { // closing '}'
		return fmt.Errorf("%s: page %d: %w", rd.file, n, err)
	}
	// A page shorter than its Count was cut off: importing it would lose prices silently.
	if count >= 0 && count != items {
		return fmt.Errorf("%s: page %d: Count is %d but the page has %d items (truncated?)", rd.file, n, count, items)
	}
	return nil
}

// items reads the Items array and returns how many elements it had.
func (rd *reader) items(ctx context.Context, page int) (int, error) {
	if tok, err := rd.dec.Token(); err != nil {
		return 0, fmt.Errorf("%s: page %d: Items: %w", rd.file, page, err)
	} else if d, ok := tok.(json.Delim); !ok || d != '[' {
		return 0, fmt.Errorf("%s: page %d: Items: want an array, got %v", rd.file, page, tok)
	}
	n := 0
	for rd.dec.More() {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		rd.index++
		n++
		var raw item
		if err := rd.dec.Decode(&raw); err != nil {
			return n, fmt.Errorf("%s: item %d: %w", rd.file, rd.index, err)
		}
		if err := rd.add(raw); err != nil {
			return n, fmt.Errorf("%s: item %d (meterId %s): %w", rd.file, rd.index, raw.MeterID, err)
		}
	}
	if _, err := rd.dec.Token(); err != nil { // closing ']'
		return n, fmt.Errorf("%s: page %d: Items: %w", rd.file, page, err)
	}
	return n, nil
}

// add converts one item and queues it in its tier group.
func (rd *reader) add(raw item) error {
	it, err := raw.toItem()
	if err != nil {
		return err
	}
	if it.CurrencyCode == "" {
		it.CurrencyCode = rd.pageCurrency
		if it.CurrencyCode == "" {
			rd.bare++
		}
	}
	p, err := it.Price()
	var skip azurevocab.Skip
	if errors.As(err, &skip) {
		rd.skipped[skip.Reason]++
		return nil
	}
	if err != nil {
		return err
	}
	key := strings.Join([]string{it.SkuID, it.MeterID, it.Type, it.ReservationTerm}, "|")
	full, err := rd.tiers.add(key, p)
	if err != nil {
		return err
	}
	return rd.emitAll(full)
}

func (rd *reader) flush() error {
	if err := rd.emitAll(rd.tiers.close()); err != nil {
		return fmt.Errorf("%s: %w", rd.file, err)
	}
	return nil
}

func (rd *reader) emitAll(ps []pricing.Price) error {
	for _, p := range ps {
		if !rd.filter.Allows(p.Service, p.Region) {
			continue
		}
		if err := rd.emit(p); err != nil {
			return err
		}
	}
	return nil
}

func (raw item) toItem() (azurevocab.Item, error) {
	it := azurevocab.Item{
		CurrencyCode: raw.CurrencyCode, ArmRegionName: raw.ArmRegionName,
		MeterID: raw.MeterID, MeterName: raw.MeterName, ProductID: raw.ProductID, SkuID: raw.SkuID,
		ProductName: raw.ProductName, SkuName: raw.SkuName, ServiceName: raw.ServiceName,
		ServiceFamily: raw.ServiceFamily, UnitOfMeasure: raw.UnitOfMeasure, Type: raw.Type,
		ReservationTerm: raw.ReservationTerm, ArmSkuName: raw.ArmSkuName,
	}
	var err error
	if raw.RetailPrice == "" {
		return it, errors.New("retailPrice is missing")
	}
	if it.RetailPrice, err = decimal.NewFromString(raw.RetailPrice.String()); err != nil {
		return it, fmt.Errorf("retailPrice %q: %w", raw.RetailPrice, err)
	}
	if raw.TierMinimumUnits != "" {
		if it.TierMinimumUnits, err = decimal.NewFromString(raw.TierMinimumUnits.String()); err != nil {
			return it, fmt.Errorf("tierMinimumUnits %q: %w", raw.TierMinimumUnits, err)
		}
	}
	if raw.EffectiveStartDate != "" {
		if it.EffectiveStartDate, err = time.Parse(time.RFC3339, raw.EffectiveStartDate); err != nil {
			return it, fmt.Errorf("effectiveStartDate %q: %w", raw.EffectiveStartDate, err)
		}
	}
	return it, nil
}

func (im Importer) report(file string, skipped map[string]int) {
	if im.Logger == nil {
		return
	}
	for reason, n := range skipped {
		if n > 0 {
			im.Logger.Warn("skipped Azure price items", "file", file, "reason", reason, "items", n)
		}
	}
}
