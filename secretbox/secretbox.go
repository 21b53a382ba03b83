// Package secretbox seals small secrets (TFC access tokens) for storage with
// AES-256-GCM under COSTGATE_SECRET_KEY. A sealed value is
// version byte || 12-byte nonce || ciphertext+tag; the additional data binds
// it to its row so a sealed token cannot be moved to another run.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
)

// KeySize is the length of a key: AES-256.
const KeySize = 32

const version byte = 1

// ErrOpen is returned for any sealed value that does not open under the key:
// tampered, truncated, bound to another row, or sealed under another key.
var ErrOpen = errors.New("sealed value does not open with this key (was COSTGATE_SECRET_KEY changed?)")

// Box seals and opens with one key. It is safe for concurrent use.
type Box struct {
	aead cipher.AEAD
}

// New returns a Box for a 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secret key is %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("creating cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("creating GCM: %w", err)
	}
	return &Box{aead: aead}, nil
}

// NewKey returns a fresh random key (for the ephemeral dev key and tests).
func NewKey() []byte {
	k := make([]byte, KeySize)
	_, _ = rand.Read(k) // crypto/rand.Read never fails (Go ≥1.24)
	return k
}

// Seal encrypts plaintext bound to binding (e.g. the task result id).
func (b *Box) Seal(plaintext []byte, binding string) []byte {
	nonce := make([]byte, b.aead.NonceSize())
	_, _ = rand.Read(nonce)
	out := make([]byte, 0, 1+len(nonce)+len(plaintext)+b.aead.Overhead())
	out = append(out, version)
	out = append(out, nonce...)
	return b.aead.Seal(out, nonce, plaintext, []byte(binding))
}

// Open decrypts a value sealed with the same key and binding.
func (b *Box) Open(sealed []byte, binding string) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < 1+n+b.aead.Overhead() || sealed[0] != version {
		return nil, ErrOpen
	}
	pt, err := b.aead.Open(nil, sealed[1:1+n], sealed[1+n:], []byte(binding))
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}
