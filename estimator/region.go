package estimator

import (
	"regexp"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	tfjson "github.com/hashicorp/terraform-json"
)

// Region sources recorded in ResourceCost.RegionSource and schema.Resource.
const (
	RegionFromAttribute        = "attribute"         // the resource's own region/location/zone
	RegionFromReference        = "reference"         // the region of a resource its location refers to
	RegionFromProvider         = "provider"          // a constant in its provider configuration
	RegionFromProviderVariable = "provider-variable" // a variable of its provider configuration
	RegionFromFlag             = "flag"              // --region-default / Options.DefaultRegions
	RegionFromDefault          = "default"           // the provider's documented default
)

var (
	// awsZone matches an AWS availability, local or wavelength zone and
	// captures its region: us-east-1a, us-west-2-lax-1a, us-gov-west-1b.
	awsZone = regexp.MustCompile(`^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)(?:[a-z]|-[a-z0-9-]+)$`)
	// googleZone matches a Google Cloud zone and captures its region: us-central1-a.
	googleZone = regexp.MustCompile(`^([a-z]+-[a-z]+\d+)-[a-z]$`)
)

// regionAttributes lists, per provider, the attributes that name a resource's
// own region, zone or location, in order of preference.
func regionAttributes(provider string) []string {
	switch provider {
	case "aws":
		return []string{"region", "availability_zone", "availability_zones", "preferred_availability_zones"}
	case "google":
		return []string{"region", "location", "zone", "zones", "node_locations"}
	case "azure":
		return []string{"location"}
	}
	return []string{"region", "location", "zone"}
}

// normalizeRegion turns a zone or location as written in a plan into the
// provider's region code, or "" when the value is not one.
func normalizeRegion(provider, value string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		return ""
	}
	switch provider {
	case "aws":
		if m := awsZone.FindStringSubmatch(value); m != nil {
			return m[1]
		}
	case "google":
		// Zones may be self links: projects/p/zones/us-central1-a.
		if i := strings.LastIndexByte(value, '/'); i >= 0 {
			value = value[i+1:]
		}
		if m := googleZone.FindStringSubmatch(value); m != nil {
			return m[1]
		}
	case "azure":
		// The Retail Prices API's armRegionName: "West Europe" → "westeurope".
		return strings.ToLower(strings.ReplaceAll(value, " ", ""))
	}
	return value
}

// regionFromValues reads the first region-bearing attribute of one side of a
// resource; lists (multi-zone) take their first element.
func regionFromValues(provider string, v schema.Values) (string, bool) {
	for _, attr := range regionAttributes(provider) {
		if s, ok := v.StringOK(attr); ok {
			if r := normalizeRegion(provider, s); r != "" {
				return r, true
			}
			continue
		}
		for _, e := range v.List(attr) {
			if s, ok := e.StringOK(""); ok {
				if r := normalizeRegion(provider, s); r != "" {
					return r, true
				}
			}
		}
	}
	return "", false
}

// regionFromReferences follows the configuration of the region attributes
// (location = azurerm_resource_group.rg.location) to the referenced
// resources, for a value unknown until apply.
func regionFromReferences(provider string, r schema.Resource) (string, bool) {
	for _, attr := range regionAttributes(provider) {
		for _, ref := range r.Referenced(attr) {
			if region, ok := regionFromValues(provider, ref); ok {
				return region, true
			}
		}
	}
	return "", false
}

// providerRegions resolves the region of provider configurations, walking
// from the resource's module to the root as Terraform's implicit provider
// inheritance does. It caches per (module, key, provider).
type providerRegions struct {
	idx   *planIndex
	vars  *variables
	cache map[string][2]string
}

func newProviderRegions(idx *planIndex, vars *variables) *providerRegions {
	return &providerRegions{idx: idx, vars: vars, cache: map[string][2]string{}}
}

// region returns the region and its source (RegionFromProvider or
// RegionFromProviderVariable) for a resource in bareModule whose
// configuration names providerKey, or "" when no configuration sets one.
func (p *providerRegions) region(provider, bareModule, providerKey string) (string, string) {
	ck := bareModule + "|" + providerKey + "|" + provider
	if v, ok := p.cache[ck]; ok {
		return v[0], v[1]
	}
	region, source := p.resolve(provider, bareModule, providerKey)
	p.cache[ck] = [2]string{region, source}
	return region, source
}

