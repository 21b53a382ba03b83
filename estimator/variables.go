package estimator

import (
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// maxVariableDepth bounds the walk from a module variable up through the
// module calls that set it; configurations are never this deep.
const maxVariableDepth = 64

// variables resolves `var.x` references from the plan's root variables and
// the module calls that pass them down.
type variables struct {
	idx *planIndex
}

// fromReferences resolves an expression whose only variable reference is one
// `var.x` (region = var.region) in the module at modulePath.
func (v *variables) fromReferences(modulePath []string, refs []string) (any, bool) {
	name, ok := singleVariable(refs)
	if !ok {
		return nil, false
	}
	return v.value(modulePath, name, 0)
}

// singleVariable returns x when every reference names variable x
// ("var.x", "var.x.attr"); anything else cannot be resolved statically.
func singleVariable(refs []string) (string, bool) {
	name := ""
	for _, r := range refs {
		rest, ok := strings.CutPrefix(r, "var.")
		if !ok {
			return "", false
		}
		if i := strings.IndexAny(rest, ".["); i >= 0 {
			rest = rest[:i]
		}
		if name != "" && rest != name {
			return "", false
		}
		name = rest
	}
	return name, name != ""
}

// value returns the value of variable name in the module at modulePath.
func (v *variables) value(modulePath []string, name string, depth int) (any, bool) {
	if depth > maxVariableDepth {
		return nil, false
	}
	if len(modulePath) == 0 {
		if pv := v.idx.plan.Variables[name]; pv != nil && pv.Value != nil {
			return pv.Value, true
		}
		return v.defaultValue("", name)
	}
	mod := joinModule(modulePath)
	if call := v.idx.calls[mod]; call != nil {
		if e := call.Expressions[name]; e != nil && e.ExpressionData != nil {
			if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
				return e.ConstantValue, true
			}
			if parentVar, ok := singleVariable(e.References); ok {
				return v.value(modulePath[:len(modulePath)-1], parentVar, depth+1)
			}
			return nil, false
		}
	}
	return v.defaultValue(mod, name)
}

func (v *variables) defaultValue(mod, name string) (any, bool) {
	m := v.idx.modules[mod]
	if m == nil {
		return nil, false
	}
	cv := m.Variables[name]
	if cv == nil || cv.Default == nil {
		return nil, false
	}
	return cv.Default, true
}
