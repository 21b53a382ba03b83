package runtask

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// The helpers below read one field of the request leniently: a wrong JSON type
// is reported (ok=false) instead of failing the whole decode.

// jsonKind names the JSON type of raw, for error messages.
func jsonKind(raw json.RawMessage) string {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// readString returns the string value of raw; null gives (nil, true).
func readString(raw json.RawMessage) (*string, bool) {
	if isNull(raw) {
		return nil, true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, false
	}
	return &s, true
}

// readBool accepts a JSON boolean or a string strconv.ParseBool understands.
func readBool(raw json.RawMessage) (bool, bool) {
	if isNull(raw) {
		return false, true
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err == nil {
		return b, true
	}
	if s, ok := readString(raw); ok && s != nil {
		if v, err := strconv.ParseBool(strings.TrimSpace(*s)); err == nil {
			return v, true
		}
	}
	return false, false
}

// readInt accepts a JSON integer or a string holding one.
func readInt(raw json.RawMessage) (int, bool) {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		s, ok := readString(raw)
		if !ok || s == nil {
			return 0, false
		}
		n = json.Number(strings.TrimSpace(*s))
	}
	v, err := strconv.Atoi(n.String())
	if err != nil {
		return 0, false
	}
	return v, true
}

// readTime accepts an RFC 3339 timestamp with or without fractional seconds.
func readTime(raw json.RawMessage) (time.Time, bool) {
	s, ok := readString(raw)
	if !ok || s == nil {
		return time.Time{}, ok
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(*s))
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// readOutcomes reads the "outcomes" flag of a capabilities object.
func readOutcomes(raw json.RawMessage) bool {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return false
	}
	v, ok := obj["outcomes"]
	if !ok {
		return false
	}
	b, _ := readBool(v)
	return b
}
