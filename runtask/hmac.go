package runtask

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"strings"
)

// SignatureHeader is the header TFC signs requests in (any case matches).
const SignatureHeader = "X-TFC-Task-Signature"

// Signature errors. The service answers ErrSignatureMissing and
// ErrSignatureInvalid with 401, ErrSignatureUnexpected with 400.
var (
	ErrSignatureMissing = errors.New("run task signature missing: an HMAC key is configured but the request is unsigned")
	ErrSignatureInvalid = errors.New("run task signature invalid")
	// ErrSignatureUnexpected: the request is signed but no key is configured
	// here, so TFC and costgate disagree on the key (as the scaffolding does,
	// we refuse rather than ignore it; creating the run task then fails).
	ErrSignatureUnexpected = errors.New("run task signature present but no HMAC key is configured")
)

// Verifier checks X-TFC-Task-Signature against one or more HMAC keys (more
// than one while a key is being rotated).
type Verifier struct {
	keys [][]byte
}

// NewVerifier returns a Verifier for keys; empty keys are ignored. A
// Verifier with no key accepts only unsigned requests: the service must run
// with no key only when started with --insecure-no-hmac (see Enabled).
func NewVerifier(keys [][]byte) *Verifier {
	v := &Verifier{}
	for _, k := range keys {
		if len(k) > 0 {
			v.keys = append(v.keys, append([]byte(nil), k...))
		}
	}
	return v
}

// Enabled reports whether at least one key is configured.
func (v *Verifier) Enabled() bool { return v != nil && len(v.keys) > 0 }

// Verify checks signatureHeader (hex HMAC-SHA512 of the raw body, either
// case) against every key, following the policy of runtask-protocol.md §4:
//
//	key set, header missing/empty → ErrSignatureMissing
//	key set, header wrong         → ErrSignatureInvalid
//	key set, header right         → nil
//	no key,  header present       → ErrSignatureUnexpected
//	no key,  header missing/empty → nil
func (v *Verifier) Verify(body []byte, signatureHeader string) error {
	sig := strings.TrimSpace(signatureHeader)
	if !v.Enabled() {
		if sig != "" {
			return ErrSignatureUnexpected
		}
		return nil
	}
	if sig == "" {
		return ErrSignatureMissing
	}
	got, err := hex.DecodeString(sig)
	if err != nil || len(got) != sha512.Size {
		return ErrSignatureInvalid
	}
	match := false
	for _, k := range v.keys { // every key, so timing does not tell which matched
		if hmac.Equal(got, mac(k, body)) {
			match = true
		}
	}
	if !match {
		return ErrSignatureInvalid
	}
	return nil
}

// Sign returns the lowercase hex HMAC-SHA512 of body, as TFC sends it.
func Sign(key, body []byte) string { return hex.EncodeToString(mac(key, body)) }

func mac(key, body []byte) []byte {
	h := hmac.New(sha512.New, key)
	h.Write(body)
	return h.Sum(nil)
}
