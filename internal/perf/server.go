package perf

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
)

// BenchHMACKey signs the benchmarks' run task requests.
const BenchHMACKey = "bench-hmac-key-8d2e"

// Binary returns a costgate binary: COSTGATE_BENCH_BINARY if set, else one
// built from this module into a temporary directory.
func Binary(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("COSTGATE_BENCH_BINARY"); p != "" {
		return p
	}
	out := filepath.Join(tb.TempDir(), "costgate")
	cmd := exec.Command("go", "build", "-o", out, "github.com/costgate/costgate/cmd/costgate")
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("building costgate: %v\n%s", err, b)
	}
	return out
}

// CloneCatalogDB returns a fresh database copied from CatalogDatabase
// (schema and prices, no runs), dropped at cleanup.
func CloneCatalogDB(tb testing.TB) string {
	tb.Helper()
	return dbtest.NewDBFrom(tb, catalogName(tb))
}

// Service is a `costgate serve` process started for a benchmark.
type Service struct {
	URL string
	cmd *exec.Cmd
	log *os.File
}

// StartService runs `costgate serve` on a free loopback port against
// dbURL, trusting TFC URLs on 127.0.0.1 over plain http, with extra
// environment settings, and waits until /readyz answers 200. It is stopped
// with SIGTERM at cleanup; its log is kept in the test's temporary directory.
func StartService(tb testing.TB, binary, dbURL string, env ...string) *Service {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	logPath := filepath.Join(tb.TempDir(), "costgate.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(),
		"DATABASE_URL="+dbURL,
		"COSTGATE_LISTEN="+addr,
		"COSTGATE_HMAC_KEYS="+BenchHMACKey,
		"COSTGATE_TFC_HOSTS=127.0.0.1",
		"COSTGATE_ALLOW_HTTP=true",
		"COSTGATE_SECRET_KEY="+strings.Repeat("ab", 32),
		"COSTGATE_SHUTDOWN_TIMEOUT=5s",
	)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting costgate serve: %v", err)
	}
	s := &Service{URL: "http://" + addr, cmd: cmd, log: logFile}
	tb.Cleanup(s.stop)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(s.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logPath)
			tb.Fatalf("costgate serve not ready after 2 minutes; log:\n%s", tail(b, 4000))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// PID is the service's process id.
func (s *Service) PID() int { return s.cmd.Process.Pid }

func (s *Service) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	s.log.Close()
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
