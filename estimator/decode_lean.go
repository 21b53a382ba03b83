package estimator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// DecodePlanForEstimate reads a plan as DecodePlan does (wrapper noise,
// checks and errors alike) but keeps only what EstimatePlan reads, so that a
// large plan costs a fraction of its size in memory: the document is
// streamed, resource changes are decoded one at a time, each change's
// before/after/after_unknown values are kept as their JSON text and decoded
// only while the estimate reads them, and planned_values, prior_state,
// resource_drift, output_changes, checks and relevant_attributes are checked
// for JSON syntax and dropped. Whatever DecodePlan accepts it accepts, with
// the same estimate; it may accept a plan whose unread parts hold values of
// the wrong type, which DecodePlan rejects. The result is for EstimatePlan:
// its Change.Before/After/AfterUnknown are not maps (other readers want
// DecodePlan), and PlannedValues is empty but set when the plan had one.
func DecodePlanForEstimate(r io.Reader) (*tfjson.Plan, error) {
	br, err := openPlan(r)
	if err != nil {
		return nil, err
	}
	d := &leanDecoder{s: newJSONScanner(br, 64<<10), plan: &tfjson.Plan{}}
	if err := d.document(); err != nil {
		return nil, describeDecodeError(err)
	}
	if d.typeErr != nil {
		return nil, d.typeErr
	}
	// As in DecodePlan, where tfjson validates the version while decoding.
	if err := d.plan.Validate(); err != nil {
		return nil, describeDecodeError(err)
	}
	s := d.s
	return finishPlan(d.plan, io.MultiReader(bytes.NewReader(s.buf[s.pos:s.end]), br))
}

// leanDecoder fills a plan from the top-level object, field by field.
type leanDecoder struct {
	s    *jsonScanner
	plan *tfjson.Plan
	// typeErr is the first value of the wrong type; like encoding/json, the
	// document is still read to the end (a syntax error wins over it).
	typeErr error
}

func (d *leanDecoder) document() error {
	if err := d.s.expect('{', "looking for beginning of value"); err != nil {
		return err
	}
	var key string
	return d.s.eachMember(func() (err error) {
		key, err = d.key()
		return err
	}, func() error { return d.field(key) })
}

// key reads an object key and decodes its escapes.
func (d *leanDecoder) key() (string, error) {
	raw, err := d.s.captureValue()
	if err != nil {
		return "", err
	}
	var k string
	if err := json.Unmarshal(raw, &k); err != nil {
		return "", err
	}
	return k, nil
}

// Top-level fields EstimatePlan reads; encoding/json matches keys without
// regard to case, and so does the lean decoder.
var leanFields = []string{"format_version", "terraform_version", "variables", "planned_values",
	"resource_changes", "deferred_changes", "configuration"}

func fieldName(key string) string {
	for _, f := range leanFields {
		if key == f {
			return f
		}
	}
	for _, f := range leanFields {
		if strings.EqualFold(key, f) {
			return f
		}
	}
	return ""
}

func (d *leanDecoder) field(key string) error {
	s := d.s
	name := fieldName(key)
	switch name {
	case "":
		return s.value(0)
	case "resource_changes":
		return d.resourceChanges()
	case "planned_values":
		c, err := s.skipSpace()
		if err != nil {
			return err
		}
		if err := s.value(0); err != nil {
			return err
		}
		switch c {
		case 'n':
			d.plan.PlannedValues = nil
		case '{':
			d.plan.PlannedValues = &tfjson.StateValues{}
		default:
			d.wrongType(name, c, "tfjson.StateValues")
		}
		return nil
	}
	raw, err := s.captureValue()
	if err != nil {
		return err
	}
	var target any
	switch name {
	case "format_version":
		target = &d.plan.FormatVersion
	case "terraform_version":
		target = &d.plan.TerraformVersion
	case "variables":
		d.plan.Variables = nil
		target = &d.plan.Variables
	case "deferred_changes":
		d.plan.DeferredChanges = nil
		target = &d.plan.DeferredChanges
	case "configuration":
		d.plan.Config = nil
		// tfjson.Config decodes itself without json.Number, as in DecodePlan.
		if err := json.Unmarshal(raw, &d.plan.Config); err != nil {
			return d.unmarshalError(name, err)
		}
		return nil
	}
	return d.unmarshalError(name, decodeNumbers(raw, target))
}

