package e2e

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
)

// BenchmarkAckLatency measures how long POST /runtask takes to answer 200
// for distinct signed §8.1 requests (HMAC check, decode, validate, one
// transaction inserting the run and its job) with the workers running, on
// real Postgres. Run: go test ./internal/e2e -run '^$' -bench AckLatency -benchtime 1000x
func BenchmarkAckLatency(b *testing.B) {
	h := newHarness(b, options{})
	plan := corpusPlan(h.t)
	bodies := make([][]byte, b.N)
	sigs := make([]string, b.N)
	for i := range bodies {
		id := fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), i)
		token := "atlasv1-" + id + "-Xy12AbCdEfGhIjklmnop"
		h.tfc.addRun(id, token, plan, faketfc.RunOptions{})
		bodies[i] = h.payload(id, token).bytes(h.t)
		sigs[i] = runtask.Sign([]byte(hmacKey), bodies[i])
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/runtask", bytes.NewReader(bodies[i]))
		req.Header.Set("X-TFC-Task-Signature", sigs[i])
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		lat = append(lat, time.Since(start))
		if resp.StatusCode != 200 {
			b.Fatalf("POST %d: status %d", i, resp.StatusCode)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p))] }
	b.ReportMetric(float64(pct(0.50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(pct(0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}
