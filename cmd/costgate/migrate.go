package main

import (
	"context"
	"fmt"
)

func migrateCommand() command {
	return command{name: "migrate", summary: "apply database migrations", run: func(_ context.Context, _ []string, _ func(string) string, s streams) int {
		fmt.Fprintln(s.stderr, "costgate migrate: not implemented yet")
		return 1
	}}
}
