package aws

import (
	"fmt"
	"testing"
)

func TestBuildNATGateway(t *testing.T) {
	const (
		hours = "NAT gateway; h=1; AmazonEC2/NAT Gateway/us-east-1; group=NGW:NatGateway; on_demand Hrs"
		data  = "Data processed; %s; AmazonEC2/NAT Gateway/us-east-1; group=NGW:NatGateway; on_demand GB; usage-based"
	)
	tests := []struct {
		name, values, usage string
		want                []string
	}{
		{"without usage", `{"subnet_id": "subnet-1"}`, "", []string{hours, fmt.Sprintf(data, "usage")}},
		{"private, with usage", `{"connectivity_type": "private"}`, `{"monthly_data_processed_gb": 250.5}`, []string{hours, fmt.Sprintf(data, "m=250.5")}},
		{"bad usage", `{}`, `{"monthly_data_processed_gb": -1}`,
			[]string{hours, fmt.Sprintf(data, "usage") + "; assumed: usage monthly_data_processed_gb is not a non-negative number: ignored"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildNATGateway(computeResource(t, "aws_nat_gateway", tt.values, "", tt.usage)), tt.want)
		})
	}
}
