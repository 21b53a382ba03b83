package aws

import (
	"testing"
	"time"
)

func TestBuildEKSCluster(t *testing.T) {
	const (
		cluster  = "EKS cluster; h=1; AmazonEKS//us-east-1; pricingPageLabel=Compute per Hours; on_demand"
		extended = "; h=1; AmazonEKS//us-east-1; pricingPageLabel=Compute ExtendedSupport per Hours; on_demand"
	)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		name, values, unknown string
		on                    time.Time
		want                  []string
	}{
		{"1.29 in standard support", `{"version": "1.29"}`, "", day(2025, time.March, 22), []string{cluster}},
		{"1.29 the day standard support ends", `{"version": "1.29"}`, "", day(2025, time.March, 23),
			[]string{cluster, "EKS cluster extended support (Kubernetes 1.29)" + extended}},
		{"1.35 in standard support until 2027-03-27", `{"version": "1.35"}`, "", day(2027, time.March, 26), []string{cluster}},
		{"1.24 long past", `{"version": "1.24"}`, "", day(2026, time.December, 3),
			[]string{cluster, "EKS cluster extended support (Kubernetes 1.24)" + extended}},
		{"past extended support too", `{"version": "1.21"}`, "", day(2026, time.December, 3),
			[]string{cluster, "EKS cluster extended support (Kubernetes 1.21)" + extended +
				"; assumed: Kubernetes 1.21 is past extended support: EKS upgrades it to the oldest extended version, still charged as extended support"}},
		{"extended support disabled", `{"version": "1.29", "upgrade_policy": [{"support_type": "STANDARD"}]}`, "", day(2026, time.December, 3),
			[]string{cluster + "; assumed: Kubernetes 1.29 is past standard support; support_type STANDARD: EKS upgrades the cluster instead of charging extended support"}},
		{"patch version", `{"version": "1.30.4"}`, "", day(2026, time.December, 3),
			[]string{cluster, "EKS cluster extended support (Kubernetes 1.30.4)" + extended}},
		{"newer than the calendar", `{"version": "1.40"}`, "", day(2026, time.December, 3),
			[]string{cluster + "; assumed: Kubernetes 1.40 is newer than the EKS calendar costgate knows: assumed standard support"}},
		{"version unknown: the default", `{"name": "x"}`, `{"version": true}`, day(2026, time.December, 3),
			[]string{cluster + "; assumed: version unknown until apply: assumed the default (newest) version, in standard support"}},
		{"not a version", `{"version": "latest"}`, "", day(2026, time.December, 3),
			[]string{cluster + "; assumed: version \"latest\" is not a Kubernetes version: assumed standard support"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := eksClusterResource(func() time.Time { return tt.on })
			checkComputeLines(t, rt.Build(computeResource(t, "aws_eks_cluster", tt.values, tt.unknown, "")), tt.want)
		})
	}
}

func TestEKSCalendarIsOrdered(t *testing.T) {
	prev := time.Time{}
	for minor := 23; minor <= newestEKSMinor; minor++ {
		end, ok := eksStandardSupportEnd(minor)
		if !ok || !end.After(prev) {
			t.Fatalf("1.%d: end %v (known %v) not after 1.%d's %v", minor, end, ok, minor-1, prev)
		}
		prev = end
	}
	if _, ok := eksStandardSupportEnd(newestEKSMinor + 1); ok {
		t.Errorf("newestEKSMinor %d is not the newest version of the calendar", newestEKSMinor)
	}
}
