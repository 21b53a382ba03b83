package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/costgate/costgate/config"
	"github.com/costgate/costgate/migrations"
	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Exit codes of `costgate pricing`, documented in its --help.
const (
	pricingExitOK    = 0 // done (status: every source is fresh)
	pricingExitError = 1 // the input, the data or the database failed
	pricingExitUsage = 2 // wrong command line
	pricingExitStale = 3 // status only: some prices are older than --max-age, or the catalog is empty
)

const pricingHelp = `Usage: costgate pricing <command> [flags] [args]

Builds, loads and inspects the price catalog.

Commands:
  import <format> [flags] FILE...   convert official or corpus price files into a
                                    normalised data file (pricing-data/FORMAT.md)
  load [DIR]                        load data files into the Postgres catalog
                                    (default: the data embedded in costgate)
  status [--max-age 180d]           list the loaded sources, their price dates and rows

Run "costgate pricing <command> --help" for its flags.
`

const pricingImportHelp = `Usage: costgate pricing import <format> [flags] FILE...

Runs the importer of <format> over each FILE and writes one source:
<DIR>/<name>.csv.gz (rows sorted, reproducible) and <DIR>/<name>.json (its
provenance). A file that fails to import writes nothing at all; the error
names the file and the record. Rows repeated identically across files are
written once; the same price key with two different prices is an error.

Flags (may come before or after the files):
  --name NAME             source name: lower-case letters, digits, '.', '_', '-' (required)
  --origin ORIGIN         where the input is: owner/repo@commit:path or a URL (required)
  --licence SPDX          licence of the input (required)
  --price-date YYYY-MM-DD publication date of the prices; also the date of rows
                          the input does not date (required)
  --out DIR               output directory (default .)
  --services a,b          keep only these services (as in the output's service column)
  --regions x,y           keep only these regions (global rows are always kept)
  --notes TEXT            what the file covers, known gaps
  --built-with TEXT       the command that rebuilds the file (default: this command line)

Formats:
%s
Exit codes: 0 written, 1 an input or the output failed, 2 wrong command line.
`

const pricingLoadHelp = `Usage: costgate pricing load [DIR]

Loads every source of DIR (<name>.csv.gz + <name>.json; default: the price
data embedded in costgate) into the Postgres catalog named by DATABASE_URL.
Each source is loaded in one transaction: readers see its old rows or its new
rows, never a mix. A source whose files are unchanged since its last load is
skipped. A bad file fails its own source (the error names file and line) and
changes nothing; the other sources are still loaded.

Environment: DATABASE_URL (required; run "costgate migrate" first).
Exit codes: 0 every source loaded or unchanged, 1 a source or the database failed, 2 wrong command line.
`

const pricingStatusHelp = `Usage: costgate pricing status [--max-age AGE]

Lists the sources loaded in the catalog named by DATABASE_URL: name, price
date, rows, products, load time, licence and origin. A source whose price date
is older than AGE is marked STALE and a warning is printed.

Flags:
  --max-age AGE   e.g. 180d, 26w, 4320h; 0 disables the check (default 180d)

Environment: DATABASE_URL (required).
Exit codes: 0 every source is fresh, 1 the database failed, 2 wrong command line,
3 some source is stale or the catalog is empty.
`

func pricingCommand() command {
	return command{name: "pricing", summary: "import, load and inspect price data", run: runPricing}
}

func runPricing(ctx context.Context, args []string, getenv func(string) string, s streams) int {
	if len(args) == 0 {
		fmt.Fprint(s.stderr, pricingHelp)
		return pricingExitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(s.stdout, pricingHelp)
		return pricingExitOK
	case "import":
		return runPricingImport(ctx, args[1:], s)
	case "load":
		return runPricingLoad(ctx, args[1:], getenv, s)
	case "status":
		return runPricingStatus(ctx, args[1:], getenv, s, time.Now())
	}
	fmt.Fprintf(s.stderr, "costgate pricing: unknown command %q\n\n%s", args[0], pricingHelp)
	return pricingExitUsage
}

