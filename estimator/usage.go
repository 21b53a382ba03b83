package estimator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// UsageFileVersion is the only usage-file version understood, Infracost's.
const UsageFileVersion = "0.1"

// maxUsageDepth bounds nesting (and alias expansion) in a usage file.
const maxUsageDepth = 32

// UsageFile is a parsed usage file in Infracost's format:
//
//	version: 0.1
//	resource_type_default_usage:
//	  aws_lambda_function:
//	    monthly_requests: 1000000
//	resource_usage:
//	  aws_lambda_function.api:
//	    monthly_requests: 5000000
//	  module.app.aws_instance.web[*]:
//	    operating_system: windows
//
// A resource's usage merges, later winning: the type's defaults, every
// matching wildcard entry (more wildcards first), the exact address.
// Nested objects merge key by key. Numbers keep their exact decimal text.
type UsageFile struct {
	typeDefaults map[string]map[string]any
	exact        map[string]map[string]any
	wildcards    []usagePattern
}

type usagePattern struct {
	pattern   string
	wildcards int
	values    map[string]any
}

// ParseUsageFile reads a usage file; name is used in error messages, which
// give line numbers.
func ParseUsageFile(name string, r io.Reader) (*UsageFile, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(r).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty usage file: want \"version: %s\"", name, UsageFileVersion)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: line %d: a usage file is a mapping with version, resource_type_default_usage and resource_usage", name, root.Line)
	}
	u := &UsageFile{typeDefaults: map[string]map[string]any{}, exact: map[string]map[string]any{}}
	seenVersion := false
	err := eachPair(root, func(key string, k, v *yaml.Node) error {
		switch key {
		case "version":
			if v.Kind != yaml.ScalarNode || v.Value != UsageFileVersion {
				return fmt.Errorf("line %d: unsupported usage file version %q (supported: %s)", v.Line, v.Value, UsageFileVersion)
			}
			seenVersion = true
			return nil
		case "resource_type_default_usage":
			return eachEntry(v, key, func(typ string, line int, values map[string]any) error {
				if strings.ContainsAny(typ, ".[") {
					return fmt.Errorf("line %d: %q is not a resource type (addresses go under resource_usage)", line, typ)
				}
				u.typeDefaults[typ] = values
				return nil
			})
		case "resource_usage":
			return eachEntry(v, key, func(addr string, line int, values map[string]any) error {
				if err := checkUsageAddress(addr); err != nil {
					return fmt.Errorf("line %d: %w", line, err)
				}
				if n := strings.Count(addr, "[*]"); n > 0 {
					u.wildcards = append(u.wildcards, usagePattern{pattern: addr, wildcards: n, values: values})
					return nil
				}
				u.exact[addr] = values
				return nil
			})
		}
		return fmt.Errorf("line %d: unknown key %q (want version, resource_type_default_usage or resource_usage)", k.Line, key)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !seenVersion {
		return nil, fmt.Errorf("%s: missing \"version: %s\"", name, UsageFileVersion)
	}
	// More wildcards first, so that more specific patterns are merged later and win.
	sort.Slice(u.wildcards, func(i, j int) bool {
		a, b := u.wildcards[i], u.wildcards[j]
		if a.wildcards != b.wildcards {
			return a.wildcards > b.wildcards
		}
		return a.pattern < b.pattern
	})
	return u, nil
}

// eachEntry walks a mapping of name → usage values.
func eachEntry(n *yaml.Node, section string, fn func(name string, line int, values map[string]any) error) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: %s must be a mapping", n.Line, section)
	}
	return eachPair(n, func(name string, k, v *yaml.Node) error {
		if isNull(v) {
			return fn(name, k.Line, map[string]any{})
		}
		if v.Kind != yaml.MappingNode {
			return fmt.Errorf("line %d: usage of %q must be a mapping of usage keys to values", v.Line, name)
		}
		values, err := usageValue(v, 0)
		if err != nil {
			return err
		}
		return fn(name, k.Line, values.(map[string]any))
	})
}

