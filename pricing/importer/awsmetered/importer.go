package awsmetered

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// Importer imports one metered unit map file.
type Importer struct{}

// Format implements pricing.Importer.
func (Importer) Format() string { return "aws-metered-unit-map" }

// Description implements pricing.Importer.
func (Importer) Description() string {
	return "AWS pricing-page metered unit map JSON (EBS, RDS, EC2/RDS reserved, ElastiCache, NAT, EKS, Lambda, DynamoDB, CloudWatch, KMS, Route 53, VPC, API Gateway)"
}

// entry is one priced label of a map: rateCode, price and, for some
// sources, attributes such as "Instance Type".
type entry map[string]string

// Import implements pricing.Importer. The file is streamed one region at a
// time; the manifest, which names the map's source, must come first (as
// AWS writes it).
func (Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	s := &stream{ctx: ctx, file: file, dec: dec, filter: filter, emit: emit}
	if err := s.run(); err != nil {
		if s.where != "" {
			return fmt.Errorf("%s: %s: %w", file, s.where, err)
		}
		return fmt.Errorf("%s: byte %d: %w", file, dec.InputOffset(), err)
	}
	return nil
}

type stream struct {
	ctx       context.Context
	file      string
	dec       *json.Decoder
	filter    pricing.Filter
	emit      func(pricing.Price) error
	rules     *ruleSet
	published time.Time
	where     string
}

type manifest struct {
	Source          string `json:"source"`
	CurrencyCode    string `json:"currencyCode"`
	PublicationDate string `json:"hawkFilePublicationDate"`
}

func (s *stream) run() error {
	if err := expectDelim(s.dec, '{'); err != nil {
		return fmt.Errorf("not a metered unit map: %w", err)
	}
	sawRegions := false
	for s.dec.More() {
		key, err := readKey(s.dec)
		if err != nil {
			return err
		}
		switch key {
		case "manifest":
			var m manifest
			if err := s.dec.Decode(&m); err != nil {
				return fmt.Errorf("manifest: %w", err)
			}
			if err := s.useManifest(m); err != nil {
				return fmt.Errorf("manifest: %w", err)
			}
		case "regions":
			if s.rules == nil {
				return errors.New("regions before the manifest: the manifest names the map's source and must come first")
			}
			sawRegions = true
			if err := s.readRegions(); err != nil {
				return err
			}
		default:
			var skip json.RawMessage
			if err := s.dec.Decode(&skip); err != nil {
				return err
			}
		}
	}
	if err := expectDelim(s.dec, '}'); err != nil {
		return err
	}
	if _, err := s.dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the end of the map")
	}
	if !sawRegions {
		return errors.New("not a metered unit map: no regions")
	}
	return nil
}

func (s *stream) useManifest(m manifest) error {
	if m.CurrencyCode != "" && m.CurrencyCode != "USD" {
		return fmt.Errorf("currency %q: only USD maps are supported", m.CurrencyCode)
	}
	rules, ok := ruleSets[m.Source]
	if !ok {
		return fmt.Errorf("source %q is not supported (supported: %s)", m.Source, strings.Join(slices.Sorted(maps.Keys(ruleSets)), ", "))
	}
	s.rules = rules
	if m.PublicationDate != "" {
		t, err := time.Parse(time.RFC3339, m.PublicationDate)
		if err != nil {
			return fmt.Errorf("hawkFilePublicationDate %q: %w", m.PublicationDate, err)
		}
		s.published = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return nil
}

func (s *stream) readRegions() error {
	if err := expectDelim(s.dec, '{'); err != nil {
		return err
	}
	for s.dec.More() {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		name, err := readKey(s.dec)
		if err != nil {
			return err
		}
		s.where = fmt.Sprintf("location %q", name)
		var entries map[string]entry
		if err := s.dec.Decode(&entries); err != nil {
			return err
		}
		region, use, err := regionOf(name)
		if err != nil {
			return err
		}
		if !use || !s.filter.Allows(s.rules.service, region) {
			continue
		}
		if err := s.convertRegion(name, region, entries); err != nil {
			return err
		}
		s.where = ""
	}
	return expectDelim(s.dec, '}')
}

// regionOf maps a map's location key to a region code. Local and Wavelength
// Zones are skipped (Terraform resources are priced by region); "Any" and ""
// hold global prices (region "").
func regionOf(name string) (region string, use bool, err error) {
	if awsvocab.IsGlobalPseudoLocation(name) {
		return "", true, nil
	}
	loc, ok := awsvocab.LookupLocation(name)
	if !ok {
		return "", false, fmt.Errorf("unknown location %q (not in AWS's locations.json)", name)
	}
	return loc.Code, loc.IsRegion(), nil
}

// convertRegion converts the labels of one location, in label order, and
// drops exact repeats (maps list some prices under two labels).
func (s *stream) convertRegion(name, region string, entries map[string]entry) error {
	seen := map[string]pricing.Price{}
	for _, label := range slices.Sorted(maps.Keys(entries)) {
		e := entries[label]
		if isHashedKey(label, e) {
			continue
		}
		c := conv{region: region, global: region == "", service: s.rules.service, published: s.published, label: label, e: e}
		rows, err := s.rules.convert(&c)
		if err != nil {
			return fmt.Errorf("label %q: %w", label, err)
		}
		for _, row := range rows {
			key := rowKey(row)
			if prev, dup := seen[key]; dup {
				if !prev.USD.Equal(row.USD) {
					return fmt.Errorf("label %q: SKU %s has two prices, %s and %s", label, row.SKU, prev.USD, row.USD)
				}
				continue
			}
			seen[key] = row
			if err := s.emit(row); err != nil {
				return fmt.Errorf("label %q: %w", label, err)
			}
		}
	}
	return nil
}

// isHashedKey reports whether a key is one of the maps' opaque duplicates:
// the RegionlessRateCode itself, or it followed by a version suffix.
func isHashedKey(label string, e entry) bool {
	h := e["RegionlessRateCode"]
	return h != "" && strings.HasPrefix(label, h)
}

func rowKey(p pricing.Price) string {
	return strings.Join([]string{p.SKU, p.PurchaseOption, p.Unit, p.TierStart.String(), p.TermLength, p.TermPurchaseOption, p.TermOfferingClass}, "\x1f")
}

func readKey(dec *json.Decoder) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", err
	}
	k, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("expected an object key, got %v", tok)
	}
	return k, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, got %v", want, tok)
	}
	return nil
}
