package runtask

// Callback statuses (§6.1). running may be sent many times; passed and
// failed are final.
const (
	StatusRunning = "running"
	StatusPassed  = "passed"
	StatusFailed  = "failed"
)

// Tag levels (§6.1); an empty level means none.
const (
	LevelNone    = "none"
	LevelInfo    = "info"
	LevelWarning = "warning"
	LevelError   = "error"
)

// JSON:API types and media type of the callback.
const (
	CallbackType    = "task-results"
	OutcomeType     = "task-result-outcomes"
	JSONAPIMimeType = "application/vnd.api+json"
)

// Result is what the service has to say about a run, before the protocol's
// limits are applied by BuildCallback.
type Result struct {
	Status   string // running, passed or failed
	Message  string
	URL      string
	Outcomes []Outcome
}

// CallbackDoc is the JSON:API body of PATCH task_result_callback_url (§8.3).
type CallbackDoc struct {
	Data CallbackData `json:"data"`
}

// CallbackData is the task-results resource.
type CallbackData struct {
	Type          string        `json:"type"`
	Attributes    CallbackAttrs `json:"attributes"`
	Relationships *CallbackRels `json:"relationships,omitempty"`
}

// CallbackAttrs are the result's status, message and link.
type CallbackAttrs struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
	URL     string `json:"url,omitempty"`
}

// CallbackRels holds the outcomes, under data.relationships (§6.1).
type CallbackRels struct {
	Outcomes OutcomeList `json:"outcomes"`
}

// OutcomeList is the outcomes relationship's data array.
type OutcomeList struct {
	Data []Outcome `json:"data"`
}

// Outcome is one detailed result shown in the run's page.
type Outcome struct {
	Type       string       `json:"type"`
	Attributes OutcomeAttrs `json:"attributes"`
}

// OutcomeAttrs are an outcome's fields; the wire name is "outcome-id".
type OutcomeAttrs struct {
	OutcomeID   string           `json:"outcome-id"`
	Description string           `json:"description"`
	Body        string           `json:"body,omitempty"`
	URL         string           `json:"url,omitempty"`
	Tags        map[string][]Tag `json:"tags,omitempty"`
}

// Tag is one label under a tag header; "status" and "severity" headers get
// special rendering in the UI.
type Tag struct {
	Label string `json:"label"`
	Level string `json:"level,omitempty"`
}

// NewOutcome is a convenience for building an Outcome of the right type.
func NewOutcome(id, description, body string, tags map[string][]Tag) Outcome {
	return Outcome{Type: OutcomeType, Attributes: OutcomeAttrs{OutcomeID: id, Description: description, Body: body, Tags: tags}}
}
