package api_test

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/api/openapitest"
)

// suiteCoverage collects, over the whole test binary, which documented
// operations the API tests answered; TestMain checks that none is left
// unexercised when every test ran.
type suiteCoverage struct {
	mu         sync.Mutex
	validators []*openapitest.Validator
}

var coverage suiteCoverage

// newTestServer is the only way the api tests build a server: its handler
// validates every /api/v1/ response against the OpenAPI document
// (TestAPITestsUseTheValidatingServer keeps it that way).
func newTestServer(t testing.TB, deps api.Deps) http.Handler {
	t.Helper()
	v := openapitest.NewValidator(t)
	coverage.mu.Lock()
	coverage.validators = append(coverage.validators, v)
	coverage.mu.Unlock()
	return v.Wrap(t, api.New(deps).Handler())
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" {
		if missing := coverage.missing(); len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: documented API operations no test exercised: %s\n", strings.Join(missing, ", "))
			code = 1
		}
	}
	os.Exit(code)
}

// missing lists documented operations with no 2xx answer in any test.
func (c *suiteCoverage) missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.validators) == 0 {
		return nil
	}
	ok := map[string]bool{}
	for _, v := range c.validators {
		for key := range v.Seen() {
			method, rest, _ := strings.Cut(key, " ")
			path, status, _ := strings.Cut(rest, " ")
			if status == http.StatusText(http.StatusOK) || status == http.StatusText(http.StatusCreated) || status == http.StatusText(http.StatusNoContent) {
				ok[method+" "+path] = true
			}
		}
	}
	var out []string
	for _, op := range c.validators[0].Operations() {
		if !ok[op] {
			out = append(out, op)
		}
	}
	slices.Sort(out)
	return out
}

// A test that builds its own server would answer without the OpenAPI
// check: every test file of the module that talks to /api/v1/ must build
// it through a validating wrapper.
func TestAPITestsUseTheValidatingServer(t *testing.T) {
	root := filepath.Join("..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.Contains(string(src), "/api/v1/") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if ok && pkg.Name == "api" && sel.Sel.Name == "New" && !strings.HasSuffix(path, "history_testserver_test.go") &&
				!strings.Contains(string(src), "openapitest.") {
				t.Errorf("%s: builds a server with api.New and calls /api/v1/ without the OpenAPI check; use newTestServer (api tests) or openapitest.Handler", fset.Position(call.Pos()))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
