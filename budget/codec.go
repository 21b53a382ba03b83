package budget

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// rawKind is the JSON/YAML type of one field value before it is interpreted.
type rawKind int

const (
	rawNull rawKind = iota
	rawString
	rawNumber
	rawBool
	rawOther
)

type rawValue struct {
	kind rawKind
	text string
	b    bool
}

// outputOnlyFields appear in API responses; clients may send them back and
// they are ignored on input. (id and source are decoded; the API overrides them.)
var outputOnlyFields = map[string]bool{
	"created_at": true, "updated_at": true, "created_by": true, "updated_by": true, "read_only": true,
}

// amountFields maps each amount field to the policy field it sets.
var amountFields = map[string]func(*Policy) **decimal.Decimal{
	"max_monthly_cost":            func(p *Policy) **decimal.Decimal { return &p.MaxMonthlyCost },
	"max_monthly_increase":        func(p *Policy) **decimal.Decimal { return &p.MaxMonthlyIncrease },
	"max_increase_percent":        func(p *Policy) **decimal.Decimal { return &p.MaxIncreasePercent },
	"warn_monthly_cost":           func(p *Policy) **decimal.Decimal { return &p.WarnMonthlyCost },
	"warn_monthly_increase":       func(p *Policy) **decimal.Decimal { return &p.WarnMonthlyIncrease },
	"warn_increase_percent":       func(p *Policy) **decimal.Decimal { return &p.WarnIncreasePercent },
	"organization_monthly_budget": func(p *Policy) **decimal.Decimal { return &p.OrganizationMonthlyBudget },
}

var workspaceFields = map[string]func(*Policy) **string{
	"workspace_id":      func(p *Policy) **string { return &p.WorkspaceID },
	"workspace_name":    func(p *Policy) **string { return &p.WorkspaceName },
	"workspace_pattern": func(p *Policy) **string { return &p.WorkspacePattern },
}

// maxAmount bounds amounts and percentages, far above any real budget.
var maxAmount = decimal.New(1, 15)

// maxDecimalPlaces bounds the precision of an amount.
const maxDecimalPlaces = 10

// maxAmountText bounds the text of an amount; with plain notation only, it
// keeps inputs such as 1e-2000000000 (a huge rescale) out of arithmetic.
const maxAmountText = 40

// DecodeJSON reads one policy from its JSON form. Unknown fields, wrong types
// and malformed amounts are reported per field (the policy then holds the
// fields that could be read); output-only fields (timestamps) are ignored.
// The result is not yet validated: see ParseJSON.
func DecodeJSON(data []byte) (Policy, error) {
	var fields map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&fields); err != nil {
		return Policy{}, fmt.Errorf("decoding budget policy: want a JSON object: %w", err)
	}
	if fields == nil {
		return Policy{}, fmt.Errorf("decoding budget policy: want a JSON object, got null")
	}
	if dec.More() {
		return Policy{}, fmt.Errorf("decoding budget policy: trailing data after the JSON object")
	}
	raw := make(map[string]rawValue, len(fields))
	for name, msg := range fields {
		raw[name] = jsonRaw(msg)
	}
	return fromRaw(raw)
}

// ParseJSON decodes and validates a policy, reporting every bad field at
// once: those that could not be read and those that break a rule.
func ParseJSON(data []byte, opts ValidateOptions) (Policy, error) {
	p, err := DecodeJSON(data)
	decodeErrs, ok := AsValidationError(err)
	if err != nil && !ok {
		return Policy{}, err
	}
	var all fieldErrors
	reported := map[string]bool{}
	if decodeErrs != nil {
		for _, f := range decodeErrs.Fields {
			all = append(all, f)
			reported[f.Field] = true
		}
	}
	if v, ok := AsValidationError(Validate(p, opts)); ok {
		for _, f := range v.Fields {
			if !reported[f.Field] {
				all = append(all, f)
			}
		}
	}
	if err := all.err(); err != nil {
		return Policy{}, err
	}
	return p, nil
}

func jsonRaw(msg json.RawMessage) rawValue {
	trimmed := bytes.TrimSpace(msg)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return rawValue{kind: rawNull}
	}
	switch trimmed[0] {
	case '"':
		var s string
		if err := json.Unmarshal(trimmed, &s); err != nil {
			return rawValue{kind: rawOther}
		}
		return rawValue{kind: rawString, text: s}
	case 't', 'f':
		return rawValue{kind: rawBool, b: string(trimmed) == "true"}
	case '{', '[':
		return rawValue{kind: rawOther}
	}
	return rawValue{kind: rawNumber, text: string(trimmed)}
}

