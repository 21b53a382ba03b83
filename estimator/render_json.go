package estimator

import (
	"encoding/json"
	"fmt"
	"io"
)

// RenderJSON writes the estimate as DESIGN.md's "Estimate JSON", indented.
func RenderJSON(w io.Writer, est *Estimate) error {
	if est == nil {
		return fmt.Errorf("rendering json: no estimate")
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(est); err != nil {
		return fmt.Errorf("rendering json: %w", err)
	}
	return nil
}
