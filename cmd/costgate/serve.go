package main

import (
	"context"
	"fmt"
)

func serveCommand() command {
	return command{name: "serve", summary: "run the run task service", run: func(_ context.Context, _ []string, _ func(string) string, s streams) int {
		fmt.Fprintln(s.stderr, "costgate serve: not implemented yet")
		return 1
	}}
}
