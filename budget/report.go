package budget

import (
	"strings"
	"unicode/utf8"

	"github.com/costgate/costgate/internal/usd"
)

// Limits of the run task callback that the report keeps to itself where
// meaning matters (cutting a table row in half would mislead).
const (
	MaxOutcomes    = 250
	MaxBody        = 10000
	MaxDescription = 1000
	MaxLabel       = 32
)

// Tag levels of the run task protocol.
const (
	LevelNone    = "none"
	LevelInfo    = "info"
	LevelWarning = "warning"
	LevelError   = "error"
)

// Report is the decision in the shape of a run task result, free of any
// HTTP type: the worker converts it 1:1 to runtask.Result.
type Report struct {
	Status   string // passed or failed
	Message  string
	URL      string
	Outcomes []Outcome
}

// Outcome is one detailed result shown in the run's page.
type Outcome struct {
	ID          string
	Description string
	Body        string // markdown
	URL         string
	Tags        map[string][]Tag // keys are single words (^[A-Za-z_][A-Za-z0-9_]*$)
}

// Tag is one label under a tag key; Level is none, info, warning or error.
type Tag struct {
	Label string
	Level string
}

// BuildReport turns a decision into the message and outcomes: a cost
// summary, one outcome per rule evaluated, the resources that changed most,
// and what could not be priced.
func BuildReport(in Input, d Decision) Report {
	r := Report{Status: string(d.Status), Message: Message(in, d), URL: in.RunURL}
	if d.EstimateError != "" {
		r.Outcomes = append(r.Outcomes, errorOutcome(in, d))
	} else {
		r.Outcomes = append(r.Outcomes, summaryOutcome(in, d))
	}
	for _, c := range d.Checks {
		r.Outcomes = append(r.Outcomes, checkOutcome(in, c))
	}
	if in.Estimate != nil && d.EstimateError == "" {
		if o, ok := changesOutcome(in); ok {
			r.Outcomes = append(r.Outcomes, o)
		}
		if o, ok := unpricedOutcome(in); ok {
			r.Outcomes = append(r.Outcomes, o)
		}
	}
	if len(r.Outcomes) > MaxOutcomes {
		r.Outcomes = r.Outcomes[:MaxOutcomes]
	}
	return r
}

func statusTag(d Decision) Tag {
	switch {
	case d.Status == Failed:
		return Tag{Label: "Failed", Level: LevelError}
	case len(d.Warnings) > 0:
		return Tag{Label: "Passed with warnings", Level: LevelWarning}
	}
	return Tag{Label: "Passed", Level: LevelNone}
}

func resultTag(r Result) Tag {
	switch r {
	case ResultFailed:
		return Tag{Label: "Failed", Level: LevelError}
	case ResultWarning:
		return Tag{Label: "Warning", Level: LevelWarning}
	case ResultNotEvaluated:
		return Tag{Label: "Not evaluated", Level: LevelInfo}
	}
	return Tag{Label: "Passed", Level: LevelNone}
}

func summaryOutcome(in Input, d Decision) Outcome {
	e := in.Estimate
	change := usd.FormatSigned(e.DeltaMonthlyCost)
	if pct, ok := percentChange(e.PriorMonthlyCost, e.DeltaMonthlyCost); ok {
		change += " (" + formatPercent(pct) + ")"
	}
	var b strings.Builder
	b.WriteString("| | Monthly cost |\n|---|---:|\n")
	b.WriteString("| Prior | " + usd.Format(e.PriorMonthlyCost) + " |\n")
	b.WriteString("| Proposed | " + usd.Format(e.ProposedMonthlyCost) + " |\n")
	b.WriteString("| Change | " + change + " |\n\n")
	s := e.Summary
	b.WriteString(countNoun(int64(s.Resources), "resource", "resources") + " in the plan: " +
		countNoun(int64(s.Estimated), "estimated", "estimated") + ", " +
		countNoun(int64(s.Free), "free", "free") + ", " +
		countNoun(int64(s.Unsupported), "not supported", "not supported") + ".")
	if s.UnpricedComponents > 0 {
		b.WriteString(" " + countNoun(int64(s.UnpricedComponents), "component", "components") + " could not be priced (price not found) and " +
			map[bool]string{true: "counts", false: "count"}[s.UnpricedComponents == 1] + " as $0.00, so the totals are a lower bound.")
	}
	if s.UsageUnknownComponents > 0 {
		b.WriteString(" " + countNoun(int64(s.UsageUnknownComponents), "usage-based component is", "usage-based components are") + " shown at unit price only (usage unknown).")
	}
	b.WriteString("\n\n")
	b.WriteString(policyLine(d))
	b.WriteString("\n\nUSD per month, 730 hours a month.")
	return Outcome{
		ID:          "cost-summary",
		Description: clip("Monthly cost "+change+": "+usd.Format(e.PriorMonthlyCost)+" → "+usd.Format(e.ProposedMonthlyCost)+" across "+countNoun(int64(s.Resources), "resource change", "resource changes"), MaxDescription),
		Body:        b.String(),
		URL:         in.RunURL,
		Tags: map[string][]Tag{
			"Status": {statusTag(d)},
			"Change": {{Label: clip(change, MaxLabel), Level: changeLevel(e.DeltaMonthlyCost.Sign())}},
		},
	}
}

