package config

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/costgate/costgate/runtask"
)

// variable is one environment variable: its default, how it is parsed into
// the Config, and how it is shown in the startup log.
type variable struct {
	env     string
	def     string
	usage   string
	isBool  bool
	secret  bool
	set     func(c *Config, v string) error
	display func(c *Config) string // nil: the raw value (never used for secrets)
}

// Vars returns the documentation of every variable: name, default and usage,
// in the order of the README's table.
func Vars() [][3]string {
	out := [][3]string{}
	for _, v := range variables() {
		out = append(out, [3]string{v.env, v.def, v.usage})
	}
	return out
}

func variables() []variable {
	return []variable{
		{env: "DATABASE_URL", usage: "Postgres connection URL; when unset `serve` starts a throwaway Postgres (initdb/pg_ctl) that is removed on exit",
			set: func(c *Config, v string) error { c.DatabaseURL = v; return nil }, display: func(c *Config) string { return redactURL(c.DatabaseURL) }},
		{env: "COSTGATE_LISTEN", def: ":8080", usage: "HTTP listen address",
			set: func(c *Config, v string) error { c.Listen = v; return nonEmpty(v) }},
		{env: "COSTGATE_HMAC_KEYS", secret: true, usage: "comma-separated HMAC keys of the run task (several allow rotation); required unless --insecure-no-hmac",
			set: func(c *Config, v string) error { c.HMACKeys = SplitList(v); return nil }, display: func(c *Config) string { return countSet(len(c.HMACKeys), "key") }},
		{env: "COSTGATE_TFC_HOSTS", def: "app.terraform.io,app.eu.terraform.io", usage: "hosts allowed in plan and callback URLs (an entry without a port allows any port)",
			set: func(c *Config, v string) (err error) { c.TFCHosts, err = runtask.ParseHosts(v); return err }, display: func(c *Config) string { return strings.Join(c.TFCHosts, ",") }},
		{env: "COSTGATE_ALLOW_HTTP", def: "false", isBool: true, usage: "allow plain-http TFC URLs (local tests only)",
			set: func(c *Config, v string) error { return parseBool(v, &c.AllowHTTP) }},
		{env: "COSTGATE_PUBLIC_URL", usage: "costgate's external base URL, used for the link in callbacks (e.g. https://costgate.example.com)",
			set: func(c *Config, v string) (err error) { c.PublicURL, err = parsePublicURL(v); return err }},
		{env: "COSTGATE_API_TOKENS", secret: true, usage: "comma-separated `token:scope` for the JSON API, scope read or admin",
			set: func(c *Config, v string) (err error) { c.APITokens, err = parseAPITokens(v); return err }, display: func(c *Config) string { return countSet(len(c.APITokens), "token") }},
		{env: "COSTGATE_SECRET_KEY", secret: true, usage: "32-byte key sealing stored access tokens (AES-256-GCM), as 64 hex chars or base64; when unset an ephemeral key is generated (runs in flight at a restart then fail)",
			set: func(c *Config, v string) (err error) { c.SecretKey, err = ParseSecretKey(v); return err }, display: func(c *Config) string { return countSet(len(c.SecretKey)/32, "key") }},
		{env: "COSTGATE_LOG_LEVEL", def: "info", usage: "debug, info, warn or error",
			set: func(c *Config, v string) error { c.LogLevel = v; var l slog.Level; return l.UnmarshalText([]byte(v)) }},
		{env: "COSTGATE_AUTO_MIGRATE", def: "true", isBool: true, usage: "apply migrations at `serve` start; when false, `serve` refuses an outdated schema",
			set: func(c *Config, v string) error { return parseBool(v, &c.AutoMigrate) }},
		{env: "COSTGATE_FAIL_OPEN", def: "false", isBool: true, usage: "report `passed` with a warning instead of `failed` when costgate itself cannot price a run",
			set: func(c *Config, v string) error { return parseBool(v, &c.FailOpen) }},
		{env: "COSTGATE_PLAN_MAX_BYTES", def: "268435456", usage: "largest plan JSON accepted, in bytes (256 MiB)",
			set: func(c *Config, v string) error { return parseInt64(v, &c.PlanMaxBytes) }},
		{env: "COSTGATE_ESTIMATE_WORKERS", def: "4", usage: "concurrent estimate jobs",
			set: func(c *Config, v string) error { return parseInt(v, &c.EstimateWorkers) }},
		{env: "COSTGATE_CALLBACK_WORKERS", def: "4", usage: "concurrent callback jobs",
			set: func(c *Config, v string) error { return parseInt(v, &c.CallbackWorkers) }},
		{env: "COSTGATE_JOB_TIMEOUT", def: "4m", usage: "longest an estimate job may run before it ends in a failed callback",
			set: func(c *Config, v string) error { return parseDuration(v, &c.JobTimeout) }},
		{env: "COSTGATE_RESCUE_AFTER", def: "5m", usage: "a job still marked running after this long (its process died) is run again; must exceed the job timeout and stay under 9m",
			set: func(c *Config, v string) error { return parseDuration(v, &c.RescueAfter) }},
		{env: "COSTGATE_HEARTBEAT_INTERVAL", def: "2m", usage: "interval of `running` progress updates to TFC while a run is not final (at most 5m)",
			set: func(c *Config, v string) error { return parseDuration(v, &c.HeartbeatInterval) }},
		{env: "COSTGATE_CALLBACK_GIVE_UP_AFTER", def: "55m", usage: "stop retrying a final callback this long after the run was received (TFC's hard limit is 60m)",
			set: func(c *Config, v string) error { return parseDuration(v, &c.CallbackGiveUp) }},
		{env: "COSTGATE_SHUTDOWN_TIMEOUT", def: "30s", usage: "on SIGTERM, how long in-flight jobs may run before they are left for the next start",
			set: func(c *Config, v string) error { return parseDuration(v, &c.ShutdownTimeout) }},
		{env: "COSTGATE_LOAD_PRICES", def: "true", isBool: true, usage: "load the embedded pricing-data into the catalog at start when it is empty",
			set: func(c *Config, v string) error { return parseBool(v, &c.LoadPricesAtBoot) }},
		{env: "COSTGATE_PRICE_MAX_AGE", def: "0", usage: "warn when the newest loaded prices are older than this (e.g. 2160h); 0 disables",
			set: func(c *Config, v string) error { return parseDuration(v, &c.PriceMaxAge) }},
		{env: "COSTGATE_BUDGETS_FILE", usage: "YAML file of budget policies loaded at start",
			set: func(c *Config, v string) error { c.BudgetsFile = v; return nil }},
		{env: "COSTGATE_RETENTION", def: "0", usage: "delete runs and their estimates received longer ago than this (e.g. 8760h), keeping each workspace's latest priced run; 0 keeps them forever",
			set: func(c *Config, v string) error { return parseDuration(v, &c.Retention) }},
		{env: "COSTGATE_DASHBOARD_PUBLIC", def: "false", isBool: true, usage: "serve the dashboard without an API token",
			set: func(c *Config, v string) error { return parseBool(v, &c.DashboardPublic) }},
		{env: "COSTGATE_API_RATE_LIMIT", def: "20", usage: "requests per second each client (API token, else address) may make to the JSON API and the login, in bursts of twice that; 0 disables",
			set: func(c *Config, v string) error { return parseInt(v, &c.APIRateLimit) }},
	}
}

