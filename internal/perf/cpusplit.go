package perf

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// clockTicks is Linux's USER_HZ, the unit of /proc's CPU times.
const clockTicks = 100

// CPUSplit is the processor time used during a load phase by the service
// process, by the Postgres processes serving its database (backends, WAL
// writer, checkpointer…), by this process (load generator and fake TFC),
// and by the whole machine, so that other work on it shows.
type CPUSplit struct {
	Service, Postgres, Bench, Machine time.Duration
}

// Other is what the machine spent on anything but the three.
func (s CPUSplit) Other() time.Duration {
	return max(s.Machine-s.Service-s.Postgres-s.Bench, 0)
}

// CPUMeter takes CPUSplit readings for a service process and its database.
type CPUMeter struct {
	servicePID int
	dbURL      string
}

// NewCPUMeter meters the service process servicePID and the Postgres
// processes of the database at dbURL.
func NewCPUMeter(servicePID int, dbURL string) *CPUMeter {
	return &CPUMeter{servicePID: servicePID, dbURL: dbURL}
}

// cpuReading is the cumulative CPU time of each metered process at one moment.
type cpuReading struct {
	service, bench, machine time.Duration
	postgres                map[int]time.Duration
}

// Start reads the counters; the returned function reads them again and
// returns the split between the two readings.
func (m *CPUMeter) Start(ctx context.Context) (stop func() (CPUSplit, error), err error) {
	before, err := m.read(ctx)
	if err != nil {
		return nil, err
	}
	return func() (CPUSplit, error) {
		after, err := m.read(ctx)
		if err != nil {
			return CPUSplit{}, err
		}
		s := CPUSplit{
			Service: after.service - before.service,
			Bench:   after.bench - before.bench,
			Machine: after.machine - before.machine,
		}
		// A backend that started during the phase counts from zero; one that
		// ended is lost (the service's pool keeps its connections).
		for pid, t := range after.postgres {
			s.Postgres += t - before.postgres[pid]
		}
		return s, nil
	}, nil
}

func (m *CPUMeter) read(ctx context.Context) (cpuReading, error) {
	r := cpuReading{bench: CPUTime(), postgres: map[int]time.Duration{}}
	var err error
	if r.service, err = processCPU(m.servicePID); err != nil {
		return r, err
	}
	if r.machine, err = machineCPU(); err != nil {
		return r, err
	}
	conn, err := pgx.Connect(ctx, m.dbURL)
	if err != nil {
		return r, fmt.Errorf("connecting to read Postgres processes: %w", err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT pid FROM pg_stat_activity
WHERE (datname = current_database() AND pid <> pg_backend_pid()) OR datname IS NULL`)
	if err != nil {
		return r, fmt.Errorf("listing Postgres processes: %w", err)
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return r, fmt.Errorf("listing Postgres processes: %w", err)
	}
	for _, pid := range pids {
		if t, err := processCPU(int(pid)); err == nil { // it may have just exited
			r.postgres[int(pid)] = t
		}
	}
	return r, nil
}

// processCPU is a process's user + system time from /proc/PID/stat.
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("reading CPU time of process %d: %w", pid, err)
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("reading CPU time of process %d: short /proc stat line", pid)
	}
	return ticks(f[11], f[12])
}

// machineCPU is the busy time of all cores from /proc/stat (all but idle and iowait).
func machineCPU() (time.Duration, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, fmt.Errorf("reading machine CPU time: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, fmt.Errorf("reading machine CPU time: unexpected /proc/stat line %q", line)
	}
	// user nice system idle iowait irq softirq steal
	return ticks(f[1], f[2], f[3], f[6], f[7], f[8])
}

func ticks(fields ...string) (time.Duration, error) {
	var sum int64
	for _, s := range fields {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("reading CPU time: %w", err)
		}
		sum += n
	}
	return time.Duration(sum) * time.Second / clockTicks, nil
}
