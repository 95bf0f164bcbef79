#!/usr/bin/env bash
# The single test command: bash tests/run.sh
#
# 1. installs what the tests need and the machine lacks (apt packages; npm tools into tests/.tools/node),
# 2. dotnet build GovReportGrpc.sln -c Release (warnings are errors, see Directory.Build.props),
# 3. buf lint protos,
# 4. dotnet test (all test projects, including the real-peer interop suite; storage tests also against a
#    throw-away PostgreSQL cluster),
# 5. dotnet format --verify-no-changes,
# and ends with the line "N passed, N failed, N skipped". Exit status is non-zero if any step failed.
# Works without a terminal or stdin (CI=true). Export ArtifactsPath=DIR to build outside ./artifacts.
set -uo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NUGET_XMLDOC_MODE=skip
export DEBIAN_FRONTEND=noninteractive CI="${CI:-true}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2
exec </dev/null
SLN=GovReportGrpc.sln
TOOLS="$ROOT/tests/.tools"
NODE_DIR="$TOOLS/node"
ART=()
if [ -n "${ArtifactsPath:-}" ]; then ART=(--artifacts-path "$ArtifactsPath"); fi
step() { echo "== $*"; }
FAILED_STEPS=()

# --- 1. prerequisites (idempotent, quiet) ---------------------------------------------------------
APT_PKGS=(python3-grpcio python3-grpc-tools python3-protobuf protobuf-compiler protobuf-compiler-grpc
  nghttp2-client iproute2 tmux postgresql)
command -v npm >/dev/null || APT_PKGS+=(nodejs npm)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo -n)
  "${SUDO[@]}" apt-get update -qq >/dev/null && \
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "apt-get install failed: ${missing[*]}" >&2; exit 2; }
fi
NPM_PKGS=(@bufbuild/buf@1.75.0 @grpc/grpc-js@1.14.7 @grpc/proto-loader@0.8.1 google-proto-files@6.0.1)
STAMP="$NODE_DIR/.installed"
if [ "$(cat "$STAMP" 2>/dev/null)" != "${NPM_PKGS[*]}" ]; then
  step "npm install ${NPM_PKGS[*]} -> tests/.tools/node"
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error --no-progress "${NPM_PKGS[@]}" >/dev/null \
    || { echo "npm install failed" >&2; exit 2; }
  echo "${NPM_PKGS[*]}" > "$STAMP"
fi
export PATH="$NODE_DIR/node_modules/.bin:$PATH"

# --- 2. build ---------------------------------------------------------------------------------------
step "dotnet build $SLN -c Release"
if ! dotnet build "$SLN" -c Release "${ART[@]}" -nologo -clp:"ErrorsOnly;Summary" -v:q; then
  echo "build failed"
  echo "0 passed, 0 failed"
  exit 1
fi

# --- 3. proto lint ----------------------------------------------------------------------------------
step "buf lint protos"
if ! buf lint protos; then FAILED_STEPS+=("buf lint"); fi

# --- 4. tests ---------------------------------------------------------------------------------------
# The shared seed reports: <repo>/../shared/fixtures/seeds on a normal checkout; elsewhere fall back to /work/shared.
if [ -z "${GOVREPORT_SEEDS:-}" ] && [ ! -d "$ROOT/../shared/fixtures/seeds" ] && [ -d /work/shared/fixtures/seeds ]; then
  export GOVREPORT_SEEDS=/work/shared/fixtures/seeds
