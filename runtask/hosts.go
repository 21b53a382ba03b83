package runtask

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// DefaultHosts are the TFC hosts allowed when none are configured (DESIGN.md).
const DefaultHosts = "app.terraform.io,app.eu.terraform.io"

// ErrHostNotAllowed is wrapped by every HostPolicy refusal.
var ErrHostNotAllowed = errors.New("URL not allowed")

// HostPolicy is the allow-list of TFC/TFE hosts that plan and callback URLs
// (and so the access token) may go to. An entry without a port allows any
// port; a "host:port" entry allows only that port. IP addresses are allowed
// only when listed. Plain http is refused unless AllowHTTP (local tests).
type HostPolicy struct {
	Hosts     []string
	AllowHTTP bool
}

// DefaultHostPolicy allows HCP Terraform's US and EU hosts over https.
func DefaultHostPolicy() HostPolicy {
	hosts, _ := ParseHosts(DefaultHosts)
	return HostPolicy{Hosts: hosts}
}

// ParseHosts splits a comma-separated host list ("a,b:8443,[::1]"), trims and
// lower-cases the entries and rejects entries that are not a bare host or
// host:port (a scheme, a path, userinfo, a bad port, a trailing dot).
func ParseHosts(s string) ([]string, error) {
	var hosts []string
	for entry := range strings.SplitSeq(s, ",") {
		entry = strings.ToLower(strings.TrimSpace(entry))
		if entry == "" {
			continue
		}
		host, port, err := splitEntry(entry)
		if err != nil {
			return nil, fmt.Errorf("allowed host %q: %w", entry, err)
		}
		if err := checkHostname(host); err != nil {
			return nil, fmt.Errorf("allowed host %q: %w", entry, err)
		}
		if port != "" {
			entry = net.JoinHostPort(canonicalHost(host), port)
		} else {
			entry = canonicalHost(host)
			if strings.Contains(entry, ":") {
				entry = "[" + entry + "]"
			}
		}
		hosts = append(hosts, entry)
	}
	return hosts, nil
}

// splitEntry splits an allow-list entry into host and optional port.
func splitEntry(entry string) (host, port string, err error) {
	if strings.ContainsAny(entry, "/?#@\\ \t%") {
		return "", "", errors.New("want a bare host name or host:port")
	}
	switch {
	case strings.HasPrefix(entry, "["):
		if strings.HasSuffix(entry, "]") {
			return strings.Trim(entry, "[]"), "", nil
		}
		host, port, err = net.SplitHostPort(entry)
	case strings.Count(entry, ":") == 1:
		host, port, err = net.SplitHostPort(entry)
	default:
		host = entry // a name, or a bare IPv6 address
	}
	if err != nil {
		return "", "", fmt.Errorf("want a bare host name or host:port: %w", err)
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "", "", fmt.Errorf("port %q is not a number from 1 to 65535", port)
		}
	}
	return host, port, nil
}

// checkHostname refuses host names that could be read two ways.
func checkHostname(host string) error {
	if host == "" {
		return errors.New("empty host")
	}
	if _, err := netip.ParseAddr(host); err == nil {
		if strings.Contains(host, "%") {
			return errors.New("IPv6 zone not allowed")
		}
		return nil
	}
	if strings.HasSuffix(host, ".") {
		return errors.New("trailing dot not allowed")
	}
	for _, c := range host {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
		if !ok {
			return fmt.Errorf("character %q not allowed in a host name", c)
		}
	}
	if strings.Contains(host, "..") || strings.HasPrefix(host, ".") {
		return errors.New("empty label in host name")
	}
	return nil
}

// canonicalHost lower-cases names and writes IP addresses one way.
func canonicalHost(host string) string {
	if a, err := netip.ParseAddr(host); err == nil {
		return a.Unmap().String()
	}
	return strings.ToLower(host)
}

// isIPLiteral reports whether host (without brackets) is an IP address.
func isIPLiteral(host string) bool {
	_, err := netip.ParseAddr(host)
	return err == nil
}

// HostError says why a URL was refused; it never includes the URL's path or
// query (a callback URL may carry an auth code).
type HostError struct {
	Host   string // the URL's host, when it could be read
	Reason string
}

