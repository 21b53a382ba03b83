// Package plangen writes large, realistic Terraform plans (`terraform show
// -json` format) for benchmarks: tens of thousands of resource changes across
// AWS, Google Cloud and Azure, in modules instantiated with for_each, counted
// resources, every kind of action, after_unknown markers, provider
// configurations with an alias and a variable, planned_values, prior_state
// and configuration references (autoscaling group → launch template).
// Output is deterministic for a given Options. Plans are generated on demand;
// none is committed.
package plangen

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
)

// Options shape a generated plan.
type Options struct {
	// Resources is the number of managed resource changes (≥ 1).
	Resources int
	// Seed makes the plan reproducible; equal options give equal bytes.
	Seed uint64
}

// Generate returns the plan JSON for opts.
func Generate(opts Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, opts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write streams the plan JSON for opts to w.
func Write(w io.Writer, opts Options) error {
	if opts.Resources < 1 {
		return fmt.Errorf("plangen: Resources must be at least 1, got %d", opts.Resources)
	}
	p := newPlan(opts)
	bw := bufio.NewWriterSize(w, 256<<10)
	pw := &writer{w: bw}
	pw.plan(p)
	if pw.err != nil {
		return fmt.Errorf("plangen: writing plan: %w", pw.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("plangen: writing plan: %w", err)
	}
	return nil
}

// Summary counts what a generated plan holds, for tests and reports.
type Summary struct {
	Resources   int            // managed resource changes
	DataSources int            // data resource changes (read)
	ByType      map[string]int // managed changes per type
	ByAction    map[string]int // managed changes per action name
	Modules     int            // module instances
}

// Summarize describes the plan Generate(opts) writes without writing it.
func Summarize(opts Options) Summary {
	p := newPlan(opts)
	s := Summary{ByType: map[string]int{}, ByAction: map[string]int{}, Modules: len(p.modules)}
	for _, in := range p.instances {
		if in.data {
			s.DataSources++
			continue
		}
		s.Resources++
		s.ByType[in.bp.typ]++
		s.ByAction[in.action.name]++
	}
	return s
}

// plan is the generated model: module instances and resource instances.
type plan struct {
	opts      Options
	modules   []*moduleInstance
	instances []*instance
	// byModule and children index instances and module instances by the
	// address of the module holding them ("" for the root).
	byModule map[string][]*instance
	children map[string][]string
}

// moduleInstance is one instance of a module call, e.g. module.svc["svc-0001"].
type moduleInstance struct {
	call    *moduleCall
	key     string // for_each key
	address string // module.svc["svc-0001"], or module.svc["svc-0001"].module.db
	// parent is the enclosing module instance's address ("" for the root).
	parent string
	// region is the location Azure and Google resources of this instance use.
	region string
}

// instance is one resource instance and the change planned for it.
type instance struct {
	mod    *moduleInstance // nil for the root module
	bp     *blueprint
	index  int // count index, -1 when the resource has no count
	action action
	data   bool
	seq    int // position in the plan, varies attribute values
	rng    uint64
}

func (in *instance) address() string {
	prefix := ""
	if in.mod != nil {
		prefix = in.mod.address + "."
	}
	if in.data {
		prefix += "data."
	}
	addr := prefix + in.bp.typ + "." + in.bp.name
	if in.index >= 0 {
		addr += fmt.Sprintf("[%d]", in.index)
	}
	return addr
}

func (in *instance) moduleAddress() string {
	if in.mod == nil {
		return ""
	}
	return in.mod.address
}

// action is a resource change's actions and which sides exist.
type action struct {
	name          string
	actions       []string
	before, after bool
	replaceReason bool
}

var (
	actCreate       = action{name: "create", actions: []string{"create"}, after: true}
	actNoop         = action{name: "no-op", actions: []string{"no-op"}, before: true, after: true}
	actUpdate       = action{name: "update", actions: []string{"update"}, before: true, after: true}
	actDelete       = action{name: "delete", actions: []string{"delete"}, before: true}
	actReplace      = action{name: "replace", actions: []string{"delete", "create"}, before: true, after: true, replaceReason: true}
	actReplaceCBD   = action{name: "replace", actions: []string{"create", "delete"}, before: true, after: true, replaceReason: true}
	actRead         = action{name: "read", actions: []string{"read"}, after: true}
	actionsByWeight = []struct {
		a      action
		weight int
	}{{actCreate, 40}, {actNoop, 30}, {actUpdate, 15}, {actDelete, 7}, {actReplace, 5}, {actReplaceCBD, 3}}
	actionWeightTotal = 100
)

func newPlan(opts Options) *plan {
	p := &plan{opts: opts, byModule: map[string][]*instance{}, children: map[string][]string{}}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x636f737467617465))
	// Module instances are added in a fixed rotation (mostly AWS services,
	// some Google projects and Azure regions) until the plan is full.
	rotation := []*moduleCall{callSvc, callSvc, callSvc, callSvc, callGCP, callSvc, callSvc, callAzure}
	counters := map[*moduleCall]int{}
	seq := 0
	// A few root resources and data sources come first, as in real plans.
	for _, bp := range rootBlueprints {
		for i := range bp.count {
			if seq >= opts.Resources && !bp.data {
				break
			}
			p.add(rng, nil, bp, i, &seq)
		}
	}
	for r := 0; seq < opts.Resources; r++ {
		call := rotation[r%len(rotation)]
		n := counters[call]
		counters[call]++
		mod := &moduleInstance{call: call, key: call.key(n)}
		mod.address = fmt.Sprintf("module.%s[%q]", call.name, mod.key)
		mod.region = call.regions[n%len(call.regions)]
		p.modules = append(p.modules, mod)
		p.children[""] = append(p.children[""], mod.address)
		p.fill(rng, mod, call.blueprints, &seq)
		for _, child := range call.children {
			cm := &moduleInstance{call: child, address: mod.address + ".module." + child.name, parent: mod.address, region: mod.region}
			p.modules = append(p.modules, cm)
			p.children[mod.address] = append(p.children[mod.address], cm.address)
			p.fill(rng, cm, child.blueprints, &seq)
		}
	}
	return p
}

func (p *plan) fill(rng *rand.Rand, mod *moduleInstance, bps []*blueprint, seq *int) {
	for _, bp := range bps {
		for i := range bp.count {
			if *seq >= p.opts.Resources && !bp.data {
				return
			}
			p.add(rng, mod, bp, i, seq)
		}
	}
}

func (p *plan) add(rng *rand.Rand, mod *moduleInstance, bp *blueprint, i int, seq *int) {
	in := &instance{mod: mod, bp: bp, index: i, data: bp.data, seq: *seq, rng: rng.Uint64()}
	if bp.count == 1 && !bp.counted {
		in.index = -1
	}
	if bp.data {
		in.action = actRead
	} else {
		in.action = pickAction(rng)
		*seq++
	}
	p.instances = append(p.instances, in)
	p.byModule[in.moduleAddress()] = append(p.byModule[in.moduleAddress()], in)
}

func pickAction(rng *rand.Rand) action {
	n := rng.IntN(actionWeightTotal)
	for _, aw := range actionsByWeight {
		if n < aw.weight {
			return aw.a
		}
		n -= aw.weight
	}
	return actCreate
}
