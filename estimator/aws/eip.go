package aws

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// eipResource prices aws_eip: since February 2024 AWS charges every public
// IPv4 address by the hour, attached ("in use") or not ("idle"), under
// Amazon VPC. Addresses from a BYOIP pool or a customer-owned (Outposts)
// pool are not Amazon public addresses and have no such charge.
func eipResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_eip", Build: buildEIP}
}

func buildEIP(r schema.Resource) []schema.Component {
	vals := r.Values
	if pool, ok := stringAt(vals, "public_ipv4_pool"); ok && pool != "amazon" {
		return nil
	}
	if _, ok := stringAt(vals, "customer_owned_ipv4_pool"); ok {
		return nil
	}
	c := schema.Component{
		Name:           "Public IPv4 address (in use)",
		Unit:           "hours",
		HourlyQuantity: schema.Hourly(decimal.NewFromInt(1)),
	}
	label := "Hourly charge for In use Public IPv4 Addresses per Hrs"
	switch attached, known := eipAttached(vals); {
	case !known:
		c.Assumed = []string{"association unknown until apply: assumed in use"}
	case !attached:
		c.Name = "Public IPv4 address (idle)"
		label = "Hourly charge for Idle Public IPv4 Addresses per Hrs"
	}
	c.Query = pricing.Query{Provider: v.Provider, Service: v.ServiceVPC, Region: r.Region,
		Attributes: map[string]string{v.AttrPricingPageLabel: label}}
	return []schema.Component{c}
}

// eipAttachments are the attributes that associate an address.
func eipAttachments() []string { return []string{"instance", "network_interface", "association_id"} }

// eipAttached tells whether the address is associated with an instance or a
// network interface; known is false when that is decided at apply.
func eipAttached(vals schema.Values) (attached, known bool) {
	for _, attr := range eipAttachments() {
		if _, ok := stringAt(vals, attr); ok {
			return true, true
		}
	}
	for _, attr := range eipAttachments() {
		if vals.Unknown(attr) {
			return false, false
		}
	}
	return false, true
}
