package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(map[string]string{"COSTGATE_HMAC_KEYS": "k1"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"listen", c.Listen, ":8080"},
		{"hosts", strings.Join(c.TFCHosts, ","), "app.terraform.io,app.eu.terraform.io"},
		{"plan max", c.PlanMaxBytes, int64(256 << 20)},
		{"auto migrate", c.AutoMigrate, true},
		{"fail open", c.FailOpen, false},
		{"heartbeat", c.HeartbeatInterval, 2 * time.Minute},
		{"give up", c.CallbackGiveUp, 55 * time.Minute},
		{"rescue", c.RescueAfter, 5 * time.Minute},
		{"job timeout", c.JobTimeout, 4 * time.Minute},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
}

func TestLoadEnvAndFlags(t *testing.T) {
	key := strings.Repeat("ab", 32)
	c, err := Load(env(map[string]string{
		"COSTGATE_HMAC_KEYS":  "old, new",
		"COSTGATE_LISTEN":     ":9000",
		"COSTGATE_SECRET_KEY": key,
		"COSTGATE_API_TOKENS": "r1:read,a1:admin",
		"COSTGATE_PUBLIC_URL": "https://costgate.example.com/",
		"COSTGATE_FAIL_OPEN":  "true",
	}), []string{"--listen", "127.0.0.1:7000", "--fail-open=false", "--tfc-hosts", "tfe.example.com:8443"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:7000" || c.FailOpen {
		t.Errorf("flags did not override env: listen %q fail-open %v", c.Listen, c.FailOpen)
	}
	if len(c.HMACKeys) != 2 || c.HMACKeys[1] != "new" {
		t.Errorf("hmac keys = %q", c.HMACKeys)
	}
	if len(c.SecretKey) != 32 || c.PublicURL != "https://costgate.example.com" {
		t.Errorf("secret key %d bytes, public url %q", len(c.SecretKey), c.PublicURL)
	}
	if len(c.APITokens) != 2 || c.APITokens[1].Scope != ScopeAdmin {
		t.Errorf("api tokens = %+v", c.APITokens)
	}
	if strings.Join(c.TFCHosts, ",") != "tfe.example.com:8443" {
		t.Errorf("hosts = %q", c.TFCHosts)
	}
}

func TestLoadErrorsNameTheVariable(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no hmac key", map[string]string{}, nil, "--insecure-no-hmac"},
		{"bad bool", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_FAIL_OPEN": "maybe"}, nil, "COSTGATE_FAIL_OPEN"},
		{"bad duration", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_JOB_TIMEOUT": "soon"}, nil, "COSTGATE_JOB_TIMEOUT"},
		{"short secret key", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_SECRET_KEY": "c2hvcnQ="}, nil, "COSTGATE_SECRET_KEY"},
		{"bad token scope", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_API_TOKENS": "t:write"}, nil, "COSTGATE_API_TOKENS"},
		{"bad public url", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_PUBLIC_URL": "costgate.local"}, nil, "COSTGATE_PUBLIC_URL"},
		{"bad host", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_TFC_HOSTS": "https://app.terraform.io/"}, nil, "COSTGATE_TFC_HOSTS"},
		{"rescue not above timeout", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_JOB_TIMEOUT": "5m", "COSTGATE_RESCUE_AFTER": "5m"}, nil, "COSTGATE_RESCUE_AFTER"},
		{"rescue past tfc window", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_RESCUE_AFTER": "20m"}, nil, "COSTGATE_RESCUE_AFTER"},
		{"heartbeat too slow", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_HEARTBEAT_INTERVAL": "9m"}, nil, "COSTGATE_HEARTBEAT_INTERVAL"},
		{"give up past 60m", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_CALLBACK_GIVE_UP_AFTER": "61m"}, nil, "COSTGATE_CALLBACK_GIVE_UP_AFTER"},
		{"bad log level", map[string]string{"COSTGATE_HMAC_KEYS": "k", "COSTGATE_LOG_LEVEL": "loud"}, nil, "COSTGATE_LOG_LEVEL"},
		{"unknown flag", map[string]string{"COSTGATE_HMAC_KEYS": "k"}, []string{"--nope"}, "nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(tt.env), tt.args)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestInsecureNoHMACAllowsNoKey(t *testing.T) {
	c, err := Load(env(nil), []string{"--insecure-no-hmac"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.InsecureNoHMAC {
		t.Fatal("InsecureNoHMAC not set")
	}
	var ve *ValidationError
	if _, err := Load(env(nil), nil); !errors.As(err, &ve) {
		t.Fatalf("want a *ValidationError without a key, got %v", err)
	}
}

func TestRedactedNeverShowsSecrets(t *testing.T) {
	secrets := map[string]string{
		"COSTGATE_HMAC_KEYS":  "hmac-secret-one,hmac-secret-two",
		"COSTGATE_API_TOKENS": "apitokensecret:admin",
		"COSTGATE_SECRET_KEY": strings.Repeat("5e", 32),
		"DATABASE_URL":        "postgres://app:dbpassw0rd@db.internal:5432/costgate?sslmode=require",
	}
	c, err := Load(env(secrets), nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewJSONHandler(&b, nil)).Info("config", slog.GroupAttrs("config", c.Redacted()...))
	out := b.String()
	for _, leak := range []string{"hmac-secret", "apitokensecret", "5e5e5e", "dbpassw0rd"} {
		if strings.Contains(out, leak) {
			t.Errorf("redacted config leaks %q: %s", leak, out)
		}
	}
	for _, want := range []string{`"COSTGATE_HMAC_KEYS":"set (2 keys)"`, `db.internal`, `"COSTGATE_SECRET_KEY":"set (1 key)"`} {
		if !strings.Contains(out, want) {
			t.Errorf("redacted config lacks %s: %s", want, out)
		}
	}
	if n := len(c.Redacted()); n != len(variables())+1 {
		t.Errorf("Redacted has %d entries, want one per variable (+insecure flag) = %d", n, len(variables())+1)
	}
	for _, a := range c.Redacted() {
		if a.Value.String() == "" && a.Key != "COSTGATE_PUBLIC_URL" && a.Key != "COSTGATE_BUDGETS_FILE" {
			t.Errorf("variable %s renders empty: add it to raw()", a.Key)
		}
	}
}

func TestParseSecretKeyFormats(t *testing.T) {
	raw := make([]byte, 32)
	for i := range raw {
		raw[i] = byte(i)
	}
	for _, s := range []string{fmt.Sprintf("%x", raw), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"} {
		k, err := ParseSecretKey(s)
		if err != nil || string(k) != string(raw) {
			t.Errorf("ParseSecretKey(%q) = %x, %v", s, k, err)
		}
	}
	if _, err := ParseSecretKey("zz"); err == nil {
		t.Error("garbage accepted")
	}
}
