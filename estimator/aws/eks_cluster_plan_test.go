package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-eks-2025-10, us-east-1): "Compute per Hours" 0.10 and
// "Compute ExtendedSupport per Hours" 0.50 per cluster-hour. Kubernetes 1.24
// left standard support on 2024-01-31, so it pays extended support on any
// day this test runs.
func TestEKSClusterPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_eks_cluster.plan.json",
		Resources: map[string]estimatortest.Resource{
			// 0.10 × 730 = 73.
			"aws_eks_cluster.current": {Proposed: "73", Components: map[string]string{"EKS cluster": "73 eks"},
				Assumed: map[string]string{"EKS cluster": "version unknown until apply"}},
			// 73 + 0.50 × 730 = 438.
			"aws_eks_cluster.legacy": {Proposed: "438", Components: map[string]string{
				"EKS cluster": "73 eks",
				"EKS cluster extended support (Kubernetes 1.24)": "365 eks",
			}},
		},
		Proposed: "511",
	}})
}
