package config

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEListsEveryVariable keeps the README's configuration table in
// step with the variables the service reads.
func TestREADMEListsEveryVariable(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Vars() {
		row := "| `" + v[0] + "` |"
		if !strings.Contains(string(b), row) {
			t.Errorf("README.md configuration table has no row for %s", v[0])
		}
	}
}
