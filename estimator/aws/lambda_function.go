package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// lambdaFunctionResource prices aws_lambda_function from usage: requests
// (monthly_requests) and duration in GB-seconds (monthly_requests ×
// request_duration_ms × memory_size), by architecture, and ephemeral storage
// above the free 512 MB. The free tier is ignored. Duration is tiered by
// monthly volume, but the price data keeps only the first tier (FORMAT.md,
// "Lambda"): all GB-seconds take the first tier's price, an over-estimate
// above it, said on the line.
func lambdaFunctionResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_lambda_function", Build: buildLambdaFunction}
}

// Usage keys of Lambda functions (Infracost's names).
const (
	usageMonthlyRequests   = "monthly_requests"
	usageRequestDurationMS = "request_duration_ms"
)

// Lambda defaults and the end of the first duration tier (AWS Lambda
// pricing page): memory 128 MB, ephemeral storage 512 MB included; the
// first tier ends at 6 billion GB-seconds a month on x86, 7.5 billion on Arm.
const (
	lambdaDefaultMemoryMB    = 128
	lambdaIncludedStorageMB  = 512
	lambdaX86FirstTierGBSecs = 6_000_000_000
	lambdaArmFirstTierGBSecs = 7_500_000_000
	lambdaMBPerGB            = 1024
	lambdaMSPerSecond        = 1000
)

func buildLambdaFunction(r schema.Resource) []schema.Component {
	vals := r.Values
	arm, archNote := lambdaArm(vals)
	suffix := ""
	firstTier := whole(lambdaX86FirstTierGBSecs)
	if arm {
		suffix = "-ARM"
		firstTier = whole(lambdaArmFirstTierGBSecs)
	}
	query := func(label string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceLambda, Region: r.Region,
			Attributes: map[string]string{v.AttrPricingPageLabel: label + suffix}}
	}
	memory, ok := positiveAt(vals, "memory_size")
	var memNote []string
	if !ok {
		memory = whole(lambdaDefaultMemoryMB)
		memNote = []string{fmt.Sprintf("memory_size %s: assumed %d MB", absentReason(vals, "memory_size"), lambdaDefaultMemoryMB)}
	}
	requests := usageLine(schema.Component{Name: "Requests", Unit: "1M requests", UnitMultiplier: whole(million),
		Query: query("Lambda Requests"), Assumed: archNote}, r.Usage, usageMonthlyRequests)
	// seconds of execution per month, when both usages are known
	var seconds *decimal.Decimal
	durationNotes := append(append([]string{}, archNote...), memNote...)
	if requests.MonthlyQuantity != nil {
		if ms, ok, note := usageNumber(r.Usage, usageRequestDurationMS); ok {
			s := requests.MonthlyQuantity.Mul(ms).Div(whole(lambdaMSPerSecond))
			seconds = &s
		} else if note != "" {
			durationNotes = append(durationNotes, note)
		}
	}
	duration := schema.Component{Name: "Duration", Unit: "GB-seconds", UsageBased: true,
		Query: query("Lambda Duration"), Assumed: durationNotes}
	if seconds != nil {
		gbs := seconds.Mul(memory).Div(whole(lambdaMBPerGB))
		duration.MonthlyQuantity = schema.Monthly(gbs)
		if gbs.GreaterThan(firstTier) {
			duration.Assumed = append(duration.Assumed, fmt.Sprintf(
				"above %s GB-seconds AWS charges lower tier prices that are not in the price data: all priced at the first tier's (an over-estimate)",
				firstTier.Div(whole(1_000_000_000)).String()+" billion"))
		}
	}
	out := []schema.Component{requests, duration}
	if size, ok := positiveAt(vals, "ephemeral_storage.0.size"); ok && size.GreaterThan(whole(lambdaIncludedStorageMB)) {
		storage := schema.Component{Name: fmt.Sprintf("Ephemeral storage (above %d MB)", lambdaIncludedStorageMB),
			Unit: "GB-seconds", UsageBased: true, Query: query("Lambda Storage-Duration")}
		if seconds != nil {
			storage.MonthlyQuantity = schema.Monthly(seconds.Mul(size.Sub(whole(lambdaIncludedStorageMB))).Div(whole(lambdaMBPerGB)))
		}
		out = append(out, storage)
	}
	return out
}

// lambdaArm reports whether the function runs on Arm (architectures =
// ["arm64"]); an unknown architecture is assumed x86_64, the default and the
// higher duration price.
func lambdaArm(vals schema.Values) (bool, []string) {
	archs := vals.List("architectures")
	if len(archs) == 0 {
		if vals.Unknown("architectures") {
			return false, []string{"architectures unknown until apply: assumed x86_64"}
		}
		return false, nil
	}
	arch, ok := stringAt(archs[0], "")
	if !ok {
		return false, []string{"architectures unknown until apply: assumed x86_64"}
	}
	return arch == "arm64", nil
}