// Load reads the environment through getenv, then flags in args override it
// (--listen for COSTGATE_LISTEN, --database-url for DATABASE_URL, ...). It
// returns every problem at once, each naming its variable.
func Load(getenv func(string) string, args []string) (*Config, error) {
	vars := variables()
	values := map[string]string{}
	for _, v := range vars {
		values[v.env] = v.def
		if s, ok := lookup(getenv, v.env); ok {
			values[v.env] = s
		}
	}
	c := &Config{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, v := range vars {
		name := FlagName(v.env)
		if v.isBool {
			fs.BoolFunc(name, v.usage, func(s string) error { values[v.env] = s; return nil })
		} else {
			fs.Func(name, v.usage, func(s string) error { values[v.env] = s; return nil })
		}
	}
	fs.BoolVar(&c.InsecureNoHMAC, "insecure-no-hmac", false, "accept unsigned run task requests when no HMAC key is configured")
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("parsing flags: %w", err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	var problems []string
	for _, v := range vars {
		if err := v.set(c, strings.TrimSpace(values[v.env])); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", v.env, err))
		}
	}
	if len(problems) == 0 {
		problems = c.validate()
	}
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	return c, nil
}

// lookup treats a variable set to the empty string as unset.
func lookup(getenv func(string) string, name string) (string, bool) {
	s := getenv(name)
	return s, s != ""
}

// FlagName is the flag overriding an environment variable.
func FlagName(env string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(env, "COSTGATE_")), "_", "-")
}

// Redacted is the effective configuration for the startup log: secrets are
// shown only as "set (N keys)" or "unset", never any part of their value.
func (c *Config) Redacted() []slog.Attr {
	var attrs []slog.Attr
	for _, v := range variables() {
		var s string
		switch {
		case v.display != nil:
			s = v.display(c)
		case v.secret:
			s = "[redacted]"
		default:
			s = c.raw(v.env)
		}
		attrs = append(attrs, slog.String(v.env, s))
	}
	attrs = append(attrs, slog.Bool("insecure_no_hmac", c.InsecureNoHMAC))
	return attrs
}