// UnmarshalJSON decodes with DecodeJSON, so that encoding/json users get the
// same field errors.
func (p *Policy) UnmarshalJSON(data []byte) error {
	got, err := DecodeJSON(data)
	if err != nil {
		return err
	}
	*p = got
	return nil
}

// UnmarshalYAML decodes a policy from a YAML mapping with the JSON field names.
func (p *Policy) UnmarshalYAML(node *yaml.Node) error {
	raw, err := yamlRaw(node)
	if err != nil {
		return err
	}
	got, err := fromRaw(raw)
	if err != nil {
		return err
	}
	*p = got
	return nil
}

func yamlRaw(node *yaml.Node) (map[string]rawValue, error) {
	if node.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: a budget policy must be a mapping of fields", node.Line)
	}
	raw := make(map[string]rawValue, len(node.Content)/2)
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, value := node.Content[i], node.Content[i+1]
		if _, dup := raw[key.Value]; dup {
			return nil, fmt.Errorf("line %d: field %q appears twice", key.Line, key.Value)
		}
		raw[key.Value] = yamlValue(value)
	}
	return raw, nil
}

func yamlValue(n *yaml.Node) rawValue {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		return rawValue{kind: rawOther}
	}
	switch n.ShortTag() {
	case "!!null":
		return rawValue{kind: rawNull}
	case "!!str":
		return rawValue{kind: rawString, text: n.Value}
	case "!!int", "!!float":
		return rawValue{kind: rawNumber, text: n.Value}
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return rawValue{kind: rawOther}
		}
		return rawValue{kind: rawBool, b: b}
	}
	return rawValue{kind: rawOther}
}

// fromRaw interprets field values, collecting one error per bad field.
func fromRaw(raw map[string]rawValue) (Policy, error) {
	var p Policy
	var errs fieldErrors
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		v := raw[name]
		switch {
		case outputOnlyFields[name]:
			// Ignored on input: ids are assigned, sources are known.
		case name == "organization" || name == "id" || name == "source":
			s, ok := stringField(v)
			if !ok {
				errs.add(name, "must be a string")
				continue
			}
			switch name {
			case "organization":
				p.Organization = s
			case "id":
				p.ID = s
			case "source":
				p.Source = s
			}
		case workspaceFields[name] != nil:
			if v.kind == rawNull {
				continue
			}
			if v.kind != rawString {
				errs.add(name, "must be a string or null")
				continue
			}
			s := v.text
			*workspaceFields[name](&p) = &s
		case amountFields[name] != nil:
			d, msg := amountField(v)
			if msg != "" {
				errs.add(name, msg)
				continue
			}
			*amountFields[name](&p) = d
		case name == "fail_on_unpriced":
			switch v.kind {
			case rawBool:
				p.FailOnUnpriced = v.b
			case rawNull:
			default:
				errs.add(name, "must be true or false")
			}
		case name == "on_error":
			s, ok := stringField(v)
			if !ok {
				errs.add(name, `must be "fail" or "pass"`)
				continue
			}
			p.OnError = s
		default:
			errs.add(name, "unknown field")
		}
	}
	return p, errs.err()
}

func stringField(v rawValue) (string, bool) {
	switch v.kind {
	case rawString:
		return v.text, true
	case rawNull:
		return "", true
	}
	return "", false
}

// amountField parses a decimal amount given as a string or a number.
func amountField(v rawValue) (*decimal.Decimal, string) {
	const want = `must be a decimal amount such as "2500" or "12.5", or null`
	switch v.kind {
	case rawNull:
		return nil, ""
	case rawString, rawNumber:
	default:
		return nil, want
	}
	text := strings.TrimSpace(v.text)
	if text == "" || len(text) > maxAmountText || strings.ContainsAny(text, "eE") {
		return nil, want
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return nil, want
	}
	if d.Abs().GreaterThanOrEqual(maxAmount) {
		return nil, "must be less than " + maxAmount.String()
	}
	if -d.Exponent() > maxDecimalPlaces && !d.Equal(d.Round(maxDecimalPlaces)) {
		return nil, fmt.Sprintf("must have at most %d decimal places", maxDecimalPlaces)
	}
	return &d, ""
}
