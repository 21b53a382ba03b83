package runtask

import (
	"net/http"
	"strings"
	"testing"
)

// Seeds live in testdata/fuzz/: the §8.1 and §8.2 payloads of
// runtask-protocol.md, the minimal test request and spelling variants.

func FuzzDecodeRequest(f *testing.F) {
	f.Add([]byte(`{"access_token":"test-token"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := DecodeRequest(body)
		if err != nil {
			return
		}
		hosts := HostPolicy{Hosts: []string{"app.terraform.io", "127.0.0.1"}}
		if err := r.Validate(hosts); err == nil {
			// A valid request only ever points the token at allowed hosts.
			if hosts.Check(r.TaskResultCallbackURL) != nil {
				t.Fatalf("valid request with a refused callback URL")
			}
			if r.Stage.HasPlan() && hosts.Check(r.PlanJSONAPIURL) != nil {
				t.Fatalf("valid request with a refused plan URL")
			}
			if r.AccessToken == "" || !r.Stage.Valid() {
				t.Fatalf("valid request without token or stage: %v", r)
			}
		}
		// What is printed must not depend on the token (beyond IsTest).
		other := r
		other.AccessToken, other.TaskResultCallbackURL = "other-token", "https://x.example/"
		if !r.IsTest() && (r.String() != other.String() || r.LogValue().String() != other.LogValue().String()) {
			t.Fatalf("String or LogValue shows the token or callback URL")
		}
	})
}

func FuzzVerify(f *testing.F) {
	f.Add([]byte("key"), []byte(`{"access_token":"test-token"}`), "")
	f.Fuzz(func(t *testing.T, key, body []byte, header string) {
		v := NewVerifier([][]byte{key})
		err := v.Verify(body, header)
		if len(key) == 0 {
			if (header == "" || strings.TrimSpace(header) == "") != (err == nil) {
				t.Fatalf("no key: Verify(%q) = %v", header, err)
			}
			return
		}
		right := Sign(key, body)
		if strings.EqualFold(strings.TrimSpace(header), right) != (err == nil) {
			t.Fatalf("Verify(%q) = %v; right signature %s", header, err, right)
		}
		if err := v.Verify(body, right); err != nil {
			t.Fatalf("own signature refused: %v", err)
		}
		if err := v.Verify(append(body, ' '), right); err == nil {
			t.Fatalf("signature accepted for a different body")
		}
	})
}

func FuzzHostPolicyCheck(f *testing.F) {
	for _, s := range []string{
		"https://app.terraform.io/api/v2/plans/plan-1/json-output",
		"https://app.terraform.io@evil.example/",
		"https://evil.example#@app.terraform.io/",
		"https://app%2eterraform.io/",
		"https://[::1]:8443/x",
		"http://127.0.0.1:8080/cb?url_code=x",
	} {
		f.Add(s)
	}
	hosts := HostPolicy{Hosts: []string{"app.terraform.io", "127.0.0.1"}, AllowHTTP: true}
	f.Fuzz(func(t *testing.T, raw string) {
		if hosts.Check(raw) != nil {
			return
		}
		// Whatever passes must be read by net/http as a request to an allowed host.
		req, err := http.NewRequest(http.MethodGet, raw, nil)
		if err != nil {
			t.Fatalf("allowed %q but net/http refuses it: %v", raw, err)
		}
		h := strings.ToLower(req.URL.Hostname())
		if req.URL.User != nil || (h != "app.terraform.io" && h != "127.0.0.1") {
			t.Fatalf("allowed %q, which goes to %q", raw, req.URL.Host)
		}
	})
}
