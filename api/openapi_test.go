package api_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/api/openapitest"
)

// The document is valid OpenAPI 3 and describes exactly the /api/v1/
// routes of the route table.
func TestOpenAPIDocumentMatchesRoutes(t *testing.T) {
	doc, err := openapitest.Load(context.Background())
	if err != nil {
		t.Fatalf("invalid OpenAPI document: %v", err)
	}
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	var routed []string
	for _, r := range api.New(api.Deps{}).Echo().Routes() {
		if strings.HasPrefix(r.Path, openapitest.APIPrefix) {
			routed = append(routed, r.Method+" "+param.ReplaceAllString(r.Path, "{$1}"))
		}
	}
	slices.Sort(documented)
	slices.Sort(routed)
	if !slices.Equal(documented, routed) {
		t.Errorf("documented operations:\n  %s\nroutes:\n  %s", strings.Join(documented, "\n  "), strings.Join(routed, "\n  "))
	}
}
