package schema

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Values reads a resource's attribute values (a decoded JSON object) by dotted
// path, e.g. "root_block_device.0.volume_size". Unknown marks values that are
// unknown until apply (a plan's after_unknown). A zero Values reads as empty.
type Values struct {
	raw     any
	unknown any
}

// NewValues wraps decoded attribute values and their after_unknown markers.
func NewValues(raw, unknown any) Values { return Values{raw: raw, unknown: unknown} }

// Raw returns the underlying decoded value.
func (v Values) Raw() any { return v.raw }

// Get returns the value at path and whether it is present and not null.
func (v Values) Get(path string) (any, bool) {
	x := lookup(v.raw, path)
	return x, x != nil
}

// Unknown reports whether the value at path (or an enclosing value) is
// marked unknown until apply.
func (v Values) Unknown(path string) bool {
	cur := v.unknown
	if b, ok := cur.(bool); ok {
		return b
	}
	if path == "" {
		return false
	}
	for _, part := range strings.Split(path, ".") {
		cur = step(cur, part)
		if b, ok := cur.(bool); ok {
			return b
		}
		if cur == nil {
			return false
		}
	}
	return false
}

// String returns the value at path as a string ("" when absent).
func (v Values) String(path string) string {
	s, _ := v.StringOK(path)
	return s
}

// StringOK returns the value at path as a string, and whether it was present.
// Numbers and booleans are formatted.
func (v Values) StringOK(path string) (string, bool) {
	switch x := lookup(v.raw, path).(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// Decimal returns the numeric value at path; strings holding numbers count.
func (v Values) Decimal(path string) (decimal.Decimal, bool) {
	return toDecimal(lookup(v.raw, path))
}

// Bool returns the boolean value at path; "true"/"false" strings count.
func (v Values) Bool(path string) (bool, bool) {
	switch x := lookup(v.raw, path).(type) {
	case bool:
		return x, true
	case string:
		b, err := strconv.ParseBool(x)
		return b, err == nil
	}
	return false, false
}

// List returns the elements of the list (or set) at path as Values, with
// their unknown markers. A single object reads as a one-element list.
func (v Values) List(path string) []Values {
	raw := lookup(v.raw, path)
	unk := v.unknownAt(path)
	switch x := raw.(type) {
	case []any:
		out := make([]Values, 0, len(x))
		for i, e := range x {
			out = append(out, Values{raw: e, unknown: step(unk, strconv.Itoa(i))})
		}
		return out
	case map[string]any:
		return []Values{{raw: x, unknown: unk}}
	}
	return nil
}

// Map returns the object at path as string values (non-strings formatted),
// e.g. tags.
func (v Values) Map(path string) map[string]string {
	m, ok := lookup(v.raw, path).(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(m))
	for k := range m {
		if s, ok := (Values{raw: m}).StringOK(k); ok {
			out[k] = s
		}
	}
	return out
}

func (v Values) unknownAt(path string) any {
	cur := v.unknown
	if path == "" {
		return cur
	}
	for _, part := range strings.Split(path, ".") {
		if _, ok := cur.(bool); ok {
			return cur
		}
		cur = step(cur, part)
	}
	return cur
}

func lookup(cur any, path string) any {
	if path == "" {
		return cur
	}
	for _, part := range strings.Split(path, ".") {
		cur = step(cur, part)
		if cur == nil {
			return nil
		}
	}
	return cur
}

func step(cur any, part string) any {
	switch x := cur.(type) {
	case map[string]any:
		return x[part]
	case []any:
		i, err := strconv.Atoi(part)
		if err != nil || i < 0 || i >= len(x) {
			return nil
		}
		return x[i]
	}
	return nil
}

func toDecimal(x any) (decimal.Decimal, bool) {
	switch n := x.(type) {
	case float64:
		return decimal.NewFromFloat(n), true
	case json.Number:
		d, err := decimal.NewFromString(n.String())
		return d, err == nil
	case string:
		d, err := decimal.NewFromString(strings.TrimSpace(n))
		return d, err == nil
	case int:
		return decimal.NewFromInt(int64(n)), true
	case int64:
		return decimal.NewFromInt(n), true
	}
	return decimal.Decimal{}, false
}
