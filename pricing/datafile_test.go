package pricing

import (
	"encoding/json"
	"maps"
	"testing"
	"unicode/utf8"
)

// FuzzParseAttributes checks the fast attribute decoder against encoding/json.
func FuzzParseAttributes(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"a":"b"}`, `{"instanceType":"m5.large","operatingSystem":"Linux"}`, `{"a": "b"}`,
		`{"a":"b\"c"}`, `{"a":"\u00e9"}`, `{"a":1}`, `{"a":"b",}`, `{"a":"b"}x`, `{"a":"b"`, `{"a"}`,
		`{"a":"b","a":"c"}`, `{"":""}`, `[]`, `null`, `{"a":null}`, "{\"a\":\"\x01\"}", `{"a":"b" }`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gotErr := parseAttributes(s)
		if s == "" || s == "{}" {
			if got != nil || gotErr != nil {
				t.Fatalf("%q: %v %v", s, got, gotErr)
			}
			return
		}
		var want map[string]string
		wantErr := json.Unmarshal([]byte(s), &want)
		if wantErr == nil && want == nil {
			wantErr = errFromTest
		}
		if !utf8.ValidString(s) {
			if gotErr == nil {
				t.Fatalf("%q: invalid UTF-8 accepted", s)
			}
			return
		}
		if (gotErr != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, encoding/json %v", s, gotErr, wantErr)
		}
		if gotErr == nil && !maps.Equal(got, want) {
			t.Fatalf("%q: %v, encoding/json %v", s, got, want)
		}
	})
}

var errFromTest = json.Unmarshal([]byte("x"), new(int))

func TestDataFileWidth(t *testing.T) {
	if n := len(DataFileColumns()); n != dataFileWidth {
		t.Errorf("%d data file columns, dataFileWidth says %d", n, dataFileWidth)
	}
}
