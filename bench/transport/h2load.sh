#!/usr/bin/env bash
# Transport benchmark: the GovReport server against the reference gRPC peers (C++, Go), with the peers' own
# interleaved h2load harness (shared/peers/bench.sh: h2load -c4 -m32 for throughput, -c1 -m1 for latency,
# server CPU from /proc, peak RSS = VmHWM; every server runs alone, started fresh for each run).
#
#   bash bench/transport/h2load.sh            # REPS=3 DURATION=10 WARMUP=5 (about 6 minutes)
#   REPS=1 DURATION=3 WARMUP=2 bash bench/transport/h2load.sh    # quick smoke run
#
# Two comparisons:
#   health  grpc.health.v1.Health/Check, empty request: the call every server here implements
#           (the python peer registers no Health service, so it is left out of this one);
#   echo    a real small RPC: our govreport.testing.v1.EchoService/Echo against the peers' probe.v1.Echo/Say.
#           The request EchoRequest{text:"x"} and SayRequest{text:"x"} are the same bytes (0a 01 78), and so are
#           the replies, so bench.sh's reply check applies to both.
# The table (table.md in the results folder) gets a last column: p99 latency of the -c1 -m1 runs.
# Env: PEERS (default: ../shared/peers next to the repository, else /work/shared/peers), WORK (writable folder
# for the peers' build and results, default /tmp/govreport-transport-bench), CALLS ("health echo"),
# ArtifactsPath (where the server is built, default ./artifacts), REPS, DURATION, WARMUP (passed to bench.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS="${PEERS:-}"
if [ -z "$PEERS" ]; then
  for p in "$ROOT/../shared/peers" /work/shared/peers; do [ -x "$p/bench.sh" ] && { PEERS="$(cd "$p" && pwd)"; break; }; done
fi
[ -n "$PEERS" ] || { echo "reference peers not found: set PEERS=/path/to/shared/peers" >&2; exit 2; }
WORK="${WORK:-/tmp/govreport-transport-bench}"
CALLS="${CALLS:-health echo}"
ART="${ArtifactsPath:-$ROOT/artifacts}"
export REPS="${REPS:-3}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-5}"
PORT_OURS=5090

echo "== build the server (Release) into $ART"
dotnet build "$ROOT/server/GovReport.Server.csproj" -c Release --artifacts-path "$ART" -nologo -v:q -clp:ErrorsOnly
SERVER_DLL="$ART/bin/GovReport.Server/release/govreport-server.dll"
[ -f "$SERVER_DLL" ] || { echo "missing $SERVER_DLL" >&2; exit 1; }

# shared/peers is read-only: build a copy.
echo "== build the reference peers (copy of $PEERS in $WORK/peers)"
mkdir -p "$WORK"
rm -rf "$WORK/peers.new" && cp -r "$PEERS" "$WORK/peers.new" && chmod -R u+w "$WORK/peers.new"
if [ -x "$WORK/peers/build/cpp/echo_server" ] && [ -x "$WORK/peers/build/go/echo_server" ]; then
  mv "$WORK/peers/build" "$WORK/peers.new/build"   # keep an earlier build of the same sources
fi
rm -rf "$WORK/peers" && mv "$WORK/peers.new" "$WORK/peers"
P="$WORK/peers"
[ -x "$P/build/cpp/echo_server" ] && [ -x "$P/build/go/echo_server" ] || "$P/build.sh" cpp go python >/dev/null

# bench.sh knows two request paths (say, health); let a target override it with PATH_<label>.
sed -e 's|^if \[ "\$CALL" = health \]; then PATH_SAY=.*|&\ntarget_path() { local v="PATH_${LABELS[$1]//-/_}"; echo "${!v:-$PATH_SAY}"; }|' \
    -e 's|:\${PORTS\[\$i\]}\$PATH_SAY"|:${PORTS[$i]}$(target_path "$i")"|g' \
    -e "s|^  local TIMEFORMAT='%R %U %S'|&; local logf=(); [ \"\$c\" = 1 ] \&\& logf=(--log-file=\"\$f.log\")|" \
    -e 's|time h2load "\${mode\[@\]}"|time h2load "${logf[@]}" "${mode[@]}"|' "$P/bench.sh" > "$P/bench-paths.sh"
