package azurevocab

import (
	"errors"
	"fmt"
	"time"

	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// Item is one Retail Prices API item: the fields the importers read.
type Item struct {
	CurrencyCode       string
	RetailPrice        decimal.Decimal
	TierMinimumUnits   decimal.Decimal
	ArmRegionName      string
	EffectiveStartDate time.Time // zero when the source does not give it
	MeterID            string
	MeterName          string
	ProductID          string
	SkuID              string
	ProductName        string
	SkuName            string
	ServiceName        string
	ServiceFamily      string
	UnitOfMeasure      string
	Type               string // Consumption, Reservation, DevTestConsumption
	ReservationTerm    string // "1 Year", "3 Years", "5 Years" for reservations
	ArmSkuName         string
}

// Item types of the Retail Prices API.
const (
	TypeConsumption        = "Consumption"
	TypeReservation        = "Reservation"
	TypeDevTestConsumption = "DevTestConsumption"
)

// Skip is the error of an item left out on purpose; importers count items
// by Reason and report the counts instead of failing.
type Skip struct{ Reason string }

func (s Skip) Error() string { return "skipped: " + s.Reason }

// ReasonDevTest skips Dev/Test prices: they apply only to Dev/Test
// subscriptions, never to a production estimate.
const ReasonDevTest = "DevTestConsumption price (Dev/Test subscriptions only)"

// SkipCurrency is the Skip of an item priced in another currency: prices are
// imported in USD only and never converted.
func SkipCurrency(code string) Skip {
	return Skip{Reason: "not priced in USD (never converted): " + code}
}

// Price converts an item into a normalised row. It returns a Skip for an
// item left out on purpose (Dev/Test, not USD), and a descriptive error for
// an item that is not a usable price.
func (it Item) Price() (pricing.Price, error) {
	if it.CurrencyCode != "" && it.CurrencyCode != "USD" {
		return pricing.Price{}, SkipCurrency(it.CurrencyCode)
	}
	if err := it.validate(); err != nil {
		return pricing.Price{}, err
	}
	p := pricing.Price{
		Provider:      Provider,
		Service:       it.ServiceName,
		Family:        it.ServiceFamily,
		Region:        region(it.ArmRegionName),
		SKU:           it.SkuID + "|" + it.MeterID,
		Attributes:    it.attributes(),
		Unit:          it.UnitOfMeasure,
		USD:           it.RetailPrice,
		TierStart:     it.TierMinimumUnits,
		EffectiveDate: dateOf(it.EffectiveStartDate),
		Description:   it.ProductName + " / " + it.MeterName,
	}
	switch it.Type {
	case TypeConsumption:
		p.PurchaseOption = pricing.OnDemand
		if pr := p.Attributes[AttrPriority]; pr == PrioritySpot || pr == PriorityLow {
			p.PurchaseOption = pricing.Spot
		}
	case TypeReservation:
		term, err := TermLength(it.ReservationTerm)
		if err != nil {
			return pricing.Price{}, err
		}
		p.PurchaseOption = pricing.Reserved
		p.TermLength = term
		// The API publishes the price of the whole term, not an hourly rate.
		p.TermPurchaseOption = "All Upfront"
		p.Description += " (" + it.ReservationTerm + " reservation: price of the whole term)"
	case TypeDevTestConsumption:
		return pricing.Price{}, Skip{Reason: ReasonDevTest}
	default:
		return pricing.Price{}, fmt.Errorf("unknown type %q", it.Type)
	}
	return p, nil
}

func (it Item) validate() error {
	switch {
	case it.ServiceName == "":
		return errors.New("serviceName is empty")
	case it.MeterID == "" || it.SkuID == "":
		return errors.New("meterId and skuId are required")
	case it.UnitOfMeasure == "":
		return errors.New("unitOfMeasure is empty")
	case it.Type == "":
		return errors.New("type is empty")
	case it.RetailPrice.IsNegative():
		return fmt.Errorf("retailPrice %s is negative", it.RetailPrice)
	case it.TierMinimumUnits.IsNegative():
		return fmt.Errorf("tierMinimumUnits %s is negative", it.TierMinimumUnits)
	}
	return nil
}

// attributes copies the API fields and adds the derived ones.
func (it Item) attributes() map[string]string {
	a := map[string]string{}
	for k, v := range map[string]string{
		AttrProductName: it.ProductName,
		AttrSkuName:     it.SkuName,
		AttrMeterName:   it.MeterName,
		AttrProductID:   it.ProductID,
		AttrArmSkuName:  NormalizeArmSkuName(it.ArmSkuName),
	} {
		if v != "" {
			a[k] = v
		}
	}
	if it.ServiceName == ServiceVirtualMachines && !specialMeter.MatchString(it.MeterName) {
		a[AttrPriority] = Priority(it.SkuName, it.MeterName)
	}
	if IsVMProduct(it.ServiceName, it.ProductName, it.MeterName) {
		a[AttrOS] = OS(it.ProductName)
	}
	return a
}

// TermLength maps a reservationTerm to the catalog's term length.
func TermLength(reservationTerm string) (string, error) {
	switch reservationTerm {
	case "1 Year":
		return "1yr", nil
	case "3 Years":
		return "3yr", nil
	case "5 Years":
		return "5yr", nil
	}
	return "", fmt.Errorf("unknown reservationTerm %q", reservationTerm)
}

// region maps the API's pseudo-region of global meters to the catalog's "".
func region(armRegionName string) string {
	if armRegionName == "Global" {
		return ""
	}
	return armRegionName
}

func dateOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
