package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"
)

func TestScratchServe(t *testing.T) {
	if os.Getenv("SCRATCH_SERVE") == "" {
		t.Skip("scratch")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	run(ctx, []string{"serve"}, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
}
