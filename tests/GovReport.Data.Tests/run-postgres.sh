#!/usr/bin/env bash
# Runs the GovReport.Data test suite against a real PostgreSQL server: a private, throw-away cluster
# (Debian's postgresql 15 binaries, run as the postgres user) on a loopback port, removed afterwards.
# Usage: tests/GovReport.Data.Tests/run-postgres.sh [extra dotnet test args]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
port="${GOVREPORT_PG_PORT:-55439}"
me="${ME:-pgtest}"
dir="$(mktemp -d /tmp/govreport-pg.XXXXXX)"
chown postgres "$dir"
cleanup() {
  su postgres -c "$bin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
su postgres -c "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$bin/pg_ctl -D $dir/data -l $dir/log -w -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on' start" >/dev/null
export GOVREPORT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
dotnet test "$repo/tests/GovReport.Data.Tests" --artifacts-path "/tmp/art-$me" "$@"