func (e *HostError) Error() string {
	if e.Host == "" {
		return "URL not allowed: " + e.Reason
	}
	return fmt.Sprintf("URL to host %q not allowed: %s", e.Host, e.Reason)
}

// Unwrap lets errors.Is(err, ErrHostNotAllowed) match.
func (e *HostError) Unwrap() error { return ErrHostNotAllowed }

// Check parses rawURL and reports whether a request carrying the access token
// may be sent to it. It returns a *HostError.
func (p HostPolicy) Check(rawURL string) error {
	u, err := parseStrictURL(rawURL, p.AllowHTTP)
	if err != nil {
		return err
	}
	if !p.allows(u.Scheme, u.Hostname(), u.Port()) {
		return &HostError{Host: u.Host, Reason: "host is not in the allowed TFC/TFE hosts"}
	}
	return nil
}

// parseStrictURL parses an absolute http(s) URL and refuses the forms that
// different parsers read differently.
func parseStrictURL(rawURL string, allowHTTP bool) (*url.URL, error) {
	for _, c := range rawURL {
		if c <= ' ' || c == 0x7f || c == '\\' {
			return nil, &HostError{Reason: "URL contains whitespace, a control character or a backslash"}
		}
	}
	if i := strings.Index(rawURL, "://"); i >= 0 {
		authority := rawURL[i+3:]
		if j := strings.IndexAny(authority, "/?#"); j >= 0 {
			authority = authority[:j]
		}
		if strings.Contains(authority, "%") { // Go decodes some, other parsers others
			return nil, &HostError{Reason: "host must not be percent-encoded"}
		}
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &HostError{Reason: "URL does not parse"}
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && allowHTTP:
	case u.Scheme == "http":
		return nil, &HostError{Host: u.Host, Reason: "plain http is not allowed (https only)"}
	case u.Scheme == "":
		return nil, &HostError{Reason: "URL is not absolute"}
	default:
		return nil, &HostError{Host: u.Host, Reason: fmt.Sprintf("scheme %q is not allowed", u.Scheme)}
	}
	if u.Opaque != "" || !strings.HasPrefix(rawURL[len(u.Scheme):], "://") {
		return nil, &HostError{Reason: "URL is not of the form scheme://host/path"}
	}
	authority := rawURL[len(u.Scheme)+3:]
	if i := strings.IndexAny(authority, "/?#"); i >= 0 {
		authority = authority[:i]
	}
	switch {
	case u.User != nil || strings.Contains(authority, "@"):
		return nil, &HostError{Reason: "URL must not contain user information"}
	case u.Fragment != "" || strings.Contains(rawURL, "#"):
		return nil, &HostError{Host: u.Host, Reason: "URL must not have a fragment"}
	case u.Hostname() == "":
		return nil, &HostError{Reason: "URL has no host"}
	case strings.HasSuffix(u.Host, ":"):
		return nil, &HostError{Host: u.Host, Reason: "empty port"}
	}
	if err := checkHostname(u.Hostname()); err != nil {
		return nil, &HostError{Host: u.Host, Reason: err.Error()}
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, &HostError{Host: u.Host, Reason: "bad port"}
		}
	}
	return u, nil
}

// allows reports whether the allow-list has host (and port, where the entry
// names one). An empty port means the scheme's default.
func (p HostPolicy) allows(scheme, host, port string) bool {
	host = canonicalHost(host)
	if port == "" {
		port = defaultPort(scheme)
	}
	for _, entry := range p.Hosts {
		eHost, ePort, err := splitEntry(strings.ToLower(strings.TrimSpace(entry)))
		if err != nil || eHost == "" {
			continue
		}
		if canonicalHost(eHost) != host {
			continue
		}
		if ePort == "" || ePort == port {
			return true
		}
	}
	return false
}

// allowsDial reports whether the allow-list has the dial address host:port.
func (p HostPolicy) allowsDial(host, port string) bool {
	return p.allows("", host, port)
}

func defaultPort(scheme string) string {
	switch scheme {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// mustAddr parses a host already known to be an IP literal.
func mustAddr(host string) netip.Addr {
	a, _ := netip.ParseAddr(host)
	return a
}