func (p *providerRegions) resolve(provider, bareModule, providerKey string) (string, string) {
	if p.idx.plan.Config == nil {
		return "", ""
	}
	configs := p.idx.plan.Config.ProviderConfigs
	if pc := configs[providerKey]; providerKey != "" && pc != nil {
		// Terraform ≥ 0.15 writes the resolved key ("aws.env", "module.m:aws"):
		// aliases and providers passed into modules are already followed.
		region, source := p.fromConfig(provider, pc, moduleNames(stripIndexes(providerModule(pc))))
		if region != "" || configures(pc) {
			return region, source
		}
	}
	ref := providerKey
	if i := strings.LastIndexByte(ref, ':'); i >= 0 {
		ref = ref[i+1:]
	}
	if ref == "" {
		ref = localProviderName(provider)
	}
	region, source, found := p.walkUp(provider, bareModule, ref)
	if !found && baseProvider(ref) != ref {
		// An alias declared nowhere (passed in by an old plan format): the
		// unaliased configuration is the best remaining guess.
		region, source, _ = p.walkUp(provider, bareModule, baseProvider(ref))
	}
	return region, source
}

// walkUp looks for the configuration of provider reference ref from the
// module up to the root, as older plans ("<module call>:aws") require and as
// Terraform's implicit provider inheritance works. A module entry that only
// declares a version constraint passes the search on to its parent; found
// reports whether a configuring block was met.
func (p *providerRegions) walkUp(provider, bareModule, ref string) (region, source string, found bool) {
	configs := p.idx.plan.Config.ProviderConfigs
	names := moduleNames(bareModule)
	for i := len(names); i >= 0; i-- {
		keys := []string{ref}
		if i > 0 {
			keys = []string{joinModule(names[:i]) + ":" + ref, names[i-1] + ":" + ref}
		}
		for _, k := range keys {
			pc := configs[k]
			if pc == nil {
				continue
			}
			region, source := p.fromConfig(provider, pc, names[:i])
			if region != "" || configures(pc) {
				return region, source, true
			}
		}
	}
	return "", "", false
}

// configures reports whether a provider block sets anything, as opposed to
// an entry that only records a module's version constraint.
func configures(pc *tfjson.ProviderConfig) bool {
	return len(pc.Expressions) > 0
}

// fromConfig reads "region" (or, for Google, "zone") of one provider
// configuration declared in the module at modulePath.
func (p *providerRegions) fromConfig(provider string, pc *tfjson.ProviderConfig, modulePath []string) (string, string) {
	if pc == nil {
		return "", ""
	}
	for _, attr := range []string{"region", "zone", "location"} {
		e := pc.Expressions[attr]
		if e == nil || e.ExpressionData == nil {
			continue
		}
		if s, ok := constantString(e); ok {
			if r := normalizeRegion(provider, s); r != "" {
				return r, RegionFromProvider
			}
			continue
		}
		if v, ok := p.vars.fromReferences(modulePath, e.References); ok {
			if s, ok := v.(string); ok {
				if r := normalizeRegion(provider, s); r != "" {
					return r, RegionFromProviderVariable
				}
			}
		}
	}
	return "", ""
}

// providerModule returns the module path a provider configuration is
// declared in; Terraform 0.12 wrote the bare call name ("db"), which is only a
// path for top-level modules.
func providerModule(pc *tfjson.ProviderConfig) string {
	m := pc.ModuleAddress
	if m == "" || strings.HasPrefix(m, "module.") {
		return m
	}
	return "module." + m
}

// localProviderName is the name a configuration uses for a provider.
func localProviderName(provider string) string {
	if provider == "azure" {
		return "azurerm"
	}
	return provider
}

// baseProvider strips an alias: "aws.east" → "aws".
func baseProvider(ref string) string {
	if i := strings.IndexByte(ref, '.'); i >= 0 {
		return ref[:i]
	}
	return ref
}

func constantString(e *tfjson.Expression) (string, bool) {
	if e == nil || e.ExpressionData == nil || e.ConstantValue == tfjson.UnknownConstantValue {
		return "", false
	}
	s, ok := e.ConstantValue.(string)
	return s, ok
}
