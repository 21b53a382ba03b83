package estimator

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// formatScalar renders a decoded JSON scalar (a count index) as Terraform
// prints it: 0, 1.5, true.
func formatScalar(x any) string {
	switch v := x.(type) {
	case json.Number:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return v
	}
	return fmt.Sprint(x)
}
