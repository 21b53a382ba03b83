// Package throwawaypg starts a private, temporary Postgres server for
// `costgate serve` when DATABASE_URL is not set: initdb + pg_ctl into a
// temporary directory on a free port (as the postgres user when running as
// root, since initdb refuses root), or a `docker run` container when no
// Postgres binaries exist but a Docker engine answers. Stop removes it all.
package throwawaypg

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Server is a running throwaway Postgres.
type Server struct {
	// URL connects to its "postgres" database as user postgres (trust auth).
	URL  string
	dir  string // data directory of a local server ("" for docker)
	stop func(ctx context.Context) error
	// pgctl runs pg_ctl on a local server's data directory (nil for docker).
	pgctl func(ctx context.Context, args ...string) error
}

// Stop shuts the server down and deletes its data.
func (s *Server) Stop(ctx context.Context) error { return s.stop(ctx) }

// Crash stops a local server at once, as a crash would (pg_ctl stop -m
// immediate), keeping its data for Restart. Fault tests use it.
func (s *Server) Crash(ctx context.Context) error {
	if s.pgctl == nil {
		return errors.New("throwawaypg: Crash needs a local server")
	}
	return s.pgctl(ctx, "stop", "-m", "immediate", "-w")
}

// Restart starts a server stopped by Crash again on the same port.
func (s *Server) Restart(ctx context.Context) error {
	if s.pgctl == nil {
		return errors.New("throwawaypg: Restart needs a local server")
	}
	return s.pgctl(ctx, "start", "-w")
}

// Start starts a throwaway server.
func Start(ctx context.Context, logger *slog.Logger) (*Server, error) {
	if bindir := BinDir(); bindir != "" {
		return startLocal(ctx, logger, bindir)
	}
	if dockerAnswers(ctx) {
		return startDocker(ctx, logger)
	}
	return nil, errors.New("no Postgres found: install PostgreSQL (initdb and pg_ctl) or a Docker engine, or set DATABASE_URL")
}

// BinDir finds the directory of initdb/pg_ctl: PATH first, then the newest
// /usr/lib/postgresql/*/bin. Empty when none.
func BinDir() string {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "initdb")); err == nil {
			return filepath.Dir(p)
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) < versionOf(dirs[j]) })
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	return ""
}

func versionOf(dir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return v
}

func startLocal(ctx context.Context, logger *slog.Logger, bindir string) (*Server, error) {
	dir, err := os.MkdirTemp("", "costgate-pg-")
	if err != nil {
		return nil, fmt.Errorf("creating temporary directory: %w", err)
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	var prefix []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			cleanup()
			return nil, errors.New("running as root: initdb refuses root and there is no postgres user to run it as; set DATABASE_URL")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			cleanup()
			return nil, fmt.Errorf("handing %s to the postgres user: %w", dir, err)
		}
		prefix = []string{"runuser", "-u", "postgres", "--"}
	}
	port, err := freePort()
	if err != nil {
		cleanup()
		return nil, err
	}
	data := filepath.Join(dir, "data")
	run := func(ctx context.Context, name string, args ...string) error {
		argv := append(append([]string{}, prefix...), append([]string{filepath.Join(bindir, name)}, args...)...)
		out, err := exec.CommandContext(ctx, argv[0], argv[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(string(out)))
		}
		return nil
	}
	logger.InfoContext(ctx, "starting a throwaway Postgres (DATABASE_URL is not set); its data is deleted on exit", "dir", dir, "port", port)
	if err := run(ctx, "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"); err != nil {
		cleanup()
		return nil, err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", port, dir)
	if err := run(ctx, "pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start"); err != nil {
		cleanup()
		return nil, err
	}
	stop := func(ctx context.Context) error {
		defer cleanup()
		return run(ctx, "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
	}
	pgctl := func(ctx context.Context, args ...string) error {
		return run(ctx, "pg_ctl", append([]string{"-D", data, "-o", opts, "-l", filepath.Join(dir, "log")}, args...)...)
	}
	return &Server{URL: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port), dir: dir, stop: stop, pgctl: pgctl}, nil
}

func dockerAnswers(ctx context.Context) bool {
	if _, err := exec.LookPath("docker"); err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, "docker", "info").Run() == nil
}

func startDocker(ctx context.Context, logger *slog.Logger) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("costgate-pg-%d", port)
	logger.InfoContext(ctx, "starting a throwaway Postgres container (DATABASE_URL is not set)", "container", name, "port", port)
	out, err := exec.CommandContext(ctx, "docker", "run", "-d", "--rm", "--name", name,
		"-p", fmt.Sprintf("127.0.0.1:%d:5432", port), "-e", "POSTGRES_HOST_AUTH_METHOD=trust", "postgres:15").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("docker run postgres:15: %w: %s", err, strings.TrimSpace(string(out)))
	}
	stop := func(ctx context.Context) error {
		return exec.CommandContext(ctx, "docker", "stop", name).Run()
	}
	return &Server{URL: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port), stop: stop}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
