package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
)

const corpus = "../../estimator/testdata/corpus/"

// runCLI runs costgate with args and returns exit code, stdout and stderr.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// embeddedCatalog is the catalog `costgate estimate` opens without a
// database, shared by the cases: each bucket of the embedded data it needs is
// read once for all of them.
var embeddedCatalog = sync.OnceValue(pricing.NewEmbeddedCatalog)

// runEstimateCLI runs `costgate estimate args` as runCLI does, with the
// embedded catalog loaded once.
func runEstimateCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	open := func(context.Context, func(string) string) (pricing.Catalog, func(), error) {
		return embeddedCatalog(), func() {}, nil
	}
	var out, errOut bytes.Buffer
	s := streams{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}
	code := runEstimate(context.Background(), args, func(string) string { return "" }, s, open)
	return code, out.String(), errOut.String()
}

func TestEstimateCommand(t *testing.T) {
	plan := corpus + "infracost/cmd/infracost/testdata/example_plan.json"
	wrapped := corpus + "infracost/cmd/infracost/testdata/plan_with_terraform_wrapper.json"
	planBytes, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	goodUsage := filepath.Join(dir, "usage.yml")
	badUsage := filepath.Join(dir, "bad.yml")
	notPlan := filepath.Join(dir, "state.json")
	for path, text := range map[string]string{
		goodUsage: "version: 0.1\nresource_usage:\n  aws_lambda_function.hello_world:\n    monthly_requests: 1000000\n",
		badUsage:  "version: 0.1\nresource_usage:\n  aws_lambda_function.hello_world: 12\n",
		notPlan:   `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{}}}`,
	} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name      string
		stdin     string
		args      []string
		code      int
		stdout    []string
		stderr    []string
		checkJSON bool
	}{
		{name: "table by default", args: []string{plan}, code: 0,
			stdout: []string{"Monthly cost (USD): prior", "resource changes:"}},
		{name: "json", args: []string{"--format", "json", plan}, code: 0, checkJSON: true,
			stdout: []string{`"prior_monthly_cost": "0.00"`, `"address": "aws_instance.web_app"`}},
		{name: "flags after the plan", args: []string{plan, "--format=json", "--region-default", "aws=eu-west-1"}, code: 0, checkJSON: true},
		{name: "markdown with a budget", args: []string{"--format", "markdown", "--max-chars", "300", plan}, code: 0,
			stdout: []string{"### Monthly cost will"}},
		{name: "stdin", stdin: string(planBytes), args: []string{"--format", "json", "-"}, code: 0, checkJSON: true},
		{name: "setup-terraform wrapper", args: []string{wrapped}, code: 0, stdout: []string{"2 resource changes"}},
		{name: "usage file", args: []string{"--usage-file", goodUsage, "--format", "json", wrapped}, code: 0, checkJSON: true},
		{name: "help", args: []string{"--help"}, code: 0, stdout: []string{"Exit codes:", "--region-default"}},
		{name: "not a plan", args: []string{notPlan}, code: 1, stderr: []string{"state.json: not a Terraform plan", "a state file?"}},
		{name: "garbage on stdin", stdin: "Error: no configuration\n", args: []string{"-"}, code: 1, stderr: []string{"standard input: not a Terraform plan"}},
		{name: "missing file", args: []string{filepath.Join(dir, "nope.json")}, code: 1, stderr: []string{"plan: open"}},
		{name: "bad usage file", args: []string{"--usage-file", badUsage, plan}, code: 1, stderr: []string{"bad.yml: line 3:"}},
		{name: "no plan", args: nil, code: 2, stderr: []string{"no plan file given"}},
		{name: "two plans", args: []string{plan, plan}, code: 2, stderr: []string{"one plan file at a time"}},
		{name: "unknown flag", args: []string{"--colour", plan}, code: 2, stderr: []string{"flag provided but not defined: -colour"}},
		{name: "bad format", args: []string{"--format", "xml", plan}, code: 2, stderr: []string{`--format "xml"`}},
		{name: "bad region default", args: []string{"--region-default", "eu-west-1", plan}, code: 2, stderr: []string{"want PROVIDER=REGION"}},
		{name: "negative budget", args: []string{"--max-chars", "-1", plan}, code: 2, stderr: []string{"--max-chars -1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runEstimateCLI(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if tt.checkJSON {
				var est estimator.Estimate
				if err := json.Unmarshal([]byte(stdout), &est); err != nil || est.Currency != "USD" {
					t.Errorf("stdout is not an estimate (%v):\n%s", err, stdout)
				}
			}
			if code != 0 && stdout != "" && tt.name != "help" {
				t.Errorf("a failed run wrote to stdout: %s", stdout)
			}
		})
	}
}

func TestEstimateRegionDefaultFlag(t *testing.T) {
	// test_issue-456 configures no aws provider block: no region anywhere.
	plan := corpus + "terraform-compliance/tests/functional/test_issue-456/plan.out.json"
	code, stdout, stderr := runEstimateCLI(t, "", "--format", "json", "--region-default", "aws=ap-south-1", plan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var est estimator.Estimate
	if err := json.Unmarshal([]byte(stdout), &est); err != nil {
		t.Fatal(err)
	}
	flagged := 0
	for _, r := range est.Resources {
		switch r.RegionSource {
		case estimator.RegionFromDefault:
			t.Errorf("%s: region %s from the provider default despite --region-default", r.Address, r.Region)
		case estimator.RegionFromFlag:
			flagged++
			if r.Region != "ap-south-1" {
				t.Errorf("%s: region %s, want ap-south-1", r.Address, r.Region)
			}
		}
	}
	if flagged == 0 {
		t.Error("no resource took its region from --region-default")
	}
}

// TestEstimateThroughRun runs the command as main does: embedded prices,
// since DATABASE_URL is unset.
func TestEstimateThroughRun(t *testing.T) {
	plan := corpus + "terracost/testdata/google/plan.json"
	code, stdout, stderr := runCLI(t, nil, "", "estimate", "--format", "json", plan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var est estimator.Estimate
	if err := json.Unmarshal([]byte(stdout), &est); err != nil {
		t.Fatal(err)
	}
	if len(est.PriceSources) == 0 || !est.ProposedMonthlyCost.IsPositive() {
		t.Errorf("the embedded prices priced nothing:\n%s", stdout)
	}
}
