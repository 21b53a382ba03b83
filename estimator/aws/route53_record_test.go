package aws

import "testing"

func TestBuildRoute53Record(t *testing.T) {
	const r53 = "AmazonRoute53//"
	tests := []struct {
		name, values, unknown, usage string
		want                         []string
	}{
		{"simple record, no usage", `{"type": "A", "records": ["192.0.2.1"]}`, "", "", []string{
			"Standard queries (first 1B); usage; " + r53 + "; pricingPageLabel=Query Standard External; on_demand x1000000; usage-based"}},
		{"weighted records are standard queries", `{"weighted_routing_policy": [{"weight": 10}]}`, "", `{"monthly_standard_queries": 1000000000}`, []string{
			"Standard queries (first 1B); m=1000000000; " + r53 + "; pricingPageLabel=Query Standard External; on_demand x1000000; usage-based"}},
		{"geolocation over the tier", `{"geolocation_routing_policy": [{"country": "FR"}]}`, "", `{"monthly_geo_queries": 1000000001, "monthly_standard_queries": 5}`, []string{
			"Geo DNS queries (first 1B); m=1000000000; " + r53 + "; pricingPageLabel=Query Geo DNS External; on_demand x1000000; usage-based",
			"Geo DNS queries (over 1B); m=1; " + r53 + "; pricingPageLabel=Query Geo DNS External; on_demand tier 1000000000 x1000000; usage-based"}},
		{"geoproximity", `{"geoproximity_routing_policy": [{"aws_region": "us-east-1"}]}`, "", `{"monthly_geoproximity_queries": 3}`, []string{
			"Geoproximity routing queries (first 1B); m=3; " + r53 + "; pricingPageLabel=Query Geoproximity External; on_demand x1000000; usage-based"}},
		{"alias of an AWS resource is free", `{"zone_id": "ZA", "alias": [{"name": "d111.cloudfront.net", "zone_id": "Z2FDTNDATAQYW2"}]}`, "", "", nil},
		{"alias of a record of the zone", `{"zone_id": "ZA", "alias": [{"name": "www.example.com", "zone_id": "ZA"}], "latency_routing_policy": [{"region": "eu-west-1"}]}`, "", "", []string{
			"Latency based routing queries (first 1B); usage; " + r53 + "; pricingPageLabel=Query Latency Based Routing External; on_demand x1000000; usage-based"}},
		{"alias target known at apply", `{"zone_id": "ZA", "alias": [{"evaluate_target_health": true}]}`, `{"alias": [{"zone_id": true}]}`, "", []string{
			"Standard queries (first 1B); usage; " + r53 + "; pricingPageLabel=Query Standard External; on_demand x1000000; usage-based; assumed: " +
				"alias target unknown until apply: priced as an alias of a record in the same zone (queries to aliases of AWS resources are free)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildRoute53Record(computeResource(t, "aws_route53_record", tt.values, tt.unknown, tt.usage)), tt.want)
		})
	}
}
