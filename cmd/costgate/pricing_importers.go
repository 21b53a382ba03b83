package main

import (
	"log/slog"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsec2instances"
	"github.com/costgate/costgate/pricing/importer/awsmetered"
	"github.com/costgate/costgate/pricing/importer/awsoffer"
	"github.com/costgate/costgate/pricing/importer/awspriceflat"
	"github.com/costgate/costgate/pricing/importer/awsterracost"
	"github.com/costgate/costgate/pricing/importer/azurefacts"
	"github.com/costgate/costgate/pricing/importer/azurekarpenter"
	"github.com/costgate/costgate/pricing/importer/azureradar"
	"github.com/costgate/costgate/pricing/importer/azureretail"
	"github.com/costgate/costgate/pricing/importer/gcpbilling"
	"github.com/costgate/costgate/pricing/importer/gcpcalculator"
	"github.com/costgate/costgate/pricing/importer/gcpfacts"
)

// importers are the formats of `costgate pricing import`, one line each;
// logger receives their warnings.
func importers(logger *slog.Logger) []pricing.Importer {
	return []pricing.Importer{
		awsoffer.JSONImporter{},
		awsoffer.CSVImporter{},
		awsmetered.Importer{},
		awspriceflat.Importer{},
		awsec2instances.Importer{},
		awsterracost.Importer{},
		gcpbilling.Importer{Logger: logger},
		gcpbilling.MachineTypeImporter{Logger: logger},
		gcpcalculator.Importer{Logger: logger},
		gcpfacts.Importer{Logger: logger},
		azureretail.Importer{Logger: logger},
		azureradar.Importer{Logger: logger},
		azurekarpenter.Importer{Logger: logger},
		azurefacts.Importer{Logger: logger},
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
