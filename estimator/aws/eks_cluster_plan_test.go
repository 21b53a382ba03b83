package aws_test

import "testing"

// Rows used (aws-eks-2025-10, us-east-1): "Compute per Hours" 0.10 and
// "Compute ExtendedSupport per Hours" 0.50 per cluster-hour. Kubernetes 1.24
// left standard support on 2024-01-31, so it pays extended support on any
// day this test runs.
func TestEKSClusterPlan(t *testing.T) {
	runComputePlans(t, []cpPlan{{
		file: "aws_eks_cluster.plan.json",
		resources: map[string]cpResource{
			// 0.10 × 730 = 73.
			"aws_eks_cluster.current": {proposed: "73", components: map[string]string{"EKS cluster": "73 eks"},
				assumed: map[string]string{"EKS cluster": "version unknown until apply"}},
			// 73 + 0.50 × 730 = 438.
			"aws_eks_cluster.legacy": {proposed: "438", components: map[string]string{
				"EKS cluster": "73 eks",
				"EKS cluster extended support (Kubernetes 1.24)": "365 eks",
			}},
		},
		proposed: "511",
	}})
}
