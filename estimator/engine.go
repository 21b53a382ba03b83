package estimator

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	tfjson "github.com/hashicorp/terraform-json"
)

// Options tune an estimate.
type Options struct {
	// Usage is a parsed usage file; nil means none.
	Usage *UsageFile
	// DefaultRegions maps a provider ("aws", "google", "azure"; "azurerm"
	// and "google-beta" name the same clouds) to the region assumed when
	// neither a resource nor its provider configuration names one
	// (--region-default aws=eu-west-1).
	DefaultRegions map[string]string
}

// EstimatePlan prices every managed resource change of a plan. All price
// queries are resolved in one catalog.Lookup; the result is deterministic
// (resources sorted by address, components by name).
func EstimatePlan(ctx context.Context, plan *tfjson.Plan, catalog pricing.Catalog, opts Options) (*Estimate, error) {
	return estimatePlan(ctx, plan, catalog, opts, newRegistry())
}

func estimatePlan(ctx context.Context, plan *tfjson.Plan, catalog pricing.Catalog, opts Options, reg registry) (*Estimate, error) {
	if plan == nil {
		return nil, errors.New("estimating: no plan")
	}
	if catalog == nil {
		return nil, errors.New("estimating: no pricing catalog")
	}
	w := newWalker(plan, opts, reg)
	for i, rc := range plan.ResourceChanges {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if rc == nil {
			return nil, fmt.Errorf("resource_changes[%d] is null", i)
		}
		if rc.Mode == tfjson.DataResourceMode {
			continue
		}
		if err := w.add(rc); err != nil {
			return nil, err
		}
	}
	answers, err := w.lookup(ctx, catalog)
	if err != nil {
		return nil, err
	}
	return w.finish(answers), nil
}

// walker accumulates the resources of one plan before the batch lookup.
type walker struct {
	idx       *planIndex
	opts      Options
	reg       registry
	providers *providerRegions

	resources []*pending
	queries   []pricing.Query
	queryAt   map[string]int // Query.Key() → index in queries
	usedUsage map[string]bool
}

// pending is one resource change whose components wait for prices.
type pending struct {
	out             ResourceCost
	prior, proposed []pendingComponent
	// sides says which sides exist: a create has no prior, a delete no proposed.
	hasPrior, hasProposed bool
	// samePrice marks a no-op, whose two sides are one priced object.
	samePrice bool
}

type pendingComponent struct {
	c     schema.Component
	query int
}

func newWalker(plan *tfjson.Plan, opts Options, reg registry) *walker {
	idx := newPlanIndex(plan)
	opts.DefaultRegions = canonicalRegions(opts.DefaultRegions)
	return &walker{
		idx:       idx,
		opts:      opts,
		reg:       reg,
		providers: newProviderRegions(idx, &variables{idx: idx}),
		queryAt:   map[string]int{},
		usedUsage: map[string]bool{},
		resources: make([]*pending, 0, len(plan.ResourceChanges)),
	}
}

// add reads one managed resource change and builds its components.
func (w *walker) add(rc *tfjson.ResourceChange) error {
	if rc.Change == nil {
		return fmt.Errorf("resource %s has no change", rc.Address)
	}
	act, err := classify(rc.Change.Actions)
	if err != nil {
		return fmt.Errorf("resource %s: %w", rc.Address, err)
	}
	provider := providerName(rc.ProviderName)
	if rc.ProviderName == "" {
		provider = providerFromType(rc.Type)
	}
	p := &pending{
		out: ResourceCost{
			Address:      rc.Address,
			Type:         rc.Type,
			Action:       act.name,
			Provider:     provider,
			ReplaceOrder: act.order,
			Deposed:      rc.DeposedKey,
		},
		hasPrior:    act.prior,
		hasProposed: act.proposed,
	}
	w.resources = append(w.resources, p)

	cfg := w.idx.config(rc)
	// A no-op's before and after are the same object: it is priced once.
	p.samePrice = act.name == "no-op"
	var priorRes, proposedRes schema.Resource
	if act.prior && !p.samePrice {
		priorRes = w.resource(rc, cfg, provider, true)
		p.out.Region, p.out.RegionSource = priorRes.Region, priorRes.RegionSource
	}
	if act.proposed {
		// The region shown is the proposed side's, or the prior side's for a removal.
		proposedRes = w.resource(rc, cfg, provider, false)
		p.out.Region, p.out.RegionSource = proposedRes.Region, proposedRes.RegionSource
	}

	rt, priced := w.reg.types[rc.Type]
	switch {
	case priced:
		p.out.Status = StatusEstimated
	case w.reg.free[rc.Type] || freeProvider(provider):
		p.out.Status = StatusFree
		return nil
	default:
		p.out.Status = StatusUnsupported
		return nil
	}

	usage := schema.NewUsage(w.opts.Usage.forResource(rc.Type, rc.Address, func(e string) { w.usedUsage[e] = true }))
	if act.proposed {
		proposedRes.Usage = usage
		if p.proposed, err = w.build(rt, proposedRes); err != nil {
			return err
		}
	}
	switch {
	case p.samePrice:
		p.prior = p.proposed
	case act.prior:
		priorRes.Usage = usage
		if p.prior, err = w.build(rt, priorRes); err != nil {
			return err
		}
	}
	return nil
}

