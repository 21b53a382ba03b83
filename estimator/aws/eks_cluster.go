package aws

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// eksClusterResource prices aws_eks_cluster: the cluster hour, and the
// extended-support surcharge when its Kubernetes version is past the end of
// standard support on the day of the estimate (now).
func eksClusterResource(now func() time.Time) schema.ResourceType {
	return schema.ResourceType{Name: "aws_eks_cluster", Build: func(r schema.Resource) []schema.Component {
		return buildEKSCluster(r, now())
	}}
}

func buildEKSCluster(r schema.Resource, on time.Time) []schema.Component {
	out := []schema.Component{{
		Name:           "EKS cluster",
		Unit:           "hours",
		HourlyQuantity: schema.Hourly(decimal.NewFromInt(1)),
		Query:          eksQuery(r.Region, "Compute per Hours"),
	}}
	version, extended, note := eksSupport(r.Values, on)
	if extended {
		out = append(out, schema.Component{
			Name:           fmt.Sprintf("EKS cluster extended support (Kubernetes %s)", version),
			Unit:           "hours",
			HourlyQuantity: schema.Hourly(decimal.NewFromInt(1)),
			Query:          eksQuery(r.Region, "Compute ExtendedSupport per Hours"),
		})
	}
	if note != "" {
		last := &out[len(out)-1]
		last.Assumed = append(last.Assumed, note)
	}
	return out
}

// eksSupport decides whether a cluster pays for extended support on a day:
// its version's standard support has ended and upgrade_policy.support_type
// is not STANDARD (which makes EKS upgrade the cluster instead).
func eksSupport(vals schema.Values, on time.Time) (version string, extended bool, note string) {
	version, ok := stringAt(vals, "version")
	if !ok {
		return "", false, fmt.Sprintf("version %s: assumed the default (newest) version, in standard support", absentReason(vals, "version"))
	}
	minor, ok := kubernetesMinor(version)
	if !ok {
		return version, false, fmt.Sprintf("version %q is not a Kubernetes version: assumed standard support", version)
	}
	end, known := eksStandardSupportEnd(minor)
	switch {
	case !known && minor > newestEKSMinor:
		return version, false, fmt.Sprintf("Kubernetes %s is newer than the EKS calendar costgate knows: assumed standard support", version)
	case known && on.Before(end):
		return version, false, ""
	}
	if s, _ := vals.StringOK("upgrade_policy.0.support_type"); s == "STANDARD" {
		return version, false, fmt.Sprintf("Kubernetes %s is past standard support; support_type STANDARD: EKS upgrades the cluster instead of charging extended support", version)
	}
	if !known {
		return version, true, fmt.Sprintf("Kubernetes %s is past extended support: EKS upgrades it to the oldest extended version, still charged as extended support", version)
	}
	return version, true, ""
}

// kubernetesMinor reads the minor version of "1.29" or "1.29.3".
func kubernetesMinor(version string) (int, bool) {
	rest, ok := strings.CutPrefix(version, "1.")
	if !ok {
		return 0, false
	}
	rest, _, _ = strings.Cut(rest, ".")
	n, err := strconv.Atoi(rest)
	return n, err == nil && n >= 0
}

// newestEKSMinor is the newest minor version in eksStandardSupportEnd.
const newestEKSMinor = 35

// eksStandardSupportEnd is the end of EKS standard support of Kubernetes
// 1.<minor>, from the Amazon EKS Kubernetes release calendar
// (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html); older
// versions than the list have long ended it (known is false, ended).
func eksStandardSupportEnd(minor int) (end time.Time, known bool) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	switch minor {
	case 23:
		return day(2023, time.October, 11), true
	case 24:
		return day(2024, time.January, 31), true
	case 25:
		return day(2024, time.May, 1), true
	case 26:
		return day(2024, time.June, 11), true
	case 27:
		return day(2024, time.July, 24), true
	case 28:
		return day(2024, time.November, 26), true
	case 29:
		return day(2025, time.March, 23), true
	case 30:
		return day(2025, time.July, 23), true
	case 31:
		return day(2025, time.November, 26), true
	case 32:
		return day(2026, time.March, 23), true
	case 33:
		return day(2026, time.July, 29), true
	case 34:
		return day(2026, time.December, 2), true
	case 35:
		return day(2027, time.March, 27), true
	}
	return time.Time{}, false
}

func eksQuery(region, label string) pricing.Query {
	return pricing.Query{Provider: v.Provider, Service: v.ServiceEKS, Region: region,
		Attributes: map[string]string{v.AttrPricingPageLabel: label}}
}