func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			return true
		}
	}
	return false
}

// importFlags is the parsed command line of `costgate pricing import`.
type importFlags struct {
	importer  pricing.Importer
	source    pricing.Source
	out       string
	filter    pricing.Filter
	builtWith string
	files     []string
}

func importHelp() string {
	var b strings.Builder
	for _, im := range importers(discardLogger()) {
		fmt.Fprintf(&b, "  %-28s %s\n", im.Format(), im.Description())
	}
	return fmt.Sprintf(pricingImportHelp, b.String())
}

func parseImportFlags(args []string, available []pricing.Importer) (importFlags, error) {
	var f importFlags
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return f, errors.New("the format comes first: costgate pricing import <format> [flags] FILE...")
	}
	format := args[0]
	for _, im := range available {
		if im.Format() == format {
			f.importer = im
		}
	}
	if f.importer == nil {
		return f, fmt.Errorf("unknown format %q (see --help)", format)
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	priceDate := fs.String("price-date", "", "")
	services := fs.String("services", "", "")
	regions := fs.String("regions", "", "")
	fs.StringVar(&f.source.Name, "name", "", "")
	fs.StringVar(&f.source.Origin, "origin", "", "")
	fs.StringVar(&f.source.Licence, "licence", "", "")
	fs.StringVar(&f.source.Notes, "notes", "", "")
	fs.StringVar(&f.out, "out", ".", "")
	fs.StringVar(&f.builtWith, "built-with", "", "")
	// Flags may follow the files: parse, take the files up to the next flag, repeat.
	rest := args[1:]
	for {
		if err := fs.Parse(rest); err != nil {
			return f, err
		}
		rest = fs.Args()
		for len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
			f.files = append(f.files, rest[0])
			rest = rest[1:]
		}
		if len(rest) == 0 {
			break
		}
	}
	switch {
	case !pricing.ValidSourceName(f.source.Name):
		return f, fmt.Errorf("--name %q: want lower-case letters, digits, '.', '_', '-'", f.source.Name)
	case f.source.Origin == "":
		return f, errors.New("--origin is required")
	case f.source.Licence == "":
		return f, errors.New("--licence is required")
	case len(f.files) == 0:
		return f, errors.New("no input file")
	}
	d, err := time.Parse(time.DateOnly, *priceDate)
	if err != nil {
		return f, fmt.Errorf("--price-date %q: want YYYY-MM-DD", *priceDate)
	}
	f.source.PriceDate = d
	f.filter = pricing.Filter{Services: config.SplitList(*services), Regions: config.SplitList(*regions)}
	if f.builtWith == "" {
		f.builtWith = "costgate pricing import " + shellJoin(args)
	}
	return f, nil
}

// shellJoin quotes arguments that a shell would split or expand.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.IndexFunc(a, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@,=+", r))
		}) < 0 {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}

func runPricingImport(ctx context.Context, args []string, s streams) int {
	if wantsHelp(args) {
		fmt.Fprint(s.stdout, importHelp())
		return pricingExitOK
	}
	// Importers log their warnings (skipped records) to stderr.
	f, err := parseImportFlags(args, importers(slog.New(slog.NewTextHandler(s.stderr, nil))))
	if err != nil {
		fmt.Fprintf(s.stderr, "costgate pricing import: %v\n\n%s", err, importHelp())
		return pricingExitUsage
	}
	perFile := make([][]pricing.Price, len(f.files))
	for i, file := range f.files {
		fileRows, err := importFile(ctx, f, file)
		if err != nil {
			fmt.Fprintf(s.stderr, "costgate pricing import: %s: %v (nothing written)\n", file, err)
			return pricingExitError
		}
		perFile[i] = fileRows
	}
	rows, err := dedupeInputs(f.files, perFile)
	if err != nil {
		fmt.Fprintf(s.stderr, "costgate pricing import: %v (nothing written)\n", err)
		return pricingExitError
	}
	src := f.source
	src.BuiltWith = f.builtWith
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		fmt.Fprintf(s.stderr, "costgate pricing import: %v\n", err)
		return pricingExitError
	}
	written, err := pricing.WriteSource(f.out, src, rows)
	if err != nil {
		fmt.Fprintf(s.stderr, "costgate pricing import: %v\n", err)
		return pricingExitError
	}
	fmt.Fprintf(s.stdout, "%s: %d rows from %d files written to %s\n", written.Name, written.Rows, len(f.files), f.out)
	return pricingExitOK
}

