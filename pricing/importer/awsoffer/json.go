package awsoffer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/costgate/costgate/pricing"
)

// JSONImporter imports an offer file in JSON (index.json of an offer or of
// one of its regions).
type JSONImporter struct{}

// Format implements pricing.Importer.
func (JSONImporter) Format() string { return "aws-offer-json" }

// Description implements pricing.Importer.
func (JSONImporter) Description() string {
	return "AWS Price List offer file, JSON (offers/v1.0/aws/<service>/current[/<region>]/index.json), streamed"
}

// Import implements pricing.Importer. The file is read as a token stream:
// products (which real files put before terms) are decoded one by one and
// only those the filter allows are kept; terms are then decoded per SKU and
// emitted. Memory is proportional to the products kept, never to the file.
func (JSONImporter) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	s := &jsonStream{
		ctx: ctx, file: file, filter: filter, emit: emit,
		dec:      json.NewDecoder(bufio.NewReaderSize(r, 1<<20)),
		products: make(map[string]*product),
		strings:  make(interner),
	}
	return s.run()
}

type jsonStream struct {
	ctx       context.Context
	file      string
	filter    pricing.Filter
	emit      func(pricing.Price) error
	dec       *json.Decoder
	offerCode string
	published time.Time
	products  map[string]*product
	strings   interner
	seen      struct{ products, terms bool }
	where     string // the record being read, for error messages
}

// fail wraps an error with the file, the byte offset and the record.
func (s *jsonStream) fail(err error) error {
	if s.where != "" {
		return fmt.Errorf("%s: byte %d, %s: %w", s.file, s.dec.InputOffset(), s.where, err)
	}
	return fmt.Errorf("%s: byte %d: %w", s.file, s.dec.InputOffset(), err)
}

func (s *jsonStream) run() error {
	if err := s.expectDelim('{'); err != nil {
		return s.fail(fmt.Errorf("not an offer file: %w", err))
	}
	for s.dec.More() {
		key, err := s.key()
		if err != nil {
			return s.fail(err)
		}
		switch key {
		case "offerCode":
			err = s.dec.Decode(&s.offerCode)
		case "publicationDate":
			var v string
			if err = s.dec.Decode(&v); err == nil {
				s.published, err = parsePublicationDate(v)
			}
		case "products":
			if s.seen.terms {
				return s.fail(errors.New("products after terms: a streamed import needs products first, as AWS writes them"))
			}
			s.seen.products = true
			err = s.readProducts()
		case "terms":
			s.seen.terms = true
			err = s.readTerms()
		default:
			err = s.skip()
		}
		if err != nil {
			return s.fail(err)
		}
	}
	s.where = ""
	if err := s.expectDelim('}'); err != nil {
		return s.fail(err)
	}
	if _, err := s.dec.Token(); !errors.Is(err, io.EOF) {
		return s.fail(errors.New("data after the end of the offer file"))
	}
	if !s.seen.products || !s.seen.terms {
		return s.fail(errors.New("not an offer file: no products or no terms"))
	}
	return nil
}

type jsonProduct struct {
	SKU           string            `json:"sku"`
	ProductFamily string            `json:"productFamily"`
	Attributes    map[string]string `json:"attributes"`
}

func (s *jsonStream) readProducts() error {
	if err := s.expectDelim('{'); err != nil {
		return err
	}
	var p jsonProduct
	for n := 0; s.dec.More(); n++ {
		if n%4096 == 0 {
			if err := s.ctx.Err(); err != nil {
				return err
			}
		}
		sku, err := s.key()
		if err != nil {
			return err
		}
		s.where = "product " + sku
		p.SKU, p.ProductFamily = "", ""
		clear(p.Attributes)
		if err := s.dec.Decode(&p); err != nil {
			return err
		}
		if p.SKU != sku {
			return fmt.Errorf("sku field %q differs from its key", p.SKU)
		}
		if err := s.keepProduct(&p); err != nil {
			return err
		}
	}
	s.where = ""
	return s.expectDelim('}')
}

