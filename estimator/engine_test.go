package estimator

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/shopspring/decimal"
)

// Monthly costs of the test types in us-east-1, from the cited rows of
// fixtures_test.go: hours × 730 × hourly price, GB × GB-month price.
func hours(hourly string) decimal.Decimal { return dec(hourly).Mul(dec("730")) }
func gp2(gb string) decimal.Decimal       { return dec(gb).Mul(dec("0.10")) }

var (
	t3micro  = hours("0.0104")
	t3medium = hours("0.0416")
	m5large  = hours("0.096")
)

func TestEstimateActions(t *testing.T) {
	cat := testCatalog(t)
	est, err := estimatePlan(context.Background(), loadPlan(t, "testdata/plans/actions.json"), cat, Options{}, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		address, action, order, status string
		prior, proposed                decimal.Decimal
		components                     []string
	}{
		{"aws_instance.new", "create", "", StatusEstimated, decimal.Zero, t3medium.Add(gp2("20")),
			[]string{"Instance usage (Linux/UNIX, on-demand, t3.medium)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_instance.resized", "update", "", StatusEstimated, t3micro.Add(gp2("8")), m5large.Add(gp2("8")),
			[]string{"Instance usage (Linux/UNIX, on-demand, m5.large)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_instance.old", "delete", "", StatusEstimated, m5large.Add(gp2("30")), decimal.Zero,
			[]string{"Instance usage (Linux/UNIX, on-demand, m5.large)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_instance.steady", "no-op", "", StatusEstimated, t3micro.Add(gp2("8")), t3micro.Add(gp2("8")),
			[]string{"Instance usage (Linux/UNIX, on-demand, t3.micro)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_instance.cbd", "replace", "create_before_destroy", StatusEstimated, t3micro.Add(gp2("8")), t3medium.Add(gp2("8")),
			[]string{"Instance usage (Linux/UNIX, on-demand, t3.medium)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_instance.dbc", "replace", "destroy_before_create", StatusEstimated, m5large.Add(gp2("8")), m5large.Add(gp2("10")),
			[]string{"Instance usage (Linux/UNIX, on-demand, m5.large)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_instance.unknown_type", "create", "", StatusEstimated, decimal.Zero, t3micro.Add(gp2("8")),
			[]string{"Instance usage (Linux/UNIX, on-demand, t3.micro)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_instance.unpriced", "create", "", StatusEstimated, decimal.Zero, gp2("8"),
			[]string{"Instance usage (Linux/UNIX, on-demand, x9.mega)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_instance.forgotten", "forget", "", StatusEstimated, t3micro.Add(gp2("8")), decimal.Zero,
			[]string{"Instance usage (Linux/UNIX, on-demand, t3.micro)", "Root volume storage (general purpose SSD, gp2)"}},
		{"aws_lambda_function.fn", "create", "", StatusEstimated, decimal.Zero, decimal.Zero, []string{"Requests"}},
		{"aws_iam_role.role", "create", "", StatusFree, decimal.Zero, decimal.Zero, nil},
		{"aws_shiny_new_thing.x", "create", "", StatusUnsupported, decimal.Zero, decimal.Zero, nil},
		{"null_resource.hook", "create", "", StatusFree, decimal.Zero, decimal.Zero, nil},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			r := resourceByAddress(t, est, tt.address)
			if r.Action != tt.action || r.ReplaceOrder != tt.order || r.Status != tt.status {
				t.Errorf("action/order/status = %s/%s/%s, want %s/%s/%s", r.Action, r.ReplaceOrder, r.Status, tt.action, tt.order, tt.status)
			}
			if !r.PriorMonthlyCost.Equal(tt.prior) || !r.ProposedMonthlyCost.Equal(tt.proposed) {
				t.Errorf("prior/proposed = %s/%s, want %s/%s", r.PriorMonthlyCost, r.ProposedMonthlyCost, tt.prior, tt.proposed)
			}
			if !r.DeltaMonthlyCost.Equal(tt.proposed.Sub(tt.prior)) {
				t.Errorf("delta = %s, want %s", r.DeltaMonthlyCost, tt.proposed.Sub(tt.prior))
			}
			var names []string
			for _, c := range r.Components {
				names = append(names, c.Name)
			}
			if !slices.Equal(names, tt.components) {
				t.Errorf("components = %q, want %q", names, tt.components)
			}
			if r.Region != "us-east-1" && r.Status == StatusEstimated {
				t.Errorf("region = %q, want us-east-1 from the provider", r.Region)
			}
		})
	}

	t.Run("deposed object", func(t *testing.T) {
		var deposed []ResourceCost
		for _, r := range est.Resources {
			if r.Deposed != "" {
				deposed = append(deposed, r)
			}
		}
		if len(deposed) != 1 || deposed[0].Action != "delete" || !deposed[0].PriorMonthlyCost.Equal(t3micro.Add(gp2("8"))) {
			t.Fatalf("deposed = %+v, want one delete of a t3.micro", deposed)
		}
	})

	t.Run("totals", func(t *testing.T) {
		prior := decimal.Sum(t3micro.Add(gp2("8")), // resized
			m5large.Add(gp2("30")), // old
			t3micro.Add(gp2("8")),  // steady (no-op counts on both sides)
			t3micro.Add(gp2("8")),  // cbd
			m5large.Add(gp2("8")),  // dbc
			t3micro.Add(gp2("8")),  // dbc deposed
			t3micro.Add(gp2("8")))  // forgotten
		proposed := decimal.Sum(t3medium.Add(gp2("20")), // new
			m5large.Add(gp2("8")),  // resized
			t3micro.Add(gp2("8")),  // steady
			t3medium.Add(gp2("8")), // cbd
			m5large.Add(gp2("10")), // dbc
			t3micro.Add(gp2("8")),  // unknown_type, assumed t3.micro
			gp2("8"))               // unpriced: only its volume has a price
		if !est.PriorMonthlyCost.Equal(prior) || !est.ProposedMonthlyCost.Equal(proposed) || !est.DeltaMonthlyCost.Equal(proposed.Sub(prior)) {
			t.Errorf("totals = %s → %s (%s), want %s → %s", est.PriorMonthlyCost, est.ProposedMonthlyCost, est.DeltaMonthlyCost, prior, proposed)
		}
	})

	t.Run("summary", func(t *testing.T) {
		want := Summary{Resources: 15, Estimated: 11, Free: 2, Unsupported: 2, UnpricedComponents: 1,
			UnsupportedTypes: map[string]int{"aws_shiny_new_thing": 2}, UsageUnknownComponents: 1, UnpricedResources: 1}
		got := est.Summary
		if got.Resources != want.Resources || got.Estimated != want.Estimated || got.Free != want.Free ||
			got.Unsupported != want.Unsupported || got.UnpricedComponents != want.UnpricedComponents ||
			got.UsageUnknownComponents != want.UsageUnknownComponents || got.UnpricedResources != want.UnpricedResources ||
			len(got.UnsupportedTypes) != 1 || got.UnsupportedTypes["aws_shiny_new_thing"] != 2 {
			t.Errorf("summary = %+v, want %+v", got, want)
		}
	})

	t.Run("one batch of distinct queries", func(t *testing.T) {
		// t3.micro, t3.medium, m5.large, x9.mega, gp2, lambda requests.
		if cat.calls != 1 || cat.queries != 6 {
			t.Errorf("catalog asked %d times for %d queries, want once for 6", cat.calls, cat.queries)
		}
	})

	t.Run("price not found is flagged", func(t *testing.T) {
		c := resourceByAddress(t, est, "aws_instance.unpriced").Components[0]
		if c.PriceFound || c.UnitPrice != nil || !c.MonthlyCost.IsZero() || c.MonthlyQuantity == nil {
			t.Errorf("unpriced component = %+v, want price_found false, unit_price null, quantity kept", c)
		}
	})

	t.Run("usage unknown shows the unit price", func(t *testing.T) {
		c := resourceByAddress(t, est, "aws_lambda_function.fn").Components[0]
		if !c.PriceFound || c.MonthlyQuantity != nil || c.UnitPrice == nil || !c.UnitPrice.Equal(dec("0.2")) || !c.UsageBased {
			t.Errorf("lambda requests = %+v, want quantity null and 0.2 per 1M requests", c)
		}
	})

	t.Run("assumed values are listed", func(t *testing.T) {
		c := resourceByAddress(t, est, "aws_instance.unknown_type").Components[0]
		if len(c.Assumed) != 1 || !strings.Contains(c.Assumed[0], "assumed t3.micro") {
			t.Errorf("assumed = %q", c.Assumed)
		}
	})

	t.Run("update keeps the prior components", func(t *testing.T) {
		r := resourceByAddress(t, est, "aws_instance.resized")
		if len(r.PriorComponents) != 2 || r.PriorComponents[0].Name != "Instance usage (Linux/UNIX, on-demand, t3.micro)" {
			t.Errorf("prior components = %+v", r.PriorComponents)
		}
	})

	t.Run("sorted by address", func(t *testing.T) {
		if !slices.IsSortedFunc(est.Resources, func(a, b ResourceCost) int { return strings.Compare(a.Address, b.Address) }) {
			t.Error("resources are not sorted by address")
		}
		for _, r := range est.Resources {
			if !slices.IsSortedFunc(r.Components, func(a, b ComponentCost) int { return strings.Compare(a.Name, b.Name) }) {
				t.Errorf("%s: components are not sorted by name", r.Address)
			}
		}
	})

	t.Run("price provenance", func(t *testing.T) {
		c := resourceByAddress(t, est, "aws_instance.new").Components[1]
		if c.SKU != "HY3BZPP2B6K8MSJF" || c.PriceDate != "2024-07-18" || c.Source != "test-aws-ebs-2024-07" {
			t.Errorf("provenance = %s %s %s", c.SKU, c.PriceDate, c.Source)
		}
		if len(est.PriceSources) != 3 {
			t.Errorf("price sources = %+v, want the three test sources", est.PriceSources)
		}
	})
}

// TestEstimateJSONShape checks DESIGN.md's example: one t3.medium with an
// 8 GB gp2 root volume in us-east-1 costs 30.368 + 0.80 = 31.17 a month.
func TestEstimateJSONShape(t *testing.T) {
	plan := loadPlan(t, "testdata/plans/actions.json")
	plan.ResourceChanges = []*tfjson.ResourceChange{{
		Address: "aws_instance.web", Mode: tfjson.ManagedResourceMode, Type: "aws_instance", Name: "web",
		ProviderName: "registry.terraform.io/hashicorp/aws",
		Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionCreate}, After: map[string]any{
			"instance_type": "t3.medium", "root_block_device": []any{map[string]any{"volume_size": json.Number("8")}}}},
	}}
	est, err := estimatePlan(context.Background(), plan, testCatalog(t), Options{}, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(est)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	const design = `{
	  "currency": "USD",
	  "prior_monthly_cost": "0.00", "proposed_monthly_cost": "31.17", "delta_monthly_cost": "31.17",
	  "resources": [{
	    "address": "aws_instance.web", "type": "aws_instance", "action": "create", "region": "us-east-1",
	    "prior_monthly_cost": "0.00", "proposed_monthly_cost": "31.17",
	    "components": [{
	      "name": "Instance usage (Linux/UNIX, on-demand, t3.medium)", "unit": "hours",
	      "monthly_quantity": "730", "unit_price": "0.0416", "monthly_cost": "30.368",
	      "price_found": true, "usage_based": false, "assumed": []
	    }]
	  }],
	  "summary": {"resources": 1, "estimated": 1, "free": 0, "unsupported": 0,
	              "unpriced_components": 0, "unsupported_types": {}}
	}`
	var want map[string]any
	if err := json.Unmarshal([]byte(design), &want); err != nil {
		t.Fatal(err)
	}
	assertContains(t, "", want, got)
}

// assertContains checks that every field of want is in got with the same
// value; objects in arrays are compared by position, extra fields allowed.
func assertContains(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: got %T, want an object", path, got)
			return
		}
		for k, v := range w {
			gv, ok := g[k]
			if !ok {
				t.Errorf("%s.%s: missing", path, k)
				continue
			}
			assertContains(t, path+"."+k, v, gv)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) < len(w) {
			t.Errorf("%s: got %v, want at least %d elements", path, got, len(w))
			return
		}
		for i := range w {
			assertContains(t, path+"["+string(rune('0'+i))+"]", w[i], g[i])
		}
	default:
		if want != got {
			t.Errorf("%s = %#v, want %#v", path, got, want)
		}
	}
}

type failingCatalog struct{}

func (failingCatalog) Lookup(context.Context, []pricing.Query) ([]pricing.Answer, error) {
	return nil, errors.New("connection refused")
}

type shortCatalog struct{}

func (shortCatalog) Lookup(context.Context, []pricing.Query) ([]pricing.Answer, error) {
	return []pricing.Answer{}, nil
}

func TestEstimateErrors(t *testing.T) {
	panicky := testRegistry()
	panicky.types["aws_instance"] = schema.ResourceType{Name: "aws_instance", Build: func(schema.Resource) []schema.Component {
		var m map[string]int
		//lint:ignore SA5000 a definition bug on purpose: assignment to a nil map
		m["boom"]++
		return nil
	}}
	badAction := loadPlan(t, "testdata/plans/actions.json")
	badAction.ResourceChanges[0].Change.Actions = tfjson.Actions{"explode"}
	noChange := loadPlan(t, "testdata/plans/actions.json")
	noChange.ResourceChanges[0].Change = nil

	tests := []struct {
		name    string
		plan    *tfjson.Plan
		catalog pricing.Catalog
		reg     registry
		want    string
	}{
		{"catalog fails", loadPlan(t, "testdata/plans/actions.json"), failingCatalog{}, testRegistry(), "connection refused"},
		{"catalog answers short", loadPlan(t, "testdata/plans/actions.json"), shortCatalog{}, testRegistry(), "answered 0 of"},
		{"definition panics", loadPlan(t, "testdata/plans/actions.json"), testCatalog(t), panicky, "cost definition failed"},
		{"unknown action", badAction, testCatalog(t), testRegistry(), "unknown change actions [explode]"},
		{"change missing", noChange, testCatalog(t), testRegistry(), "has no change"},
		{"no plan", nil, testCatalog(t), testRegistry(), "no plan"},
		{"no catalog", loadPlan(t, "testdata/plans/actions.json"), nil, testRegistry(), "no pricing catalog"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := estimatePlan(context.Background(), tt.plan, tt.catalog, Options{}, tt.reg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestEstimateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := estimatePlan(ctx, loadPlan(t, "testdata/plans/actions.json"), testCatalog(t), Options{}, testRegistry())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestUsageFileInEstimate(t *testing.T) {
	usage, err := ParseUsageFile("usage.yml", strings.NewReader(`version: 0.1
resource_usage:
  aws_lambda_function.fn:
    monthly_requests: 2500000
  aws_lambda_function.gone:
    monthly_requests: 1
`))
	if err != nil {
		t.Fatal(err)
	}
	est, err := estimatePlan(context.Background(), loadPlan(t, "testdata/plans/actions.json"), testCatalog(t), Options{Usage: usage}, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	c := resourceByAddress(t, est, "aws_lambda_function.fn").Components[0]
	// 2.5M requests × 0.0000002 USD = 0.50; shown as 2.5 × 0.2 per 1M requests.
	if c.MonthlyQuantity == nil || !c.MonthlyQuantity.Equal(dec("2.5")) || !c.MonthlyCost.Equal(dec("0.5")) {
		t.Errorf("requests = %+v, want 2.5 (1M requests) costing 0.50", c)
	}
	if est.Summary.UsageUnknownComponents != 0 {
		t.Errorf("usage unknown = %d, want 0", est.Summary.UsageUnknownComponents)
	}
	if len(est.Warnings) != 1 || !strings.Contains(est.Warnings[0], "aws_lambda_function.gone") {
		t.Errorf("warnings = %q, want one about the unused entry", est.Warnings)
	}
}

func TestDefaultRegionsOption(t *testing.T) {
	plan := loadPlan(t, "testdata/plans/actions.json")
	plan.Config.ProviderConfigs = nil
	est, err := estimatePlan(context.Background(), plan, testCatalog(t), Options{DefaultRegions: map[string]string{"aws": "eu-west-1"}}, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	r := resourceByAddress(t, est, "aws_instance.new")
	if r.Region != "eu-west-1" || r.RegionSource != RegionFromFlag {
		t.Fatalf("region = %s (%s), want eu-west-1 (flag)", r.Region, r.RegionSource)
	}
	// Priced with eu-west-1's rows: t3.medium 0.0456/h, gp2 0.11/GB-month.
	want := hours("0.0456").Add(dec("20").Mul(dec("0.11")))
	if !r.ProposedMonthlyCost.Equal(want) {
		t.Errorf("proposed = %s, want %s", r.ProposedMonthlyCost, want)
	}
}

// TestEstimateDeterministic: the order of resource_changes does not change
// the output.
func TestEstimateDeterministic(t *testing.T) {
	render := func(reverse bool) string {
		plan := loadPlan(t, "testdata/plans/actions.json")
		if reverse {
			slices.Reverse(plan.ResourceChanges)
		}
		est, err := estimatePlan(context.Background(), plan, testCatalog(t), Options{}, testRegistry())
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(est)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if a, b := render(false), render(true); a != b {
		t.Errorf("output depends on the order of resource_changes:\n%s\n%s", a, b)
	}
}

func TestDeferredChangesWarn(t *testing.T) {
	plan := loadPlan(t, "testdata/plans/actions.json")
	plan.DeferredChanges = []*tfjson.DeferredResourceChange{{Reason: "provider_config_unknown", ResourceChange: plan.ResourceChanges[0]}}
	est, err := estimatePlan(context.Background(), plan, testCatalog(t), Options{}, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	if len(est.Warnings) != 1 || !strings.Contains(est.Warnings[0], "1 resource change deferred") {
		t.Errorf("warnings = %q", est.Warnings)
	}
}

// TestEstimateOddPlans feeds plans that are valid JSON but odd in shape to
// the real resource definitions: an error or an estimate, never a panic.
func TestEstimateOddPlans(t *testing.T) {
	const head = `{"format_version":"1.2","planned_values":{},"resource_changes":[`
	change := func(typ, body string) string {
		return `{"address":"` + typ + `.x","mode":"managed","type":"` + typ + `","name":"x","provider_name":"registry.terraform.io/hashicorp/aws","change":` + body + `}`
	}
	var types []string
	reg := newRegistry()
	for name := range reg.types {
		types = append(types, name)
	}
	bodies := []string{
		`{"actions":["create"],"before":null,"after":null}`,
		`{"actions":["create"],"before":null,"after":"a string"}`,
		`{"actions":["create"],"before":null,"after":{},"after_unknown":true}`,
		`{"actions":["update"],"before":[1,2],"after":{"instance_type":{"nested":true},"tags":[null]}}`,
		`{"actions":["delete"],"before":{"count":-1,"size":1e308,"instance_type":7},"after":null}`,
		`{"actions":["no-op"],"before":{"root_block_device":"x","ebs_block_device":[null,{}]},"after":{"root_block_device":"x"}}`,
	}
	estimated := 0
	for _, typ := range append(types, "aws_unknown_type") {
		for i, body := range bodies {
			input := head + change(typ, body) + `],"configuration":{"provider_config":{"aws":null},"root_module":{"resources":[null,{"address":"` + typ + `.x","mode":"managed","type":"` + typ + `","name":"x","expressions":{"launch_template":[null,{"id":null}]}}],"module_calls":{"m":null}}}}`
			plan, err := DecodePlan(strings.NewReader(input))
			if err != nil {
				continue
			}
			func() {
				defer func() {
					if v := recover(); v != nil {
						t.Errorf("%s body %d: panic %v", typ, i, v)
					}
				}()
				if _, err := EstimatePlan(context.Background(), plan, notFoundCatalog{}, Options{}); err != nil {
					t.Logf("%s body %d: %v", typ, i, err)
					return
				}
				estimated++
			}()
		}
	}
	if estimated == 0 {
		t.Fatal("no odd plan got through: the test checks nothing")
	}
}
