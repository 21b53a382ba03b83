package estimator

import (
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	tfjson "github.com/hashicorp/terraform-json"
)

// referencesOf returns the function behind schema.Resource.Referenced for
// one side of a resource change: it reads the attribute's configuration
// expression and returns the same-side values of the resources it names in
// the same module instance. `count.index` / `each.key` in the expression
// select the referenced instance with the same key.
func (idx *planIndex) referencesOf(rc *tfjson.ResourceChange, cfg *tfjson.ConfigResource, prior bool) func(path string) []schema.Values {
	if cfg == nil {
		return nil
	}
	return func(path string) []schema.Values {
		var refs []string
		for _, e := range expressionsAt(cfg.Expressions, strings.Split(path, ".")) {
			refs = collectReferences(e, refs)
		}
		if len(refs) == 0 {
			return nil
		}
		sameKey := false
		for _, ref := range refs {
			if ref == "count.index" || strings.HasPrefix(ref, "each.") {
				sameKey = true
			}
		}
		// Terraform lists every prefix of a traversal (x.a[1].id, x.a[1], x.a):
		// a keyed reference makes the keyless one of the same resource redundant.
		keyed := map[string]bool{}
		for _, ref := range refs {
			if typ, name, key, ok := parseResourceReference(ref); ok && key != "" {
				keyed[typ+"."+name] = true
			}
		}
		var out []schema.Values
		seen := map[*tfjson.ResourceChange]bool{}
		for _, ref := range refs {
			typ, name, key, ok := parseResourceReference(ref)
			if !ok || (key == "" && keyed[typ+"."+name]) {
				continue
			}
			for _, target := range idx.changes[rc.ModuleAddress+"|"+typ+"."+name] {
				if seen[target] || !keyMatches(target, rc, key, sameKey) {
					continue
				}
				seen[target] = true
				out = append(out, sideValues(target, prior))
			}
		}
		return out
	}
}

func keyMatches(target, from *tfjson.ResourceChange, key string, sameKey bool) bool {
	switch {
	case key != "":
		return indexKey(target.Index) == key
	case sameKey && from.Index != nil:
		return indexKey(target.Index) == indexKey(from.Index)
	}
	return true
}

// collectReferences appends an expression's references, including those of
// nested blocks (a whole launch_template { id = … } block).
func collectReferences(e *tfjson.Expression, refs []string) []string {
	if e == nil || e.ExpressionData == nil {
		return refs
	}
	refs = append(refs, e.References...)
	for _, block := range e.NestedBlocks {
		for _, child := range block {
			refs = collectReferences(child, refs)
		}
	}
	return refs
}

// parseResourceReference reads a managed resource reference such as
// "aws_launch_template.web.id" or `aws_instance.web["a"]`; variables,
// locals, data sources, module outputs and meta references are not resources.
func parseResourceReference(ref string) (typ, name, key string, ok bool) {
	for _, p := range []string{"var.", "local.", "count.", "each.", "path.", "terraform.", "self.", "module.", "data."} {
		if strings.HasPrefix(ref, p) {
			return "", "", "", false
		}
	}
	dot := strings.IndexByte(ref, '.')
	if dot <= 0 {
		return "", "", "", false
	}
	typ, rest := ref[:dot], ref[dot+1:]
	end := strings.IndexAny(rest, ".[")
	if end < 0 {
		end = len(rest)
	}
	name = rest[:end]
	if name == "" {
		return "", "", "", false
	}
	if end < len(rest) && rest[end] == '[' {
		if close := closingBracket(rest, end); close > end {
			key = rest[end+1 : close]
		}
	}
	return typ, name, key, true
}

// sideValues returns the prior (before) or proposed (after) values of a change.
func sideValues(rc *tfjson.ResourceChange, prior bool) schema.Values {
	if rc.Change == nil {
		return schema.Values{}
	}
	if prior {
		return schema.NewValues(decodedValue(rc.Change.Before), nil)
	}
	return schema.NewValues(decodedValue(rc.Change.After), decodedValue(rc.Change.AfterUnknown))
}
