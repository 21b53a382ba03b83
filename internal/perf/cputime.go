package perf

import (
	"syscall"
	"time"
)

// CPUTime is the processor time (user + system) the process has used. On a
// loaded machine it is steadier than wall time: it excludes the time spent
// waiting for a core.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
