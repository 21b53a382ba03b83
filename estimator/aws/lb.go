package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// Usage keys of aws_lb / aws_alb traffic (Infracost's names): new
// connections per second, active connections per minute, GB processed per
// hour and rule evaluations per second, all averages.
const (
	usageNewConnections    = "new_connections"
	usageActiveConnections = "active_connections"
	usageProcessedGB       = "processed_bytes_gb"
	usageRuleEvaluations   = "rule_evaluations"
)

// lbResource prices aws_lb and its alias aws_alb by load_balancer_type
// (application by default, network, gateway): the load balancer hour and
// its capacity units, computed from usage.
func lbResource(name string) schema.ResourceType {
	return schema.ResourceType{Name: name, Build: buildLB}
}

// lbKind is one type of load balancer: its offer family, its name, and how
// much of each dimension one capacity unit covers (per the Elastic Load
// Balancing pricing page: ALB LCU, NLB and GWLB NLCU/GLCU for TCP flows).
type lbKind struct {
	family, name                       string
	newPerSec, activePerMin, gbPerHour int64
	rulesPerSec                        int64 // 0: the dimension does not apply
}

func lbKindOf(loadBalancerType string) (lbKind, bool) {
	switch loadBalancerType {
	case "application":
		return lbKind{family: "Load Balancer-Application", name: "Application load balancer",
			newPerSec: 25, activePerMin: 3000, gbPerHour: 1, rulesPerSec: 1000}, true
	case "network":
		return lbKind{family: "Load Balancer-Network", name: "Network load balancer",
			newPerSec: 800, activePerMin: 100000, gbPerHour: 1}, true
	case "gateway":
		return lbKind{family: "Load Balancer-Gateway", name: "Gateway load balancer",
			newPerSec: 600, activePerMin: 60000, gbPerHour: 1}, true
	}
	return lbKind{}, false
}

func buildLB(r schema.Resource) []schema.Component {
	typ, ok := stringAt(r.Values, "load_balancer_type")
	var notes []string
	if !ok {
		typ = "application"
		if r.Values.Unknown("load_balancer_type") {
			notes = append(notes, "load_balancer_type unknown until apply: assumed application")
		}
	}
	kind, known := lbKindOf(typ)
	if !known {
		// Priced as not found rather than as another kind of load balancer.
		kind = lbKind{family: "Load Balancer-" + typ, name: fmt.Sprintf("Load balancer (%s)", typ)}
		notes = append(notes, fmt.Sprintf("load_balancer_type %q is not application, network or gateway: no price", typ))
	}
	query := func(unit string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceELB, Family: kind.family, Region: r.Region, Unit: unit}
	}
	hours := schema.Component{Name: kind.name, Unit: "hours", HourlyQuantity: schema.Hourly(decimal.NewFromInt(1)),
		Query: query("Hrs"), Assumed: notes}
	// Shown per LCU-month: the catalog's unit is the LCU-hour.
	lcu := schema.Component{Name: "Load balancer capacity units", Unit: "LCU", UnitMultiplier: decimal.NewFromInt(730),
		UsageBased: true, Query: query("LCU-Hrs")}
	if known {
		units, given, lcuNotes := kind.capacityUnits(r.Usage)
		lcu.Assumed = lcuNotes
		if given {
			lcu.HourlyQuantity = schema.Hourly(units)
		}
	}
	return []schema.Component{hours, lcu}
}

// capacityUnits is the average number of capacity units per hour: the
// largest of the dimensions the usage gives (new connections, active
// connections, processed GB, and for ALBs rule evaluations), each divided
// by what one unit covers. given is false when the usage gives none.
func (k lbKind) capacityUnits(u schema.Usage) (units decimal.Decimal, given bool, notes []string) {
	dims := []struct {
		key string
		per int64
	}{
		{usageNewConnections, k.newPerSec},
		{usageActiveConnections, k.activePerMin},
		{usageProcessedGB, k.gbPerHour},
		{usageRuleEvaluations, k.rulesPerSec},
	}
	for _, d := range dims {
		n, ok, note := usageNumber(u, d.key)
		if note != "" {
			notes = append(notes, note)
		}
		if !ok {
			continue
		}
		if d.per == 0 {
			notes = append(notes, fmt.Sprintf("usage %s does not apply to this load balancer: ignored", d.key))
			continue
		}
		given = true
		units = decimal.Max(units, n.Div(whole(d.per)))
	}
	return units, given, notes
}
