package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func versionCommand() command {
	return command{name: "version", summary: "print the version", run: func(_ context.Context, _ []string, _ func(string) string, s streams) int {
		v := version
		if info, ok := debug.ReadBuildInfo(); ok && v == "dev" {
			for _, st := range info.Settings {
				if st.Key == "vcs.revision" && len(st.Value) >= 12 {
					v = "dev-" + st.Value[:12]
				}
			}
		}
		fmt.Fprintln(s.stdout, "costgate", v)
		return 0
	}}
}
