package api

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/costgate/costgate/runtask"
	"github.com/labstack/echo/v4"
)

// A body of exactly the limit is read whole; one byte more is 413.
func TestReadBodyLimit(t *testing.T) {
	limit := runtask.MaxRequestBytes
	for _, tt := range []struct {
		name   string
		size   int64
		status int // 0: read
	}{
		{"at the limit", limit, 0},
		{"one byte over", limit + 1, http.StatusRequestEntityTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/runtask", bytes.NewReader(bytes.Repeat([]byte("a"), int(tt.size))))
			c := echo.New().NewContext(req, httptest.NewRecorder())
			body, err := readBody(c, limit, "too large")
			switch {
			case tt.status == 0 && (err != nil || int64(len(body)) != tt.size):
				t.Fatalf("read %d bytes, error %v; want %d bytes", len(body), err, tt.size)
			case tt.status != 0 && (err == nil || err.Status != tt.status):
				t.Fatalf("error %v, want status %d", err, tt.status)
			}
		})
	}
}
