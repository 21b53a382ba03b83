package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// Helpers shared by the data-service types (RDS, ElastiCache, Lambda, S3,
// DynamoDB, CloudWatch alarms, KMS, Secrets Manager, Route 53).

// usageLine is a usage-based component: its monthly quantity is the usage
// value at key, or it stays "depends on usage" when the usage file does not
// give the key (a refused value is noted).
func usageLine(c schema.Component, u schema.Usage, key string) schema.Component {
	return usageLineTimes(c, u, key, decimal.NewFromInt(1))
}

// usageLineTimes is usageLine with the usage value multiplied by factor.
func usageLineTimes(c schema.Component, u schema.Usage, key string, factor decimal.Decimal) schema.Component {
	c.UsageBased = true
	n, ok, note := usageNumber(u, key)
	switch {
	case ok:
		c.MonthlyQuantity = schema.Monthly(n.Mul(factor))
	case note != "":
		c.Assumed = append(append([]string{}, c.Assumed...), note)
	}
	return c
}

// dbReservation is how RDS instance or ElastiCache node hours are bought:
// on demand (zero value) or reserved. RDS and ElastiCache offer terms have no
// offering class, unlike EC2's.
type dbReservation struct {
	termLength    string // 1yr, 3yr; "" on demand
	paymentOption string // No Upfront, Partial Upfront, All Upfront
}

// dbReservationFromUsage reads reserved_instance_term (1_year, 3_year) and
// reserved_instance_payment_option (no_upfront, partial_upfront,
// all_upfront), on demand when neither is given. A missing key takes the
// first value of its list, noted in notes; an unknown value is kept as given
// so that its price is reported as not found.
func dbReservationFromUsage(u schema.Usage, notes *[]string) dbReservation {
	if !u.Has(usageReservedTerm) && !u.Has(usageReservedPaymentOption) {
		return dbReservation{}
	}
	return dbReservation{
		termLength:    usageChoice(u, usageReservedTerm, "1_year", reservedTerms(), notes),
		paymentOption: usageChoice(u, usageReservedPaymentOption, "no_upfront", reservedPaymentOptions(), notes),
	}
}

func (r dbReservation) reserved() bool { return r.termLength != "" }

// label is the purchase as shown in a component name.
func (r dbReservation) label() string {
	if !r.reserved() {
		return "on-demand"
	}
	return fmt.Sprintf("reserved %s %s", r.termLength, r.paymentOption)
}

// hourly returns q asking for the hourly rate of this purchase.
func (r dbReservation) hourly(q pricing.Query) pricing.Query {
	if r.reserved() {
		q.PurchaseOption = pricing.Reserved
		q.TermLength = r.termLength
		q.TermPurchaseOption = r.paymentOption
		q.Unit = "Hrs" // the upfront fee of the same term has unit Quantity
	}
	return q
}

// upfront is the reservation's one-off fee for n reservations spread over the
// term's months, so the monthly figure includes it; nil without a fee.
func (r dbReservation) upfront(q pricing.Query, n decimal.Decimal) *schema.Component {
	if r.paymentOption != "Partial Upfront" && r.paymentOption != "All Upfront" {
		return nil
	}
	months := int64(12)
	if r.termLength == "3yr" {
		months = 36
	}
	q = r.hourly(q)
	q.Unit = "Quantity"
	return &schema.Component{
		Name:            fmt.Sprintf("Reservation upfront fee (%s %s, spread over %d months)", r.termLength, r.paymentOption, months),
		Unit:            "fees",
		MonthlyQuantity: schema.Monthly(n.Div(decimal.NewFromInt(months))),
		Query:           q,
	}
}
