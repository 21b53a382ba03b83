package runtask

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"time"
)

// ClientOptions configure NewHTTPClient.
type ClientOptions struct {
	// Hosts is the allow-list; hosts outside it may still be reached (the
	// plan redirect goes to an archivist host) but never at a private,
	// loopback or link-local address.
	Hosts HostPolicy
	// RootCAs trusts a TFE's private CA; nil uses the system pool.
	RootCAs *x509.CertPool
	// DialTimeout, TLSHandshakeTimeout and ResponseHeaderTimeout default to
	// 10 s, 10 s and 30 s so a hanging server cannot hold a worker.
	DialTimeout           time.Duration
	TLSHandshakeTimeout   time.Duration
	ResponseHeaderTimeout time.Duration
}

// NewHTTPClient returns the client the plan and callback clients should
// share: bounded timeouts, no proxy from the environment, TLS 1.2+, and a
// dialer that refuses internal addresses for hosts not on the allow-list
// (a guard against a redirect to a name that resolves inside our network).
func NewHTTPClient(opts ClientOptions) *http.Client {
	dialer := &net.Dialer{Timeout: durationOr(opts.DialTimeout, 10*time.Second), KeepAlive: 30 * time.Second}
	guard := dialGuard{hosts: opts.Hosts, dialer: dialer, resolver: net.DefaultResolver}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           guard.DialContext,
		TLSClientConfig:       &tls.Config{RootCAs: opts.RootCAs, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   durationOr(opts.TLSHandshakeTimeout, 10*time.Second),
		ResponseHeaderTimeout: durationOr(opts.ResponseHeaderTimeout, 30*time.Second),
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: tr}
}

func durationOr(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// dialGuard dials allowed hosts as is, and other hosts only at public
// addresses.
type dialGuard struct {
	hosts    HostPolicy
	dialer   *net.Dialer
	resolver *net.Resolver
}

func (g dialGuard) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, fmt.Errorf("dialing %q: %w", address, err)
	}
	if g.hosts.allowsDial(host, port) {
		return g.dialer.DialContext(ctx, network, address)
	}
	addrs, err := g.resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, fmt.Errorf("resolving %q: %w", host, err)
	}
	var lastErr error = fmt.Errorf("%s resolves only to internal addresses: %w", host, ErrRedirectRefused)
	for _, a := range addrs {
		if internalAddr(a) {
			continue
		}
		conn, err := g.dialer.DialContext(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

// internalAddr reports addresses no request may reach unless their host is
// explicitly allowed: loopback, private, link-local (cloud metadata),
// unspecified, multicast and carrier-grade NAT.
func internalAddr(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsUnspecified() || a.IsMulticast() || a.IsInterfaceLocalMulticast() ||
		netip.MustParsePrefix("100.64.0.0/10").Contains(a) || !a.IsValid()
}

// noRedirects makes a client hand every 3xx back to the caller.
func noRedirects(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}
