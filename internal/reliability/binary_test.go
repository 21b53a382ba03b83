package reliability

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var build struct {
	once sync.Once
	bin  string
	err  error
	out  []byte
}

// binary builds `costgate` once per test process.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the costgate binary; not in -short")
	}
	build.once.Do(func() {
		dir, err := os.MkdirTemp("", "costgate-reliability-")
		if err != nil {
			build.err = err
			return
		}
		build.bin = filepath.Join(dir, "costgate")
		cmd := exec.Command("go", "build", "-o", build.bin, "./cmd/costgate")
		cmd.Dir = "../.."
		build.out, build.err = cmd.CombinedOutput()
	})
	if build.err != nil {
		t.Fatalf("building costgate: %v\n%s", build.err, build.out)
	}
	return build.bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if build.bin != "" {
		os.RemoveAll(filepath.Dir(build.bin))
	}
	os.Exit(code)
}

// proc is one running `costgate serve`.
type proc struct {
	t    *testing.T
	name string
	cmd  *exec.Cmd
	url  string
	log  string
	done chan struct{} // closed when the process has exited
	err  error         // its exit error, once done
}

// serve starts `costgate serve` with env (plus a free listen address) and
// waits for /healthz. Its stderr goes to log, which the test can scan.
func serve(t *testing.T, name string, env []string, log string) *proc {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	f, err := os.OpenFile(log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary(t), "serve")
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, append(env, "COSTGATE_LISTEN="+addr)...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		t.Fatal(err)
	}
	p := &proc{t: t, name: name, cmd: cmd, url: "http://" + addr, log: log, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		f.Close()
		close(p.done)
	}()
	t.Cleanup(func() { p.kill() })
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := http.Get(p.url + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-p.done:
			t.Fatalf("%s exited before serving (%v):\n%s", name, p.err, tail(log, 4000))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not become healthy:\n%s", name, tail(log, 4000))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *proc) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// terminate sends SIGTERM and returns the exit error, failing after timeout.
func (p *proc) terminate(timeout time.Duration) error {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-p.done:
		return p.err
	case <-time.After(timeout):
		p.t.Fatalf("%s did not stop within %s of SIGTERM", p.name, timeout)
		return nil
	}
}

// post sends body to POST /runtask signed with key ("" for unsigned).
func (p *proc) post(ctx context.Context, body []byte, sig string) (int, []byte, error) {
	return postRunTask(ctx, p.url, body, sig)
}

func postRunTask(ctx context.Context, base string, body []byte, sig string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/runtask", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-TFC-Task-Signature", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, b.Bytes(), nil
}

// tail returns the last n bytes of a file, for failure messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// countLines counts log lines containing every one of subs.
func countLines(path string, subs ...string) int {
	b, _ := os.ReadFile(path)
	n := 0
	for line := range strings.SplitSeq(string(b), "\n") {
		ok := true
		for _, s := range subs {
			if !strings.Contains(line, s) {
				ok = false
				break
			}
		}
		if ok && line != "" {
			n++
		}
	}
	return n
}
