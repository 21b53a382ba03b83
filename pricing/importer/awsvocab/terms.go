package awsvocab

// OnDemandTermCode is the offer term code of every on-demand price.
const OnDemandTermCode = "JRTCKXETXF"

// OfferTerm is what a reserved offer term code stands for.
type OfferTerm struct {
	Length         string // LeaseContractLength: "1yr", "3yr"
	PurchaseOption string // "No Upfront", "Partial Upfront", "All Upfront"
	OfferingClass  string // "standard", "convertible" (EC2; RDS and ElastiCache terms have none)
}

// reservedTerms are the Price List's fixed reserved offer term codes; every
// offer file uses the same code for the same term.
var reservedTerms = map[string]OfferTerm{
	"4NA7Y494T4": {"1yr", "No Upfront", "standard"},
	"HU7G6KETJZ": {"1yr", "Partial Upfront", "standard"},
	"6QCMYABX3D": {"1yr", "All Upfront", "standard"},
	"7NE97W5U4E": {"1yr", "No Upfront", "convertible"},
	"CUZHX8X6JH": {"1yr", "Partial Upfront", "convertible"},
	"VJWZNREJX2": {"1yr", "All Upfront", "convertible"},
	"BPH4J8HBKS": {"3yr", "No Upfront", "standard"},
	"38NPMPTW36": {"3yr", "Partial Upfront", "standard"},
	"NQ3QZPMQV9": {"3yr", "All Upfront", "standard"},
	"Z2E3P23VKM": {"3yr", "No Upfront", "convertible"},
	"R5XV2EPZQZ": {"3yr", "Partial Upfront", "convertible"},
	"MZU6U2429S": {"3yr", "All Upfront", "convertible"},
}

// ReservedTerm returns the term a reserved offer term code stands for.
func ReservedTerm(code string) (OfferTerm, bool) {
	t, ok := reservedTerms[code]
	return t, ok
}
