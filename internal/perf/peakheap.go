package perf

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// heapObjects is the runtime metric sampled: bytes of heap memory occupied by
// objects, live or not yet swept (what the heap really holds at that moment).
const heapObjects = "/memory/classes/heap/objects:bytes"

// PeakHeap runs fn and returns the highest heap-object bytes seen while it
// ran, above the level measured after a full GC just before it: a sampler
// reads the runtime metric every interval (the metric needs no stop-the-world).
// Garbage not yet collected counts, so the figure is what the process really
// needed at GOGC's setting, not only live data.
func PeakHeap(interval time.Duration, fn func()) (peak uint64) {
	sample := []metrics.Sample{{Name: heapObjects}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := read()
	var (
		mu   sync.Mutex
		max  = base
		stop = make(chan struct{})
		done = make(chan struct{})
	)
	observe := func(v uint64) {
		mu.Lock()
		if v > max {
			max = v
		}
		mu.Unlock()
	}
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: heapObjects}}
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				metrics.Read(s)
				observe(s[0].Value.Uint64())
			}
		}
	}()
	fn()
	observe(read())
	close(stop)
	<-done
	mu.Lock()
	defer mu.Unlock()
	return max - base
}