// raw renders a non-secret field for the log.
func (c *Config) raw(env string) string {
	switch env {
	case "COSTGATE_LISTEN":
		return c.Listen
	case "COSTGATE_ALLOW_HTTP":
		return strconv.FormatBool(c.AllowHTTP)
	case "COSTGATE_PUBLIC_URL":
		return c.PublicURL
	case "COSTGATE_LOG_LEVEL":
		return c.LogLevel
	case "COSTGATE_AUTO_MIGRATE":
		return strconv.FormatBool(c.AutoMigrate)
	case "COSTGATE_FAIL_OPEN":
		return strconv.FormatBool(c.FailOpen)
	case "COSTGATE_PLAN_MAX_BYTES":
		return strconv.FormatInt(c.PlanMaxBytes, 10)
	case "COSTGATE_ESTIMATE_WORKERS":
		return strconv.Itoa(c.EstimateWorkers)
	case "COSTGATE_CALLBACK_WORKERS":
		return strconv.Itoa(c.CallbackWorkers)
	case "COSTGATE_JOB_TIMEOUT":
		return c.JobTimeout.String()
	case "COSTGATE_RESCUE_AFTER":
		return c.RescueAfter.String()
	case "COSTGATE_HEARTBEAT_INTERVAL":
		return c.HeartbeatInterval.String()
	case "COSTGATE_CALLBACK_GIVE_UP_AFTER":
		return c.CallbackGiveUp.String()
	case "COSTGATE_SHUTDOWN_TIMEOUT":
		return c.ShutdownTimeout.String()
	case "COSTGATE_LOAD_PRICES":
		return strconv.FormatBool(c.LoadPricesAtBoot)
	case "COSTGATE_PRICE_MAX_AGE":
		return c.PriceMaxAge.String()
	case "COSTGATE_BUDGETS_FILE":
		return c.BudgetsFile
	case "COSTGATE_RETENTION":
		return c.Retention.String()
	case "COSTGATE_DASHBOARD_PUBLIC":
		return strconv.FormatBool(c.DashboardPublic)
	case "COSTGATE_API_RATE_LIMIT":
		return strconv.Itoa(c.APIRateLimit)
	}
	return ""
}

// ParseSecretKey accepts exactly 32 bytes written as 64 hex characters or as
// standard/URL base64. Empty means unset.
func ParseSecretKey(s string) ([]byte, error) {
	if s == "" {
		return nil, nil
	}
	if len(s) == 64 {
		if b, err := hex.DecodeString(s); err == nil {
			return b, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			if len(b) != 32 {
				return nil, fmt.Errorf("decodes to %d bytes, want 32 (generate one with `openssl rand -hex 32`)", len(b))
			}
			return b, nil
		}
	}
	return nil, errors.New("must be 32 bytes as 64 hex characters or base64 (generate one with `openssl rand -hex 32`)")
}

func parseAPITokens(s string) ([]APIToken, error) {
	var out []APIToken
	for i, item := range SplitList(s) {
		tok, scope, ok := strings.Cut(item, ":")
		if !ok || tok == "" {
			return nil, fmt.Errorf("entry %d: want token:scope", i+1)
		}
		if scope != ScopeRead && scope != ScopeAdmin {
			return nil, fmt.Errorf("entry %d: scope %q, want read or admin", i+1, scope)
		}
		out = append(out, APIToken{Token: tok, Scope: scope})
	}
	return out, nil
}

// SplitList splits a comma-separated list, trimming items and dropping empty ones.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func nonEmpty(v string) error {
	if v == "" {
		return errors.New("must not be empty")
	}
	return nil
}

func parseBool(v string, dst *bool) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("%q is not a boolean (true/false)", v)
	}
	*dst = b
	return nil
}

func parseInt(v string, dst *int) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return fmt.Errorf("%q is not an integer", v)
	}
	*dst = n
	return nil
}

func parseInt64(v string, dst *int64) error {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return fmt.Errorf("%q is not an integer", v)
	}
	*dst = n
	return nil
}

func parseDuration(v string, dst *time.Duration) error {
	if v == "0" {
		*dst = 0
		return nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return fmt.Errorf("%q is not a duration (e.g. 90s, 5m, 2h)", v)
	}
	if d < 0 {
		return fmt.Errorf("%q must not be negative", v)
	}
	*dst = d
	return nil
}

func countSet(n int, what string) string {
	switch n {
	case 0:
		return "unset"
	case 1:
		return "set (1 " + what + ")"
	}
	return fmt.Sprintf("set (%d %ss)", n, what)
}

// redactURL hides a password in a database URL; the rest helps debugging.
func redactURL(s string) string {
	if s == "" {
		return "unset (throwaway Postgres)"
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return "set (not a URL, redacted)"
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}
