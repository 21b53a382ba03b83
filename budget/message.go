package budget

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/costgate/costgate/internal/usd"
)

// MaxMessage is the protocol's limit on the callback message, in characters.
const MaxMessage = 1000

// maxErrorText bounds the estimation error quoted in the message.
const maxErrorText = 300

// Message is the callback message: its first line is the one people need
// (change, totals, verdict, what could not be priced); the following lines
// give every failed rule and warning. At most MaxMessage characters: lines
// that do not fit are counted, not cut.
func Message(in Input, d Decision) string {
	first := firstLine(in, d)
	// The first line already tells the first reason (or, when passing, the
	// first warning); the detail lines add the rest.
	reasons, warnings := d.Reasons, d.Warnings
	switch {
	case len(reasons) > 0:
		reasons = reasons[1:]
	case len(warnings) > 0:
		warnings = warnings[1:]
	}
	var details []string
	for _, c := range reasons {
		details = append(details, "✗ "+c.Sentence())
	}
	for _, c := range warnings {
		details = append(details, "⚠ "+c.Sentence())
	}
	for _, c := range d.Checks {
		if c.Result == ResultNotEvaluated && c.Detail == detailNoPrior {
			details = append(details, "· "+c.Sentence())
		}
	}
	return fitLines(first, details, MaxMessage)
}

func firstLine(in Input, d Decision) string {
	var b strings.Builder
	b.WriteString(stagePrefix(in.Run))
	if d.EstimateError != "" {
		b.WriteString(capitalizeIf(b.Len() == 0, "cost estimation failed: "))
		b.WriteString(clip(d.EstimateError, maxErrorText))
		b.WriteString(" — ")
		b.WriteString(d.Checks[0].Phrase())
		b.WriteString(".")
		return b.String()
	}
	e := in.Estimate
	b.WriteString(capitalizeIf(b.Len() == 0, "monthly cost "))
	b.WriteString(usd.FormatSigned(e.DeltaMonthlyCost))
	if pct, ok := percentChange(e.PriorMonthlyCost, e.DeltaMonthlyCost); ok {
		b.WriteString(" (" + formatPercent(pct) + ")")
	}
	b.WriteString(": " + usd.Format(e.PriorMonthlyCost) + " → " + usd.Format(e.ProposedMonthlyCost) + " — ")
	b.WriteString(verdict(d))
	b.WriteString(".")
	if n := e.Summary.UnpricedComponents; n > 0 {
		b.WriteString(" " + countNoun(int64(n), "component", "components") + " could not be priced.")
	}
	if n := e.Summary.Unsupported; n > 0 {
		b.WriteString(" " + countNoun(int64(n), "resource is", "resources are") + " not supported.")
	}
	return b.String()
}

// stagePrefix words speculative plans and applied runs so people read the
// verdict right; both are judged the same way.
func stagePrefix(run Run) string {
	switch {
	case run.Stage == StagePostApply:
		return "Applied: "
	case run.Speculative:
		return "Preview: "
	}
	return ""
}

func verdict(d Decision) string {
	switch {
	case len(d.Reasons) > 0:
		return d.Reasons[0].Phrase() + andMore(len(d.Reasons)-1, "failed rule", "failed rules")
	case len(d.Warnings) > 0:
		return "passes with a warning: " + d.Warnings[0].Phrase() + andMore(len(d.Warnings)-1, "warning", "warnings")
	case d.Policy == nil && d.OrganizationPolicy == nil:
		return "no budget policy applies"
	case d.Policy != nil:
		return "within the " + d.Policy.DisplayName() + " budget"
	}
	return "within budget"
}

func andMore(n int, one, many string) string {
	if n <= 0 {
		return ""
	}
	return " (and " + countNoun(int64(n), "more "+one, "more "+many) + ")"
}

func capitalizeIf(yes bool, s string) string {
	if !yes || s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// fitLines joins the first line and as many detail lines as fit in limit
// characters, ending with a count of the lines left out.
func fitLines(first string, details []string, limit int) string {
	first = clip(first, limit)
	out := first
	used := utf8.RuneCountInString(out)
	for i, line := range details {
		rest := len(details) - i - 1
		cost := 1 + utf8.RuneCountInString(line)
		reserve := 0
		if rest > 0 {
			reserve = 1 + utf8.RuneCountInString(moreLines(rest))
		}
		if used+cost+reserve > limit {
			note := "\n" + moreLines(len(details)-i)
			if used+utf8.RuneCountInString(note) <= limit {
				out += note
			}
			return out
		}
		out += "\n" + line
		used += cost
	}
	return out
}

func moreLines(n int) string {
	return "(" + strconv.Itoa(n) + " more in the outcomes)"
}

// clip cuts s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
