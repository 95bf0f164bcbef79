#!/usr/bin/env bash
# One peak-RSS measurement of one server variant (bench/GovReport.Benchmarks/Transport/README.md): start the
# server fresh on an empty data directory, save smaps at start and after load, run h2load -c4 -m32 then -c1 -m1
# on the health or echo call (as h2load.sh does), print RSS after start-up, VmHWM, VmRSS, req/s, server CPU µs per
# request of the -c4 -m32 run (CPU over warm-up + run divided by req/s × their length: steadier than req/s on a
# shared machine), mean latency, load.
#
#   bash bench/transport/rss-variant.sh base dotnet /tmp/art/bin/GovReport.Server/release/govreport-server.dll
#   bash bench/transport/rss-variant.sh tc0 dotnet exec --runtimeconfig /tmp/tc0.json /tmp/art/.../govreport-server.dll
#
# Env: PORT (5199), DUR (10), WARM (5), OUT (/tmp/govreport-rss: smaps, h2load output, results.txt),
# CALL (health, or echo: EchoService/Echo with text "x", the h2load.sh echo comparison).
set -u
LABEL=$1; shift
PORT=${PORT:-5199}; OUT=${OUT:-/tmp/govreport-rss}; mkdir -p "$OUT"
DATA=$(mktemp -d)
if [ "${CALL:-health}" = echo ]; then
  printf '\x00\x00\x00\x00\x03\x0a\x01\x78' > "$OUT/request.bin"; URL_PATH=/govreport.testing.v1.EchoService/Echo
else
  printf '\x00\x00\x00\x00\x00' > "$OUT/request.bin"; URL_PATH=/grpc.health.v1.Health/Check
fi
"$@" --enable-test-services --urls "http://127.0.0.1:$PORT" --data-dir "$DATA" > "$OUT/$LABEL.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do ss -ltn | grep -q ":$PORT " && break; sleep 0.1; done
sleep 1
START=$(awk '/VmRSS/ { print $2 }' /proc/$PID/status)
cp /proc/$PID/smaps "$OUT/$LABEL.smaps.start"
load() {  # connections streams output
  h2load -D "${DUR:-10}" --warm-up-time "${WARM:-5}" -c "$1" -m "$2" -t 1 -d "$OUT/request.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$PORT$URL_PATH" > "$3" 2>&1
}
cpu() { awk '{ print $14 + $15 }' /proc/$PID/stat; }  # server user+system CPU, clock ticks
CPU0=$(cpu)
load 4 32 "$OUT/$LABEL.c4m32.txt"
CPU1=$(cpu)
load 1 1 "$OUT/$LABEL.c1m1.txt"
HWM=$(awk '/VmHWM/ { print $2 }' /proc/$PID/status); END=$(awk '/VmRSS/ { print $2 }' /proc/$PID/status)
cp /proc/$PID/smaps "$OUT/$LABEL.smaps.end"
kill $PID; wait $PID 2>/dev/null; rm -rf "$DATA"
awk -v l="$LABEL" -v s="$START" -v h="$HWM" -v e="$END" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
  -v rps="$(awk '/finished in/ { print $4 }' "$OUT/$LABEL.c4m32.txt")" \
  -v lat="$(awk '/time for request:/ { print $6 }' "$OUT/$LABEL.c1m1.txt")" \
  -v cpu=$((CPU1 - CPU0)) -v hz="$(getconf CLK_TCK)" -v secs=$(( ${DUR:-10} + ${WARM:-5} )) \
  'BEGIN { printf "%s start=%.1f MiB peak=%.1f MiB end=%.1f MiB req/s=%s cpu-us/req=%.2f c1m1-mean=%s load=%s\n", l, s/1024, h/1024, e/1024, rps, (rps > 0 ? cpu / hz * 1e6 / (rps * secs) : 0), lat, load }' \
  | tee -a "$OUT/results.txt"
