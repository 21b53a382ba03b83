package google

import (
	"regexp"
	"strings"
)

// zonePattern matches a Compute Engine zone and captures its region.
var zonePattern = regexp.MustCompile(`^([a-z]+-[a-z]+[0-9]+)-[a-z]$`)

// regionOf returns the region of a region or zone name (us-central1-a →
// us-central1); self links are reduced to their last segment.
func regionOf(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	if m := zonePattern.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

// isZone reports whether a location names a zone rather than a region.
func isZone(s string) bool {
	return zonePattern.MatchString(strings.ToLower(strings.TrimSpace(s)))
}
