package aws

import "testing"

func TestBuildAPIGatewayRestAPI(t *testing.T) {
	const apigw = "AmazonApiGateway//us-east-1; pricingPageLabel=API Calls; on_demand"
	tests := []struct {
		name, usage string
		want        []string
	}{
		{"no usage", "", []string{"Requests (first 333M); usage; " + apigw + " x1000000; usage-based"}},
		{"first tier only", `{"monthly_requests": 333000000}`, []string{"Requests (first 333M); m=333000000; " + apigw + " x1000000; usage-based"}},
		{"every tier", `{"monthly_requests": 20000000001}`, []string{
			"Requests (first 333M); m=333000000; " + apigw + " x1000000; usage-based",
			"Requests (next 667M); m=667000000; " + apigw + " tier 333000000 x1000000; usage-based",
			"Requests (next 19B); m=19000000000; " + apigw + " tier 1000000000 x1000000; usage-based",
			"Requests (over 20B); m=1; " + apigw + " tier 20000000000 x1000000; usage-based"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildAPIGatewayRestAPI(computeResource(t, "aws_api_gateway_rest_api", `{"name": "api"}`, "", tt.usage)), tt.want)
		})
	}
}

func TestBuildAPIGatewayStage(t *testing.T) {
	const apigw = "AmazonApiGateway//us-east-1; pricingPageLabel=Caching Memory Size "
	tests := []struct {
		name, values, unknown string
		want                  []string
	}{
		{"no cache", `{"stage_name": "dev"}`, "", nil},
		{"cache disabled", `{"cache_cluster_enabled": false, "cache_cluster_size": "6.1"}`, "", nil},
		{"6.1 GB", `{"cache_cluster_enabled": true, "cache_cluster_size": "6.1"}`, "", []string{
			"Cache memory (6.1 GB); h=1; " + apigw + "6 1; on_demand"}},
		{"size written as a number", `{"cache_cluster_enabled": "true", "cache_cluster_size": 237}`, "", []string{
			"Cache memory (237 GB); h=1; " + apigw + "237; on_demand"}},
		{"size not set", `{"cache_cluster_enabled": true}`, "", []string{
			"Cache memory (0.5 GB); h=1; " + apigw + "0 5; on_demand; assumed: cache_cluster_size not set: assumed 0.5 GB"}},
		{"enabled at apply", `{"cache_cluster_size": "1.6"}`, `{"cache_cluster_enabled": true}`, []string{
			"Cache memory (1.6 GB); h=1; " + apigw + "1 6; on_demand; assumed: cache_cluster_enabled unknown until apply: assumed enabled"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildAPIGatewayStage(computeResource(t, "aws_api_gateway_stage", tt.values, tt.unknown, "")), tt.want)
		})
	}
}
