package runtask

import (
	"errors"
	"strings"
	"testing"
)

func TestSignKnownAnswer(t *testing.T) {
	// RFC 4231 test case 2 (HMAC-SHA-512); `openssl dgst -sha512 -hmac Jefe` agrees.
	got := Sign([]byte("Jefe"), []byte("what do ya want for nothing?"))
	want := "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
	if got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}

func TestVerifyPolicy(t *testing.T) {
	key, oldKey, otherKey := []byte("current-key"), []byte("previous-key"), []byte("not-our-key")
	body := []byte(`{"payload_version":1,"access_token":"test-token"}`)
	good := Sign(key, body)
	tests := []struct {
		name   string
		keys   [][]byte
		body   []byte
		header string
		want   error
	}{
		{"key set, valid signature", [][]byte{key}, body, good, nil},
		{"key set, uppercase hex", [][]byte{key}, body, strings.ToUpper(good), nil},
		{"key set, surrounding spaces", [][]byte{key}, body, " " + good + " ", nil},
		{"rotation: signed with the old key", [][]byte{key, oldKey}, body, Sign(oldKey, body), nil},
		{"rotation: signed with the new key", [][]byte{oldKey, key}, body, good, nil},
		{"key set, header missing", [][]byte{key}, body, "", ErrSignatureMissing},
		{"key set, header blank", [][]byte{key}, body, "   ", ErrSignatureMissing},
		{"key set, tampered body", [][]byte{key}, append([]byte(" "), body...), good, ErrSignatureInvalid},
		{"key set, signed with another key", [][]byte{key, oldKey}, body, Sign(otherKey, body), ErrSignatureInvalid},
		{"key set, not hex", [][]byte{key}, body, strings.Repeat("zz", 64), ErrSignatureInvalid},
		{"key set, truncated signature", [][]byte{key}, body, good[:64], ErrSignatureInvalid},
		{"key set, SHA-256 length", [][]byte{key}, body, good[:64], ErrSignatureInvalid},
		{"key set, odd length", [][]byte{key}, body, good[:127], ErrSignatureInvalid},
		{"key set, prefixed", [][]byte{key}, body, "sha512=" + good, ErrSignatureInvalid},
		{"no key, header present", nil, body, good, ErrSignatureUnexpected},
		{"no key, header empty (as TFC sends it)", nil, body, "", nil},
		{"only empty keys count as none", [][]byte{{}, nil}, body, "", nil},
		{"empty body signed", [][]byte{key}, nil, Sign(key, nil), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewVerifier(tt.keys).Verify(tt.body, tt.header)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestVerifierEnabled(t *testing.T) {
	var nilVerifier *Verifier
	if nilVerifier.Enabled() || NewVerifier(nil).Enabled() || NewVerifier([][]byte{{}}).Enabled() {
		t.Error("a verifier without keys must report disabled")
	}
	if !NewVerifier([][]byte{[]byte("k")}).Enabled() {
		t.Error("a verifier with a key must report enabled")
	}
}

func TestVerifierCopiesKeys(t *testing.T) {
	key := []byte("key")
	body := []byte("{}")
	v := NewVerifier([][]byte{key})
	key[0] = 'X'
	if err := v.Verify(body, Sign([]byte("key"), body)); err != nil {
		t.Fatalf("changing the caller's slice changed the verifier: %v", err)
	}
}
