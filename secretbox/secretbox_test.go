package secretbox

import (
	"bytes"
	"errors"
	"testing"
)

func TestSealOpen(t *testing.T) {
	box, err := New(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	token := []byte("Xy12AbCdEfGhIj.atlasv1.secret")
	sealed := box.Seal(token, "taskrs-1")
	if bytes.Contains(sealed, token) {
		t.Fatal("sealed value contains the plaintext")
	}
	if again := box.Seal(token, "taskrs-1"); bytes.Equal(again, sealed) {
		t.Fatal("two seals are identical: nonce reused")
	}
	got, err := box.Open(sealed, "taskrs-1")
	if err != nil || !bytes.Equal(got, token) {
		t.Fatalf("Open = %q, %v", got, err)
	}

	other, _ := New(NewKey())
	tampered := append([]byte(nil), sealed...)
	tampered[len(tampered)-1] ^= 1
	tests := []struct {
		name    string
		box     *Box
		sealed  []byte
		binding string
	}{
		{"other row", box, sealed, "taskrs-2"},
		{"other key", other, sealed, "taskrs-1"},
		{"tampered", box, tampered, "taskrs-1"},
		{"truncated", box, sealed[:10], "taskrs-1"},
		{"empty", box, nil, "taskrs-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.box.Open(tt.sealed, tt.binding); !errors.Is(err, ErrOpen) {
				t.Fatalf("Open = %v, want ErrOpen", err)
			}
		})
	}
}

func TestNewRejectsBadKeys(t *testing.T) {
	for _, n := range []int{0, 16, 31, 33} {
		if _, err := New(make([]byte, n)); err == nil {
			t.Errorf("New accepted a %d-byte key", n)
		}
	}
}
