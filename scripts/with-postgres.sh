#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: initdb into a temporary folder,
# listen on 127.0.0.1 only, export DATABASE_URL, run the command, stop and delete the server.
# When PostgreSQL cannot be had it says so loudly; under CI (CI=true) that is a failure.
set -euo pipefail

fail_or_skip() {
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!! PostgreSQL is not available: $1" >&2
  echo "!! The PostgreSQL run of the suite was NOT done; only SQLite was tested." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || fail_or_skip "no initdb under /usr/lib/postgresql (apt-get install postgresql)"

tmp=$(mktemp -d /tmp/plenary-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root: run the server as an unprivileged system user.
  owner=postgres; id "$owner" >/dev/null 2>&1 || owner=nobody
  chown "$owner" "$tmp"
  run_as=(runuser -u "$owner" --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT

"${run_as[@]}" "$bindir/initdb" -D "$tmp/data" -U plenary -A trust --no-sync -E UTF8 >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; fail_or_skip "initdb failed"; }
"${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$tmp/server.log" >&2; fail_or_skip "the server did not start"; }
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U plenary plenary

echo "== PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway)"
export DATABASE_URL="postgres://plenary@127.0.0.1:$port/plenary"
"$@"
