package budget

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/internal/usd"
	"github.com/shopspring/decimal"
)

// changesOutcome lists the resources whose monthly cost changed most, as a
// markdown table sorted by the size of the change (then address) that fits
// in MaxBody characters, noting how many rows were left out.
func changesOutcome(in Input) (Outcome, bool) {
	type row struct {
		res   *estimator.ResourceCost
		delta decimal.Decimal
		size  decimal.Decimal // |delta|, the sort key
	}
	var changed []row
	unchanged := 0
	for i := range in.Estimate.Resources {
		r := &in.Estimate.Resources[i]
		d := r.ProposedMonthlyCost.Sub(r.PriorMonthlyCost)
		if d.IsZero() {
			unchanged++
			continue
		}
		changed = append(changed, row{res: r, delta: d, size: d.Abs()})
	}
	if len(changed) == 0 {
		return Outcome{}, false
	}
	slices.SortFunc(changed, func(a, b row) int { // addresses are unique: a total order
		if c := b.size.Cmp(a.size); c != 0 {
			return c
		}
		return strings.Compare(a.res.Address, b.res.Address)
	})

	const header = "| Resource | Action | Before | After | Change |\n|---|---|---:|---:|---:|\n"
	footer := func(left int) string {
		var notes []string
		if left > 0 {
			notes = append(notes, countNoun(int64(left), "more changed resource is", "more changed resources are")+" not shown.")
		}
		if unchanged > 0 {
			notes = append(notes, countNoun(int64(unchanged), "resource has", "resources have")+" no cost change.")
		}
		if len(notes) == 0 {
			return ""
		}
		return "\n" + strings.Join(notes, " ") + "\n"
	}
	var b strings.Builder
	b.WriteString(header)
	used := utf8.RuneCountInString(header)
	shown := 0
	for i, c := range changed {
		r := c.res
		line := "| " + escapeMarkdown(r.Address) + " | " + escapeMarkdown(r.Action) + " | " +
			usd.Format(r.PriorMonthlyCost) + " | " + usd.Format(r.ProposedMonthlyCost) + " | " +
			usd.FormatSigned(c.delta) + " |\n"
		n := utf8.RuneCountInString(line)
		if used+n+utf8.RuneCountInString(footer(len(changed)-i-1)) > MaxBody {
			break
		}
		b.WriteString(line)
		used += n
		shown++
	}
	if shown == 0 {
		return Outcome{}, false
	}
	b.WriteString(footer(len(changed) - shown))

	desc := "The " + countNoun(int64(shown), "resource", "resources") + " whose monthly cost changed most"
	if shown == len(changed) {
		desc = countNoun(int64(shown), "resource", "resources") + " with a monthly cost change, largest first"
	} else {
		desc += " (of " + strconv.Itoa(len(changed)) + ")"
	}
	return Outcome{
		ID:          "top-changes",
		Description: desc,
		Body:        b.String(),
		URL:         in.RunURL,
		Tags:        map[string][]Tag{"Changed": {{Label: countNoun(int64(len(changed)), "resource", "resources"), Level: LevelInfo}}},
	}, true
}

