package estimator

import (
	"github.com/costgate/costgate/estimator/aws"
	"github.com/costgate/costgate/estimator/azure"
	"github.com/costgate/costgate/estimator/google"
	"github.com/costgate/costgate/estimator/schema"
)

// registry maps Terraform resource types to their cost definitions.
type registry struct {
	types map[string]schema.ResourceType
	free  map[string]bool
}

func newRegistry() registry {
	r := registry{types: map[string]schema.ResourceType{}, free: map[string]bool{}}
	for _, list := range [][]schema.ResourceType{aws.Resources(), google.Resources(), azure.Resources()} {
		for _, t := range list {
			r.types[t.Name] = t
		}
	}
	for _, list := range [][]string{aws.FreeTypes(), google.FreeTypes(), azure.FreeTypes()} {
		for _, name := range list {
			r.free[name] = true
		}
	}
	return r
}
