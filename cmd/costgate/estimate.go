package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/jackc/pgx/v5"
)

// Exit codes of `costgate estimate`, documented in --help and docs/estimate.md.
const (
	exitOK    = 0 // the estimate was written
	exitError = 1 // the plan, usage file or price catalog could not be read
	exitUsage = 2 // wrong command line
)

const estimateHelp = `Usage: costgate estimate [flags] PLAN.json|-

Prices every resource change of a Terraform plan (the output of
"terraform show -json PLANFILE"; "-" reads standard input). Without
DATABASE_URL the prices come from the data embedded in costgate; with it,
from the Postgres catalog loaded by "costgate pricing load".

Flags:
  --format table|json|markdown   output format (default table)
  --usage-file FILE              usage values in Infracost's usage-file format (version 0.1)
  --region-default PROVIDER=REGION
                                 region of resources whose plan names none, e.g.
                                 aws=eu-west-1 (repeatable; providers aws, google, azure)
  --max-chars N                  markdown only: at most N characters; the smallest
                                 changes are left out first (TFC outcomes take 10000)

Exit codes:
  0  the estimate was written (prices not found are reported in it, not as an error)
  1  the plan, the usage file or the price catalog could not be read
  2  wrong command line (unknown flag, bad value, no plan or more than one)
`

// catalogOpener returns the catalog to price with and a function releasing it.
type catalogOpener func(ctx context.Context, getenv func(string) string) (pricing.Catalog, func(), error)

func estimateCommand() command {
	return command{name: "estimate", summary: "price a plan file offline", run: func(ctx context.Context, args []string, getenv func(string) string, s streams) int {
		return runEstimate(ctx, args, getenv, s, openCatalog)
	}}
}

// estimateFlags are the parsed command line of `costgate estimate`.
type estimateFlags struct {
	format         string
	usageFile      string
	regionDefaults regionDefaults
	maxChars       int
	plan           string
}

func runEstimate(ctx context.Context, args []string, getenv func(string) string, s streams, open catalogOpener) int {
	f, err := parseEstimateFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(s.stdout, estimateHelp)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "costgate estimate: %v\n\n%s", err, estimateHelp)
		return exitUsage
	}
	if err := estimate(ctx, f, getenv, s, open); err != nil {
		fmt.Fprintf(s.stderr, "costgate estimate: %v\n", err)
		return exitError
	}
	return exitOK
}

// parseEstimateFlags accepts flags before and after the plan argument.
func parseEstimateFlags(args []string) (estimateFlags, error) {
	f := estimateFlags{format: "table", regionDefaults: regionDefaults{}}
	fs := flag.NewFlagSet("estimate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.format, "format", f.format, "")
	fs.StringVar(&f.usageFile, "usage-file", "", "")
	fs.Var(f.regionDefaults, "region-default", "")
	fs.IntVar(&f.maxChars, "max-chars", 0, "")
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return f, err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(positional) == 0:
		return f, errors.New("no plan file given (use - for standard input)")
	case len(positional) > 1:
		return f, fmt.Errorf("one plan file at a time, got %d: %s", len(positional), strings.Join(positional, " "))
	}
	f.plan = positional[0]
	switch f.format {
	case "table", "json", "markdown":
	default:
		return f, fmt.Errorf("--format %q: want table, json or markdown", f.format)
	}
	if f.maxChars < 0 {
		return f, fmt.Errorf("--max-chars %d: want a positive number", f.maxChars)
	}
	return f, nil
}

func estimate(ctx context.Context, f estimateFlags, getenv func(string) string, s streams, open catalogOpener) error {
	opts := estimator.Options{DefaultRegions: f.regionDefaults}
	if f.usageFile != "" {
		usage, err := readUsageFile(f.usageFile)
		if err != nil {
			return err
		}
		opts.Usage = usage
	}
	plan, err := readPlan(f.plan, s.stdin)
	if err != nil {
		return err
	}
	catalog, release, err := open(ctx, getenv)
	if err != nil {
		return err
	}
	defer release()
	est, err := estimator.EstimatePlan(ctx, plan, catalog, opts)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(s.stdout)
	switch f.format {
	case "json":
		err = estimator.RenderJSON(out, est)
	case "markdown":
		err = estimator.RenderMarkdown(out, est, estimator.MarkdownOptions{MaxChars: f.maxChars})
	default:
		err = estimator.RenderTable(out, est)
	}
	if err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("writing the estimate: %w", err)
	}
	return nil
}

func readUsageFile(path string) (*estimator.UsageFile, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("usage file: %w", err)
	}
	defer file.Close()
	return estimator.ParseUsageFile(path, file)
}

func readPlan(path string, stdin io.Reader) (plan *tfjson.Plan, err error) {
	name := path
	var r io.Reader = stdin
	if path == "-" {
		name = "standard input"
	} else {
		file, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("plan: %w", err)
		}
		defer file.Close()
		r = file
	}
	plan, err = estimator.DecodePlanForEstimate(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return plan, nil
}

// openCatalog prices from Postgres when DATABASE_URL is set, else from the
// price data embedded in the binary.
func openCatalog(ctx context.Context, getenv func(string) string) (pricing.Catalog, func(), error) {
	url := getenv("DATABASE_URL")
	if url == "" {
		// Reads only the rows of the buckets the plan asks about.
		return pricing.NewEmbeddedCatalog(), func() {}, nil
	}
	connectCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	conn, err := pgx.Connect(connectCtx, url)
	if err != nil {
		// pgx errors can repeat the connection string: say only what failed.
		return nil, nil, fmt.Errorf("connecting to DATABASE_URL: %w", redactConnError(err, url))
	}
	return pricing.NewPostgresCatalog(conn), func() { _ = conn.Close(context.Background()) }, nil
}

// redactConnError keeps a connection error from echoing the URL, which may
// hold a password.
func redactConnError(err error, url string) error {
	msg := err.Error()
	if url != "" && strings.Contains(msg, url) {
		return errors.New(strings.ReplaceAll(msg, url, "<DATABASE_URL>"))
	}
	return err
}

// regionDefaults is the repeatable --region-default PROVIDER=REGION flag.
type regionDefaults map[string]string

func (r regionDefaults) String() string {
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + r[k]
	}
	return strings.Join(parts, ",")
}

func (r regionDefaults) Set(v string) error {
	provider, region, ok := strings.Cut(v, "=")
	provider, region = strings.TrimSpace(provider), strings.TrimSpace(region)
	if !ok || provider == "" || region == "" {
		return fmt.Errorf("%q: want PROVIDER=REGION, e.g. aws=eu-west-1", v)
	}
	r[provider] = region // the estimator reads "azurerm" as "azure", "google-beta" as "google"
	return nil
}
