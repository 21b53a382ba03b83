package api

import (
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

func TestNiceStep(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"0", "0.25"}, {"0.3", "0.5"}, {"1", "1"}, {"1.01", "2"}, {"2.2", "2.5"}, {"3", "5"},
		{"6", "10"}, {"40.945", "50"}, {"128.915", "200"}, {"371.32", "500"}, {"1000", "1000"}, {"1200", "2000"},
	}
	for _, tt := range tests {
		if got := niceStep(decimal.RequireFromString(tt.raw)); !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("niceStep(%s) = %s, want %s", tt.raw, got, tt.want)
		}
	}
}

// Amounts are totals of real estimates (testdata/estimates).
func TestCostChartGeometry(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	d := decimal.RequireFromString
	points := []store.HistoryPoint{
		{ReceivedAt: t0, RunID: "run-1", Stage: "post_plan", Prior: d("0"), Proposed: d("163.78")},
		{ReceivedAt: t0.Add(24 * time.Hour), RunID: "run-2", Stage: "post_plan", IsSpeculative: true, Prior: d("9.27"), Proposed: d("136.29")},
		{ReceivedAt: t0.Add(96 * time.Hour), RunID: "run-3", Stage: "post_apply", Prior: d("163.78"), Proposed: d("515.66")},
	}
	c := newCostChart(points)
	// Peak 515.66 → steps of 200 up to 800 (ticks at 0, 200, 400, 600, 800).
	if len(c.YTicks) != 5 || c.YTicks[4].Label != "$800" || c.YTicks[0].Label != "$0" || c.YTicks[0].Pos != "246.0" || c.YTicks[4].Pos != "14.0" {
		t.Errorf("y ticks = %+v", c.YTicks)
	}
	// x: first at the left edge, the last at the right edge, the second a quarter in.
	if c.Points[0].X != "78.0" || c.Points[2].X != "784.0" || c.Points[1].X != "254.5" {
		t.Errorf("x = %s %s %s", c.Points[0].X, c.Points[1].X, c.Points[2].X)
	}
	// y: 246 - v × 232 / 800.
	if c.Points[2].ProposedY != "96.5" || c.Points[0].PriorY != "246.0" || c.Points[1].PriorY != "243.3" {
		t.Errorf("y = %+v", c.Points)
	}
	if c.PriorPath != "M78.0 246.0 L254.5 243.3 L784.0 198.5" {
		t.Errorf("prior path = %q", c.PriorPath)
	}
	if !c.Points[1].Speculative || !strings.Contains(c.Points[1].Title, "speculative") || !strings.Contains(c.Points[2].Title, "$163.78 → $515.66") {
		t.Errorf("titles = %q / %q", c.Points[1].Title, c.Points[2].Title)
	}
	if len(c.XTicks) != 5 || c.XTicks[0].Label != "2025-03-01" || c.XTicks[4].Label != "2025-03-05" {
		t.Errorf("x ticks = %+v", c.XTicks)
	}

	one := newCostChart(points[:1])
	if one.Points[0].X != "431.0" || len(one.XTicks) != 1 {
		t.Errorf("one point: x %s ticks %+v", one.Points[0].X, one.XTicks)
	}
	if empty := newCostChart(nil); !empty.Empty {
		t.Error("no points: not empty")
	}
	zero := newCostChart([]store.HistoryPoint{{ReceivedAt: t0, Prior: d("0"), Proposed: d("0")}})
	if zero.YTicks[4].Label != "$1" || zero.Points[0].PriorY != "246.0" {
		t.Errorf("all zero: %+v %+v", zero.YTicks, zero.Points)
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/workspaces/ws-1": "/workspaces/ws-1", "/runs/r?x=1": "/runs/r?x=1", "": "/", "https://evil.example/": "/",
		"//evil.example/x": "/", `/\evil.example`: "/", "runs/r": "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNegotiateHistoryFormat(t *testing.T) {
	for accept, want := range map[string]string{
		"": "json", "text/csv": "csv", "application/json": "json", "*/*": "json", "text/*": "csv",
		"text/csv;q=0.5, application/json": "json", "application/json;q=0.2, text/csv": "csv", "text/html": "json",
	} {
		if got := negotiateHistoryFormat(accept); got != want {
			t.Errorf("Accept %q → %s, want %s", accept, got, want)
		}
	}
}
