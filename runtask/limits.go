package runtask

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of the callback body (§6.2, the strictest published value of each).
const (
	MaxMessageRunes     = 1000
	MaxURLRunes         = 500
	MaxOutcomes         = 250
	MaxOutcomeIDRunes   = 64
	MaxDescriptionRunes = 1000
	MaxBodyRunes        = 10000
	MaxTagKeys          = 10
	MaxLabelsPerKey     = 32
	MaxLabelRunes       = 32
)

// truncationMark ends every clipped text so readers see it was clipped.
const truncationMark = " … [truncated]"

// BuildCallback turns a Result into a callback body that stays inside every
// limit of §6.2: texts are clipped on rune boundaries with a visible marker,
// an empty message or description gets a placeholder, URLs that are too long
// or not http(s) are dropped, tag keys are made into single words, and
// relationships are left out when there are no outcomes or the caller cannot
// take them (outcomesAllowed false). The status is copied as given; Send
// refuses a status other than running, passed or failed.
func BuildCallback(res Result, outcomesAllowed bool) CallbackDoc {
	doc := CallbackDoc{Data: CallbackData{
		Type: CallbackType,
		Attributes: CallbackAttrs{
			Status:  res.Status,
			Message: clipText(res.Message, MaxMessageRunes, defaultMessage(res.Status)),
			URL:     cleanURL(res.URL),
		},
	}}
	if !outcomesAllowed || len(res.Outcomes) == 0 {
		return doc
	}
	outcomes := res.Outcomes
	var omitted int
	if len(outcomes) > MaxOutcomes {
		omitted = len(outcomes) - (MaxOutcomes - 1)
		outcomes = outcomes[:MaxOutcomes-1]
	}
	list := make([]Outcome, 0, len(outcomes)+1)
	for i, o := range outcomes {
		list = append(list, cleanOutcome(o, i))
	}
	if omitted > 0 {
		list = append(list, NewOutcome("OUTCOMES-TRUNCATED",
			fmt.Sprintf("%d more outcomes not shown (at most %d fit in one result)", omitted, MaxOutcomes), "", nil))
	}
	doc.Data.Relationships = &CallbackRels{Outcomes: OutcomeList{Data: list}}
	return doc
}

func defaultMessage(status string) string {
	switch status {
	case StatusPassed:
		return "costgate: passed"
	case StatusFailed:
		return "costgate: failed"
	default:
		return "costgate: working"
	}
}

func cleanOutcome(o Outcome, index int) Outcome {
	a := o.Attributes
	return Outcome{Type: OutcomeType, Attributes: OutcomeAttrs{
		OutcomeID:   clipID(a.OutcomeID, index),
		Description: clipText(oneLine(a.Description), MaxDescriptionRunes, "(no description)"),
		Body:        clipBody(a.Body),
		URL:         cleanURL(a.URL),
		Tags:        cleanTags(a.Tags),
	}}
}

// clipText makes s valid UTF-8, at most limit runes (clipped with the
// marker), and never empty (empty gets fallback).
func clipText(s string, limit int, fallback string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.TrimSpace(s) == "" {
		s = fallback
	}
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return truncateRunes(s, limit-utf8.RuneCountInString(truncationMark)) + truncationMark
}

// clipBody clips markdown, saying how much was cut; empty stays empty.
func clipBody(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	n := utf8.RuneCountInString(s)
	if n <= MaxBodyRunes {
		return s
	}
	mark := func(cut int) string { return fmt.Sprintf("\n\n… [truncated: %d more characters]", cut) }
	keep := MaxBodyRunes - utf8.RuneCountInString(mark(n))
	for MaxBodyRunes-utf8.RuneCountInString(mark(n-keep)) > keep { // the count may have fewer digits than n
		keep++
	}
	return truncateRunes(s, keep) + mark(n-keep)
}

// clipID keeps outcome ids unique when clipping: a long id keeps its head
// and gains a short hash of the whole; an empty id gets one from its index.
func clipID(id string, index int) string {
	id = strings.ToValidUTF8(strings.TrimSpace(id), "\uFFFD")
	if id == "" {
		return fmt.Sprintf("OUTCOME-%d", index+1)
	}
	if utf8.RuneCountInString(id) <= MaxOutcomeIDRunes {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	suffix := "-" + hex.EncodeToString(sum[:4])
	return truncateRunes(id, MaxOutcomeIDRunes-len(suffix)) + suffix
}

// oneLine folds line breaks: a description is shown on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// cleanURL keeps an absolute http(s) URL of at most MaxURLRunes; anything
// else is dropped, because the UI renders other values badly (§6.2).
func cleanURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxURLRunes {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	return s
}

// cleanTags makes tag keys single words, merges keys that become equal,
// keeps at most MaxTagKeys (status and severity first), clips labels and
// normalises levels.
func cleanTags(tags map[string][]Tag) map[string][]Tag {
	if len(tags) == 0 {
		return nil
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys) // map order is random: merge and keep deterministically
	merged := map[string][]Tag{}
	var order []string
	for _, k := range keys {
		labels := cleanLabels(tags[k])
		if len(labels) == 0 {
			continue
		}
		name := tagKey(k)
		if _, seen := merged[name]; !seen {
			order = append(order, name)
		}
		merged[name] = append(merged[name], labels...)
	}
	slices.SortStableFunc(order, func(a, b string) int { return tagRank(a) - tagRank(b) })
	out := map[string][]Tag{}
	for _, name := range order[:min(len(order), MaxTagKeys)] {
		labels := merged[name]
		if len(labels) > MaxLabelsPerKey {
			more := len(labels) - (MaxLabelsPerKey - 1)
			labels = append(labels[:MaxLabelsPerKey-1:MaxLabelsPerKey-1], Tag{Label: clipLabel(fmt.Sprintf("+%d more", more))})
		}
		out[name] = labels
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// tagRank puts the keys the UI renders specially first.
func tagRank(key string) int {
	switch strings.ToLower(key) {
	case "status":
		return 0
	case "severity":
		return 1
	}
	return 2
}

// tagKey makes k match ^[A-Za-z_][A-Za-z0-9_]*$.
func tagKey(k string) string {
	var b strings.Builder
	for _, c := range strings.TrimSpace(k) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' {
			b.WriteRune(c)
		} else {
			b.WriteByte('_')
		}
	}
	s := b.String()
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "_" + s
	}
	return s
}

func cleanLabels(tags []Tag) []Tag {
	var out []Tag
	for _, t := range tags {
		label := strings.TrimSpace(oneLine(t.Label))
		if label == "" {
			continue
		}
		out = append(out, Tag{Label: clipLabel(label), Level: tagLevel(t.Level)})
	}
	return out
}

// clipLabel keeps at most MaxLabelRunes, ending a clipped label with "…".
func clipLabel(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= MaxLabelRunes {
		return s
	}
	return truncateRunes(s, MaxLabelRunes-1) + "…"
}

// tagLevel keeps known levels (any case); anything else renders as none.
func tagLevel(level string) string {
	switch l := strings.ToLower(strings.TrimSpace(level)); l {
	case LevelInfo, LevelWarning, LevelError:
		return l
	}
	return ""
}

// truncateRunes returns the first n runes of s.
func truncateRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}