// dedupeInputs merges the rows of the inputs: rows repeated identically
// collapse (reservation maps repeat each on-demand rate once per term file);
// one price key with two prices is an error naming the input or inputs.
func dedupeInputs(files []string, perFile [][]pricing.Price) ([]pricing.Price, error) {
	rows, err := pricing.DedupePrices(slices.Concat(perFile...))
	if err == nil {
		return rows, nil
	}
	// Only on failure: find the file, or the pair of files, that disagree.
	for i := range perFile {
		if _, ferr := pricing.DedupePrices(perFile[i]); ferr != nil {
			return nil, fmt.Errorf("%s: %w", files[i], ferr)
		}
	}
	for i := range perFile {
		for j := i + 1; j < len(perFile); j++ {
			if _, perr := pricing.DedupePrices(slices.Concat(perFile[i], perFile[j])); perr != nil {
				return nil, fmt.Errorf("%s and %s disagree: %w", files[i], files[j], perr)
			}
		}
	}
	return nil, err
}

// importFile runs the importer over one file and returns its rows, or
// nothing when the file fails.
func importFile(ctx context.Context, f importFlags, file string) ([]pricing.Price, error) {
	in, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	var rows []pricing.Price
	err = f.importer.Import(ctx, file, bufio.NewReaderSize(in, 1<<20), f.filter, func(p pricing.Price) error {
		if !f.filter.Allows(p.Service, p.Region) {
			return nil
		}
		if p.EffectiveDate.IsZero() {
			p.EffectiveDate = f.source.PriceDate
		}
		rows = append(rows, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func runPricingLoad(ctx context.Context, args []string, getenv func(string) string, s streams) int {
	if wantsHelp(args) {
		fmt.Fprint(s.stdout, pricingLoadHelp)
		return pricingExitOK
	}
	if len(args) > 1 || len(args) == 1 && strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(s.stderr, "costgate pricing load: want at most one directory\n\n%s", pricingLoadHelp)
		return pricingExitUsage
	}
	fsys, from := pricingdata.FS(), "embedded price data"
	if len(args) == 1 {
		if st, err := os.Stat(args[0]); err != nil || !st.IsDir() {
			fmt.Fprintf(s.stderr, "costgate pricing load: %s is not a directory\n", args[0])
			return pricingExitUsage
		}
		fsys, from = os.DirFS(args[0]), args[0]
	}
	pool, code := openCatalogPool(ctx, "load", getenv, s)
	if pool == nil {
		return code
	}
	defer pool.Close()
	start := time.Now()
	results, err := pricing.Load(ctx, pool, fsys)
	w := tabwriter.NewWriter(s.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SOURCE\tRESULT\tROWS\tPRODUCTS\tTIME")
	rows := 0
	for _, r := range results {
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\n", r.Source, r.Status, r.Rows, r.Products, r.Duration.Round(time.Millisecond))
		if r.Status == pricing.Loaded {
			rows += r.Rows
		}
	}
	w.Flush()
	if err != nil {
		fmt.Fprintf(s.stderr, "costgate pricing load: %v\n", err)
		return pricingExitError
	}
	fmt.Fprintf(s.stdout, "%d sources from %s: %d rows loaded in %s\n", len(results), from, rows, time.Since(start).Round(time.Millisecond))
	return pricingExitOK
}

// parseAge reads 180d, 26w or a Go duration (4320h); 0 disables the check.
func parseAge(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.Atoi(n)
			if err != nil || v < 0 {
				return 0, fmt.Errorf("--max-age %q: want e.g. 180d", s)
			}
			return time.Duration(v) * unit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("--max-age %q: want e.g. 180d, 26w or 4320h", s)
	}
	return d, nil
}

func runPricingStatus(ctx context.Context, args []string, getenv func(string) string, s streams, now time.Time) int {
	if wantsHelp(args) {
		fmt.Fprint(s.stdout, pricingStatusHelp)
		return pricingExitOK
	}
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	maxAgeFlag := fs.String("max-age", "180d", "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		if err == nil {
			err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
		}
		fmt.Fprintf(s.stderr, "costgate pricing status: %v\n\n%s", err, pricingStatusHelp)
		return pricingExitUsage
	}
	maxAge, err := parseAge(*maxAgeFlag)
	if err != nil {
		fmt.Fprintf(s.stderr, "costgate pricing status: %v\n\n%s", err, pricingStatusHelp)
		return pricingExitUsage
	}
	pool, code := openCatalogPool(ctx, "status", getenv, s)
	if pool == nil {
		return code
	}
	defer pool.Close()
	sources, err := pricing.Status(ctx, pool, maxAge, now)
	if err != nil {
		fmt.Fprintf(s.stderr, "costgate pricing status: %v\n", err)
		return pricingExitError
	}
	if len(sources) == 0 {
		fmt.Fprintln(s.stderr, `warning: the price catalog is empty; run "costgate pricing load" (or start "costgate serve", which loads the embedded data)`)
		return pricingExitStale
	}
	w := tabwriter.NewWriter(s.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SOURCE\tPRICE DATE\tAGE\t\tROWS\tPRODUCTS\tLOADED AT\tLICENCE\tORIGIN")
	stale, rows := 0, 0
	for _, st := range sources {
		mark := ""
		if st.Stale {
			mark, stale = "STALE", stale+1
		}
		rows += st.Source.Rows
		fmt.Fprintf(w, "%s\t%s\t%dd\t%s\t%d\t%d\t%s\t%s\t%s\n", st.Source.Name, st.Source.PriceDate.Format(time.DateOnly),
			int(now.Sub(st.Source.PriceDate).Hours()/24), mark, st.Source.Rows, st.Products,
			st.LoadedAt.UTC().Format(time.RFC3339), st.Source.Licence, st.Source.Origin)
	}
	w.Flush()
	fmt.Fprintf(s.stdout, "%d sources, %d rows\n", len(sources), rows)
	if stale > 0 {
		fmt.Fprintf(s.stderr, "warning: %d of %d sources have prices older than %s\n", stale, len(sources), *maxAgeFlag)
		return pricingExitStale
	}
	return pricingExitOK
}

// openCatalogPool connects to DATABASE_URL and checks the schema; on failure
// it reports and returns a nil pool and the exit code.
func openCatalogPool(ctx context.Context, cmd string, getenv func(string) string, s streams) (*pgxpool.Pool, int) {
	url := getenv("DATABASE_URL")
	if url == "" {
		fmt.Fprintf(s.stderr, "costgate pricing %s: DATABASE_URL is not set\n", cmd)
		return nil, pricingExitUsage
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		// The parse error may quote the URL, which may hold a password.
		fmt.Fprintf(s.stderr, "costgate pricing %s: DATABASE_URL is not a valid Postgres URL\n", cmd)
		return nil, pricingExitUsage
	}
	if err := migrations.Check(ctx, pool); err != nil {
		pool.Close()
		fmt.Fprintf(s.stderr, "costgate pricing %s: %v\n", cmd, err)
		return nil, pricingExitError
	}
	return pool, pricingExitOK
}
