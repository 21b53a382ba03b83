# Shell helpers to find or start a Postgres server; sourced by scripts.
# ensure_postgres sets PG_URL to a server URL (admin database "postgres");
# ensure_test_database_url exports TEST_DATABASE_URL (kept when set).
# Call them directly, not in $(...): a throwaway server lives as long as the
# shell. Register exit work with at_exit: a plain `trap … EXIT` would replace
# the throwaway server's cleanup.

_at_exit_cmds=()
_run_at_exit() { local c; for c in "${_at_exit_cmds[@]}"; do eval "$c"; done; }

# at_exit CMD runs the shell command CMD when the calling shell exits.
at_exit() {
  _at_exit_cmds+=("$1")
  trap _run_at_exit EXIT
}

pg_bindir() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
  local url="postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then PG_URL=$url; return; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    local ver; ver=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 2>/dev/null || true
    for _ in $(seq 1 30); do
      if pg_isready -q -h 127.0.0.1 -p 5432; then PG_URL=$url; return; fi
      sleep 1
    done
  fi
  start_throwaway_postgres
}

# ensure_test_database_url exports TEST_DATABASE_URL: as set, else the server
# ensure_postgres finds or starts.
ensure_test_database_url() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then return; fi
  ensure_postgres
  export TEST_DATABASE_URL=$PG_URL
}

# start_throwaway_postgres runs initdb + pg_ctl in a temporary directory on a
# free port and sets PG_URL. It stops when the calling shell exits.
start_throwaway_postgres() {
  local bindir; bindir=$(pg_bindir)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "no Postgres found: install PostgreSQL (initdb/pg_ctl) or set DATABASE_URL / TEST_DATABASE_URL" >&2
    return 1
  fi
  local dir port run=()
  dir=$(mktemp -d /tmp/costgate-pg.XXXXXX)
  port=$(( 20000 + RANDOM % 20000 ))
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root.
    chown postgres "$dir" 2>/dev/null || { echo "running as root needs a postgres user" >&2; return 1; }
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null
  at_exit "${run[*]} $bindir/pg_ctl -D $dir/data -m fast stop >/dev/null 2>&1; rm -rf $dir"
  PG_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
}
