package estimator

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/costgate/costgate/internal/usd"
	"github.com/shopspring/decimal"
)

// MarkdownOptions shape the markdown summary.
type MarkdownOptions struct {
	// MaxChars bounds the output in characters (runes); 0 means no bound.
	// TFC run task outcome bodies take at most 10,000. Rows of the smallest
	// changes are left out first, and the output says how many.
	MaxChars int
	// MaxUnsupportedTypes bounds the unsupported types named; 0 means 10.
	MaxUnsupportedTypes int
}

// truncationMarker ends an output that had to be cut hard.
const truncationMarker = "\n\n…(truncated)\n"

// RenderMarkdown writes what run task outcomes show: the cost change, a
// table of changed resources sorted by the size of their change, and a
// summary of what was not priced.
func RenderMarkdown(w io.Writer, est *Estimate, opts MarkdownOptions) error {
	if est == nil {
		return fmt.Errorf("rendering markdown: no estimate")
	}
	if _, err := io.WriteString(w, Markdown(est, opts)); err != nil {
		return fmt.Errorf("rendering markdown: %w", err)
	}
	return nil
}

// Markdown returns RenderMarkdown's text.
func Markdown(est *Estimate, opts MarkdownOptions) string {
	head := markdownHeadline(est)
	foot := markdownSummary(est, opts)
	rows := markdownRows(est)
	const tableHead = "| Resource | Action | Prior | Proposed | Diff | Notes |\n|---|---|---:|---:|---:|---|\n"

	build := func(n int) string {
		var b strings.Builder
		b.WriteString(head)
		if n > 0 {
			b.WriteString("\n")
			b.WriteString(tableHead)
			for _, r := range rows[:n] {
				b.WriteString(r)
			}
		}
		if left := len(rows) - n; left > 0 {
			fmt.Fprintf(&b, "\n_%s with smaller changes not shown._\n", plural(left, "resource", "resources"))
		}
		b.WriteString("\n")
		b.WriteString(foot)
		return b.String()
	}
	if opts.MaxChars <= 0 {
		return build(len(rows))
	}
	// Rows are sorted by the size of their change: keep the largest prefix that fits.
	// Every row takes more than one character: no more than MaxChars fit.
	lo, hi := 0, min(len(rows), opts.MaxChars)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if utf8.RuneCountInString(build(mid)) <= opts.MaxChars {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return fitRunes(build(lo), opts.MaxChars)
}

// fitRunes cuts s to max runes, ending with a visible marker.
func fitRunes(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	keep := max - utf8.RuneCountInString(truncationMarker)
	if keep <= 0 {
		return string([]rune(s)[:max])
	}
	return string([]rune(s)[:keep]) + truncationMarker
}

func markdownHeadline(est *Estimate) string {
	delta := est.DeltaMonthlyCost
	var verb string
	switch {
	case delta.Round(2).IsPositive():
		verb = "increase by " + usd.Format(delta)
	case delta.Round(2).IsNegative():
		verb = "decrease by " + usd.Format(delta.Abs())
	default:
		verb = "not change"
	}
	pct := ""
	if !delta.Round(2).IsZero() && est.PriorMonthlyCost.IsPositive() {
		p := delta.Div(est.PriorMonthlyCost).Mul(decimal.NewFromInt(100)).Round(1)
		sign := ""
		if p.IsPositive() {
			sign = "+"
		}
		pct = fmt.Sprintf(" (%s%s%%)", sign, p.String())
	}
	return fmt.Sprintf("### Monthly cost will %s%s\n\n%s → %s per month (%s)\n",
		verb, pct, usd.Format(est.PriorMonthlyCost), usd.Format(est.ProposedMonthlyCost), est.Currency)
}

// markdownRows are the changed priced resources, largest change first.
func markdownRows(est *Estimate) []string {
	type row struct {
		r   ResourceCost
		abs decimal.Decimal
	}
	var list []row
	for _, r := range est.Resources {
		if r.Status != StatusEstimated || (r.Action == "no-op" && r.DeltaMonthlyCost.IsZero()) {
			continue
		}
		list = append(list, row{r: r, abs: r.DeltaMonthlyCost.Abs()})
	}
	sort.SliceStable(list, func(i, j int) bool {
		if c := list[i].abs.Cmp(list[j].abs); c != 0 {
			return c > 0
		}
		return list[i].r.Address < list[j].r.Address
	})
	out := make([]string, len(list))
	for i, l := range list {
		r := l.r
		var notes []string
		if unpriced, unpricedUsage := unpricedCounts(r); unpriced+unpricedUsage > 0 {
			unpriced += unpricedUsage
			notes = append(notes, "⚠ "+plural(unpriced, "price", "prices")+" not found")
		}
		if usageUnknownCount(r) > 0 {
			notes = append(notes, "cost depends on usage")
		}
		if r.RegionSource == RegionFromDefault {
			notes = append(notes, "region assumed")
		}
		act := r.Action
		if r.Deposed != "" {
			act += " (deposed)"
		}
		out[i] = fmt.Sprintf("| %s | %s | %s | %s | %s | %s |\n",
			markdownCode(r.Address), act, usd.Format(r.PriorMonthlyCost), usd.Format(r.ProposedMonthlyCost),
			usd.FormatSigned(r.DeltaMonthlyCost), strings.Join(notes, "; "))
	}
	return out
}

func markdownSummary(est *Estimate, opts MarkdownOptions) string {
	s := est.Summary
	var b strings.Builder
	fmt.Fprintf(&b, "**%s:** %d estimated, %d free, %d unsupported.",
		plural(s.Resources, "resource change", "resource changes"), s.Estimated, s.Free, s.Unsupported)
	if s.UnpricedComponents > 0 {
		fmt.Fprintf(&b, " ⚠ %s without a price (price not found; counted as $0).",
			plural(s.UnpricedComponents, "component", "components"))
	}
	if s.UsageUnknownComponents > 0 {
		fmt.Fprintf(&b, " %s without usage (cost depends on usage).",
			plural(s.UsageUnknownComponents, "usage-based component", "usage-based components"))
	}
	if s.UnpricedUsageComponents > 0 {
		fmt.Fprintf(&b, " %s also without a price.",
			plural(s.UnpricedUsageComponents, "usage-based component is", "usage-based components are"))
	}
	b.WriteString("\n")
	if len(s.UnsupportedTypes) > 0 {
		limit := opts.MaxUnsupportedTypes
		if limit <= 0 {
			limit = 10
		}
		types := sortedTypeCounts(s.UnsupportedTypes)
		parts := make([]string, 0, limit+1)
		for i, t := range types {
			if i == limit {
				parts = append(parts, fmt.Sprintf("and %d more", len(types)-limit))
				break
			}
			parts = append(parts, fmt.Sprintf("%s ×%d", markdownCode(t), s.UnsupportedTypes[t]))
		}
		fmt.Fprintf(&b, "\nNot priced (unsupported): %s\n", strings.Join(parts, ", "))
	}
	for _, w := range est.Warnings {
		fmt.Fprintf(&b, "\n⚠ %s\n", escapeMarkdownCell(w))
	}
	if len(est.PriceSources) > 0 {
		parts := make([]string, 0, len(est.PriceSources))
		for _, p := range est.PriceSources {
			parts = append(parts, fmt.Sprintf("%s (%s)", p.Name, p.Date))
		}
		fmt.Fprintf(&b, "\nPrices: %s\n", escapeMarkdownCell(strings.Join(parts, ", ")))
	}
	return b.String()
}

// markdownCode renders an address as inline code, escaped for table cells.
func markdownCode(s string) string {
	if strings.Contains(s, "`") {
		return escapeMarkdownCell(s)
	}
	return "`" + escapeMarkdownCell(s) + "`"
}
