package estimator

import (
	tfjson "github.com/hashicorp/terraform-json"
)

// planIndex indexes a plan's configuration and resource changes once, so
// that region and reference lookups stay O(1) per resource.
type planIndex struct {
	plan *tfjson.Plan
	// configs maps "<bare module path>|<type>.<name>" to a managed resource's configuration.
	configs map[string]*tfjson.ConfigResource
	// modules maps a bare module path ("" for root) to its configuration.
	modules map[string]*tfjson.ConfigModule
	// calls maps a bare child module path to the module call that creates it.
	calls map[string]*tfjson.ModuleCall
	// changes maps "<module instance path>|<type>.<name>" to the managed
	// resource changes of that resource (one per count/for_each instance).
	changes map[string][]*tfjson.ResourceChange
}

func newPlanIndex(plan *tfjson.Plan) *planIndex {
	idx := &planIndex{
		plan:    plan,
		configs: map[string]*tfjson.ConfigResource{},
		modules: map[string]*tfjson.ConfigModule{},
		calls:   map[string]*tfjson.ModuleCall{},
		changes: make(map[string][]*tfjson.ResourceChange, len(plan.ResourceChanges)),
	}
	if plan.Config != nil && plan.Config.RootModule != nil {
		idx.addModule(nil, plan.Config.RootModule)
	}
	for _, rc := range plan.ResourceChanges {
		if rc == nil || rc.Mode != tfjson.ManagedResourceMode || rc.DeposedKey != "" {
			continue
		}
		k := rc.ModuleAddress + "|" + rc.Type + "." + rc.Name
		idx.changes[k] = append(idx.changes[k], rc)
	}
	return idx
}

// addModule records a module's resources and, depth first, its module calls.
func (idx *planIndex) addModule(path []string, m *tfjson.ConfigModule) {
	mod := joinModule(path)
	idx.modules[mod] = m
	for _, r := range m.Resources {
		if r == nil || r.Mode != tfjson.ManagedResourceMode {
			continue
		}
		idx.configs[mod+"|"+r.Type+"."+r.Name] = r
	}
	for name, call := range m.ModuleCalls {
		if call == nil || call.Module == nil {
			continue
		}
		child := append(append([]string(nil), path...), name)
		idx.calls[joinModule(child)] = call
		idx.addModule(child, call.Module)
	}
}

// config returns the configuration of a resource change, or nil.
func (idx *planIndex) config(rc *tfjson.ResourceChange) *tfjson.ConfigResource {
	return idx.configs[stripIndexes(rc.ModuleAddress)+"|"+rc.Type+"."+rc.Name]
}

// expressionsAt returns the configuration expression at a dotted attribute path
// ("launch_template.0.id"), descending through nested blocks; a block index
// may be a number or "#"/"*" for every block. It returns every expression the
// path reaches.
func expressionsAt(exprs map[string]*tfjson.Expression, path []string) []*tfjson.Expression {
	if len(path) == 0 || exprs == nil {
		return nil
	}
	e := exprs[path[0]]
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	rest := path[1:]
	if len(rest) == 0 {
		return []*tfjson.Expression{e}
	}
	if len(e.NestedBlocks) == 0 {
		return nil
	}
	blocks := e.NestedBlocks
	if n, ok := blockIndex(rest[0]); ok {
		if n >= len(blocks) {
			return nil
		}
		blocks = blocks[n : n+1]
		rest = rest[1:]
	} else if rest[0] == "#" || rest[0] == "*" {
		rest = rest[1:]
	}
	var out []*tfjson.Expression
	for _, b := range blocks {
		out = append(out, expressionsAt(b, rest)...)
	}
	return out
}

func blockIndex(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
