package main

import (
	"context"
	"fmt"
)

func pricingCommand() command {
	return command{name: "pricing", summary: "import, load and inspect price data", run: func(_ context.Context, _ []string, _ func(string) string, s streams) int {
		fmt.Fprintln(s.stderr, "costgate pricing: not implemented yet")
		return 1
	}}
}
