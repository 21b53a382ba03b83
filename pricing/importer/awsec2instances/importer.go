// Package awsec2instances imports the site data of ec2instances.info
// (vantage-sh/ec2instances.info): www/instances.json (EC2),
// www/rds/instances.json (RDS) and www/cache/instances.json (ElastiCache),
// arrays of instance types with pricing[region][os or engine]{ondemand,
// reserved{…}}.
//
// Reserved prices there are effective hourly rates (upfront fees spread over
// the term), so only No Upfront terms, whose effective rate is the hourly
// rate, are imported. Oracle and SQL Server RDS entries are skipped:
// their engine keys are Price List engine codes for edition and licence
// combinations the file does not name, and its name keys are lossy.
package awsec2instances

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// Importer imports one ec2instances.info instances.json.
type Importer struct{}

// Format implements pricing.Importer.
func (Importer) Format() string { return "ec2instances-info" }

// Description implements pricing.Importer.
func (Importer) Description() string {
	return "ec2instances.info site data (EC2, RDS or ElastiCache instances.json; no date: give --price-date)"
}

// instance is the part of an entry the importer reads; EC2 entries name
// their type "instance_type", RDS and ElastiCache ones "instanceType" and
// carry their service code.
type instance struct {
	ServiceCode     string                                `json:"servicecode"`
	InstanceType    string                                `json:"instanceType"`
	EC2InstanceType string                                `json:"instance_type"`
	Pricing         map[string]map[string]json.RawMessage `json:"pricing"`
}

// Import implements pricing.Importer; the array is streamed entry by entry.
func (Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	dec := json.NewDecoder(bufio.NewReader(r))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("%s: not an instances.json: expected an array", file)
	}
	for i := 0; dec.More(); i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var in instance
		if err := dec.Decode(&in); err != nil {
			return fmt.Errorf("%s: entry %d: %w", file, i, err)
		}
		if err := convertInstance(in, filter, emit); err != nil {
			return fmt.Errorf("%s: entry %d (%s%s): %w", file, i, in.InstanceType, in.EC2InstanceType, err)
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

func convertInstance(in instance, filter pricing.Filter, emit func(pricing.Price) error) error {
	var conv func(typ, region, key string, raw json.RawMessage) ([]pricing.Price, error)
	typ := in.InstanceType
	switch in.ServiceCode {
	case "":
		typ, conv = in.EC2InstanceType, convertEC2
	case awsvocab.ServiceRDS:
		conv = convertRDS
	case awsvocab.ServiceElastiCache:
		conv = convertElastiCache
	default:
		return fmt.Errorf("unsupported servicecode %q", in.ServiceCode)
	}
	if typ == "" {
		return errors.New("no instance type")
	}
	service := in.ServiceCode
	if service == "" {
		service = awsvocab.ServiceEC2
	}
	for _, region := range slices.Sorted(maps.Keys(in.Pricing)) {
		loc, ok := awsvocab.LookupCode(region)
		if !ok || !loc.IsRegion() {
			return fmt.Errorf("unknown region %q", region)
		}
		if !filter.Allows(service, region) {
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(in.Pricing[region])) {
			rows, err := conv(typ, region, key, in.Pricing[region][key])
			if err != nil {
				return fmt.Errorf("%s %s: %w", region, key, err)
			}
			for _, row := range rows {
				if err := emit(row); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
