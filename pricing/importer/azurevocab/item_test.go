package azurevocab

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// base is terracost's francecentral Standard_D2s_v3 Linux Consumption item
// (testdata/azurerm/api/retail_prices.json, 2021): 0.112 USD per hour.
func base() Item {
	return Item{
		CurrencyCode:       "USD",
		RetailPrice:        decimal.RequireFromString("0.112"),
		ArmRegionName:      "francecentral",
		EffectiveStartDate: time.Date(2018, 1, 16, 0, 0, 0, 0, time.UTC),
		MeterID:            "m-1",
		MeterName:          "D2s v3",
		ProductID:          "DZH318Z0BPWD",
		SkuID:              "DZH318Z0BPWD/00G4",
		ProductName:        "Virtual Machines DSv3 Series",
		SkuName:            "D2s v3",
		ServiceName:        "Virtual Machines",
		ServiceFamily:      "Compute",
		UnitOfMeasure:      "1 Hour",
		Type:               "Consumption",
		ArmSkuName:         "Standard_D2s_v3",
	}
}

func TestItemPrice(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*Item)
		option string
		term   string
		attrs  map[string]string
	}{
		{"linux regular", func(*Item) {}, pricing.OnDemand, "", map[string]string{
			"productName": "Virtual Machines DSv3 Series", "skuName": "D2s v3", "meterName": "D2s v3",
			"productId": "DZH318Z0BPWD", "armSkuName": "Standard_D2s_v3", "os": "Linux", "priority": "regular"}},
		{"windows spot", func(it *Item) {
			it.ProductName += " Windows"
			it.SkuName, it.MeterName = "D2s v3 Spot", "D2s v3 Spot"
		}, pricing.Spot, "", map[string]string{
			"productName": "Virtual Machines DSv3 Series Windows", "skuName": "D2s v3 Spot", "meterName": "D2s v3 Spot",
			"productId": "DZH318Z0BPWD", "armSkuName": "Standard_D2s_v3", "os": "Windows", "priority": "spot"}},
		{"low priority is a spot purchase with priority low", func(it *Item) {
			it.SkuName, it.MeterName = "D2s v3 Low Priority", "D2s v3 Low Priority"
		}, pricing.Spot, "", map[string]string{
			"productName": "Virtual Machines DSv3 Series", "skuName": "D2s v3 Low Priority", "meterName": "D2s v3 Low Priority",
			"productId": "DZH318Z0BPWD", "armSkuName": "Standard_D2s_v3", "os": "Linux", "priority": "low"}},
		{"reservation", func(it *Item) {
			it.Type, it.ReservationTerm = "Reservation", "3 Years"
			it.RetailPrice = decimal.RequireFromString("1309")
		}, pricing.Reserved, "3yr", map[string]string{
			"productName": "Virtual Machines DSv3 Series", "skuName": "D2s v3", "meterName": "D2s v3",
			"productId": "DZH318Z0BPWD", "armSkuName": "Standard_D2s_v3", "os": "Linux", "priority": "regular"}},
		{"cloud services get no os", func(it *Item) {
			it.ProductName = "Easv5 Series CloudServices"
			it.SkuName, it.MeterName, it.ArmSkuName = "E2as v5", "E2as v5", "Standard_E2as_v5"
		}, pricing.OnDemand, "", map[string]string{
			"productName": "Easv5 Series CloudServices", "skuName": "E2as v5", "meterName": "E2as v5",
			"productId": "DZH318Z0BPWD", "armSkuName": "Standard_E2as_v5", "priority": "regular"}},
		{"free grant gets neither os nor priority", func(it *Item) {
			it.MeterName = "B1s - Free"
			it.SkuName, it.ArmSkuName = "B1s", "Standard_B1s"
			it.RetailPrice = decimal.Zero
		}, pricing.OnDemand, "", map[string]string{
			"productName": "Virtual Machines DSv3 Series", "skuName": "B1s", "meterName": "B1s - Free",
			"productId": "DZH318Z0BPWD", "armSkuName": "Standard_B1s"}},
		{"storage", func(it *Item) {
			it.ServiceName, it.ServiceFamily = "Storage", "Storage"
			it.ProductName, it.SkuName, it.MeterName = "Premium SSD Managed Disks", "P10 LRS", "P10 LRS Disk"
			it.ArmSkuName, it.UnitOfMeasure = "Premium_SSD_Managed_Disk_P10", "1/Month"
		}, pricing.OnDemand, "", map[string]string{
			"productName": "Premium SSD Managed Disks", "skuName": "P10 LRS", "meterName": "P10 LRS Disk",
			"productId": "DZH318Z0BPWD", "armSkuName": "Premium_SSD_Managed_Disk_P10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := base()
			tt.edit(&it)
			p, err := it.Price()
			if err != nil {
				t.Fatal(err)
			}
			if p.PurchaseOption != tt.option || p.TermLength != tt.term {
				t.Errorf("purchase option %q term %q, want %q %q", p.PurchaseOption, p.TermLength, tt.option, tt.term)
			}
			if !reflect.DeepEqual(p.Attributes, tt.attrs) {
				t.Errorf("attributes %v\nwant %v", p.Attributes, tt.attrs)
			}
			if p.Provider != "azure" || p.Region != "francecentral" || p.SKU != it.SkuID+"|m-1" ||
				!p.USD.Equal(it.RetailPrice) || p.Unit != it.UnitOfMeasure || p.Service != it.ServiceName ||
				p.EffectiveDate.Format(time.DateOnly) != "2018-01-16" {
				t.Errorf("unexpected row %+v", p)
			}
		})
	}
}

func TestItemPriceRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Item)
	}{
		{"no service", func(it *Item) { it.ServiceName = "" }},
		{"no meter id", func(it *Item) { it.MeterID = "" }},
		{"no unit", func(it *Item) { it.UnitOfMeasure = "" }},
		{"no type", func(it *Item) { it.Type = "" }},
		{"unknown type", func(it *Item) { it.Type = "SavingsPlan" }},
		{"negative price", func(it *Item) { it.RetailPrice = decimal.RequireFromString("-1") }},
		{"bad term", func(it *Item) { it.Type, it.ReservationTerm = "Reservation", "2 Years" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := base()
			tt.edit(&it)
			var skip Skip
			if _, err := it.Price(); err == nil || errors.As(err, &skip) {
				t.Errorf("want an error, got %v", err)
			}
		})
	}
}

func TestItemPriceSkips(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Item)
		want Skip
	}{
		{"dev/test", func(it *Item) { it.Type = "DevTestConsumption" }, Skip{Reason: ReasonDevTest}},
		{"EUR", func(it *Item) { it.CurrencyCode = "EUR" }, SkipCurrency("EUR")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := base()
			tt.edit(&it)
			var skip Skip
			if _, err := it.Price(); !errors.As(err, &skip) || skip != tt.want {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestGlobalRegion(t *testing.T) {
	it := base()
	it.ArmRegionName = "Global"
	p, err := it.Price()
	if err != nil || p.Region != "" {
		t.Errorf("Global region: %q, %v", p.Region, err)
	}
}
