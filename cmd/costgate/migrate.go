package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/costgate/costgate/migrations"
)

func migrateCommand() command {
	return command{name: "migrate", summary: "apply database migrations", run: func(ctx context.Context, args []string, getenv func(string) string, s streams) int {
		fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		dbURL := fs.String("database-url", getenv("DATABASE_URL"), "Postgres URL (default $DATABASE_URL)")
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(s.stderr, "costgate migrate: %v\nUsage: costgate migrate [--database-url URL]\n", err)
			return 2
		}
		if *dbURL == "" {
			fmt.Fprintln(s.stderr, "costgate migrate: DATABASE_URL is not set (or pass --database-url)")
			return 2
		}
		logger := newLogger(s.stderr, "info")
		pool, err := openPool(ctx, *dbURL, 0)
		if err != nil {
			fmt.Fprintf(s.stderr, "costgate migrate: %v\n", err)
			return 1
		}
		defer pool.Close()
		if err := migrations.Up(ctx, pool, logger); err != nil {
			fmt.Fprintf(s.stderr, "costgate migrate: %v\n", err)
			return 1
		}
		if err := migrations.Check(ctx, pool); err != nil {
			fmt.Fprintf(s.stderr, "costgate migrate: %v\n", err)
			return 1
		}
		all, _ := migrations.All()
		fmt.Fprintf(s.stdout, "database schema is current: river's migrations and %d costgate migrations applied\n", len(all))
		return 0
	}}
}