fi
# Second provider: a private throw-away PostgreSQL cluster on a free loopback port (the recipe of
# tests/GovReport.Data.Tests/run-postgres.sh), unless GOVREPORT_TEST_POSTGRES already names a server or
# GOVREPORT_NO_POSTGRES=1. Every project first runs on SQLite; then a PostgreSQL pass runs the storage suite
# (GovReport.Data.Tests) and the issue-4 proofs over gRPC (GovReport.Services.Tests Proofs, except the SQLite
# crash/integrity test) with GOVREPORT_TEST_POSTGRES set; its .trx files count in the summary.
PG_DIR=""
pg_as() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
stop_pg() { [ -n "$PG_DIR" ] && { pg_as "$PG_BIN/pg_ctl -D $PG_DIR/data -m immediate stop" >/dev/null 2>&1; rm -rf "$PG_DIR"; }; }
trap stop_pg EXIT
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "${GOVREPORT_TEST_POSTGRES:-}" ] && [ "${GOVREPORT_NO_POSTGRES:-0}" != 1 ] && [ -x "$PG_BIN/initdb" ]; then
  PG_PORT="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  PG_DIR="$(mktemp -d /tmp/govreport-pg.XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  if pg_as "$PG_BIN/initdb -D $PG_DIR/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null \
     && pg_as "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1' start" >/dev/null; then
    export GOVREPORT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
    step "PostgreSQL test cluster on 127.0.0.1:$PG_PORT"
  else
    echo "could not start a PostgreSQL test cluster; storage tests run on SQLite only" >&2
  fi
fi
RESULTS="$(mktemp -d -t govreport-tests-XXXXXX)"
test_rc=0
# One project at a time: the interop suite starts real servers and peers, and a 2-core CI box gains
# little from running projects in parallel. One trx per project, so the summary cannot lose a file.
for proj in tests/*/*.Tests.csproj; do
  name="$(basename "$proj" .csproj)"
  step "dotnet test $name -c Release --no-build"
  # A hung test must not hang CI: after 15 minutes the run is dumped and aborted (counted as failed).
  env -u GOVREPORT_TEST_POSTGRES dotnet test "$proj" -c Release --no-build "${ART[@]}" --nologo --blame-hang-timeout 15m \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" \
    || test_rc=$?
done
if [ -n "${GOVREPORT_TEST_POSTGRES:-}" ]; then
  for pg_run in "GovReport.Data.Tests|" "GovReport.Services.Tests|FullyQualifiedName~.Proofs.&FullyQualifiedName!~CrashSafety"; do
    name="${pg_run%%|*}"; filter="${pg_run#*|}"
    step "dotnet test $name on PostgreSQL${filter:+ ($filter)}"
    dotnet test "tests/$name/$name.csproj" -c Release --no-build "${ART[@]}" --nologo --blame-hang-timeout 15m \
      ${filter:+--filter "$filter"} --logger "trx;LogFileName=$name.postgres.trx" --logger "console;verbosity=normal" \
      --results-directory "$RESULTS" || test_rc=$?
  done
elif [ "${GOVREPORT_NO_POSTGRES:-0}" != 1 ]; then
  echo "no PostgreSQL server: the PostgreSQL pass could not run" >&2
  FAILED_STEPS+=("PostgreSQL pass (no server)")
fi

stop_pg; PG_DIR=""

# --- 5. format (a Done criterion; run last so the test results above still print) ----------------
step "dotnet format $SLN --verify-no-changes"
if ! dotnet format "$SLN" --verify-no-changes -v:q; then FAILED_STEPS+=("dotnet format"); fi

# --- summary ----------------------------------------------------------------------------------------
read -r passed failed skipped total < <(/usr/bin/python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
p = f = s = t = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find(f"{ns}ResultSummary/{ns}Counters")
    if c is None:
        continue
    t += int(c.get("total", 0)); p += int(c.get("passed", 0))
    f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    # Skipped tests are neither executed nor counted in notExecuted: total - executed.
    s += int(c.get("total", 0)) - int(c.get("executed", 0))
print(p, f, s, t)
PY
)
if [ "$test_rc" != 0 ] && [ "${failed:-0}" = 0 ]; then FAILED_STEPS+=("dotnet test (exit $test_rc)"); fi
if [ ${#FAILED_STEPS[@]} -gt 0 ]; then echo "failed steps: ${FAILED_STEPS[*]}"; fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$test_rc" != 0 ] || [ "${failed:-0}" != 0 ] || [ ${#FAILED_STEPS[@]} -gt 0 ]; then exit 1; fi
exit 0
