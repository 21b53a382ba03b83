// Command benchreport reads `go test -bench` output (plain or -json) on
// standard input and prints the performance table of docs/performance.md:
// the machine, then estimation, intake and catalog figures with their
// targets. scripts/bench.sh (make bench) runs the benchmarks and pipes them here.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	results, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchreport: %v\n", err)
		os.Exit(1)
	}
	if len(results) == 0 {
		fmt.Fprintln(os.Stderr, "benchreport: no benchmark results on standard input")
		os.Exit(1)
	}
	report(os.Stdout, results, machine())
}

// result is one benchmark line: its name (without the -GOMAXPROCS suffix)
// and its metrics by unit.
type result struct {
	name    string
	n       int
	metrics map[string]float64
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)

// parse reads benchmark lines, from plain output or from test2json events.
func parse(r io.Reader) (map[string]result, error) {
	out := map[string]result{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var pending string // -json splits a result line across output events
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "{") {
			var ev struct{ Action, Output string }
			if json.Unmarshal([]byte(line), &ev) != nil || ev.Action != "output" {
				continue
			}
			pending += ev.Output
			if !strings.HasSuffix(pending, "\n") {
				continue
			}
			line, pending = strings.TrimSuffix(pending, "\n"), ""
		}
		if res, ok := parseLine(line); ok {
			out[res.name] = res
		}
	}
	return out, sc.Err()
}

func parseLine(line string) (result, bool) {
	m := benchLine.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return result{}, false
	}
	n, _ := strconv.Atoi(m[2])
	res := result{name: m[1], n: n, metrics: map[string]float64{}}
	f := strings.Fields(m[3])
	for i := 0; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return result{}, false
		}
		res.metrics[f[i+1]] = v
	}
	return res, len(res.metrics) > 0
}

// facts describe the machine the figures come from.
type facts struct {
	date, cpu, goVersion, postgres, load string
	cores                                int
}

func machine() facts {
	f := facts{date: time.Now().UTC().Format("2006-01-02 15:04 MST"), cores: runtime.NumCPU(), goVersion: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				f.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if fs := strings.Fields(string(b)); len(fs) >= 3 {
			f.load = strings.Join(fs[:3], " ")
		}
	}
	f.postgres = os.Getenv("BENCH_POSTGRES_VERSION")
	if f.postgres == "" {
		if out, err := exec.Command("psql", "--version").Output(); err == nil {
			f.postgres = strings.TrimSpace(string(out)) + " (client)"
		}
	}
	return f
}

func report(w io.Writer, rs map[string]result, m facts) {
	fmt.Fprintf(w, "Machine: %d cores (%s), %s, %s; load average at the end %s; %s.\n\n", m.cores, m.cpu, m.goVersion, m.postgres, m.load, m.date)
	estimation(w, rs)
	intake(w, rs)
	catalog(w, rs)
}

// mark renders a figure against its target.
func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

func ms(ns float64) string { return fmt.Sprintf("%.0f ms", ns/1e6) }

var sizeName = regexp.MustCompile(`resources=(\d+)$`)

