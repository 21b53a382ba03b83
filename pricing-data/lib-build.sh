# Shared by build-aws.sh and build-azure.sh, which source it with their
# arguments after setting built_with_format: the printf format of the
# sidecars' built_with, given the import format and the price date.
# It moves to the repository root, builds costgate into a temporary
# directory (removed on exit) and defines build.

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
corpus="$(cd "${1:-../shared/corpus}" && pwd)"
out="pricing-data/data"

bin="$(mktemp -d)/costgate"
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/costgate

# build NAME FORMAT PRICE_DATE LICENCE ORIGIN NOTES FILE... (FILEs relative to
# the corpus). built_with names the script, not the corpus path, so the
# sidecars do not depend on where the corpus is.
build() {
	local name=$1 format=$2 date=$3 licence=$4 origin=$5 notes=$6
	shift 6
	local files=()
	for f in "$@"; do files+=("$corpus/$f"); done
	# shellcheck disable=SC2059 # the format is the calling script's
	"$bin" pricing import "$format" --name "$name" --price-date "$date" --licence "$licence" \
		--origin "$origin" --notes "$notes" --out "$out" \
		--built-with "$(printf "$built_with_format" "$format" "$date")" \
		"${files[@]}"
}
