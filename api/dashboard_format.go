package api

import (
	"html/template"
	"net/url"
	"time"

	"github.com/costgate/costgate/internal/usd"
	"github.com/shopspring/decimal"
)

// dashboardFuncs are the template helpers. Amounts are rounded only as they
// are printed (package usd).
func dashboardFuncs() template.FuncMap {
	return template.FuncMap{
		"usd":       usd.Format,
		"signedUSD": usd.FormatSigned,
		"usdPtr":    formatUSDPtr,
		"usdText":   formatUSDText,
		"when":      formatWhen,
		"date":      func(t time.Time) string { return t.UTC().Format(time.DateOnly) },
		"iso":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"decimal":   formatQuantity,
		"safeURL":   safeURL,
		"runPath":   dashboardRunPath,
		"wsPath":    dashboardWorkspacePath,
		"sign":      func(d decimal.Decimal) int { return d.Round(2).Sign() },
		"shortHash": func(s string) string { return s[:min(len(s), 12)] },
		"deref":     deref,
	}
}

// formatUSDPtr prints an optional amount; "—" when there is none.
func formatUSDPtr(d *decimal.Decimal) string {
	if d == nil {
		return "—"
	}
	return usd.Format(*d)
}

// formatUSDText prints an amount kept as a decimal string (a policy limit).
func formatUSDText(s *string) string {
	if s == nil {
		return "—"
	}
	d, err := decimal.NewFromString(*s)
	if err != nil {
		return *s
	}
	return usd.Format(d)
}

// formatQuantity prints a decimal as computed (no rounding), or "—".
func formatQuantity(d *decimal.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.String()
}

func formatWhen(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// safeURL keeps only absolute http(s) links from TFC requests; anything
// else renders as no link.
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return u.String()
}

func dashboardRunPath(runID string) string { return "/runs/" + url.PathEscape(runID) }

func dashboardWorkspacePath(workspaceID string) string {
	return "/workspaces/" + url.PathEscape(workspaceID)
}
