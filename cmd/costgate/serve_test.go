package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/jackc/pgx/v5"
)

func TestServeRefusesBadConfiguration(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no hmac key", []string{"serve"}, nil, "--insecure-no-hmac"},
		{"bad variable", []string{"serve", "--insecure-no-hmac"}, map[string]string{"COSTGATE_JOB_TIMEOUT": "forever"}, "COSTGATE_JOB_TIMEOUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, func(k string) string { return tt.env[k] }, nil, &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q; want 2 mentioning %q", code, errb.String(), tt.want)
			}
		})
	}
}

// TestServeRefusesOutdatedSchema: with auto-migrate off, serve will not run
// on a database that lacks the migrations; migrate then fixes it.
func TestServeRefusesOutdatedSchema(t *testing.T) {
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dbtest.ServerURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "costgate_empty_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	url := dbtest.URLFor(t, name)
	env := map[string]string{"DATABASE_URL": url, "COSTGATE_AUTO_MIGRATE": "false", "COSTGATE_LISTEN": "127.0.0.1:0"}
	getenv := func(k string) string { return env[k] }

	var out, errb bytes.Buffer
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if code := run(sctx, []string{"serve", "--insecure-no-hmac"}, getenv, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "outdated") {
		t.Fatalf("serve on an empty schema: exit %d, log %s", code, errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := run(sctx, []string{"migrate"}, getenv, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "current") {
		t.Fatalf("migrate: exit %d, out %q, err %s", code, out.String(), errb.String())
	}
	// Now serve starts; stop it right away through its context.
	serveCtx, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	errb.Reset()
	var logs syncWriter
	go func() {
		done <- run(serveCtx, []string{"serve", "--insecure-no-hmac", "--load-prices=false"}, getenv, nil, &out, &logs)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(logs.String(), "costgate is serving") {
		if time.Now().After(deadline) {
			stop()
			t.Fatalf("serve did not start on a migrated schema: %s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("serve exit %d after shutdown: %s", code, logs.String())
	}
	if !strings.Contains(logs.String(), "costgate stopped") {
		t.Fatalf("no graceful stop in the log: %s", logs.String())
	}
}
