package estimator

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// signed renders a difference with its sign and two decimals: +1.50, -2.00, 0.00.
func signed(d decimal.Decimal) string {
	s := d.StringFixed(2)
	if d.Round(2).IsPositive() {
		return "+" + s
	}
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

// unitPrice renders a unit price exactly, with at least two decimals.
func unitPrice(d decimal.Decimal) string {
	if d.Exponent() >= -2 || d.Equal(d.Round(2)) {
		return d.StringFixed(2)
	}
	return d.String()
}

// quantity renders a display quantity with at most four decimals.
func quantity(d decimal.Decimal) string { return d.Round(4).String() }

// actionSymbol is the diff marker of an action, as Terraform prints them.
func actionSymbol(action string) string {
	switch action {
	case "create":
		return "+"
	case "delete", "forget":
		return "-"
	case "update":
		return "~"
	case "replace":
		return "±"
	case "read":
		return "<"
	}
	return " "
}

// sortedTypeCounts lists type counts, most frequent first, then by name.
func sortedTypeCounts(m map[string]int) []string {
	types := make([]string, 0, len(m))
	for t := range m {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool {
		if m[types[i]] != m[types[j]] {
			return m[types[i]] > m[types[j]]
		}
		return types[i] < types[j]
	})
	return types
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// componentDiff pairs the shown components of a resource with its prior
// ones by name (in order, for repeated names) and returns each shown
// component's difference and the prior components that no longer exist.
func componentDiff(r ResourceCost) (diffs []decimal.Decimal, removed []ComponentCost) {
	diffs = make([]decimal.Decimal, len(r.Components))
	switch {
	case r.Action == "no-op":
		return diffs, nil
	case r.Action == "delete" || r.Action == "forget":
		// A removal lists its prior components: every one goes away.
		for i, c := range r.Components {
			diffs[i] = c.MonthlyCost.Neg()
		}
		return diffs, nil
	}
	byName := map[string][]int{}
	for i, c := range r.PriorComponents {
		byName[c.Name] = append(byName[c.Name], i)
	}
	matched := make([]bool, len(r.PriorComponents))
	for i, c := range r.Components {
		diffs[i] = c.MonthlyCost
		if idx := byName[c.Name]; len(idx) > 0 {
			diffs[i] = c.MonthlyCost.Sub(r.PriorComponents[idx[0]].MonthlyCost)
			matched[idx[0]] = true
			byName[c.Name] = idx[1:]
		}
	}
	for i, c := range r.PriorComponents {
		if !matched[i] {
			removed = append(removed, c)
		}
	}
	return diffs, removed
}

// escapeMarkdownCell keeps a table cell on one line and its pipes literal.
func escapeMarkdownCell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
