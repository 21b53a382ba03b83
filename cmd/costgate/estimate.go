package main

import (
	"context"
	"fmt"
)

func estimateCommand() command {
	return command{name: "estimate", summary: "price a plan file offline", run: func(_ context.Context, _ []string, _ func(string) string, s streams) int {
		fmt.Fprintln(s.stderr, "costgate estimate: not implemented yet")
		return 1
	}}
}
