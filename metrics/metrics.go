// Package metrics holds costgate's Prometheus metrics in a registry owned by
// the service (not the global default), so tests and several servers in one
// process never collide.
package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the service's instruments. A nil *Metrics records nothing.
type Metrics struct {
	Registry         *prometheus.Registry
	runsReceived     *prometheus.CounterVec
	estimateDuration *prometheus.HistogramVec
	callbackAttempts *prometheus.CounterVec
}

// New creates the instruments in a fresh registry, with the Go and process
// collectors.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		Registry: reg,
		runsReceived: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "costgate_runs_received_total",
			Help: "Run task requests received, by stage and intake result (accepted, duplicate, test, invalid, unauthorized, too_large, unavailable).",
		}, []string{"stage", "result"}),
		estimateDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "costgate_estimate_duration_seconds",
			Help:    "Time to fetch, price and decide one run, by result (passed, failed, error).",
			Buckets: []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300},
		}, []string{"result"}),
		callbackAttempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "costgate_callback_attempts_total",
			Help: "PATCHes to TFC's callback URL, by kind (running, final) and outcome (accepted, already_final, retryable, permanent, gave_up).",
		}, []string{"kind", "outcome"}),
	}
	reg.MustRegister(m.runsReceived, m.estimateDuration, m.callbackAttempts,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// RunReceived counts one intake request.
func (m *Metrics) RunReceived(stage, result string) {
	if m == nil {
		return
	}
	if stage == "" {
		stage = "unknown"
	}
	m.runsReceived.WithLabelValues(stage, result).Inc()
}

// EstimateDone observes one run's fetch-price-decide time.
func (m *Metrics) EstimateDone(result string, d time.Duration) {
	if m == nil {
		return
	}
	m.estimateDuration.WithLabelValues(result).Observe(d.Seconds())
}

// CallbackAttempt counts one PATCH (or a give-up).
func (m *Metrics) CallbackAttempt(kind, outcome string) {
	if m == nil {
		return
	}
	m.callbackAttempts.WithLabelValues(kind, outcome).Inc()
}

// QueueCount is the number of jobs of one queue in one state.
type QueueCount struct {
	Queue string
	State string
	Count int64
}

// QueueCounter reads the job queue's depth at scrape time.
type QueueCounter func(ctx context.Context) ([]QueueCount, error)

// RegisterQueueDepth adds costgate_queue_depth{queue,state}, read from the
// database when scraped.
func (m *Metrics) RegisterQueueDepth(count QueueCounter, logger *slog.Logger) {
	if m == nil {
		return
	}
	m.Registry.MustRegister(&queueCollector{count: count, logger: logger, desc: prometheus.NewDesc(
		"costgate_queue_depth", "Jobs waiting or running, by queue and state.", []string{"queue", "state"}, nil)})
}

type queueCollector struct {
	count  QueueCounter
	logger *slog.Logger
	desc   *prometheus.Desc
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.count(ctx)
	if err != nil {
		// A scrape must not fail because the database is slow; the gauge is just absent.
		c.logger.Warn("reading queue depth for metrics", "error", err)
		return
	}
	for _, qc := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(qc.Count), qc.Queue, qc.State)
	}
}
