#!/usr/bin/env bash
# Rebuilds the Azure price files pricing-data/data/azure-*.{csv.gz,json} from
# the real sources of the corpus. Usage: pricing-data/build-azure.sh [CORPUS_DIR]
# (default ../shared/corpus, relative to the repository root). Rebuilding from
# the same corpus gives byte-identical files; provenance of every file is in
# pricing-data/SOURCES.md ("Azure"), the vocabulary in pricing-data/FORMAT.md.
set -euo pipefail

built_with_format="pricing-data/build-azure.sh (costgate pricing import %s, price date %s)"
# shellcheck source=pricing-data/lib-build.sh
. "$(dirname "$0")/lib-build.sh" "$@"

karpenter=Azure/karpenter-provider-azure@352646f599290c3a6d2f9710fb535a7b288f88ed
radar=andy-diericks/azure-pricing-radar@cf741f25c50759745f8eb5dcaf6c3746669c8f31
terracost=cycloidio/terracost@23cf94d2807b9dd81a2d255f560ca8af3b72facb
scopes="belgium eu-west francecentral northeurope swedencentral"

# Linux pay-as-you-go VM hours, 57 regions, keyed by armSkuName (2026-06-18).
build azure-vm-linux-karpenter-2026-06 azure-karpenter-csv 2026-06-18 Apache-2.0 \
	"$karpenter:pkg/providers/pricing/zz_generated.pricing.go (values extracted unchanged into the corpus CSV karpenter-provider-azure/derived/azure-vm-linux-payg-ondemand-2026-06-18.csv)" \
	"Virtual Machines, Linux, regular priority, pay as you go, per hour; 57 regions. Left out: 2,551 dedicated-host keys and 4,629 rows (region × size) of the Bsv2/Basv2/Bpsv2/Dasv5/Dadsv5/Easv5/Eadsv5 series, whose table entry is often the Cloud Services price (checked against azure-pricing-radar). SKUs synthesized." \
	karpenter-provider-azure/derived/azure-vm-linux-payg-ondemand-2026-06-18.csv

# Linux and Windows VMs, pay as you go, Spot and Low Priority; 5 European regions.
files=()
for s in $scopes; do files+=("azure-pricing-radar/data/latest/vm-$s.json"); done
build azure-vm-radar-2026-08 azure-pricing-radar 2026-08-22 MIT \
	"$radar:data/latest/vm-{belgium,eu-west,francecentral,northeurope,swedencentral}.json (5 files)" \
	"Retail Prices API items of service Virtual Machines, type Consumption: Linux and Windows, regular, Spot and Low Priority meters, Cloud Services and dedicated hosts; westeurope, northeurope, francecentral, swedencentral, belgiumcentral. armSkuName derived from skuName where safe (91 percent of VM meters)." \
	"${files[@]}"

# Managed disks (Standard HDD, Standard SSD, Premium SSD, Premium SSD v2, Ultra); same 5 regions.
files=()
for s in $scopes; do files+=("azure-pricing-radar/data/latest/storage-$s.json"); done
build azure-disk-radar-2026-08 azure-pricing-radar 2026-08-22 MIT \
	"$radar:data/latest/storage-{belgium,eu-west,francecentral,northeurope,swedencentral}.json (5 files)" \
	"Retail Prices API items of service Storage, managed disk products only: S/E/P tiers LRS and ZRS (disk, mount, operations), snapshots, Premium SSD v2 and Ultra capacity/IOPS/throughput; 5 European regions. Other storage products are left out: the reduced snapshot keeps one tier per meter." \
	"${files[@]}"

# The official API format, francecentral, 2021, with reservations.
build azure-vm-francecentral-terracost-2021-12 azure-retail-prices 2021-12-07 MIT \
	"$terracost:testdata/azurerm/api/retail_prices.json" \
	"Retail Prices API items of service Virtual Machines, francecentral, effective dates up to 2021-12-01: Consumption (regular, Spot, Low Priority; Linux and Windows) and 1- and 3-year reservations (price of the whole term); 1,200 DevTestConsumption items left out." \
	terracost/testdata/azurerm/api/retail_prices.json

# AKS cluster tiers, global (the facts are not region-specific).
build azure-aks-facts-2026-08 azure-price-facts 2026-08-22 NOASSERTION \
	"shared corpus public-price-facts/facts.csv (list prices read in public web pages; each row's source_url is in the row's description)" \
	"AKS Uptime SLA / Standard tier 0.10 per cluster-hour, Free tier 0; global. The pages are undated: the price date is the corpus's gap-filling pass, no earlier than 2026-08-22." \
	public-price-facts/facts.csv
