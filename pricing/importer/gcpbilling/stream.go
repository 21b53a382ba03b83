package gcpbilling

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/costgate/costgate/pricing"
)

// skipped counts SKUs left out on purpose, reported once per file.
type skipped struct {
	currency  map[string]int
	usageType map[string]int
}

// stream decodes the pages of file SKU by SKU and calls fn with the rows of
// each SKU (none for a SKU skipped on purpose); errors name the file and SKU.
func stream(ctx context.Context, file string, r io.Reader, fn func(rows []pricing.Price) error) (skipped, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	st := pageStream{file: file, dec: dec, fn: fn,
		sk: skipped{currency: map[string]int{}, usageType: map[string]int{}}}
	pages := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return st.sk, fmt.Errorf("%s: page %d: %w", file, pages+1, err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return st.sk, fmt.Errorf("%s: page %d: want a JSON object, got %v", file, pages+1, tok)
		}
		pages++
		if err := st.page(ctx); err != nil {
			return st.sk, err
		}
	}
	if pages == 0 {
		return st.sk, fmt.Errorf("%s: no page in input", file)
	}
	return st.sk, nil
}

// pageStream is the state of one stream: the SKU index runs across pages.
type pageStream struct {
	file  string
	dec   *json.Decoder
	fn    func([]pricing.Price) error
	sk    skipped
	index int
}

// page reads the members of one page object whose '{' was consumed.
func (st *pageStream) page(ctx context.Context) error {
	file, dec := st.file, st.dec
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%s: after SKU %d: %w", file, st.index, err)
		}
		key, _ := keyTok.(string)
		if key != "skus" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fmt.Errorf("%s: member %q: %w", file, key, err)
			}
			continue
		}
		if tok, err := dec.Token(); err != nil {
			return fmt.Errorf("%s: skus: %w", file, err)
		} else if d, ok := tok.(json.Delim); !ok || d != '[' {
			return fmt.Errorf("%s: skus: want an array, got %v", file, tok)
		}
		for dec.More() {
			if err := ctx.Err(); err != nil {
				return err
			}
			st.index++
			var s sku
			if err := dec.Decode(&s); err != nil {
				return fmt.Errorf("%s: SKU %d: %w", file, st.index, err)
			}
			rows, err := convert(s, &st.sk)
			if err != nil {
				return fmt.Errorf("%s: SKU %d (%s): %w", file, st.index, s.SkuID, err)
			}
			if err := st.fn(rows); err != nil {
				return fmt.Errorf("%s: SKU %d (%s): %w", file, st.index, s.SkuID, err)
			}
		}
		if _, err := dec.Token(); err != nil { // closing ']'
			return fmt.Errorf("%s: skus: %w", file, err)
		}
	}
	if _, err := dec.Token(); err != nil { // closing '}'
		return fmt.Errorf("%s: after SKU %d: %w", file, st.index, err)
	}
	return nil
}
