package estimator

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Messages the renderers print instead of a silent zero.
const (
	textPriceNotFound = "price not found"
	textDependsUsage  = "depends on usage"
)

// tableRow is one line of the table; cells are left-aligned name and unit,
// right-aligned figures. A note row spans the line.
type tableRow struct {
	name, qty, unit, price, cost, diff string
	note                               bool
}

// RenderTable writes the estimate for a terminal: a tree per priced
// resource (components with monthly quantity, unit, unit price, monthly cost
// and difference), the totals, and a summary of what was free, unsupported,
// unpriced or usage-dependent, with the price sources and dates.
func RenderTable(w io.Writer, est *Estimate) error {
	if est == nil {
		return fmt.Errorf("rendering table: no estimate")
	}
	bw := bufio.NewWriter(w)
	rows := []tableRow{{name: "Resource / component", qty: "Monthly qty", unit: "Unit", price: "Unit price", cost: "Monthly cost", diff: "Diff"}}
	for _, r := range est.Resources {
		if r.Status != StatusEstimated {
			continue
		}
		rows = append(rows, resourceRows(r)...)
	}
	if len(rows) == 1 {
		fmt.Fprintln(bw, "No priced resource changes.")
	} else {
		writeTable(bw, rows)
	}

	fmt.Fprintf(bw, "\nMonthly cost (%s): prior %s, proposed %s, diff %s\n",
		est.Currency, money(est.PriorMonthlyCost), money(est.ProposedMonthlyCost), signed(est.DeltaMonthlyCost))
	writeTableSummary(bw, est)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("rendering table: %w", err)
	}
	return nil
}

// resourceRows renders one resource and its component tree.
func resourceRows(r ResourceCost) []tableRow {
	where := r.Action
	if r.Region != "" {
		where += ", " + r.Region
		if r.RegionSource == RegionFromDefault || r.RegionSource == RegionFromFlag {
			where += " (assumed)"
		}
	}
	if r.Deposed != "" {
		where += ", deposed object " + r.Deposed
	}
	if u, uu := unpricedCounts(r); u+uu > 0 {
		n := u + uu
		where += ", " + plural(n, "price", "prices") + " not found"
	}
	rows := []tableRow{{
		name: fmt.Sprintf("%s %s (%s)", actionSymbol(r.Action), r.Address, where),
		cost: money(r.ProposedMonthlyCost),
		diff: signed(r.DeltaMonthlyCost),
	}}
	diffs, removed := componentDiff(r)
	type line struct {
		c       ComponentCost
		diff    decimal.Decimal
		removed bool
	}
	lines := make([]line, 0, len(r.Components)+len(removed))
	for i, c := range r.Components {
		lines = append(lines, line{c: c, diff: diffs[i]})
	}
	for _, c := range removed {
		lines = append(lines, line{c: c, diff: c.MonthlyCost.Neg(), removed: true})
	}
	if len(lines) == 0 {
		rows = append(rows, tableRow{name: "  └─ no cost components", note: true})
	}
	for i, l := range lines {
		branch, stem := "├─", "│ "
		if i == len(lines)-1 {
			branch, stem = "└─", "  "
		}
		name := l.c.Name
		if l.removed {
			name = "(removed) " + name
		}
		row := tableRow{name: "  " + branch + " " + name, unit: l.c.Unit, diff: signed(l.diff)}
		switch {
		case l.c.MonthlyQuantity != nil:
			row.qty = quantity(*l.c.MonthlyQuantity)
		default:
			row.qty = textDependsUsage
		}
		switch {
		case !l.c.PriceFound:
			row.price = textPriceNotFound
			row.cost, row.diff = "?", "?"
		case l.c.MonthlyQuantity == nil:
			row.price = unitPrice(*l.c.UnitPrice)
			row.cost, row.diff = "-", "-"
		default:
			row.price = unitPrice(*l.c.UnitPrice)
			row.cost = money(l.c.MonthlyCost)
		}
		rows = append(rows, row)
		for _, a := range l.c.Assumed {
			rows = append(rows, tableRow{name: "  " + stem + "   assumed: " + a, note: true})
		}
	}
	return rows
}

// writeTable aligns the columns: names and units left, figures right.
func writeTable(w io.Writer, rows []tableRow) {
	var width [6]int
	for _, r := range rows {
		if r.note {
			continue
		}
		for i, c := range r.cells() {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		if r.note {
			fmt.Fprintln(w, r.name)
			continue
		}
		c := r.cells()
		line := pad(c[0], width[0], false) + "  " + pad(c[1], width[1], true) + "  " + pad(c[2], width[2], false) +
			"  " + pad(c[3], width[3], true) + "  " + pad(c[4], width[4], true) + "  " + pad(c[5], width[5], true)
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
}

func (r tableRow) cells() [6]string {
	return [6]string{r.name, r.qty, r.unit, r.price, r.cost, r.diff}
}

func pad(s string, width int, right bool) string {
	n := width - utf8.RuneCountInString(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// writeTableSummary says what was estimated and what was not, and why.
func writeTableSummary(w io.Writer, est *Estimate) {
	s := est.Summary
	fmt.Fprintf(w, "\n%s: %d estimated, %d free, %d unsupported\n",
		plural(s.Resources, "resource change", "resource changes"), s.Estimated, s.Free, s.Unsupported)
	if s.UnpricedComponents > 0 {
		fmt.Fprintf(w, "  %s: price not found (counted as 0, not a real zero)\n",
			plural(s.UnpricedComponents, "component", "components"))
	}
	if s.UsageUnknownComponents > 0 {
		fmt.Fprintf(w, "  %s without usage: unit price shown, monthly cost depends on usage (give it with --usage-file)\n",
			plural(s.UsageUnknownComponents, "usage-based component", "usage-based components"))
	}
	if s.UnpricedUsageComponents > 0 {
		fmt.Fprintf(w, "  %s: price not found either (giving usage will not price them)\n",
			plural(s.UnpricedUsageComponents, "usage-based component without usage", "usage-based components without usage"))
	}
	if len(s.UnsupportedTypes) > 0 {
		parts := make([]string, 0, len(s.UnsupportedTypes))
		for _, t := range sortedTypeCounts(s.UnsupportedTypes) {
			parts = append(parts, fmt.Sprintf("%s (%d)", t, s.UnsupportedTypes[t]))
		}
		fmt.Fprintf(w, "  not priced, unsupported types: %s\n", strings.Join(parts, ", "))
	}
	if assumedRegions := countAssumedRegions(est); assumedRegions > 0 {
		fmt.Fprintf(w, "  %s priced in an assumed region (no region in the resource or its provider)\n",
			plural(assumedRegions, "resource", "resources"))
	}
	if len(est.PriceSources) > 0 {
		parts := make([]string, 0, len(est.PriceSources))
		for _, p := range est.PriceSources {
			parts = append(parts, fmt.Sprintf("%s (%s)", p.Name, p.Date))
		}
		fmt.Fprintf(w, "Prices: %s\n", strings.Join(parts, ", "))
	}
	for _, warning := range est.Warnings {
		fmt.Fprintf(w, "Warning: %s\n", warning)
	}
}

// countAssumedRegions counts estimated resources whose region is a default.
func countAssumedRegions(est *Estimate) int {
	n := 0
	for _, r := range est.Resources {
		if r.Status == StatusEstimated && (r.RegionSource == RegionFromDefault || r.RegionSource == RegionFromFlag) {
			n++
		}
	}
	return n
}