// resource builds the schema view of one side of a change, region resolved.
func (w *walker) resource(rc *tfjson.ResourceChange, cfg *tfjson.ConfigResource, provider string, prior bool) schema.Resource {
	r := schema.Resource{
		Address:  rc.Address,
		Type:     rc.Type,
		Provider: provider,
		Values:   sideValues(rc, prior),
	}
	if refs := w.idx.referencesOf(rc, cfg, prior); refs != nil {
		r = r.WithReferences(refs)
	}
	r.Region, r.RegionSource = w.region(rc, cfg, provider, r)
	return r
}

// region resolves a resource's region: its own attribute, a resource its
// location refers to, its provider configuration, --region-default, the
// provider's default.
func (w *walker) region(rc *tfjson.ResourceChange, cfg *tfjson.ConfigResource, provider string, r schema.Resource) (string, string) {
	if region, ok := regionFromValues(provider, r.Values); ok {
		return region, RegionFromAttribute
	}
	if region, ok := regionFromReferences(provider, r); ok {
		return region, RegionFromReference
	}
	key := ""
	if cfg != nil {
		key = cfg.ProviderConfigKey
	}
	if region, source := w.providers.region(provider, stripIndexes(rc.ModuleAddress), key); region != "" {
		return region, source
	}
	if region := w.opts.DefaultRegions[provider]; region != "" {
		return region, RegionFromFlag
	}
	if region := defaultRegion(provider); region != "" {
		return region, RegionFromDefault
	}
	return "", ""
}

// build calls a resource definition and queues its price queries. A panic
// in a definition becomes an error naming the resource, not a crash.
func (w *walker) build(rt schema.ResourceType, r schema.Resource) (out []pendingComponent, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, fmt.Errorf("resource %s: the %s cost definition failed: %v", r.Address, rt.Name, v)
		}
	}()
	comps := rt.Build(r)
	out = make([]pendingComponent, len(comps))
	for i, c := range comps {
		out[i] = pendingComponent{c: c, query: w.queue(c.Query)}
	}
	return out, nil
}

// queue adds a query to the batch once.
func (w *walker) queue(q pricing.Query) int {
	k := q.Key()
	if i, ok := w.queryAt[k]; ok {
		return i
	}
	w.queries = append(w.queries, q)
	w.queryAt[k] = len(w.queries) - 1
	return len(w.queries) - 1
}

// lookup resolves the whole plan's queries in one call.
func (w *walker) lookup(ctx context.Context, catalog pricing.Catalog) ([]pricing.Answer, error) {
	if len(w.queries) == 0 {
		return nil, nil
	}
	answers, err := catalog.Lookup(ctx, w.queries)
	if err != nil {
		return nil, fmt.Errorf("looking up %d prices: %w", len(w.queries), err)
	}
	if len(answers) != len(w.queries) {
		return nil, fmt.Errorf("looking up prices: catalog answered %d of %d queries", len(answers), len(w.queries))
	}
	return answers, nil
}

// finish prices every component and builds the sorted estimate.
func (w *walker) finish(answers []pricing.Answer) *Estimate {
	est := &Estimate{
		Currency:  "USD",
		Resources: make([]ResourceCost, 0, len(w.resources)),
		Summary:   Summary{UnsupportedTypes: map[string]int{}},
	}
	sources := map[PriceSource]bool{}
	for _, p := range w.resources {
		r := p.out
		prior := priceComponents(p.prior, answers)
		proposed := prior
		if !p.samePrice {
			proposed = priceComponents(p.proposed, answers)
		}
		if p.hasPrior {
			r.PriorMonthlyCost = sumCost(prior)
		}
		if p.hasProposed {
			r.ProposedMonthlyCost = sumCost(proposed)
		}
		r.DeltaMonthlyCost = r.ProposedMonthlyCost.Sub(r.PriorMonthlyCost)
		switch {
		case p.hasProposed:
			r.Components = proposed
			if p.hasPrior && !p.samePrice {
				r.PriorComponents = prior
			}
		default:
			r.Components = prior
		}
		if r.Components == nil {
			r.Components = []ComponentCost{}
		}
		est.PriorMonthlyCost = est.PriorMonthlyCost.Add(r.PriorMonthlyCost)
		est.ProposedMonthlyCost = est.ProposedMonthlyCost.Add(r.ProposedMonthlyCost)
		countResource(&est.Summary, r, sources)
		est.Resources = append(est.Resources, r)
	}
	est.DeltaMonthlyCost = est.ProposedMonthlyCost.Sub(est.PriorMonthlyCost)
	sort.SliceStable(est.Resources, func(i, j int) bool {
		a, b := est.Resources[i], est.Resources[j]
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		return a.Deposed < b.Deposed
	})
	for s := range sources {
		est.PriceSources = append(est.PriceSources, s)
	}
	sort.Slice(est.PriceSources, func(i, j int) bool {
		a, b := est.PriceSources[i], est.PriceSources[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Date < b.Date
	})
	if n := len(w.idx.plan.DeferredChanges); n > 0 {
		est.Warnings = append(est.Warnings, fmt.Sprintf("%s deferred by Terraform to a later plan: not priced", plural(n, "resource change", "resource changes")))
	}
	for _, e := range w.opts.Usage.entries() {
		if !w.usedUsage[e] {
			est.Warnings = append(est.Warnings, fmt.Sprintf("usage file: %s matches no resource in the plan", e))
		}
	}
	return est
}
