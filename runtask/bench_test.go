package runtask

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
)

func BenchmarkDecodeRequest(b *testing.B) {
	body, err := os.ReadFile("testdata/post_plan_request.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := DecodeRequest(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	body, err := os.ReadFile("testdata/post_plan_request.json")
	if err != nil {
		b.Fatal(err)
	}
	keys := [][]byte{[]byte("current"), []byte("previous")}
	v, sig := NewVerifier(keys), Sign(keys[1], body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if err := v.Verify(body, sig); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildCallback300Outcomes(b *testing.B) {
	res := exampleResult()
	for len(res.Outcomes) < 300 {
		res.Outcomes = append(res.Outcomes, res.Outcomes[0])
	}
	res.Outcomes[0].Attributes.Body = strings.Repeat("| row |\n", 3000)
	for b.Loop() {
		BuildCallback(res, true)
	}
}

// BenchmarkFetch16MiB measures a plan download over loopback TLS through
// the 307 redirect and the size cap.
func BenchmarkFetch16MiB(b *testing.B) {
	plan := bytes.Repeat([]byte(`{"k":"v"},`), 16<<20/10)
	arch := newArchivist(b, plan)
	api, _ := apiServer(b, func(w http.ResponseWriter, r *http.Request, n int) {
		http.Redirect(w, r, arch.srv.URL+"/o", http.StatusTemporaryRedirect)
	})
	c := planClient(api)
	b.SetBytes(int64(len(plan)))
	for b.Loop() {
		rc, err := c.Fetch(context.Background(), api.URL+"/p", testToken)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil {
			b.Fatal(err)
		}
		rc.Close()
	}
}
