// Command awsbuild is a temporary driver for pricing-data/build-aws.sh until
// `costgate pricing import` exists: it runs one AWS importer over some
// files and writes the result as one pricing-data source
// (<out>/<name>.csv.gz and <name>.json) with pricing.WriteSource.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsec2instances"
	"github.com/costgate/costgate/pricing/importer/awsmetered"
	"github.com/costgate/costgate/pricing/importer/awsoffer"
	"github.com/costgate/costgate/pricing/importer/awspriceflat"
	"github.com/costgate/costgate/pricing/importer/awsterracost"
)

func importers() []pricing.Importer {
	return []pricing.Importer{
		awsoffer.JSONImporter{}, awsoffer.CSVImporter{}, awsmetered.Importer{}, awspriceflat.Importer{},
		awsec2instances.Importer{}, awsterracost.Importer{},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "awsbuild:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("awsbuild", flag.ContinueOnError)
	var src pricing.Source
	format := fs.String("format", "", "importer format")
	priceDate := fs.String("price-date", "", "YYYY-MM-DD: the source's price date, and the date of rows the input gives none")
	out := fs.String("out", "", "output directory")
	base := fs.String("base", "", "directory the input paths are relative to")
	fs.StringVar(&src.Name, "name", "", "source name")
	fs.StringVar(&src.Origin, "origin", "", "origin (repo@commit:path)")
	fs.StringVar(&src.Licence, "licence", "", "SPDX licence of the input")
	fs.StringVar(&src.Notes, "notes", "", "coverage notes")
	fs.StringVar(&src.BuiltWith, "built-with", "", "the command that rebuilds the file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var imp pricing.Importer
	for _, i := range importers() {
		if i.Format() == *format {
			imp = i
		}
	}
	if imp == nil {
		return fmt.Errorf("unknown format %q", *format)
	}
	date, err := time.Parse(time.DateOnly, *priceDate)
	if err != nil {
		return fmt.Errorf("-price-date: %w", err)
	}
	src.PriceDate = date
	if *out == "" || fs.NArg() == 0 {
		return errors.New("usage: awsbuild -format F -name N -price-date D -out DIR [flags] FILE...")
	}
	var rows []pricing.Price
	for _, name := range fs.Args() {
		f, err := os.Open(filepath.Join(*base, name))
		if err != nil {
			return err
		}
		err = imp.Import(ctx, name, f, pricing.Filter{}, func(p pricing.Price) error {
			if p.EffectiveDate.IsZero() {
				p.EffectiveDate = date
			}
			rows = append(rows, p)
			return nil
		})
		f.Close()
		if err != nil {
			return err
		}
	}
	rows, err = dedupe(rows)
	if err != nil {
		return err
	}
	written, err := pricing.WriteSource(*out, src, rows)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d rows\n", written.Name, written.Rows)
	return nil
}

// dedupe drops rows that repeat another row of the same product and price
// (the EC2 and RDS reservation maps repeat the on-demand rate once per
// term file); a repeat with another price is an error.
func dedupe(rows []pricing.Price) ([]pricing.Price, error) {
	seen := make(map[string]pricing.Price, len(rows))
	outRows := rows[:0]
	for _, p := range rows {
		attrs := make([]string, 0, len(p.Attributes))
		for k, v := range p.Attributes {
			attrs = append(attrs, k+"="+v)
		}
		slices.Sort(attrs)
		key := strings.Join(append([]string{p.Service, p.Family, p.Region, p.SKU, p.PurchaseOption, p.Unit,
			p.TierStart.String(), p.TermLength, p.TermPurchaseOption, p.TermOfferingClass, p.EffectiveDate.Format(time.DateOnly)}, attrs...), "\x1f")
		if prev, ok := seen[key]; ok {
			if !prev.USD.Equal(p.USD) {
				return nil, fmt.Errorf("%s %s %s %s: two prices, %s (%s) and %s (%s)", p.Service, p.Region, p.SKU, p.Unit, prev.USD, prev.Description, p.USD, p.Description)
			}
			continue
		}
		seen[key] = p
		outRows = append(outRows, p)
	}
	return outRows, nil
}
