// Command azurebuild is a temporary driver for pricing-data/build-azure.sh
// until `costgate pricing import` exists: it runs one Azure importer over
// some files and writes one pricing-data source with pricing.WriteSource.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/azurefacts"
	"github.com/costgate/costgate/pricing/importer/azurekarpenter"
	"github.com/costgate/costgate/pricing/importer/azureradar"
	"github.com/costgate/costgate/pricing/importer/azureretail"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "azurebuild:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	importers := []pricing.Importer{
		azureretail.Importer{Logger: log}, azureradar.Importer{Logger: log},
		azurekarpenter.Importer{Logger: log}, azurefacts.Importer{Logger: log},
	}
	flags := flag.NewFlagSet("azurebuild", flag.ContinueOnError)
	var src pricing.Source
	format := flags.String("format", "", "importer format")
	priceDate := flags.String("price-date", "", "YYYY-MM-DD")
	out := flags.String("out", "", "output directory")
	base := flags.String("base", "", "directory the inputs are relative to")
	flags.StringVar(&src.Name, "name", "", "source name")
	flags.StringVar(&src.Origin, "origin", "", "origin")
	flags.StringVar(&src.Licence, "licence", "", "SPDX licence")
	flags.StringVar(&src.Notes, "notes", "", "notes")
	flags.StringVar(&src.BuiltWith, "built-with", "", "rebuild command")
	if err := flags.Parse(args); err != nil {
		return err
	}
	var im pricing.Importer
	for _, i := range importers {
		if i.Format() == *format {
			im = i
		}
	}
	if im == nil || *out == "" || flags.NArg() == 0 {
		return errors.New("usage: azurebuild -format F -name N -price-date D -out DIR [flags] FILE...")
	}
	date, err := time.Parse(time.DateOnly, *priceDate)
	if err != nil {
		return fmt.Errorf("-price-date: %w", err)
	}
	src.PriceDate = date
	var rows []pricing.Price
	for _, name := range flags.Args() {
		f, err := os.Open(filepath.Join(*base, name))
		if err != nil {
			return err
		}
		err = im.Import(ctx, name, f, pricing.Filter{}, func(p pricing.Price) error {
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
	written, err := pricing.WriteSource(*out, src, rows)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d rows\n", written.Name, written.Rows)
	return nil
}
