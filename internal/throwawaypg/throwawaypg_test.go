package throwawaypg

import (
	"context"
	"log/slog"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestStartAndStop starts a real throwaway server, uses it, and checks that
// Stop removes its data directory.
func TestStartAndStop(t *testing.T) {
	if BinDir() == "" {
		t.Skip("no initdb/pg_ctl on this machine; the docker path is not testable here")
	}
	ctx := context.Background()
	srv, err := Start(ctx, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, srv.URL)
	if err != nil {
		_ = srv.Stop(ctx)
		t.Fatal(err)
	}
	var v string
	err = conn.QueryRow(ctx, "SHOW server_version").Scan(&v)
	conn.Close(ctx)
	if err != nil || v == "" {
		t.Fatalf("server_version %q: %v", v, err)
	}
	if _, err := os.Stat(srv.dir); err != nil {
		t.Fatalf("data directory %q missing while running: %v", srv.dir, err)
	}
	if err := srv.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(srv.dir); !os.IsNotExist(err) {
		t.Fatalf("%s still exists after Stop (%v)", srv.dir, err)
	}
}