func estimation(w io.Writer, rs map[string]result) {
	var sizes []int
	for name := range rs {
		if strings.HasPrefix(name, "BenchmarkEstimate/estimate/") {
			if m := sizeName.FindStringSubmatch(name); m != nil {
				n, _ := strconv.Atoi(m[1])
				sizes = append(sizes, n)
			}
		}
	}
	if len(sizes) == 0 {
		return
	}
	sort.Ints(sizes)
	fmt.Fprintln(w, "### Estimation (Postgres catalog with the embedded pricing-data)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| resources | plan MB | decode into tfjson.Plan (wall / CPU) | estimate (wall / CPU) | estimate ÷ decode, wall / CPU (≤ 1.5 at ≥10k) | round trips (≤ 3) | peak heap ÷ plan bytes (≤ 3) |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|")
	for _, n := range sizes {
		d, dok := rs[fmt.Sprintf("BenchmarkEstimate/decode/resources=%d", n)]
		e := rs[fmt.Sprintf("BenchmarkEstimate/estimate/resources=%d", n)]
		mb := e.metrics["planbytes"] / 1e6
		ratio, cpuRatio := "—", "—"
		decode := "—"
		if dok {
			decode = ms(d.metrics["ns/op"]) + " / " + fmt.Sprintf("%.0f ms", d.metrics["cpu-ms/op"])
			r := e.metrics["ns/op"] / d.metrics["ns/op"]
			cr := e.metrics["cpu-ms/op"] / d.metrics["cpu-ms/op"]
			ratio = fmt.Sprintf("%.2f", r)
			cpuRatio = fmt.Sprintf("%.2f", cr)
			if n >= 10_000 {
				ratio += " " + mark(r <= 1.5)
				cpuRatio += " " + mark(cr <= 1.5)
			}
		}
		rt := e.metrics["roundtrips/op"]
		peak := e.metrics["peakheap/planbyte"]
		fmt.Fprintf(w, "| %d | %.1f | %s | %s / %.0f ms | %s / %s | %.0f %s | %.2f %s |\n", n, mb, decode,
			ms(e.metrics["ns/op"]), e.metrics["cpu-ms/op"], ratio, cpuRatio, rt, mark(rt <= 3), peak, mark(peak <= 3))
	}
	fmt.Fprintln(w)
	header := false
	for _, n := range sizes {
		v, ok := rs[fmt.Sprintf("BenchmarkEstimate/estimate-via-tfjson/resources=%d", n)]
		d, dok := rs[fmt.Sprintf("BenchmarkEstimate/decode/resources=%d", n)]
		if !ok || !dok {
			continue
		}
		if !header {
			fmt.Fprintln(w, "The same estimate through a whole tfjson.Plan (estimator.DecodePlan, the path before the streamed decode):")
			fmt.Fprintln(w)
			fmt.Fprintln(w, "| resources | estimate via tfjson.Plan (wall / CPU) | ÷ decode, wall / CPU | peak heap ÷ plan bytes |")
			fmt.Fprintln(w, "|---:|---:|---:|---:|")
			header = true
		}
		fmt.Fprintf(w, "| %d | %s / %.0f ms | %.2f / %.2f | %.2f |\n", n, ms(v.metrics["ns/op"]), v.metrics["cpu-ms/op"],
			v.metrics["ns/op"]/d.metrics["ns/op"], v.metrics["cpu-ms/op"]/d.metrics["cpu-ms/op"], v.metrics["peakheap/planbyte"])
	}
	if header {
		fmt.Fprintln(w)
	}
}

