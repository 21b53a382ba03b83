// Package awsmetered imports the JSON "metered unit maps" that AWS's own
// pricing pages load (b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/…):
// {"manifest":{…,"source":…}, "regions":{"<location name>":{"<label>":
// {"rateCode":"SKU.OfferTermCode.RateCode","price":…, …}}}}.
//
// The maps carry real SKUs and prices but not the offer-file attributes, so
// each supported map source has a table of the labels costgate uses and the
// offer-file family, attributes and unit each stands for (rules_*.go).
// Labels not in a table are skipped; hashed keys (the maps' unlabelled
// duplicates) are never used. pricing-data/FORMAT.md, "AWS vocabulary",
// documents the result.
package awsmetered
