package plangen

import (
	"bufio"
	"encoding/json"
	"sort"
)

// writer emits the plan JSON; the first error sticks and stops output.
type writer struct {
	w   *bufio.Writer
	err error
}

func (w *writer) raw(s string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}

func (w *writer) value(v any) {
	if w.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		w.err = err
		return
	}
	_, w.err = w.w.Write(b)
}

// field writes `"key":value` preceded by a comma unless first.
func (w *writer) field(first bool, key string, v any) {
	if !first {
		w.raw(",")
	}
	w.value(key)
	w.raw(":")
	w.value(v)
}

const terraformVersion = "1.9.5"

func (w *writer) plan(p *plan) {
	w.raw(`{"format_version":"1.2","terraform_version":"` + terraformVersion + `",`)
	w.raw(`"variables":`)
	w.value(p.variables())
	w.raw(`,"planned_values":{"root_module":`)
	w.stateModule(p, "", func(in *instance) bool { return in.action.after }, true)
	w.raw(`},"resource_changes":[`)
	for i, in := range p.instances {
		if i > 0 {
			w.raw(",")
		}
		w.resourceChange(in)
	}
	w.raw(`],"prior_state":{"format_version":"1.0","terraform_version":"` + terraformVersion + `","values":{"root_module":`)
	w.stateModule(p, "", func(in *instance) bool { return in.action.before && !in.data }, false)
	w.raw(`}},"configuration":`)
	w.value(p.configuration())
	w.raw(`,"relevant_attributes":[{"resource":"aws_launch_template.web","attribute":["id"]}],`)
	w.raw(`"timestamp":"2026-08-01T12:00:00Z","applyable":true,"complete":true,"errored":false}`)
}

func (p *plan) variables() map[string]any {
	var services []any
	for _, m := range p.modules {
		if m.call == callSvc {
			services = append(services, m.key)
		}
	}
	return map[string]any{
		"region":   map[string]any{"value": "us-east-1"},
		"project":  map[string]any{"value": "acme-prod"},
		"services": map[string]any{"value": services},
	}
}

// stateModule writes one module of planned_values (after) or prior_state
// (before): its resources and, nested, its child module instances.
func (w *writer) stateModule(p *plan, address string, keep func(*instance) bool, after bool) {
	w.raw("{")
	first := true
	if address != "" {
		w.field(true, "address", address)
		first = false
	}
	if !first {
		w.raw(",")
	}
	w.raw(`"resources":[`)
	n := 0
	for _, in := range p.byModule[address] {
		if !keep(in) {
			continue
		}
		if n > 0 {
			w.raw(",")
		}
		n++
		mode := "managed"
		if in.data {
			mode = "data"
		}
		r := map[string]any{"address": in.address(), "mode": mode, "type": in.bp.typ, "name": in.bp.name,
			"provider_name": in.bp.providerName, "schema_version": 1,
			"values": in.bp.values(in, after), "sensitive_values": in.bp.sensitive()}
		if in.index >= 0 {
			r["index"] = in.index
		}
		w.value(r)
	}
	w.raw("]")
	children := p.children[address]
	if len(children) > 0 {
		w.raw(`,"child_modules":[`)
		for i, c := range children {
			if i > 0 {
				w.raw(",")
			}
			w.stateModule(p, c, keep, after)
		}
		w.raw("]")
	}
	w.raw("}")
}

