// Package awsvocab holds the AWS Price List vocabulary shared by the AWS
// price importers: location names to region codes (AWS's own
// locations.json), offer term codes, attribute keys and the EC2 product
// family rule. pricing-data/FORMAT.md, "AWS vocabulary", documents it for
// the resource definitions.
package awsvocab