func changeLevel(sign int) string {
	if sign > 0 {
		return LevelWarning
	}
	return LevelInfo
}

func policyLine(d Decision) string {
	var parts []string
	if d.Policy != nil {
		parts = append(parts, "Policy applied: **"+escapeMarkdown(d.Policy.DisplayName())+"**"+policyIDNote(*d.Policy)+".")
	} else {
		parts = append(parts, "No budget policy applies to this workspace.")
	}
	if op := d.OrganizationPolicy; op != nil && op.OrganizationMonthlyBudget != nil {
		parts = append(parts, "Organization budget: "+usd.Format(*op.OrganizationMonthlyBudget)+" a month"+policyIDNote(*op)+".")
	}
	return strings.Join(parts, " ")
}

func policyIDNote(p Policy) string {
	if p.ID == "" {
		return ""
	}
	note := " (`" + strings.ReplaceAll(p.ID, "`", "'") + "`"
	switch p.Source {
	case SourceAPI:
		note += ", set through the API"
	case SourceFile:
		note += ", from the budgets file"
	}
	return note + ")"
}

func checkOutcome(in Input, c Check) Outcome {
	var b strings.Builder
	b.WriteString("| Rule | Policy | Limit | Actual | Result |\n|---|---|---:|---:|---|\n")
	actual := c.actualText()
	if c.Result == ResultNotEvaluated && c.Detail == detailNoPrior {
		actual = "undefined"
	}
	limit := c.limitText()
	if c.Rule == RuleOnError {
		limit, actual = "—", "—"
	}
	b.WriteString("| `" + string(c.Rule) + "` | " + escapeMarkdown(orDash(c.Policy.Name)) + " | " + limit + " | " + actual + " | " + string(c.Result) + " |\n")
	if c.Detail != "" {
		b.WriteString("\n" + capitalizeIf(true, c.Detail) + ".\n")
	}
	tags := map[string][]Tag{"Status": {resultTag(c.Result)}}
	if c.Policy.Name != "" {
		tags["Policy"] = []Tag{{Label: clip(c.Policy.Name, MaxLabel), Level: LevelNone}}
	}
	return Outcome{
		ID:          "rule-" + string(c.Rule),
		Description: clip(c.Sentence(), MaxDescription),
		Body:        b.String(),
		URL:         in.RunURL,
		Tags:        tags,
	}
}

func errorOutcome(in Input, d Decision) Outcome {
	return Outcome{
		ID:          "estimation-error",
		Description: clip("Cost estimation failed: "+oneLine(d.EstimateError), MaxDescription),
		Body:        clipBody("The run could not be priced:\n\n    " + strings.ReplaceAll(d.EstimateError, "\n", "\n    ") + "\n"),
		URL:         in.RunURL,
		Tags:        map[string][]Tag{"Status": {statusTag(d)}},
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// escapeMarkdown keeps names and addresses from breaking tables or
// formatting: pipes, backticks, emphasis and brackets are escaped.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		if strings.ContainsRune("\\`*_[]<>|#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// clipBody keeps a body within MaxBody characters.
func clipBody(s string) string {
	if utf8.RuneCountInString(s) <= MaxBody {
		return s
	}
	const mark = "\n\n… (cut to fit the 10,000-character limit)"
	return clip(s, MaxBody-utf8.RuneCountInString(mark)) + mark
}
