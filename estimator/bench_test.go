package estimator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
)

// syntheticPlan builds a plan of n managed resource changes spread over 10
// module instances: instances (priced), IAM roles (free), launch templates
// and the autoscaling groups that refer to them, and an unsupported type,
// with a configuration like Terraform writes.
func syntheticPlan(tb testing.TB, n int) []byte {
	tb.Helper()
	types := []string{"aws_instance", "aws_iam_role", "aws_launch_template", "aws_autoscaling_group", "aws_shiny_new_thing"}
	instanceTypes := []string{"t3.micro", "t3.medium", "m5.large"}
	perType := n / len(types) / 10
	var changes []map[string]any
	for m := 0; m < 10; m++ {
		module := fmt.Sprintf(`module.svc["s%d"]`, m)
		for _, typ := range types {
			for i := 0; i < perType; i++ {
				after := map[string]any{"tags": map[string]any{"team": "payments", "index": i}, "name": fmt.Sprintf("r-%d-%d", m, i)}
				unknown := map[string]any{"id": true, "arn": true}
				switch typ {
				case "aws_instance", "aws_launch_template":
					after["instance_type"] = instanceTypes[i%len(instanceTypes)]
					after["root_block_device"] = []any{map[string]any{"volume_size": 8 + i%50, "volume_type": "gp2"}}
				case "aws_autoscaling_group":
					after["desired_capacity"] = 1 + i%4
					after["launch_template"] = []any{map[string]any{"version": "$Latest"}}
					unknown["launch_template"] = []any{map[string]any{"id": true}}
				}
				action := []string{"create"}
				var before any
				if i%3 == 0 {
					action, before = []string{"no-op"}, after
				}
				changes = append(changes, map[string]any{
					"address": fmt.Sprintf("%s.%s.r[%d]", module, typ, i), "module_address": module,
					"mode": "managed", "type": typ, "name": "r", "index": i,
					"provider_name": "registry.terraform.io/hashicorp/aws",
					"change":        map[string]any{"actions": action, "before": before, "after": after, "after_unknown": unknown},
				})
			}
		}
	}
	var resources []map[string]any
	for _, typ := range types {
		exprs := map[string]any{"name": map[string]any{"constant_value": "x"}}
		if typ == "aws_autoscaling_group" {
			exprs["launch_template"] = []any{map[string]any{"id": map[string]any{"references": []string{"aws_launch_template.r", "count.index"}}}}
		}
		resources = append(resources, map[string]any{"address": typ + ".r", "mode": "managed", "type": typ, "name": "r",
			"provider_config_key": "aws", "expressions": exprs, "count_expression": map[string]any{"constant_value": perType}})
	}
	plan := map[string]any{
		"format_version": "1.2", "terraform_version": "1.9.5",
		"planned_values":   map[string]any{"root_module": map[string]any{}},
		"resource_changes": changes,
		"configuration": map[string]any{
			"provider_config": map[string]any{"aws": map[string]any{"name": "aws", "expressions": map[string]any{"region": map[string]any{"constant_value": "us-east-1"}}}},
			"root_module": map[string]any{"module_calls": map[string]any{"svc": map[string]any{
				"source": "./svc", "for_each_expression": map[string]any{"references": []string{"var.services"}},
				"module": map[string]any{"resources": resources},
			}}},
		},
	}
	b, err := json.Marshal(plan)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// BenchmarkDecodePlan and BenchmarkEstimatePlan compare: the target is
// estimate ≤ 1.5 × decode time at 10k–50k resources.
func BenchmarkDecodePlan(b *testing.B) {
	for _, n := range []int{10_000, 50_000} {
		data := syntheticPlan(b, n)
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DecodePlan(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEstimatePlan(b *testing.B) {
	cat := testCatalog(b)
	reg := testRegistry()
	for _, n := range []int{10_000, 50_000} {
		data := syntheticPlan(b, n)
		plan, err := DecodePlan(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := estimatePlan(context.Background(), plan, cat, Options{}, reg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHeap reports, relative to the plan's size, the heap held by the
// decoded plan and, on top of it, by the estimate (each measured after a
// GC, both kept alive), and the bytes allocated on the way. Target: peak ≤
// 3 × plan bytes.
func BenchmarkHeap(b *testing.B) {
	cat := testCatalog(b)
	reg := testRegistry()
	for _, n := range []int{10_000, 50_000} {
		data := syntheticPlan(b, n)
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			var decoded, estimated, allocated float64
			size := float64(len(data))
			for b.Loop() {
				var m0, m1, m2 runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&m0)
				plan, err := DecodePlan(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				runtime.ReadMemStats(&m1)
				est, err := estimatePlan(context.Background(), plan, cat, Options{}, reg)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				runtime.ReadMemStats(&m2)
				decoded = float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc)) / size
				estimated = float64(int64(m2.HeapAlloc)-int64(m1.HeapAlloc)) / size
				allocated = float64(m2.TotalAlloc-m0.TotalAlloc) / size
				runtime.KeepAlive(plan)
				runtime.KeepAlive(est)
			}
			b.ReportMetric(decoded, "plan-live/plan-byte")
			b.ReportMetric(estimated, "estimate-live/plan-byte")
			b.ReportMetric(allocated, "alloc/plan-byte")
			b.ReportMetric(size, "plan-bytes")
		})
	}
}

// TestSyntheticPlanPrices checks the benchmark's plan is priced as meant,
// so the benchmark measures real work.
func TestSyntheticPlanPrices(t *testing.T) {
	plan, err := DecodePlan(bytes.NewReader(syntheticPlan(t, 500)))
	if err != nil {
		t.Fatal(err)
	}
	est, err := estimatePlan(context.Background(), plan, testCatalog(t), Options{}, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	s := est.Summary
	if s.Resources != 500 || s.Estimated != 200 || s.Free != 100 || s.Unsupported != 200 || s.UnpricedComponents != 0 {
		t.Fatalf("summary = %+v", s)
	}
	asg := resourceByAddress(t, est, `module.svc["s0"].aws_autoscaling_group.r[1]`)
	// r[1] refers to launch template r[1]: t3.medium, desired capacity 2.
	if !asg.ProposedMonthlyCost.Equal(t3medium.Mul(dec("2"))) {
		t.Errorf("asg r[1] = %s, want 2 × t3.medium", asg.ProposedMonthlyCost)
	}
}
