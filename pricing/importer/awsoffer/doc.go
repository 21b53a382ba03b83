// Package awsoffer imports AWS Price List offer files, the official bulk
// price format (pricing.us-east-1.amazonaws.com/offers/v1.0/aws/…), in both
// its JSON and its CSV form. Both are streamed: real EC2 files are
// gigabytes. Product attributes are kept exactly as published, so the rows
// answer the queries of pricing-data/FORMAT.md, "AWS vocabulary".
package awsoffer
