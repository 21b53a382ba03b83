package api

import (
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/costgate/costgate/store"
	"github.com/labstack/echo/v4"
)

const csvContentType = "text/csv; charset=utf-8"

// negotiateHistoryFormat picks CSV when the Accept header prefers text/csv
// to application/json; JSON otherwise (also without a header).
func negotiateHistoryFormat(accept string) string {
	if accept == "" {
		return "json"
	}
	q := func(want string) float64 {
		best, bestSpecificity := 0.0, -1
		for _, part := range strings.Split(accept, ",") {
			mediaType, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			typ, _, _ := strings.Cut(want, "/")
			specificity := -1
			switch mediaType {
			case want:
				specificity = 2
			case typ + "/*":
				specificity = 1
			case "*/*":
				specificity = 0
			}
			if specificity <= bestSpecificity {
				continue
			}
			weight := 1.0
			if v, ok := params["q"]; ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					weight = f
				}
			}
			best, bestSpecificity = weight, specificity
		}
		return best
	}
	if q("text/csv") > q("application/json") {
		return "csv"
	}
	return "json"
}

// writeHistoryCSV writes a workspace history as CSV, one row per point,
// with the JSON form's field names as the header.
func writeHistoryCSV(c echo.Context, ws store.WorkspaceSummary, interval string, runs []store.HistoryPoint, days []store.DailyPoint) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, csvContentType)
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-history-%s.csv"`, safeFileName(ws.WorkspaceID), interval))
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	var err error
	if interval == "day" {
		err = w.Write([]string{"date", "runs", "prior_monthly_cost", "proposed_monthly_cost", "delta_monthly_cost", "last_run_id", "last_received_at"})
		for _, d := range days {
			if err != nil {
				break
			}
			p := dayPoint(d)
			err = w.Write([]string{p.Date, strconv.Itoa(p.Runs), p.PriorMonthlyCost, p.ProposedMonthlyCost, p.DeltaMonthlyCost,
				csvText(p.LastRunID), p.LastReceivedAt.Format(time.RFC3339Nano)})
		}
	} else {
		err = w.Write([]string{"received_at", "run_id", "task_result_id", "stage", "is_speculative", "status",
			"prior_monthly_cost", "proposed_monthly_cost", "delta_monthly_cost"})
		for _, r := range runs {
			if err != nil {
				break
			}
			p := runPoint(r)
			err = w.Write([]string{p.ReceivedAt.Format(time.RFC3339Nano), csvText(p.RunID), csvText(p.TaskResultID), csvText(p.Stage),
				strconv.FormatBool(p.IsSpeculative), p.Status, p.PriorMonthlyCost, p.ProposedMonthlyCost, p.DeltaMonthlyCost})
		}
	}
	if err != nil {
		return fmt.Errorf("writing history CSV: %w", err)
	}
	w.Flush()
	return w.Error()
}

// csvText keeps a text cell from being read as a formula by spreadsheets
// (values come from TFC requests).
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// safeFileName keeps letters, digits, '-' and '_' for a download name.
func safeFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '-' || r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "workspace"
	}
	return b.String()
}
