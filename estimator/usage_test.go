package estimator

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const usageExample = `# Infracost-style usage file
version: 0.1
resource_type_default_usage:
  aws_lambda_function:
    monthly_requests: 1000000
    request_duration_ms: 250
  aws_s3_bucket:
    storage_classes:
      standard:
        storage_gb: 100
        monthly_tier_1_requests: 1_000
resource_usage:
  aws_lambda_function.api:
    monthly_requests: 5000000
  module.app[*].aws_lambda_function.worker[*]:
    monthly_requests: 10
  module.app["eu"].aws_lambda_function.worker[*]:
    monthly_requests: 20
  module.app["eu"].aws_lambda_function.worker[2]:
    monthly_requests: 30
  aws_s3_bucket.logs:
    storage_classes:
      standard:
        storage_gb: 5000
      glacier:
        storage_gb: 0.5
  aws_instance.web[*]:
    operating_system: windows
    reserved: true
  aws_instance.empty:
`

func TestUsageMerge(t *testing.T) {
	u, err := ParseUsageFile("usage.yml", strings.NewReader(usageExample))
	if err != nil {
		t.Fatal(err)
	}
	n := func(s string) json.Number { return json.Number(s) }
	tests := []struct {
		typ, addr string
		want      map[string]any
	}{
		{"aws_lambda_function", "aws_lambda_function.other",
			map[string]any{"monthly_requests": n("1000000"), "request_duration_ms": n("250")}},
		{"aws_lambda_function", "aws_lambda_function.api",
			map[string]any{"monthly_requests": n("5000000"), "request_duration_ms": n("250")}},
		{"aws_lambda_function", `module.app["us"].aws_lambda_function.worker[0]`,
			map[string]any{"monthly_requests": n("10"), "request_duration_ms": n("250")}},
		// Fewer wildcards win over more.
		{"aws_lambda_function", `module.app["eu"].aws_lambda_function.worker[0]`,
			map[string]any{"monthly_requests": n("20"), "request_duration_ms": n("250")}},
		// The exact address wins over every wildcard.
		{"aws_lambda_function", `module.app["eu"].aws_lambda_function.worker[2]`,
			map[string]any{"monthly_requests": n("30"), "request_duration_ms": n("250")}},
		// A wildcard needs an index there.
		{"aws_lambda_function", "module.app.aws_lambda_function.worker",
			map[string]any{"monthly_requests": n("1000000"), "request_duration_ms": n("250")}},
		// Nested objects merge key by key.
		{"aws_s3_bucket", "aws_s3_bucket.logs", map[string]any{"storage_classes": map[string]any{
			"standard": map[string]any{"storage_gb": n("5000"), "monthly_tier_1_requests": n("1000")},
			"glacier":  map[string]any{"storage_gb": n("0.5")},
		}}},
		{"aws_instance", `aws_instance.web["a"]`, map[string]any{"operating_system": "windows", "reserved": true}},
		{"aws_instance", "aws_instance.empty", map[string]any{}},
		{"aws_instance", "aws_instance.none", nil},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			got := u.forResource(tt.typ, tt.addr, func(string) {})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("usage = %#v, want %#v", got, tt.want)
			}
		})
	}
	// Merging never changes the file's own values.
	again := u.forResource("aws_s3_bucket", "aws_s3_bucket.other", func(string) {})
	std := again["storage_classes"].(map[string]any)["standard"].(map[string]any)
	if std["storage_gb"] != n("100") {
		t.Errorf("type default changed by a merge: %v", std)
	}
}

func TestUsageFileErrors(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"empty", "", "empty usage file"},
		{"no version", "resource_usage: {}\n", `missing "version: 0.1"`},
		{"unknown version", "version: 0.2\n", `line 1: unsupported usage file version "0.2"`},
		{"not a mapping", "- a\n- b\n", "line 1: a usage file is a mapping"},
		{"unknown key", "version: 0.1\nresource_usages: {}\n", `line 2: unknown key "resource_usages"`},
		{"bad yaml", "version: 0.1\nresource_usage:\n  a: [\n", "usage.yml: yaml:"},
		{"section not a mapping", "version: 0.1\nresource_usage: 3\n", "line 2: resource_usage must be a mapping"},
		{"entry not a mapping", "version: 0.1\nresource_usage:\n  aws_instance.a: 3\n", `line 3: usage of "aws_instance.a" must be a mapping`},
		{"duplicate address", "version: 0.1\nresource_usage:\n  a.b:\n    x: 1\n  a.b:\n    x: 2\n", `line 5: "a.b" is repeated (first on line 3)`},
		{"bad number", "version: 0.1\nresource_usage:\n  a.b:\n    x: .inf\n", `line 4: ".inf" is not a decimal number`},
		{"unbalanced address", "version: 0.1\nresource_usage:\n  a.b[0:\n    x: 1\n", "line 3: resource address \"a.b[0\" has an unclosed ["},
		{"address as type", "version: 0.1\nresource_type_default_usage:\n  aws_instance.web:\n    x: 1\n", "line 3: \"aws_instance.web\" is not a resource type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseUsageFile("usage.yml", strings.NewReader(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "usage.yml: ") {
				t.Errorf("err = %v, want it to name the file", err)
			}
		})
	}
}

func TestMatchWildcard(t *testing.T) {
	tests := []struct {
		pattern, addr string
		want          bool
	}{
		{"aws_instance.web[*]", "aws_instance.web[0]", true},
		{"aws_instance.web[*]", `aws_instance.web["a]b"]`, true},
		{"aws_instance.web[*]", "aws_instance.web", false},
		{"aws_instance.web[*]", "aws_instance.web[0].x", false},
		{"module.a[*].aws_instance.web", `module.a["x"].aws_instance.web`, true},
		{"module.a[*].aws_instance.web", `module.b["x"].aws_instance.web`, false},
		{"aws_instance.web[*]", "aws_instance.webs[0]", false},
	}
	for _, tt := range tests {
		if got := matchWildcard(tt.pattern, tt.addr); got != tt.want {
			t.Errorf("matchWildcard(%q, %q) = %v, want %v", tt.pattern, tt.addr, got, tt.want)
		}
	}
}