grep -q 'target_path "\$i"' "$P/bench-paths.sh" && grep -q 'h2load "${logf\[@\]}"' "$P/bench-paths.sh" \
  || { echo "could not adapt bench.sh" >&2; exit 1; }

# p99 of the -c1 -m1 runs (all reps of a server pooled) from h2load's per-request log (3rd column: µs), added
# to table.md as the last column. Only -c1 -m1 is logged: a -c4 -m32 log is ~50 MB per run.
add_p99() {  # results dir
  local out=$1 line label
  while IFS= read -r line; do
    case "$line" in
      "| server |"*) line+=" p99 µs, -c1 -m1 |" ;;
      "|---|"*) line+="---|" ;;
      "| "*)
        label=$(awk -F'|' '{ gsub(/ /, "", $2); print $2 }' <<<"$line")
        line+=" $(cat "$out/$label".r*.c1m1.txt.log 2>/dev/null | awk '{ print $3 }' | sort -n \
          | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(NR * 0.99); if (i < NR * 0.99) i++; print v[i] }') |" ;;
    esac
    printf '%s\n' "$line"
  done < "$out/table.md" > "$out/table.md.tmp" && mv "$out/table.md.tmp" "$out/table.md"
}

OURS="ours=127.0.0.1:$PORT_OURS::exec dotnet '$SERVER_DLL' --enable-test-services --urls http://127.0.0.1:$PORT_OURS --data-dir '$WORK/data'"
CPP="cpp=127.0.0.1:50061::exec '$P/run.sh' cpp 50061"
CPPCQ="cpp-cq=127.0.0.1:50064::exec '$P/run.sh' cpp-cq 50064"
GO="go=127.0.0.1:50062::exec '$P/run.sh' go 50062"
PY="python=127.0.0.1:50063::exec '$P/run.sh' python 50063"

verdict() {  # table.md -> the three targets of the transport work
  awk -F'|' '
    /^\| (ours|cpp|cpp-cq|go|python) / {
      l = $2; gsub(/ /, "", l); tp = $3; sub(/\(.*/, "", tp); gsub(/[^0-9.]/, "", tp); lat = $4; gsub(/ /, "", lat); hwm = $8; gsub(/ /, "", hwm)
      p99 = $10; gsub(/ /, "", p99)
      TP[l] = tp + 0; LAT[l] = lat + 0; HWM[l] = hwm + 0; P99[l] = p99
    }
    END {
      best = ""; for (l in TP) if (l != "ours" && (best == "" || TP[l] > TP[best])) best = l
      printf "throughput: ours %.0f req/s = %.2fx the fastest peer (%s, %.0f req/s); target >= 1.20x: %s\n", TP["ours"], TP["ours"] / TP[best], best, TP[best], (TP["ours"] >= 1.2 * TP[best] ? "MET" : "NOT MET")
      if ("cpp" in LAT) printf "latency -c1 -m1: ours %d us, cpp %d us; target ours <= cpp: %s\n", LAT["ours"], LAT["cpp"], (LAT["ours"] <= LAT["cpp"] ? "MET" : "NOT MET")
      printf "p99 latency -c1 -m1: ours %s us;", P99["ours"]; for (l in P99) if (l != "ours") printf " %s %s us;", l, P99[l]; printf "\n"
      printf "peak RSS: ours %.1f MiB; target <= 80 MiB: %s\n", HWM["ours"], (HWM["ours"] <= 80 ? "MET" : "NOT MET")
    }' "$1"
}

for call in $CALLS; do
  OUT="$WORK/results-$call-$(date -u +%Y%m%dT%H%M%S)"
  case "$call" in
    health) echo "== CALL=health: ours vs cpp, cpp-cq, go"
            CALL=health OUT="$OUT" bash "$P/bench-paths.sh" "$OURS" "$CPP" "$CPPCQ" "$GO" ;;
    echo)   echo "== echo: ours EchoService/Echo vs peers probe.v1.Echo/Say"
            PATH_ours=/govreport.testing.v1.EchoService/Echo CALL=say OUT="$OUT" \
              bash "$P/bench-paths.sh" "$OURS" "$CPP" "$CPPCQ" "$GO" "$PY" ;;
    *) echo "unknown call $call" >&2; exit 2 ;;
  esac
  add_p99 "$OUT"
  echo && cat "$OUT/table.md"
  verdict "$OUT/table.md"
done
