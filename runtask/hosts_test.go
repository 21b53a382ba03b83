package runtask

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestHostPolicyCheck(t *testing.T) {
	def := DefaultHostPolicy()
	withIP := HostPolicy{Hosts: []string{"app.terraform.io", "127.0.0.1", "[::1]", "tfe.corp.example:8443"}}
	httpOK := HostPolicy{Hosts: []string{"127.0.0.1"}, AllowHTTP: true}
	tests := []struct {
		name   string
		policy HostPolicy
		url    string
		want   string // "" = allowed, else part of the refusal
	}{
		{"callback on HCP US", def, "https://app.terraform.io/api/v2/task-results/5ea8d46c-2ceb-42cd-83f2-82e54697bddd/callback", ""},
		{"callback with url_code query", def, "https://app.terraform.io/api/v2/task-results/x/callback?url_code=abc", ""},
		{"HCP EU", def, "https://app.eu.terraform.io/api/v2/plans/plan-1/json-output", ""},
		{"host case-insensitive", def, "https://APP.Terraform.IO/api", ""},
		{"scheme case-insensitive", def, "HTTPS://app.terraform.io/api", ""},
		{"entry without port allows any port", def, "https://app.terraform.io:8443/api", ""},
		{"entry with port allows that port", withIP, "https://tfe.corp.example:8443/api", ""},
		{"entry with port refuses others", withIP, "https://tfe.corp.example/api", "not in the allowed"},
		{"entry with port refuses other explicit port", withIP, "https://tfe.corp.example:443/api", "not in the allowed"},
		{"listed IPv4", withIP, "https://127.0.0.1:9999/api", ""},
		{"listed IPv6", withIP, "https://[::1]:9999/api", ""},
		{"IPv6 written differently", withIP, "https://[0:0::1]/api", ""},
		{"unlisted IP", def, "https://127.0.0.1/api", "not in the allowed"},
		{"metadata IP", def, "https://169.254.169.254/latest/meta-data", "not in the allowed"},
		{"decimal IP", def, "https://2130706433/api", "not in the allowed"},
		{"other host", def, "https://evil.example/api", "not in the allowed"},
		{"suffix trick", def, "https://app.terraform.io.evil.example/api", "not in the allowed"},
		{"prefix trick", def, "https://evilapp.terraform.io/api", "not in the allowed"},
		{"subdomain is not the host", def, "https://x.app.terraform.io/api", "not in the allowed"},
		{"userinfo trick", def, "https://app.terraform.io@evil.example/api", "user information"},
		{"userinfo on the allowed host", def, "https://user:pw@app.terraform.io/api", "user information"},
		{"encoded at sign", def, "https://app.terraform.io%40evil.example/api", "percent-encoded"},
		{"percent-encoded host", def, "https://app%2eterraform%2eio/api", "percent-encoded"},
		{"trailing dot", def, "https://app.terraform.io./api", "trailing dot"},
		{"fragment trick", def, "https://evil.example#@app.terraform.io/api", "fragment"},
		{"fragment on allowed host", def, "https://app.terraform.io/api#x", "fragment"},
		{"backslash trick", def, `https://evil.example\@app.terraform.io/`, "backslash"},
		{"whitespace", def, "https://app.terraform.io /api", "whitespace"},
		{"plain http", def, "http://app.terraform.io/api", "plain http"},
		{"plain http allowed", httpOK, "http://127.0.0.1:8080/api", ""},
		{"https still fine with AllowHTTP", httpOK, "https://127.0.0.1:8080/api", ""},
		{"other scheme", def, "ftp://app.terraform.io/api", "scheme"},
		{"javascript", def, "javascript:alert(1)", "scheme"},
		{"relative", def, "/api/v2/plans/plan-1/json-output", "not absolute"},
		{"scheme-relative", def, "//app.terraform.io/api", "not absolute"},
		{"no host", def, "https:///api", "no host"},
		{"opaque", def, "https:app.terraform.io/api", "scheme://host"},
		{"empty", def, "", "not absolute"},
		{"empty port", def, "https://app.terraform.io:/api", "empty port"},
		{"port zero", def, "https://app.terraform.io:0/api", "bad port"},
		{"non-ASCII host", def, "https://app.terraförm.io/api", "not allowed in a host name"},
		{"no hosts configured", HostPolicy{}, "https://app.terraform.io/api", "not in the allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.policy.Check(tt.url)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check(%q) = %v, want allowed", tt.url, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check(%q) allowed, want refusal with %q", tt.url, tt.want)
			}
			if !errors.Is(err, ErrHostNotAllowed) {
				t.Errorf("error %v does not wrap ErrHostNotAllowed", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check(%q) = %q, want it to contain %q", tt.url, err, tt.want)
			}
		})
	}
}

func TestHostErrorHidesQuery(t *testing.T) {
	err := DefaultHostPolicy().Check("https://evil.example/api/v2/task-results/x/callback?url_code=SECRETCODE")
	if err == nil || strings.Contains(err.Error(), "SECRETCODE") || strings.Contains(err.Error(), "task-results") {
		t.Fatalf("error = %v", err)
	}
}

func TestParseHosts(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{DefaultHosts, []string{"app.terraform.io", "app.eu.terraform.io"}, ""},
		{" A.example , ,b.example:8443,", []string{"a.example", "b.example:8443"}, ""},
		{"127.0.0.1,[::1],::1,[::1]:8080", []string{"127.0.0.1", "[::1]", "[::1]", "[::1]:8080"}, ""},
		{"", nil, ""},
		{"https://app.terraform.io", nil, "bare host"},
		{"app.terraform.io/api", nil, "bare host"},
		{"user@app.terraform.io", nil, "bare host"},
		{"app.terraform.io:99999", nil, "port"},
		{"app.terraform.io:x", nil, "port"},
		{"app.terraform.io.", nil, "trailing dot"},
		{"app..terraform.io", nil, "empty label"},
		{"app_terraform.io", nil, "not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseHosts(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseHosts(%q) = %v, %v; want error with %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("ParseHosts(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}