// unpricedOutcome lists components whose price was not found and resource
// types costgate does not support, so nobody reads a missing price as $0.
func unpricedOutcome(in Input) (Outcome, bool) {
	e := in.Estimate
	type missing struct{ address, component, unit string }
	var unpriced []missing
	for _, r := range e.Resources {
		for _, c := range r.Components {
			switch {
			case c.Unpriced():
				unpriced = append(unpriced, missing{r.Address, c.Name, c.Unit})
			case !c.PriceFound:
				// No usage given, so no money is missing yet; still listed.
				unpriced = append(unpriced, missing{r.Address, c.Name + " (usage-based, no usage given)", c.Unit})
			}
		}
	}
	type typeCount struct {
		name  string
		count int
	}
	var types []typeCount
	for name, n := range e.Summary.UnsupportedTypes {
		types = append(types, typeCount{name, n})
	}
	if len(types) == 0 {
		// Older estimates may carry only per-resource status.
		counts := map[string]int{}
		for _, r := range e.Resources {
			if r.Status == "unsupported" {
				counts[r.Type]++
			}
		}
		for name, n := range counts {
			types = append(types, typeCount{name, n})
		}
	}
	sort.Slice(types, func(i, j int) bool {
		if types[i].count != types[j].count {
			return types[i].count > types[j].count
		}
		return types[i].name < types[j].name
	})
	unpricedCount := e.Summary.UnpricedComponents
	unsupportedCount := e.Summary.Unsupported
	if len(unpriced) == 0 && unsupportedCount == 0 && len(types) == 0 {
		return Outcome{}, false
	}

	var sections []table
	if len(unpriced) > 0 {
		t := table{
			title:  "Price not found",
			header: "| Resource | Component | Unit |\n|---|---|---|\n",
			noun:   [2]string{"more component", "more components"},
		}
		for _, m := range unpriced {
			t.rows = append(t.rows, "| "+escapeMarkdown(m.address)+" | "+escapeMarkdown(m.component)+" | "+escapeMarkdown(m.unit)+" |\n")
		}
		sections = append(sections, t)
	}
	if len(types) > 0 {
		t := table{
			title:  "Resource types not supported (not priced)",
			header: "| Resource type | Resources |\n|---|---:|\n",
			noun:   [2]string{"more type", "more types"},
		}
		for _, tc := range types {
			t.rows = append(t.rows, "| "+escapeMarkdown(tc.name)+" | "+strconv.Itoa(tc.count)+" |\n")
		}
		sections = append(sections, t)
	}

	var parts []string
	tags := map[string][]Tag{}
	if unpricedCount > 0 {
		parts = append(parts, countNoun(int64(unpricedCount), "component", "components")+" could not be priced")
		tags["Unpriced"] = []Tag{{Label: countNoun(int64(unpricedCount), "component", "components"), Level: LevelWarning}}
	}
	if unsupportedCount > 0 {
		parts = append(parts, countNoun(int64(unsupportedCount), "resource is", "resources are")+" not supported")
		tags["Unsupported"] = []Tag{{Label: countNoun(int64(unsupportedCount), "resource", "resources"), Level: LevelInfo}}
	}
	desc := strings.Join(parts, "; ")
	if desc == "" {
		desc = "Resource types not supported"
	}
	return Outcome{
		ID:          "not-priced",
		Description: capitalizeIf(true, desc),
		Body:        renderTables(sections, MaxBody),
		URL:         in.RunURL,
		Tags:        tags,
	}, true
}

// table is a titled markdown table whose rows can be cut to fit.
type table struct {
	title  string
	header string
	rows   []string
	noun   [2]string // "more x", "more xs"
}

// renderTables writes the tables one after another within limit
// characters; rows that do not fit are counted in a note under their table.
// Each table gets an equal share of what is left after the ones before it.
func renderTables(tables []table, limit int) string {
	var b strings.Builder
	used := 0
	for i, t := range tables {
		budget := (limit - used) / (len(tables) - i)
		head := "### " + t.title + "\n\n" + t.header
		if i > 0 {
			head = "\n" + head
		}
		part := head
		size := utf8.RuneCountInString(head)
		shown := 0
		for j, row := range t.rows {
			n := utf8.RuneCountInString(row)
			note := 0
			if rest := len(t.rows) - j - 1; rest > 0 {
				note = utf8.RuneCountInString(moreRows(rest, t.noun))
			}
			if size+n+note > budget {
				break
			}
			part += row
			size += n
			shown++
		}
		if shown == 0 && len(t.rows) > 0 {
			continue
		}
		if left := len(t.rows) - shown; left > 0 {
			note := moreRows(left, t.noun)
			part += note
			size += utf8.RuneCountInString(note)
		}
		b.WriteString(part)
		used += size
	}
	return b.String()
}

func moreRows(n int, noun [2]string) string {
	return "\n" + countNoun(int64(n), noun[0], noun[1]) + " not shown.\n"
}
