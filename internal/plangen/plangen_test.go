package plangen

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(Options{Resources: 300, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(Options{Resources: 300, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two plans of equal options differ")
	}
	c, err := Generate(Options{Resources: 300, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Fatal("another seed gave the same plan")
	}
}

func TestGenerateRejectsNoResources(t *testing.T) {
	if _, err := Generate(Options{}); err == nil || !strings.Contains(err.Error(), "at least 1") {
		t.Fatalf("err = %v", err)
	}
}

// TestGeneratedPlanShape decodes a plan with terraform-json and checks it
// holds what the benchmarks rely on.
func TestGeneratedPlanShape(t *testing.T) {
	tests := []struct{ resources int }{{1}, {7}, {250}, {1000}}
	for _, tt := range tests {
		opts := Options{Resources: tt.resources, Seed: 5}
		data, err := Generate(opts)
		if err != nil {
			t.Fatal(err)
		}
		var plan tfjson.Plan
		plan.UseJSONNumber(true)
		if err := json.Unmarshal(data, &plan); err != nil {
			t.Fatalf("%d resources: %v", tt.resources, err)
		}
		managed, byAction, types := 0, map[string]int{}, map[string]bool{}
		for _, rc := range plan.ResourceChanges {
			if rc.Mode != tfjson.ManagedResourceMode {
				continue
			}
			managed++
			types[rc.Type] = true
			switch {
			case rc.Change.Actions.Create():
				byAction["create"]++
			case rc.Change.Actions.NoOp():
				byAction["no-op"]++
			case rc.Change.Actions.Update():
				byAction["update"]++
			case rc.Change.Actions.Delete():
				byAction["delete"]++
			case rc.Change.Actions.Replace():
				byAction["replace"]++
			}
			if rc.Change.Actions.Create() && rc.Change.AfterUnknown == nil {
				t.Errorf("%s: a create without after_unknown", rc.Address)
			}
		}
		if managed != tt.resources {
			t.Errorf("%d managed resource changes, want %d", managed, tt.resources)
		}
		if s := Summarize(opts); s.Resources != managed {
			t.Errorf("Summarize counts %d, the plan has %d", s.Resources, managed)
		}
		if tt.resources < 1000 {
			continue
		}
		for _, a := range []string{"create", "no-op", "update", "delete", "replace"} {
			if byAction[a] == 0 {
				t.Errorf("no %s among %d changes", a, managed)
			}
		}
		for _, typ := range []string{"aws_instance", "aws_autoscaling_group", "aws_launch_template", "aws_db_instance",
			"google_compute_instance", "azurerm_linux_virtual_machine", "aws_iam_role", "aws_sqs_queue"} {
			if !types[typ] {
				t.Errorf("no %s in the plan", typ)
			}
		}
		if plan.Config.ProviderConfigs["aws.west"] == nil || plan.Variables["region"] == nil {
			t.Error("the aliased provider or the region variable is missing")
		}
		asg := plan.Config.RootModule.ModuleCalls["svc"].Module
		found := false
		for _, r := range asg.Resources {
			if r.Type == "aws_autoscaling_group" {
				refs := r.Expressions["launch_template"].NestedBlocks[0]["id"].References
				found = len(refs) == 2 && refs[0] == "aws_launch_template.web" && refs[1] == "count.index"
			}
		}
		if !found {
			t.Error("the autoscaling group does not refer to its launch template by count.index")
		}
		if plan.PlannedValues == nil || plan.PriorState == nil {
			t.Error("planned_values or prior_state is missing")
		}
	}
}