// resourceChanges streams the resource_changes array, element by element.
func (d *leanDecoder) resourceChanges() error {
	s := d.s
	c, err := s.skipSpace()
	if err != nil {
		return err
	}
	switch c {
	case 'n':
		d.plan.ResourceChanges = nil
		return s.value(0)
	case '[':
	default:
		d.wrongType("resource_changes", c, "[]*tfjson.ResourceChange")
		return s.value(0)
	}
	s.pos++
	changes := make([]*tfjson.ResourceChange, 0, 64)
	defer func() { d.plan.ResourceChanges = changes }()
	return s.eachElement(func() error {
		raw, err := s.captureValue()
		if err != nil {
			return err
		}
		rc, err := decodeLeanChange(raw)
		if err != nil {
			if err := d.unmarshalError("resource_changes", err); err != nil {
				return err
			}
		}
		changes = append(changes, rc)
		return nil
	})
}

// wrongType records a value of the wrong JSON type for a field.
func (d *leanDecoder) wrongType(field string, first byte, want string) {
	if d.typeErr != nil {
		return
	}
	kind := map[byte]string{'{': "object", '[': "array", '"': "string", 't': "bool", 'f': "bool"}[first]
	if kind == "" {
		kind = "number"
	}
	d.typeErr = fmt.Errorf("not a Terraform plan: field %q has a %s where a %s belongs", field, kind, want)
}

// unmarshalError keeps the first type error (naming the field from the top
// of the plan) and returns any other error.
func (d *leanDecoder) unmarshalError(field string, err error) error {
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) {
		return err
	}
	if d.typeErr == nil {
		path := field
		if typ.Field != "" {
			path += "." + typ.Field
		}
		d.typeErr = fmt.Errorf("not a Terraform plan: field %q has a %s where a %s belongs", path, typ.Value, typ.Type)
	}
	return nil
}

// decodeNumbers decodes JSON text with numbers as json.Number, as DecodePlan does.
func decodeNumbers(raw []byte, target any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(target)
}

// leanChange is the part of a resource change the estimator reads; values
// stay JSON text until read.
type leanChange struct {
	Address       string              `json:"address"`
	ModuleAddress string              `json:"module_address"`
	Mode          tfjson.ResourceMode `json:"mode"`
	Type          string              `json:"type"`
	Name          string              `json:"name"`
	Index         json.RawMessage     `json:"index"`
	ProviderName  string              `json:"provider_name"`
	DeposedKey    string              `json:"deposed"`
	Change        *struct {
		Actions      tfjson.Actions  `json:"actions"`
		Before       json.RawMessage `json:"before"`
		After        json.RawMessage `json:"after"`
		AfterUnknown json.RawMessage `json:"after_unknown"`
	} `json:"change"`
}

// decodeLeanChange decodes one element of resource_changes (nil for null).
func decodeLeanChange(raw []byte) (*tfjson.ResourceChange, error) {
	var lc *leanChange
	if err := json.Unmarshal(raw, &lc); err != nil || lc == nil {
		return nil, err
	}
	rc := &tfjson.ResourceChange{
		Address: lc.Address, ModuleAddress: lc.ModuleAddress, Mode: lc.Mode, Type: lc.Type, Name: lc.Name,
		ProviderName: lc.ProviderName, DeposedKey: lc.DeposedKey,
	}
	if len(lc.Index) > 0 && string(lc.Index) != "null" {
		if err := decodeNumbers(lc.Index, &rc.Index); err != nil {
			return nil, err
		}
	}
	if c := lc.Change; c != nil {
		rc.Change = &tfjson.Change{Actions: c.Actions, Before: lazy(c.Before), After: lazy(c.After), AfterUnknown: lazy(c.AfterUnknown)}
		if b, a := rc.Change.Before, rc.Change.After; b != nil && a != nil && bytes.Equal(b.(planValue), a.(planValue)) {
			rc.Change.Before = a // a no-op's two sides are one text: kept once
		}
	}
	return rc, nil
}

// planValue is an attribute value kept as its JSON text by
// DecodePlanForEstimate, decoded (numbers as json.Number) when read.
type planValue []byte

// lazy wraps a value's text; null and absent values are nil, as decoded.
func lazy(raw json.RawMessage) any {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return planValue(raw)
}

// decodedValue returns v decoded when it is a planValue, else v itself.
func decodedValue(v any) any {
	pv, ok := v.(planValue)
	if !ok {
		return v
	}
	var out any
	if err := decodeNumbers(pv, &out); err != nil {
		// Unreachable: the text was validated when the plan was read.
		return nil
	}
	return out
}
