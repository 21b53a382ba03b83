#!/usr/bin/env bash
# Rebuilds the Google price files pricing-data/data/gcp-*.csv.gz (+ .json
# sidecars) from the shared corpus with `costgate pricing import`.
#
#   pricing-data/build-gcp.sh [CORPUS_DIR]     (default: ../shared/corpus)
#
# Rebuilds are byte-identical: the importers and the writer are
# deterministic, and the inputs are named by the same relative paths
# (corpus/...) whatever CORPUS_DIR is, so built_with does not change.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "${1:-$root/../shared/corpus}" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/costgate" ./cmd/costgate)
ln -s "$corpus" "$work/corpus"
mkdir "$work/data"
cd "$work"

cyclenerd=Cyclenerd/google-cloud-pricing-cost-calculator
import() { ./costgate pricing import "$@"; }

# Compute Engine machine types (531 × 43 regions), licences, disks, IPs,
# Cloud NAT, VPN and Cloud Storage, generated 2026-07-30. The 2024-01-26
# version is not shipped: all it adds are prices the 2026 file supersedes,
# five A2 prices without their GPUs and commitments nothing queries
# (pricing-data/SOURCES.md, Google).
import gcp-pricing-calculator-yaml --name gcp-calculator-2026-07 --licence Apache-2.0 --price-date 2026-07-30 \
  --origin "$cyclenerd@fd66b26ff84fee5cdd94f341ea89206e76c06b99:pricing.yml" \
  --out data corpus/google-cloud-pricing-cost-calculator/2026-07-30/pricing.yml

# Official Cloud Billing Catalog format: opencost's fixture page (A100 GPU,
# A2 vCPU/RAM in USD; its 4 IDR SKUs are skipped, never converted).
import gcp-billing-catalog --name gcp-billing-opencost-2023-03 --licence Apache-2.0 --price-date 2023-03-24 \
  --origin "opencost/opencost@5f6533303e3850c8635796a74bb22802d16e9090:pkg/cloud/gcp/test/skus.json" \
  --out data corpus/opencost/pkg/cloud/gcp/test/skus.json

# Price facts read in stored web pages (GKE fee, forwarding rules, Cloud SQL
# us-central1); rows without a date get the corpus pass's date.
import gcp-price-facts --name gcp-facts-2026-08 --licence NOASSERTION --price-date 2026-08-22 \
  --origin "public-price-facts/facts.csv (corpus; Google rows; each row's source URL is in its description)" \
  --out data corpus/public-price-facts/facts.csv

cp data/gcp-* "$root/pricing-data/data/"
ls -l "$root"/pricing-data/data/gcp-*