func intake(w io.Writer, rs map[string]result) {
	r, ok := rs["BenchmarkIntake"]
	if !ok {
		return
	}
	m := r.metrics
	fmt.Fprintln(w, "### Intake (`costgate serve`, signed POST /runtask, workers running)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| load | seconds | acks/s (≥ 1,000) | p50 ack | p99 ack (≤ 25 ms) | max ack | errors (0) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	row := func(label, p string) {
		fmt.Fprintf(w, "| %s | %.0f | %.0f %s | %.1f ms | %.1f ms %s | %.0f ms | %.0f %s |\n", label,
			m[p+"seconds"], m[p+"acks/s"], mark(m[p+"acks/s"] >= 1000), m[p+"p50-ms"], m[p+"p99-ms"], mark(m[p+"p99-ms"] <= 25),
			m[p+"max-ms"], m[p+"errors"], mark(m[p+"errors"] == 0))
	}
	row(fmt.Sprintf("%.0f clients, closed loop (as fast as answered)", m["clients"]), "")
	for _, rate := range openLoopRates(m) {
		row(fmt.Sprintf("%.0f clients, open loop at %d requests/s (latency from the scheduled time)", m["clients"], rate), fmt.Sprintf("open%d-", rate))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Final callbacks during the closed loop: %.1f/s. ", m["finals/s"])
	if m["unfinished"] > 0 {
		fmt.Fprintf(w, "Its backlog was still draining when the benchmark stopped waiting: %.0f runs queued, the last callback %.0f s after the load (ack → final callback p50 %.0f s, max %.0f s, of those done). ",
			m["unfinished"], m["drain-s"], m["ack-to-final-p50-s"], m["ack-to-final-max-s"])
	} else {
		fmt.Fprintf(w, "Its backlog drained %.0f s after the load (ack → final callback p50 %.0f s, max %.0f s). ",
			m["drain-s"], m["ack-to-final-p50-s"], m["ack-to-final-max-s"])
	}
	fmt.Fprintf(w, "A 10,000-resource plan on the idle service: %.2f s from the ack to the final callback.\n\n", m["10k-ack-to-callback-s"])
}

// openLoopRates are the request rates of the open-loop phases, from their
// metric names ("open1000-acks/s"), in increasing order.
func openLoopRates(m map[string]float64) []int {
	var rates []int
	for name := range m {
		rest, ok := strings.CutPrefix(name, "open")
		if !ok {
			continue
		}
		num, metric, ok := strings.Cut(rest, "-")
		if rate, err := strconv.Atoi(num); ok && err == nil && metric == "acks/s" {
			rates = append(rates, rate)
		}
	}
	slices.Sort(rates)
	return rates
}

func catalog(w io.Writer, rs map[string]result) {
	type row struct{ what, figure string }
	var rows []row
	for _, c := range []struct{ name, what, unit, format string }{
		{"BenchmarkLookup10k/postgres", "batch lookup of 10,000 queries, Postgres (one query)", "queries/s", "%.0f queries/s"},
		{"BenchmarkLookup10k/memory", "batch lookup of 10,000 queries, memory catalog", "queries/s", "%.0f queries/s"},
		{"BenchmarkLoad", "pricing load (COPY, indexes, constraints)", "rows/s", "%.0f rows/s"},
		{"BenchmarkPlainCopy", "plain COPY of the same rows into a bare table", "rows/s", "%.0f rows/s"},
		{"BenchmarkLoadMemoryCatalog", "memory catalog from all embedded data", "rows/s", "%.0f rows/s"},
	} {
		if r, ok := rs[c.name]; ok {
			fig := fmt.Sprintf(c.format, r.metrics[c.unit])
			if ns, ok := r.metrics["ns/op"]; ok && c.unit != "queries/s" {
				fig += fmt.Sprintf(" (%.2f s)", ns/1e9)
			}
			if mb, ok := r.metrics["heap-MB"]; ok {
				fig += fmt.Sprintf(", %.0f MB heap", mb)
			}
			rows = append(rows, row{c.what, fig})
		}
	}
	if l, ok := rs["BenchmarkLoad"]; ok {
		if c, ok := rs["BenchmarkPlainCopy"]; ok && c.metrics["rows/s"] > 0 {
			rows = append(rows, row{"load ÷ plain COPY throughput", fmt.Sprintf("%.2f", l.metrics["rows/s"]/c.metrics["rows/s"])})
		}
	}
	for _, name := range sortedKeys(rs) {
		if r := rs[name]; strings.HasPrefix(name, "BenchmarkEmbeddedCatalog") {
			rows = append(rows, row{"`costgate estimate` without a database: " + strings.TrimPrefix(name, "BenchmarkEmbeddedCatalog/"),
				fmt.Sprintf("%.0f ms (CPU %.0f ms), %.0f MB allocated", r.metrics["ns/op"]/1e6, r.metrics["cpu-ms/op"], r.metrics["B/op"]/1e6)})
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w, "### Catalog")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| benchmark | figure |")
	fmt.Fprintln(w, "|---|---:|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s |\n", r.what, r.figure)
	}
	fmt.Fprintln(w)
}

func sortedKeys(m map[string]result) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
