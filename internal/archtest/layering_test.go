package archtest

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/costgate/costgate"

// Forbidden imports by kind, as go list patterns: "x/..." is x and the
// packages below it. database/sql/driver is not the database: decimal
// implements its Valuer.
var (
	database = []string{"database/sql", "github.com/jackc/pgx/...", "github.com/riverqueue/river/...",
		module + "/store/...", module + "/migrations/...", module + "/internal/dbtest/..."}
	httpStack = []string{"net/http", "github.com/labstack/echo/...", module + "/api/..."}
	echo      = []string{"github.com/labstack/echo/...", module + "/api/..."}
	estimator = []string{module + "/estimator/..."}
)

// knownEdges are the imports allowed although they reach a forbidden
// package: pricing holds the Postgres catalog and loader beside the price
// vocabulary (DESIGN.md puts them in pricing), so every user of the
// vocabulary also links pgx. Nothing else may.
var knownEdges = map[[2]string]bool{
	{module + "/pricing", "github.com/jackc/pgx/v5"}:        true,
	{module + "/pricing", "github.com/jackc/pgx/v5/pgtype"}: true,
}

// TestLayering checks DESIGN.md's "must not import" column on the import
// graph (direct and indirect imports of the non-test code).
func TestLayering(t *testing.T) {
	graph := importGraph(t, module+"/...")
	rules := []struct {
		pkg       string // a package and those below it
		forbidden [][]string
	}{
		{"runtask", [][]string{database, echo}},
		{"estimator", [][]string{database, httpStack}},
		{"pricing", [][]string{echo, estimator}},
		{"budget", [][]string{database, httpStack}},
	}
	for _, r := range rules {
		pkgs := graph.below(module + "/" + r.pkg)
		if len(pkgs) == 0 {
			t.Fatalf("no package %s in the module", r.pkg)
		}
		for _, p := range pkgs {
			for _, kind := range r.forbidden {
				if path := graph.reach(p, kind); path != nil {
					t.Errorf("%s imports %s", r.pkg, strings.Join(path, " → "))
				}
			}
		}
	}
}

// TestLayeringCatchesViolations checks the check itself on packages that do
// import the forbidden kinds.
func TestLayeringCatchesViolations(t *testing.T) {
	graph := importGraph(t, module+"/...")
	for _, tt := range []struct {
		pkg  string
		kind []string
	}{
		{module + "/store", database},
		{module + "/api", echo},
		{module + "/worker", estimator},
		{module + "/runtask", httpStack},
	} {
		if graph.reach(tt.pkg, tt.kind) == nil {
			t.Errorf("%s: its import of %v is not seen", tt.pkg, tt.kind)
		}
	}
}

// imports maps a package to the packages it imports directly.
type imports map[string][]string

// importGraph lists the non-test import graph of patterns with go list.
func importGraph(t *testing.T, patterns ...string) imports {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-deps", "-json=ImportPath,Imports"}, patterns...)...)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	g := imports{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decoding go list: %v", err)
		}
		g[p.ImportPath] = p.Imports
	}
	return g
}

// below lists the packages of the graph at or below path.
func (g imports) below(path string) []string {
	var out []string
	for p := range g {
		if p == path || strings.HasPrefix(p, path+"/") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// reach returns an import path from pkg to a package of kind, not counting
// knownEdges, or nil when there is none.
func (g imports) reach(pkg string, kind []string) []string {
	parent := map[string]string{pkg: ""}
	queue := []string{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, next := range g[p] {
			if _, seen := parent[next]; seen || knownEdges[[2]string{p, next}] {
				continue
			}
			parent[next] = p
			if matches(next, kind) {
				var path []string
				for at := next; at != ""; at = parent[at] {
					path = append(path, at)
				}
				slices.Reverse(path)
				return path
			}
			queue = append(queue, next)
		}
	}
	return nil
}

// matches reports whether pkg is one of the patterns of kind.
func matches(pkg string, kind []string) bool {
	for _, pattern := range kind {
		root, tree := strings.CutSuffix(pattern, "/...")
		if pkg == root || (tree && strings.HasPrefix(pkg, root+"/")) {
			return true
		}
	}
	return false
}
