// Command costgate is the one binary: the run task service, its migrations,
// the offline estimator and the pricing tools. This package only wires.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// streams are a command's standard streams, passed in so tests can drive run.
type streams struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand; run returns the process exit code.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, getenv func(string) string, s streams) int
}

// commands is the command table, one line per subcommand.
func commands() []command {
	return []command{
		serveCommand(),
		migrateCommand(),
		estimateCommand(),
		pricingCommand(),
		versionCommand(),
	}
}

// run is the testable entry point: it never calls os.Exit.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	s := streams{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], getenv, s)
		}
	}
	fmt.Fprintf(stderr, "costgate: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: costgate <command> [flags] [args]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
}
