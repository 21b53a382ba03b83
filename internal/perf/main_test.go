package perf

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	RemovePlanFiles()
	os.Exit(code)
}
