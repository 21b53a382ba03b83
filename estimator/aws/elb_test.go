package aws

import (
	"fmt"
	"testing"
)

func TestBuildELB(t *testing.T) {
	const (
		hours = "Classic load balancer; h=1; AWSELB/Load Balancer/us-east-1; ; on_demand Hrs"
		data  = "Data processed; %s; AWSELB/Load Balancer/us-east-1; ; on_demand GB; usage-based"
	)
	checkComputeLines(t, buildELB(computeResource(t, "aws_elb", `{"name": "web"}`, "", "")), []string{hours, fmt.Sprintf(data, "usage")})
	checkComputeLines(t, buildELB(computeResource(t, "aws_elb", `{"name": "web"}`, "", `{"monthly_data_processed_gb": 1000}`)),
		[]string{hours, fmt.Sprintf(data, "m=1000")})
}
