package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
)

const excerpt = "testdata/pricing/ec2-transformed-excerpt.json"

// runCmd runs costgate with args and returns exit code, stdout and stderr.
func runCmd(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func importArgs(out string, files ...string) []string {
	args := []string{"pricing", "import", "aws-price-ec2-transformed", "--name", "aws-ec2-test-2025-11",
		"--origin", "lamngockhuong/aws-price@508fb452:lib/data/pricing/ec2-transformed.json", "--licence", "MIT",
		"--price-date", "2025-10-28", "--out", out}
	return append(args, files...)
}

func TestPricingUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{[]string{"pricing"}, 2, "", "Usage: costgate pricing"},
		{[]string{"pricing", "--help"}, 0, "import <format>", ""},
		{[]string{"pricing", "frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"pricing", "import", "--help"}, 0, "aws-price-ec2-transformed", ""},
		{[]string{"pricing", "load", "--help"}, 0, "one transaction", ""},
		{[]string{"pricing", "status", "--help"}, 0, "--max-age", ""},
		{[]string{"pricing", "import", "no-such-format", "x"}, 2, "", `unknown format "no-such-format"`},
		{[]string{"pricing", "import", "aws-price-ec2-transformed", "--name", "x", "x.json"}, 2, "", "--origin is required"},
		{importArgs(".", "--price-date", "28/10/2025", excerpt), 2, "", "--price-date"},
		{importArgs("."), 2, "", "no input file"},
		{[]string{"pricing", "load"}, 2, "", "DATABASE_URL is not set"},
		{[]string{"pricing", "load", "a", "b"}, 2, "", "at most one directory"},
		{[]string{"pricing", "status", "--max-age", "soon"}, 2, "", `--max-age "soon"`},
		{[]string{"pricing", "status"}, 2, "", "DATABASE_URL is not set"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runCmd(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.inStdout) || !strings.Contains(errOut, tt.inStderr) {
				t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
			}
		})
	}
}

func TestPricingImport(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd(t, nil, importArgs(dir, excerpt)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "aws-ec2-test-2025-11: ") {
		t.Errorf("stdout: %s", out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "aws-ec2-test-2025-11.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	side, err := os.ReadFile(filepath.Join(dir, "aws-ec2-test-2025-11.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"price_date": "2025-10-28"`, `"licence": "MIT"`,
		`"built_with": "costgate pricing import aws-price-ec2-transformed --name aws-ec2-test-2025-11`, excerpt} {
		if !strings.Contains(string(side), want) {
			t.Errorf("sidecar lacks %q:\n%s", want, side)
		}
	}
	// The same input twice (and flags after the files) gives the same bytes:
	// repeated rows are written once.
	dir2 := t.TempDir()
	args := importArgs(dir2, excerpt, excerpt)
	args = append(args[:len(args)-4], args[len(args)-2:]...)
	args = append(args, "--out", dir2)
	if code, _, errOut := runCmd(t, nil, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data2, _ := os.ReadFile(filepath.Join(dir2, "aws-ec2-test-2025-11.csv.gz"))
	if !bytes.Equal(data, data2) {
		t.Error("importing the same rows twice changed the data file")
	}

	// A bad input writes nothing, and the error names it.
	bad := filepath.Join(t.TempDir(), "truncated.json")
	good, _ := os.ReadFile(excerpt)
	os.WriteFile(bad, good[:len(good)/2], 0o644)
	dir3 := t.TempDir()
	code, _, errOut = runCmd(t, nil, importArgs(dir3, excerpt, bad)...)
	if code != 1 || !strings.Contains(errOut, "truncated.json") || !strings.Contains(errOut, "nothing written") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if entries, _ := os.ReadDir(dir3); len(entries) != 0 {
		t.Errorf("a failed import wrote %v", entries)
	}

	// Two inputs giving one product two prices write nothing, and the error
	// names both. The altered copy exists only to disagree; its price is never used.
	altered := filepath.Join(t.TempDir(), "altered.json")
	os.WriteFile(altered, bytes.Replace(good, []byte(`"0.0960000000"`), []byte(`"0.0970000000"`), 1), 0o644)
	dir4 := t.TempDir()
	code, _, errOut = runCmd(t, nil, importArgs(dir4, excerpt, altered)...)
	if code != 1 || !strings.Contains(errOut, excerpt+" and "+altered+" disagree") || !strings.Contains(errOut, "two prices") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if entries, _ := os.ReadDir(dir4); len(entries) != 0 {
		t.Errorf("a failed import wrote %v", entries)
	}
}

func TestPricingLoadAndStatus(t *testing.T) {
	env := map[string]string{"DATABASE_URL": dbtest.NewDB(t)}
	data := t.TempDir()
	if code, _, errOut := runCmd(t, nil, importArgs(data, excerpt)...); code != 0 {
		t.Fatalf("import: %s", errOut)
	}

	code, _, errOut := runCmd(t, env, "pricing", "status")
	if code != 3 || !strings.Contains(errOut, "catalog is empty") {
		t.Errorf("status of an empty catalog: exit %d, %s", code, errOut)
	}

	code, out, errOut := runCmd(t, env, "pricing", "load", data)
	if code != 0 || !strings.Contains(out, "aws-ec2-test-2025-11  loaded") {
		t.Fatalf("load: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCmd(t, env, "pricing", "load", data)
	if code != 0 || !strings.Contains(out, "unchanged") || !strings.Contains(out, "0 rows loaded") {
		t.Errorf("second load: exit %d\n%s", code, out)
	}

	code, out, errOut = runCmd(t, env, "pricing", "status", "--max-age", "0")
	if code != 0 || !strings.Contains(out, "aws-ec2-test-2025-11") || !strings.Contains(out, "2025-10-28") || strings.Contains(out, "STALE") {
		t.Errorf("status: exit %d\n%s\n%s", code, out, errOut)
	}
	// Prices of 2025-10-28 are older than a week by now.
	code, out, errOut = runCmd(t, env, "pricing", "status", "--max-age", "7d")
	if code != 3 || !strings.Contains(out, "STALE") || !strings.Contains(errOut, "older than 7d") {
		t.Errorf("stale status: exit %d\n%s\n%s", code, out, errOut)
	}
	if time.Since(time.Date(2025, 10, 28, 0, 0, 0, 0, time.UTC)) < 7*24*time.Hour {
		t.Fatal("clock before the price date")
	}

	// A bad data file fails its load and names file and line.
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "broken.csv.gz"), []byte("not gzip"), 0o644)
	os.WriteFile(filepath.Join(bad, "broken.json"), []byte(`{"name":"broken","origin":"o","licence":"MIT","price_date":"2025-01-01","rows":1}`), 0o644)
	code, _, errOut = runCmd(t, env, "pricing", "load", bad)
	if code != 1 || !strings.Contains(errOut, "broken.csv.gz") {
		t.Errorf("bad load: exit %d, %s", code, errOut)
	}
}
