package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkEstimate/decode/resources=10000-2         	       2	1007041092 ns/op	  19.44 MB/s	      1023 cpu-ms/op	165679608 B/op	 1982240 allocs/op
BenchmarkEstimate/estimate/resources=10000-2                   	       2	 827300502 ns/op	  23.67 MB/s	       746.6 cpu-ms/op	         2.484 peakheap/planbyte	  19581059 planbytes	         1.000 roundtrips/op	154826528 B/op	 2120209 allocs/op
BenchmarkIntake-2   	       1	30233654424 ns/op	         1.863 10k-ack-to-callback-s	      1010 acks/s	       200.0 clients	         0 errors	       494.2 p99-ms	       187.8 p50-ms	30.23 seconds	       991.0 open1000-acks/s	       445.0 open1000-p99-ms	       133.0 open1000-p50-ms	       664.0 open1000-max-ms	         0 open1000-errors	        30.00 open1000-seconds	       402.0 open250-acks/s	        12.5 open250-p99-ms	         6.0 open250-p50-ms	        40.0 open250-max-ms	         0 open250-errors	        30.00 open250-seconds
PASS
`

func TestParseAndReport(t *testing.T) {
	// The same lines as test2json writes them, one split across two events.
	var js strings.Builder
	for _, line := range strings.SplitAfter(sample, "\n") {
		if strings.HasPrefix(line, "BenchmarkIntake") {
			js.WriteString(`{"Action":"output","Output":"BenchmarkIntake-2   \t"}` + "\n")
			line = strings.TrimPrefix(line, "BenchmarkIntake-2   \t")
		}
		js.WriteString(`{"Action":"output","Output":` + quote(line) + "}\n")
	}
	for name, input := range map[string]string{"plain": sample, "json": js.String()} {
		t.Run(name, func(t *testing.T) {
			rs, err := parse(strings.NewReader(input))
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 3 {
				t.Fatalf("%d results, want 3: %v", len(rs), rs)
			}
			if got := rs["BenchmarkEstimate/estimate/resources=10000"].metrics["roundtrips/op"]; got != 1 {
				t.Errorf("roundtrips/op = %v", got)
			}
			var out bytes.Buffer
			report(&out, rs, facts{cores: 2})
			if i, j := strings.Index(out.String(), "at 250 requests/s"), strings.Index(out.String(), "at 1000 requests/s"); i < 0 || j < i {
				t.Errorf("open-loop rows not in increasing rate order:\n%s", out.String())
			}
			for _, want := range []string{
				"| 10000 | 19.6 | 1007 ms / 1023 ms | 827 ms / 747 ms | 0.82 ✓ / 0.73 ✓ | 1 ✓ | 2.48 ✓ |",
				"| 1010 ✓ | 187.8 ms | 494.2 ms ✗ |",
				"1.86 s from the ack to the final callback",
				"| 200 clients, open loop at 250 requests/s (latency from the scheduled time) | 30 | 402 ✗ | 6.0 ms | 12.5 ms ✓ |",
				"| 200 clients, open loop at 1000 requests/s (latency from the scheduled time) | 30 | 991 ✗ | 133.0 ms | 445.0 ms ✗ |",
			} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("report lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
