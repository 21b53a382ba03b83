#!/usr/bin/env bash
# Runs every Go fuzz target of the repository (or those whose package or
# name matches FUZZ, a grep -E pattern) for FUZZTIME each, one after the
# other, and prints the executions of each. A crash leaves its input in the
# package's testdata/fuzz/<Target>/ (commit it as a regression seed once
# fixed) and makes the script fail.
#   make fuzz FUZZTIME=5m            # every target, 5 minutes each
#   FUZZ=importer make fuzz          # only the price importers
# FUZZPARALLEL sets the workers per target (default: all cores); FUZZMINIMIZE
# bounds the minimisation of each new input (default 1s: longer eats the
# run on large seeds).
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-1m}
PARALLEL=${FUZZPARALLEL:-$(nproc)}
FILTER=${FUZZ:-.}
logdir=$(mktemp -d /tmp/costgate-fuzz.XXXXXX)
summary=()
failed=0
while IFS=: read -r file target; do
  pkg=./$(dirname "$file")
  if ! grep -Eq -- "$FILTER" <<<"$pkg $target"; then continue; fi
  log="$logdir/$(echo "$pkg.$target" | tr '/.' '__').log"
  echo "== $pkg $target ($FUZZTIME)" >&2
  if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "${FUZZMINIMIZE:-1s}" -parallel "$PARALLEL" >"$log" 2>&1; then
    result=ok
  else
    result=FAIL
    failed=1
    tail -n 30 "$log" >&2
  fi
  execs=$(grep -o 'execs: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  summary+=("$(printf '%-4s %-45s %-28s %12s execs' "$result" "$pkg" "$target" "${execs:-?}")")
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . | sed 's/:func /:/' | sed 's#^\./##' | sort)
printf '%s\n' "${summary[@]}"
echo "logs: $logdir" >&2
exit $failed
