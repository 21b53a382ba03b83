package estimator

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// checkGolden compares got with a golden file, or rewrites it with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./estimator -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./estimator -update rewrites it):\n%s", path, firstDifference(want, got))
	}
}

// firstDifference shows the first line that differs.
func firstDifference(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}

func itoa(i int) string { return decimal.NewFromInt(int64(i)).String() }

func actionsEstimate(t *testing.T) *Estimate {
	t.Helper()
	usage, err := ParseUsageFile("usage.yml", strings.NewReader("version: 0.1\nresource_usage:\n  aws_lambda_function.unused:\n    monthly_requests: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	est, err := estimatePlan(context.Background(), loadPlan(t, "testdata/plans/actions.json"), testCatalog(t), Options{Usage: usage}, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	return est
}

func TestRenderGolden(t *testing.T) {
	est := actionsEstimate(t)
	for _, tt := range []struct {
		ext    string
		render func(*bytes.Buffer) error
	}{
		{"json", func(b *bytes.Buffer) error { return RenderJSON(b, est) }},
		{"table", func(b *bytes.Buffer) error { return RenderTable(b, est) }},
		{"md", func(b *bytes.Buffer) error { return RenderMarkdown(b, est, MarkdownOptions{}) }},
	} {
		t.Run(tt.ext, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "testdata/golden/engine/actions."+tt.ext, b.Bytes())
		})
	}
}

func TestTableSaysWhatIsMissing(t *testing.T) {
	var b bytes.Buffer
	if err := RenderTable(&b, actionsEstimate(t)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"price not found",         // the x9.mega instance
		"depends on usage",        // the lambda without usage
		"aws_shiny_new_thing (2)", // unsupported types with counts
		"15 resource changes: 11 estimated, 2 free, 2 unsupported",
		"assumed: instance_type unknown: assumed t3.micro",
		"(removed) Instance usage (Linux/UNIX, on-demand, t3.micro)",
		"Prices: test-aws-ebs-2024-07 (2024-07-18)",
		"Warning: usage file: aws_lambda_function.unused matches no resource",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
}

func TestMarkdownBudget(t *testing.T) {
	est := actionsEstimate(t)
	full := Markdown(est, MarkdownOptions{})
	rows := strings.Count(full, "\n| `")
	for _, max := range []int{10000, 1200, 900, 700, 400, 100, 20} {
		t.Run(itoa(max), func(t *testing.T) {
			got := Markdown(est, MarkdownOptions{MaxChars: max})
			if n := utf8.RuneCountInString(got); n > max {
				t.Fatalf("%d characters, budget %d", n, max)
			}
			kept := strings.Count(got, "\n| `")
			if kept < rows && max >= 400 && !strings.Contains(got, itoa(rows-kept)+" resource") {
				t.Errorf("%d of %d rows kept but the output does not say how many were left out:\n%s", kept, rows, got)
			}
			if max >= len(full) && got != full {
				t.Error("a budget larger than the output changed it")
			}
		})
	}
	t.Run("largest changes kept first", func(t *testing.T) {
		got := Markdown(est, MarkdownOptions{MaxChars: 900})
		// aws_instance.old (-73.08) is the largest change; the no-op never shows.
		if !strings.Contains(got, "`aws_instance.old`") || strings.Contains(got, "aws_instance.steady") {
			t.Errorf("unexpected rows:\n%s", got)
		}
		if strings.Contains(got, "`aws_instance.unpriced`") {
			t.Errorf("the smallest change was kept:\n%s", got)
		}
	})
}

func TestSigned(t *testing.T) {
	if got := signed(dec("-0.001")); got != "0.00" {
		t.Errorf("signed(-0.001) = %s, want 0.00", got)
	}
}
