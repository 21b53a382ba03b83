package aws

import (
	"testing"

	"github.com/costgate/costgate/estimator/schema"
)

// TestCoverageTypesTolerateBadValues feeds the snapshot, log, DNS record, API
// Gateway and certificate definitions values, references and usage of the
// wrong shapes: they must never panic. Those that always cost something
// (snapshots, log groups, flow logs, REST APIs) must still list a line.
func TestCoverageTypesTolerateBadValues(t *testing.T) {
	alwaysCosts := map[string]bool{"aws_ebs_snapshot": true, "aws_ebs_snapshot_copy": true,
		"aws_cloudwatch_log_group": true, "aws_flow_log": true, "aws_api_gateway_rest_api": true}
	types := []schema.ResourceType{ebsSnapshotResource(), ebsSnapshotCopyResource(), cloudwatchLogGroupResource(),
		flowLogResource(), route53RecordResource(), apiGatewayRestAPIResource(), apiGatewayStageResource(), acmCertificateResource()}
	docs := []string{`null`, `{}`, `[]`, `"text"`, `7`,
		`{"volume_size": "big", "storage_tier": 3, "log_group_class": ["IA"], "log_destination_type": {}, "destination_options": "parquet",
		  "alias": [null], "zone_id": 5, "latency_routing_policy": "yes", "cache_cluster_enabled": "maybe", "cache_cluster_size": [],
		  "certificate_authority_arn": 1, "options": [{"export": true}]}`,
		`{"alias": {"zone_id": "Z1"}, "zone_id": "Z1", "cache_cluster_enabled": 1, "cache_cluster_size": -1, "log_destination_type": ""}`,
	}
	usages := []string{``, `{"monthly_requests": -2, "monthly_data_ingested_gb": "x", "storage_gb": [], "monthly_standard_queries": {},
		"monthly_geo_queries": 1e30, "monthly_data_scanned_gb": null}`}
	for _, rt := range types {
		for _, doc := range docs {
			for _, usage := range usages {
				r := computeResource(t, rt.Name, doc, doc, usage)
				r = withComputeRefs(t, r, map[string]string{"volume_id": doc, "source_snapshot_id": doc,
					"log_destination": doc, "log_group_name": doc})
				func() {
					defer func() {
						if v := recover(); v != nil {
							t.Fatalf("%s panicked on %s / %s: %v", rt.Name, doc, usage, v)
						}
					}()
					if comps := rt.Build(r); alwaysCosts[rt.Name] && len(comps) == 0 {
						t.Errorf("%s on %s / %s: no components", rt.Name, doc, usage)
					}
				}()
			}
		}
	}
}
