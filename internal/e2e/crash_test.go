package e2e

import (
	"context"
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

// buildBinary compiles costgate once per test binary run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "costgate")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/costgate")
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building costgate: %v\n%s", err, out)
	}
	return bin
}

// process is a running `costgate serve`.
type process struct {
	cmd *exec.Cmd
	url string
	log *os.File
}

func startServe(t *testing.T, bin string, env []string, logPath string) *process {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(append(os.Environ()[:0:0], "PATH="+os.Getenv("PATH"), "HOME="+os.Getenv("HOME")), append(env, "COSTGATE_LISTEN="+addr)...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, url: "http://" + addr, log: logFile}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		logFile.Close()
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(p.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logPath)
			t.Fatalf("costgate serve did not become healthy:\n%s", b)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestCrashRecovery kills the real binary with SIGKILL after the ack and
// before the callback (the plan download hangs), restarts it, and expects
// the final callback exactly once.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; not in -short")
	}
	bin := buildBinary(t)
	h := &harness{t: t, tfc: newFakeTFC(t), logs: &syncBuffer{}}
	logPath := filepath.Join(t.TempDir(), "serve.log")
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("costgate log:\n%s", b)
		}
	})
	env := []string{
		"DATABASE_URL=" + dbtest.NewDB(t),
		"COSTGATE_HMAC_KEYS=" + hmacKey,
		"COSTGATE_TFC_HOSTS=127.0.0.1",
		"COSTGATE_ALLOW_HTTP=true",
		"COSTGATE_PUBLIC_URL=" + publicURL,
		"COSTGATE_SECRET_KEY=" + strings.Repeat("7a", 32),
		"COSTGATE_JOB_TIMEOUT=3s",
		"COSTGATE_RESCUE_AFTER=4s",
		"COSTGATE_HEARTBEAT_INTERVAL=1m",
		"COSTGATE_LOAD_PRICES=false",
		"COSTGATE_SHUTDOWN_TIMEOUT=5s",
	}
	first := startServe(t, bin, env, logPath)

	token := "atlasv1-crash-Xy12AbCdEfGhIjklmnopqrstuvwx"
	h.tfc.addRun("crash", token, corpusPlan(t))
	hang := make(chan struct{})
	h.tfc.with("crash", func(r *fakeRun) { r.planHang = hang })
	h.srv = nil
	body := h.payload("crash", token).bytes(t)
	resp := postTo(t, first.url, body)
	if resp != 200 {
		t.Fatalf("POST /runtask = %d", resp)
	}
	h.tfc.waitFor(20*time.Second, "the plan download to start", func() bool {
		var gets int
		h.tfc.with("crash", func(r *fakeRun) { gets = r.planGets })
		return gets > 0
	})
	if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.cmd.Wait()
	if n := len(finals(h.tfc.patchesOf("crash"))); n != 0 {
		t.Fatalf("%d final callbacks before the crash; the test would prove nothing", n)
	}
	// The next download answers at once.
	h.tfc.with("crash", func(r *fakeRun) { r.planHang = nil })
	close(hang)

	second := startServe(t, bin, env, logPath)
	final := h.tfc.waitFinal("crash", 90*time.Second)
	if final.Status != "passed" || !strings.HasPrefix(final.Message, "Monthly cost") {
		t.Fatalf("final after restart = %+v", final)
	}
	time.Sleep(2 * time.Second) // room for a duplicate
	var finalsSent int
	for _, p := range h.tfc.patchesOf("crash") {
		if p.Status != "running" {
			finalsSent++
		}
	}
	if finalsSent != 1 {
		t.Fatalf("%d final PATCHes sent, want exactly 1", finalsSent)
	}
	// Graceful stop of the second process.
	if err := second.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- second.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("costgate serve exited with %v after SIGTERM", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("costgate serve did not stop within 30s of SIGTERM")
	}
}

func postTo(t *testing.T, base string, body []byte) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, base+"/runtask", strings.NewReader(string(body)))
	req.Header.Set("X-TFC-Task-Signature", runtaskSign(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
