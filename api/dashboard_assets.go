package api

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

//go:embed web/templates/*.html web/static
var webFiles embed.FS

// parseDashboardPages parses each page with the layout and the shared
// partials. The templates are part of the binary, so an error is a bug
// that every test run catches: it panics at start rather than serving
// broken pages.
func parseDashboardPages() map[string]*template.Template {
	pages := map[string]*template.Template{}
	for _, page := range []string{"index", "workspace", "run", "login", "error", "bounce"} {
		t := template.New(page).Funcs(dashboardFuncs())
		pages[page] = template.Must(t.ParseFS(webFiles, "web/templates/layout.html", "web/templates/partials.html", "web/templates/"+page+".html"))
	}
	return pages
}

// staticHandler serves the embedded CSS; it never lists directories.
func staticHandler() echo.HandlerFunc {
	sub, _ := fs.Sub(webFiles, "web/static")
	files := http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
	return func(c echo.Context) error {
		if strings.HasSuffix(c.Request().URL.Path, "/") {
			return echo.ErrNotFound
		}
		c.Response().Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}
