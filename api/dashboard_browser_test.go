package api_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium locates a Chromium binary: $COSTGATE_CHROMIUM, else the
// usual names on PATH. CI installs Debian's chromium (.ci/run); the test
// fails without one unless COSTGATE_SKIP_BROWSER_TESTS=1 (local runs only).
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("COSTGATE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("COSTGATE_SKIP_BROWSER_TESTS") == "1" {
		t.Skip("no Chromium and COSTGATE_SKIP_BROWSER_TESTS=1")
	}
	t.Fatal("no Chromium found: install Debian's chromium package (apt-get install -y chromium; .ci/run does), " +
		"or set COSTGATE_CHROMIUM to its path (COSTGATE_SKIP_BROWSER_TESTS=1 skips this test locally)")
	return ""
}

// artifactsDir is where browser tests leave screenshots:
// $COSTGATE_ARTIFACTS_DIR, else testdata/artifacts (ignored by git).
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("COSTGATE_ARTIFACTS_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A real headless Chromium logs in with an API token, opens a workspace
// page, finds the server-drawn SVG chart and the runs table, and saves a
// screenshot.
func TestDashboardInChromium(t *testing.T) {
	chromium := findChromium(t)
	site := newDashboardSite(t, false, historyRuns())
	srv := httptest.NewServer(site.handler)
	defer srv.Close()

	// This machine's network is closed: without these flags Chromium stalls
	// on background requests.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 1000))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// The first Run starts the browser; later steps get their own deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium (%s): %v", chromium, err)
	}
	step, cancelStep := context.WithTimeout(ctx, 90*time.Second)
	defer cancelStep()

	workspace := srv.URL + "/workspaces/" + wsWebProd
	err := chromedp.Do(step,
		chromedp.Navigate(workspace),
		chromedp.WaitVisible(chromedp.ID("token")),
		chromedp.SendKeys(chromedp.ID("token"), readToken),
		chromedp.Submit(chromedp.ID("token")),
		chromedp.WaitVisible(chromedp.CSS("svg#cost-chart")),
		chromedp.WaitVisible(chromedp.CSS("table#runs")),
	)
	if err != nil {
		t.Fatalf("logging in and opening %s: %v", workspace, err)
	}
	location, err := chromedp.Run(step, chromedp.Location())
	if err != nil || location != workspace {
		t.Errorf("after login the browser is at %q (%v), want %q", location, err, workspace)
	}
	points, err := chromedp.Run(step, chromedp.Nodes(chromedp.CSSAll("svg#cost-chart circle.prior")))
	if err != nil || len(points) != 6 {
		t.Errorf("%d points of prior cost on the chart (%v), want one per priced run (6)", len(points), err)
	}
	rows, err := chromedp.Run(step, chromedp.Nodes(chromedp.CSSAll("table#runs tbody tr")))
	if err != nil || len(rows) != 7 {
		t.Errorf("%d rows in the runs table (%v), want 7", len(rows), err)
	}
	// The chart is laid out (the stylesheet loaded and sized it).
	width, err := chromedp.Run(step, chromedp.Evaluate[float64](`document.querySelector("svg#cost-chart").getBoundingClientRect().width`))
	if err != nil || width < 400 {
		t.Errorf("chart width %v (%v)", width, err)
	}
	text, err := chromedp.Run(step, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil || !strings.Contains(text, "$515.66") || !strings.Contains(text, "run-C3overBudget03") {
		t.Errorf("page text lacks the current cost or the runs (%v):\n%s", err, text)
	}

	saveScreenshot(step, t, "dashboard-workspace.png")
	t.Logf("screenshots in %s", artifactsDir(t))

	// The run page the TFC callback links to, with its breakdown.
	err = chromedp.Do(step, chromedp.Navigate(srv.URL+"/runs/run-B2prPreview002"), chromedp.WaitVisible(chromedp.CSS("table.breakdown")))
	if err != nil {
		t.Fatalf("run page: %v", err)
	}
	saveScreenshot(step, t, "dashboard-run.png")
	// The overview: organizations and their workspaces.
	if err := chromedp.Do(step, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("table.workspaces"))); err != nil {
		t.Fatalf("overview: %v", err)
	}
	saveScreenshot(step, t, "dashboard-index.png")
}

func saveScreenshot(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifactsDir(t), name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
