package api

import (
	"fmt"
	"strings"
	"time"

	"github.com/costgate/costgate/internal/usd"
	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

// costChart is a line chart of a workspace's monthly cost per run, drawn
// by the server as SVG: prior (what existed) as a solid line, proposed
// (what the run asked for) as a dashed one. Coordinates are computed with
// decimals and printed with one decimal: no float touches an amount.
type costChart struct {
	Width, Height                       int
	PlotLeft, PlotRight, PlotTop, PlotY int // PlotY is the bottom of the plot area
	PriorPath, ProposedPath             string
	Points                              []chartPoint
	YTicks                              []chartTick
	XTicks                              []chartTick
	Empty                               bool
}

// chartPoint is one run: its two markers and their tooltip.
type chartPoint struct {
	X, PriorY, ProposedY string
	Speculative          bool
	Title                string
	RunPath              string
}

// chartTick is an axis label at a position (y for the value axis, x for
// time); Anchor is its SVG text-anchor, so the end labels stay inside.
type chartTick struct {
	Pos    string
	Label  string
	Anchor string
}

// Chart geometry in SVG user units (the SVG scales to its container).
const (
	chartWidth  = 800
	chartHeight = 280
	chartLeft   = 78
	chartRight  = 16
	chartTop    = 14
	chartBottom = 34
	chartYTicks = 4
)

func newCostChart(points []store.HistoryPoint) costChart {
	c := costChart{Width: chartWidth, Height: chartHeight, PlotLeft: chartLeft, PlotRight: chartWidth - chartRight,
		PlotTop: chartTop, PlotY: chartHeight - chartBottom}
	if len(points) == 0 {
		c.Empty = true
		return c
	}
	peak := decimal.Zero
	for _, p := range points {
		peak = decimal.Max(peak, p.Prior, p.Proposed)
	}
	step := niceStep(peak.Div(decimal.NewFromInt(chartYTicks)))
	top := step.Mul(decimal.NewFromInt(chartYTicks))
	plotW := decimal.NewFromInt(int64(c.PlotRight - c.PlotLeft))
	plotH := decimal.NewFromInt(int64(c.PlotY - c.PlotTop))
	yOf := func(v decimal.Decimal) string {
		return decimal.NewFromInt(int64(c.PlotY)).Sub(v.Mul(plotH).Div(top)).StringFixed(1)
	}
	first, last := points[0].ReceivedAt, points[len(points)-1].ReceivedAt
	span := last.Sub(first)
	xOf := func(t time.Time) string {
		if span <= 0 {
			return decimal.NewFromInt(int64(c.PlotLeft)).Add(plotW.Div(decimal.NewFromInt(2))).StringFixed(1)
		}
		off := decimal.NewFromInt(int64(t.Sub(first))).Div(decimal.NewFromInt(int64(span)))
		return decimal.NewFromInt(int64(c.PlotLeft)).Add(off.Mul(plotW)).StringFixed(1)
	}
	var prior, proposed strings.Builder
	for i, p := range points {
		kind := p.Stage
		if p.IsSpeculative {
			kind += ", speculative"
		}
		pt := chartPoint{X: xOf(p.ReceivedAt), PriorY: yOf(p.Prior), ProposedY: yOf(p.Proposed),
			Speculative: p.IsSpeculative, RunPath: dashboardRunPath(p.RunID),
			Title: fmt.Sprintf("%s · %s (%s): %s → %s", formatWhen(p.ReceivedAt), p.RunID, kind,
				usd.Format(p.Prior), usd.Format(p.Proposed))}
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&prior, "%s%s %s ", cmd, pt.X, pt.PriorY)
		fmt.Fprintf(&proposed, "%s%s %s ", cmd, pt.X, pt.ProposedY)
		c.Points = append(c.Points, pt)
	}
	c.PriorPath, c.ProposedPath = strings.TrimSpace(prior.String()), strings.TrimSpace(proposed.String())
	for i := 0; i <= chartYTicks; i++ {
		v := step.Mul(decimal.NewFromInt(int64(i)))
		c.YTicks = append(c.YTicks, chartTick{Pos: yOf(v), Label: axisUSD(v)})
	}
	c.XTicks = timeTicks(first, last, xOf)
	return c
}

// niceStep rounds a tick step up to 1, 2, 2.5 or 5 times a power of ten,
// so axis labels are round amounts. Zero gets a step of $0.25.
func niceStep(raw decimal.Decimal) decimal.Decimal {
	if !raw.IsPositive() {
		return decimal.RequireFromString("0.25")
	}
	ten := decimal.NewFromInt(10)
	p := decimal.NewFromInt(1)
	for p.Mul(ten).LessThanOrEqual(raw) {
		p = p.Mul(ten)
	}
	for p.GreaterThan(raw) {
		p = p.Div(ten)
	}
	for _, m := range []string{"1", "2", "2.5", "5", "10"} {
		if s := p.Mul(decimal.RequireFromString(m)); s.GreaterThanOrEqual(raw) {
			return s
		}
	}
	return p.Mul(ten)
}

// axisUSD prints an axis amount without cents when it is whole.
func axisUSD(d decimal.Decimal) string {
	s := usd.Format(d)
	return strings.TrimSuffix(s, ".00")
}

// timeTicks labels up to five instants evenly spaced from first to last
// (dates, or times of day when the span is under two days).
func timeTicks(first, last time.Time, xOf func(time.Time) string) []chartTick {
	layout := time.DateOnly
	if last.Sub(first) < 48*time.Hour {
		layout = "Jan 2 15:04"
	}
	if !last.After(first) {
		return []chartTick{{Pos: xOf(first), Label: first.UTC().Format(layout), Anchor: "middle"}}
	}
	const n = 4
	var out []chartTick
	for i := 0; i <= n; i++ {
		t := first.Add(last.Sub(first) * time.Duration(i) / n)
		anchor := "middle"
		switch i {
		case 0:
			anchor = "start"
		case n:
			anchor = "end"
		}
		out = append(out, chartTick{Pos: xOf(t), Label: t.UTC().Format(layout), Anchor: anchor})
	}
	return out
}
