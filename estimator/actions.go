package estimator

import (
	"fmt"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// action is how a change's action list is priced: which sides exist and the
// name shown.
type action struct {
	name            string // create, update, delete, no-op, read, replace, forget
	order           string // replace only
	prior, proposed bool
}

// classify maps Terraform's action lists to priced sides. A no-op is counted
// in both prior and proposed; a forgotten resource leaves the workspace (and
// its cost) without being destroyed.
func classify(actions tfjson.Actions) (action, error) {
	switch {
	case actions.Create():
		return action{name: "create", proposed: true}, nil
	case actions.Delete():
		return action{name: "delete", prior: true}, nil
	case actions.Update():
		return action{name: "update", prior: true, proposed: true}, nil
	case actions.NoOp():
		return action{name: "no-op", prior: true, proposed: true}, nil
	case actions.Read():
		return action{name: "read", prior: true, proposed: true}, nil
	case actions.CreateBeforeDestroy():
		return action{name: "replace", order: "create_before_destroy", prior: true, proposed: true}, nil
	case actions.DestroyBeforeCreate():
		return action{name: "replace", order: "destroy_before_create", prior: true, proposed: true}, nil
	case actions.Forget():
		return action{name: "forget", prior: true}, nil
	case len(actions) == 2 && actions[0] == tfjson.ActionCreate && actions[1] == tfjson.ActionForget:
		return action{name: "replace", order: "create_then_forget", prior: true, proposed: true}, nil
	}
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = string(a)
	}
	return action{}, fmt.Errorf("unknown change actions [%s]", strings.Join(names, ", "))
}
