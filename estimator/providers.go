package estimator

import "strings"

// providerName turns a plan's provider_name ("registry.terraform.io/hashicorp/aws",
// "hashicorp/google-beta", "azurerm") into the name resource definitions and
// --region-default use: "aws", "google", "azure", or the provider's own type.
func providerName(full string) string {
	name := full
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	// Terraform 0.12 plans write "provider.aws" and aliases as "aws.east".
	name = strings.TrimPrefix(name, "provider.")
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	return canonicalProvider(name)
}

// canonicalProvider maps provider type names that price the same cloud to one name.
func canonicalProvider(name string) string {
	switch name {
	case "azurerm", "azure":
		return "azure"
	case "google", "google-beta":
		return "google"
	}
	return name
}

// canonicalRegions copies a provider → region map with canonical provider names.
func canonicalRegions(regions map[string]string) map[string]string {
	out := make(map[string]string, len(regions))
	for provider, region := range regions {
		out[canonicalProvider(provider)] = region
	}
	return out
}

// providerFromType guesses the provider from a resource type when a plan
// leaves provider_name out (the prefix before the first underscore).
func providerFromType(typ string) string {
	if i := strings.IndexByte(typ, '_'); i > 0 {
		return canonicalProvider(typ[:i])
	}
	return typ
}

// defaultRegion is the region assumed when neither the resource nor its
// provider configuration names one: each provider's documented default.
func defaultRegion(provider string) string {
	switch provider {
	case "aws":
		return "us-east-1"
	case "google":
		return "us-central1"
	case "azure":
		return "eastus"
	}
	return ""
}

// freeProvider reports whether every resource of a provider lives outside any
// cloud bill (local helpers such as null_resource or random_id), so that its
// types count as free rather than unsupported.
func freeProvider(provider string) bool {
	switch provider {
	case "null", "random", "local", "tls", "time", "terraform", "archive",
		"template", "external", "http", "cloudinit":
		return true
	}
	return false
}
