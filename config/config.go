// Package config turns the environment (and flags that override it) into a
// validated Config. Every variable is declared once in the table of vars.go,
// which also drives the flags, the validation and the redacted startup log.
package config

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/costgate/costgate/runtask"
)

// Scope of an API token.
const (
	ScopeRead  = "read"
	ScopeAdmin = "admin"
)

// APIToken is one entry of COSTGATE_API_TOKENS.
type APIToken struct {
	Token string
	Scope string // read or admin
}

// Config is the service's whole configuration.
type Config struct {
	DatabaseURL string
	Listen      string
	HMACKeys    []string
	TFCHosts    []string
	AllowHTTP   bool
	PublicURL   string
	APITokens   []APIToken
	// SecretKey is the 32-byte AES-256 key sealing stored access tokens;
	// nil when unset (serve then generates an ephemeral one, dev only).
	SecretKey []byte

	LogLevel     string
	AutoMigrate  bool
	FailOpen     bool
	PlanMaxBytes int64

	EstimateWorkers   int
	CallbackWorkers   int
	JobTimeout        time.Duration
	RescueAfter       time.Duration
	HeartbeatInterval time.Duration
	CallbackGiveUp    time.Duration
	ShutdownTimeout   time.Duration

	PriceMaxAge      time.Duration
	BudgetsFile      string
	Retention        time.Duration
	DashboardPublic  bool
	APIRateLimit     int
	InsecureNoHMAC   bool
	LoadPricesAtBoot bool
}

// HostPolicy is the allow-list for plan and callback URLs.
func (c *Config) HostPolicy() runtask.HostPolicy {
	return runtask.HostPolicy{Hosts: c.TFCHosts, AllowHTTP: c.AllowHTTP}
}

// HMACKeyBytes are the HMAC keys as the verifier takes them.
func (c *Config) HMACKeyBytes() [][]byte {
	out := make([][]byte, len(c.HMACKeys))
	for i, k := range c.HMACKeys {
		out[i] = []byte(k)
	}
	return out
}

// ValidationError lists every problem found, each naming its variable.
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string {
	return "invalid configuration:\n  " + strings.Join(e.Problems, "\n  ")
}

// validate checks the relations between values; single-value parsing is done
// by each variable's parser.
func (c *Config) validate() []string {
	var problems []string
	if c.JobTimeout <= 0 {
		problems = append(problems, "COSTGATE_JOB_TIMEOUT must be positive")
	}
	if c.RescueAfter <= c.JobTimeout {
		problems = append(problems, fmt.Sprintf("COSTGATE_RESCUE_AFTER (%s) must be longer than COSTGATE_JOB_TIMEOUT (%s), or running jobs would be rescued", c.RescueAfter, c.JobTimeout))
	}
	// TFC errors a task result that hears nothing for 10 minutes.
	if c.RescueAfter > 9*time.Minute {
		problems = append(problems, fmt.Sprintf("COSTGATE_RESCUE_AFTER (%s) must be at most 9m so a run interrupted by a crash is retried within TFC's 10-minute window", c.RescueAfter))
	}
	if c.HeartbeatInterval <= 0 || c.HeartbeatInterval > 5*time.Minute {
		problems = append(problems, fmt.Sprintf("COSTGATE_HEARTBEAT_INTERVAL (%s) must be between 0 and 5m (TFC needs progress at least every 10 minutes)", c.HeartbeatInterval))
	}
	if c.CallbackGiveUp <= 0 || c.CallbackGiveUp >= time.Hour {
		problems = append(problems, fmt.Sprintf("COSTGATE_CALLBACK_GIVE_UP_AFTER (%s) must be positive and under 60m, TFC's hard limit", c.CallbackGiveUp))
	}
	if c.EstimateWorkers < 1 || c.CallbackWorkers < 1 {
		problems = append(problems, "COSTGATE_ESTIMATE_WORKERS and COSTGATE_CALLBACK_WORKERS must be at least 1")
	}
	if c.APIRateLimit < 0 {
		problems = append(problems, "COSTGATE_API_RATE_LIMIT must be 0 (no limit) or more")
	}
	if c.PlanMaxBytes < 1 {
		problems = append(problems, "COSTGATE_PLAN_MAX_BYTES must be positive")
	}
	if len(c.TFCHosts) == 0 {
		problems = append(problems, "COSTGATE_TFC_HOSTS must list at least one host")
	}
	if len(c.HMACKeys) == 0 && !c.InsecureNoHMAC {
		problems = append(problems, "COSTGATE_HMAC_KEYS is not set: set the run task's HMAC key, or pass --insecure-no-hmac to accept unsigned requests (local testing only)")
	}
	return problems
}

func parsePublicURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("not a URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q must be an absolute http(s) URL", s)
	}
	return strings.TrimRight(s, "/"), nil
}
