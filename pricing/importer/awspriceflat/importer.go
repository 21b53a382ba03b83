// Package awspriceflat imports the EC2 file of the aws-price project
// (lamngockhuong/aws-price, lib/data/pricing/ec2-transformed.json): a
// flattened copy of the on-demand Linux table of AWS's EC2 pricing page,
// [{serviceId, region, attributes{instanceType, vcpu, memory,
// operatingSystem}, pricePerUnit, unit}], without SKUs.
//
// The project's other "-transformed" files are not supported: they lost
// the labels that tell their prices apart (S3 storage classes and tiers,
// Lambda tiers and architectures).
package awspriceflat

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/shopspring/decimal"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// Importer imports ec2-transformed.json.
type Importer struct{}

// Format implements pricing.Importer.
func (Importer) Format() string { return "aws-price-ec2-transformed" }

// Description implements pricing.Importer.
func (Importer) Description() string {
	return "aws-price project's ec2-transformed.json: EC2 on-demand Linux, shared tenancy, per region (no SKUs; no date: give --price-date)"
}

type item struct {
	ServiceID  string            `json:"serviceId"`
	Region     string            `json:"region"`
	Attributes map[string]string `json:"attributes"`
	Price      string            `json:"pricePerUnit"`
	Unit       string            `json:"unit"`
}

// Import implements pricing.Importer. Every row of the file is the pricing
// page's "Linux, shared tenancy, on demand" price of an instance type, so
// rows get the offer-file attributes of that product: tenancy Shared,
// preInstalledSw NA, licenseModel "No License required", capacitystatus
// Used. Regions are given as codes or as slugs of location names; Local
// and Wavelength Zones are skipped. SKUs are synthesized
// (pricing.SynthesizeSKU).
func (Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	dec := json.NewDecoder(bufio.NewReader(r))
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("%s: not an ec2-transformed file: expected an array", file)
	}
	seen := map[string]decimal.Decimal{}
	for i := 0; dec.More(); i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var it item
		if err := dec.Decode(&it); err != nil {
			return fmt.Errorf("%s: item %d: %w", file, i, err)
		}
		row, use, err := convert(it)
		if err != nil {
			return fmt.Errorf("%s: item %d (%s %s): %w", file, i, it.Region, it.Attributes["instanceType"], err)
		}
		if !use || !filter.Allows(row.Service, row.Region) {
			continue
		}
		key := row.Region + "\x1f" + row.SKU
		if prev, dup := seen[key]; dup {
			if !prev.Equal(row.USD) {
				return fmt.Errorf("%s: item %d (%s %s): two prices, %s and %s", file, i, row.Region, it.Attributes["instanceType"], prev, row.USD)
			}
			continue
		}
		seen[key] = row.USD
		if err := emit(row); err != nil {
			return fmt.Errorf("%s: item %d: %w", file, i, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%s: end of array: %w", file, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: data after the end of the array", file)
	}
	return nil
}

func convert(it item) (pricing.Price, bool, error) {
	if it.ServiceID != "ec2" {
		return pricing.Price{}, false, fmt.Errorf("serviceId %q, want ec2", it.ServiceID)
	}
	loc, ok := awsvocab.LookupCode(it.Region)
	if !ok {
		if loc, ok = awsvocab.LookupSlug(it.Region); !ok {
			return pricing.Price{}, false, fmt.Errorf("unknown region %q (neither a code nor a location of AWS's locations.json)", it.Region)
		}
	}
	if !loc.IsRegion() {
		return pricing.Price{}, false, nil
	}
	typ, os := it.Attributes["instanceType"], it.Attributes["operatingSystem"]
	if typ == "" || os == "" {
		return pricing.Price{}, false, errors.New("no instanceType or operatingSystem")
	}
	if it.Unit != "USD per hour" {
		return pricing.Price{}, false, fmt.Errorf("unit %q, want \"USD per hour\"", it.Unit)
	}
	usd, err := decimal.NewFromString(it.Price)
	if err != nil {
		return pricing.Price{}, false, fmt.Errorf("price %q: %w", it.Price, err)
	}
	if usd.IsNegative() {
		return pricing.Price{}, false, fmt.Errorf("price %q is negative", it.Price)
	}
	row := pricing.Price{
		Provider: awsvocab.Provider, Service: awsvocab.ServiceEC2, Family: awsvocab.EC2InstanceFamily(typ), Region: loc.Code,
		Attributes: map[string]string{
			awsvocab.AttrInstanceType: typ, awsvocab.AttrOperatingSystem: os, awsvocab.AttrTenancy: awsvocab.TenancyShared,
			awsvocab.AttrPreInstalledSw: awsvocab.PreInstalledNone, awsvocab.AttrLicenseModel: awsvocab.LicenseNoLicenseRequired,
			awsvocab.AttrCapacityStatus: awsvocab.CapacityUsed,
		},
		PurchaseOption: pricing.OnDemand, Unit: "Hrs", USD: usd,
		Description: fmt.Sprintf("On-demand %s %s instance hour (AWS EC2 pricing page)", os, typ),
	}
	if row.SKU, err = pricing.SynthesizeSKU(row); err != nil {
		return pricing.Price{}, false, err
	}
	return row, true, nil
}