// eachPair calls fn for every key of a mapping, rejecting duplicate and
// non-scalar keys.
func eachPair(n *yaml.Node, fn func(key string, k, v *yaml.Node) error) error {
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: keys must be plain names", k.Line)
		}
		if first, dup := seen[k.Value]; dup {
			return fmt.Errorf("line %d: %q is repeated (first on line %d)", k.Line, k.Value, first)
		}
		seen[k.Value] = k.Line
		if err := fn(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

// usageValue converts a YAML node into the values schema.Usage reads:
// json.Number for numbers (exact), string, bool, []any, map[string]any.
func usageValue(n *yaml.Node, depth int) (any, error) {
	if depth > maxUsageDepth {
		return nil, fmt.Errorf("line %d: usage values nested too deeply", n.Line)
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, fmt.Errorf("line %d: unresolved alias", n.Line)
		}
		return usageValue(n.Alias, depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		err := eachPair(n, func(key string, _, v *yaml.Node) error {
			if isNull(v) {
				return nil
			}
			x, err := usageValue(v, depth+1)
			if err != nil {
				return err
			}
			m[key] = x
			return nil
		})
		return m, err
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			x, err := usageValue(e, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float":
			text := strings.ReplaceAll(n.Value, "_", "")
			if _, err := decimal.NewFromString(text); err != nil {
				return nil, fmt.Errorf("line %d: %q is not a decimal number", n.Line, n.Value)
			}
			return json.Number(text), nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, fmt.Errorf("line %d: %w", n.Line, err)
			}
			return b, nil
		case "!!null":
			return nil, nil
		default:
			return n.Value, nil
		}
	}
	return nil, fmt.Errorf("line %d: unsupported value", n.Line)
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// checkUsageAddress rejects addresses with unbalanced brackets, which could
// never match a resource.
func checkUsageAddress(addr string) error {
	if addr == "" {
		return errors.New("empty resource address")
	}
	for i := 0; i < len(addr); i++ {
		switch addr[i] {
		case '[':
			end := closingBracket(addr, i)
			if end < 0 {
				return fmt.Errorf("resource address %q has an unclosed [", addr)
			}
			i = end
		case ']':
			return fmt.Errorf("resource address %q has an unmatched ]", addr)
		}
	}
	return nil
}

// matchWildcard reports whether addr matches a pattern in which every
// "[*]" stands for one instance key.
func matchWildcard(pattern, addr string) bool {
	i, j := 0, 0
	for i < len(pattern) {
		if strings.HasPrefix(pattern[i:], "[*]") {
			if j >= len(addr) || addr[j] != '[' {
				return false
			}
			end := closingBracket(addr, j)
			if end < 0 {
				return false
			}
			i += 3
			j = end + 1
			continue
		}
		if j >= len(addr) || pattern[i] != addr[j] {
			return false
		}
		i++
		j++
	}
	return j == len(addr)
}

// forResource merges the usage of one resource; used receives every
// resource_usage entry that applied. The result must not be modified.
func (u *UsageFile) forResource(typ, addr string, used func(entry string)) map[string]any {
	if u == nil {
		return nil
	}
	var layers []map[string]any
	if d := u.typeDefaults[typ]; d != nil {
		layers = append(layers, d)
	}
	for _, w := range u.wildcards {
		if matchWildcard(w.pattern, addr) {
			layers = append(layers, w.values)
			used(w.pattern)
		}
	}
	if e, ok := u.exact[addr]; ok {
		layers = append(layers, e)
		used(addr)
	}
	switch len(layers) {
	case 0:
		return nil
	case 1:
		return layers[0]
	}
	merged := map[string]any{}
	for _, l := range layers {
		mergeUsage(merged, l)
	}
	return merged
}

// entries lists the resource_usage addresses and patterns of the file.
func (u *UsageFile) entries() []string {
	if u == nil {
		return nil
	}
	out := make([]string, 0, len(u.exact)+len(u.wildcards))
	for a := range u.exact {
		out = append(out, a)
	}
	for _, w := range u.wildcards {
		out = append(out, w.pattern)
	}
	sort.Strings(out)
	return out
}

// mergeUsage copies src into dst; nested objects merge key by key, copying
// so that the file's own maps are never modified.
func mergeUsage(dst, src map[string]any) {
	for k, v := range src {
		sm, ok := v.(map[string]any)
		if !ok {
			dst[k] = v
			continue
		}
		dm, ok := dst[k].(map[string]any)
		if !ok {
			dm = map[string]any{}
		} else {
			dm = cloneMap(dm)
		}
		mergeUsage(dm, sm)
		dst[k] = dm
	}
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