func (s *jsonStream) keepProduct(p *jsonProduct) error {
	service := p.Attributes["servicecode"]
	if service == "" {
		service = s.offerCode
	}
	if service == "" {
		return errors.New("no servicecode attribute and no offerCode")
	}
	region, err := productRegion(func(k string) string { return p.Attributes[k] })
	if err != nil {
		return err
	}
	if !s.filter.Allows(service, region) {
		return nil
	}
	kept := &product{
		sku: p.SKU, service: s.strings.intern(service), family: s.strings.intern(p.ProductFamily),
		region: s.strings.intern(region), attrs: make([]attribute, 0, len(p.Attributes)),
	}
	for k, v := range p.Attributes {
		kept.attrs = append(kept.attrs, attribute{s.strings.intern(k), s.strings.intern(v)})
	}
	s.products[p.SKU] = kept
	return nil
}

type jsonTerm struct {
	OfferTermCode   string                   `json:"offerTermCode"`
	SKU             string                   `json:"sku"`
	PriceDimensions map[string]jsonDimension `json:"priceDimensions"`
	TermAttributes  map[string]string        `json:"termAttributes"`
}

type jsonDimension struct {
	RateCode     string            `json:"rateCode"`
	Description  string            `json:"description"`
	BeginRange   string            `json:"beginRange"`
	EndRange     string            `json:"endRange"`
	Unit         string            `json:"unit"`
	PricePerUnit map[string]string `json:"pricePerUnit"`
}

func (s *jsonStream) readTerms() error {
	if err := s.expectDelim('{'); err != nil {
		return err
	}
	var skipped json.RawMessage
	for s.dec.More() {
		termType, err := s.key()
		if err != nil {
			return err
		}
		if termType != termOnDemand && termType != termReserved {
			return fmt.Errorf("unknown term type %q", termType)
		}
		if err := s.expectDelim('{'); err != nil {
			return err
		}
		for n := 0; s.dec.More(); n++ {
			if n%4096 == 0 {
				if err := s.ctx.Err(); err != nil {
					return err
				}
			}
			sku, err := s.key()
			if err != nil {
				return err
			}
			s.where = termType + " terms of SKU " + sku
			p, kept := s.products[sku]
			if !kept {
				// Filtered out (or a term for a product the file does not
				// list): skip the value without decoding it into structures.
				if err := s.dec.Decode(&skipped); err != nil {
					return err
				}
				continue
			}
			var terms map[string]jsonTerm
			if err := s.dec.Decode(&terms); err != nil {
				return err
			}
			if err := s.emitTerms(termType, p, terms); err != nil {
				return err
			}
		}
		s.where = ""
		if err := s.expectDelim('}'); err != nil {
			return err
		}
	}
	return s.expectDelim('}')
}

func (s *jsonStream) emitTerms(termType string, p *product, terms map[string]jsonTerm) error {
	for _, termKey := range slices.Sorted(maps.Keys(terms)) {
		term := terms[termKey]
		if term.SKU != "" && term.SKU != p.sku {
			return fmt.Errorf("term %s: sku %q differs from its key", termKey, term.SKU)
		}
		for _, rateCode := range slices.Sorted(maps.Keys(term.PriceDimensions)) {
			pd := term.PriceDimensions[rateCode]
			usd, hasUSD := pd.PricePerUnit["USD"]
			d := dimension{
				termType: termType, rateCode: rateCode, description: pd.Description,
				beginRange: pd.BeginRange, endRange: pd.EndRange, unit: pd.Unit, usd: usd, hasUSD: hasUSD,
				leaseLength: term.TermAttributes["LeaseContractLength"], purchaseOption: term.TermAttributes["PurchaseOption"],
				offeringClass: term.TermAttributes["OfferingClass"],
			}
			row, err := d.price(p, s.published)
			if err != nil {
				return fmt.Errorf("rate %s: %w", rateCode, err)
			}
			if err := s.emit(row); err != nil {
				return fmt.Errorf("rate %s: %w", rateCode, err)
			}
		}
	}
	return nil
}

func (s *jsonStream) key() (string, error) {
	tok, err := s.dec.Token()
	if err != nil {
		return "", err
	}
	k, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("expected an object key, got %v", tok)
	}
	return k, nil
}

func (s *jsonStream) expectDelim(want json.Delim) error {
	tok, err := s.dec.Token()
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

// skip consumes one value of no interest (small top-level fields).
func (s *jsonStream) skip() error {
	var v json.RawMessage
	return s.dec.Decode(&v)
}