func (w *writer) resourceChange(in *instance) {
	mode := "managed"
	if in.data {
		mode = "data"
	}
	w.raw("{")
	w.field(true, "address", in.address())
	if in.mod != nil {
		w.field(false, "module_address", in.mod.address)
	}
	w.field(false, "mode", mode)
	w.field(false, "type", in.bp.typ)
	w.field(false, "name", in.bp.name)
	if in.index >= 0 {
		w.field(false, "index", in.index)
	}
	w.field(false, "provider_name", in.bp.providerName)
	w.raw(`,"change":{`)
	w.field(true, "actions", in.action.actions)
	var before, after, beforeSensitive, afterSensitive any = nil, nil, false, false
	unknown := map[string]any{}
	if in.action.before {
		before, beforeSensitive = in.bp.values(in, false), in.bp.sensitive()
	}
	if in.action.after {
		after, afterSensitive = in.bp.values(in, true), in.bp.sensitive()
		if in.action.name == "create" || in.action.replaceReason || in.data {
			unknown = in.bp.unknown(in)
		}
	}
	w.field(false, "before", before)
	w.field(false, "after", after)
	w.field(false, "after_unknown", unknown)
	w.field(false, "before_sensitive", beforeSensitive)
	w.field(false, "after_sensitive", afterSensitive)
	if in.action.replaceReason {
		w.field(false, "replace_paths", [][]string{{"ami"}})
	}
	w.raw("}")
	if in.action.replaceReason {
		w.field(false, "action_reason", "replace_because_cannot_update")
	}
	w.raw("}")
}

// configuration is the plan's configuration block: provider configurations
// (one aliased, one set from a variable), the root resources and the module
// calls with their resources and count expressions.
func (p *plan) configuration() map[string]any {
	providers := map[string]any{
		"aws": map[string]any{"name": "aws", "full_name": awsProvider,
			"expressions": map[string]any{"region": refs("var.region")}},
		"aws.west": map[string]any{"name": "aws", "full_name": awsProvider, "alias": "west",
			"expressions": map[string]any{"region": constant("us-west-2")}},
		"google": map[string]any{"name": "google", "full_name": googleProvider,
			"expressions": map[string]any{"region": constant("us-central1"), "project": refs("var.project")}},
		"azurerm": map[string]any{"name": "azurerm", "full_name": azurermProvider,
			"expressions": map[string]any{"features": []any{map[string]any{}}}},
	}
	used := map[*moduleCall]bool{}
	for _, m := range p.modules {
		used[m.call] = true
	}
	calls := map[string]any{}
	for _, c := range []*moduleCall{callSvc, callGCP, callAzure} {
		if used[c] {
			calls[c.name] = moduleCallConfig(c, used)
		}
	}
	root := map[string]any{
		"resources": resourceConfigs(rootBlueprints),
		"variables": map[string]any{
			"region":   map[string]any{"default": "us-east-1"},
			"project":  map[string]any{"default": "acme-prod"},
			"services": map[string]any{"description": "service names"},
		},
	}
	if len(calls) > 0 {
		root["module_calls"] = calls
	}
	return map[string]any{"provider_config": providers, "root_module": root}
}

func moduleCallConfig(c *moduleCall, used map[*moduleCall]bool) map[string]any {
	mod := map[string]any{"resources": resourceConfigs(c.blueprints)}
	children := map[string]any{}
	for _, child := range c.children {
		if used[child] {
			children[child.name] = moduleCallConfig(child, used)
		}
	}
	if len(children) > 0 {
		mod["module_calls"] = children
	}
	call := map[string]any{"source": c.source, "module": mod}
	if c.keyPrefix != "" {
		call["for_each_expression"] = refs("var.services")
	} else {
		call["expressions"] = map[string]any{"instance_class": constant("db.t3.medium")}
	}
	return call
}

func resourceConfigs(bps []*blueprint) []any {
	out := make([]any, 0, len(bps))
	for _, bp := range bps {
		mode, prefix := "managed", ""
		if bp.data {
			mode, prefix = "data", "data."
		}
		r := map[string]any{"address": prefix + bp.typ + "." + bp.name, "mode": mode, "type": bp.typ, "name": bp.name,
			"provider_config_key": bp.providerKey, "expressions": bp.exprs(), "schema_version": 1}
		if bp.count > 1 || bp.counted {
			r["count_expression"] = constant(bp.count)
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].(map[string]any)["address"].(string) < out[j].(map[string]any)["address"].(string)
	})
	return out
}
