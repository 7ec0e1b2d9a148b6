#!/usr/bin/env bash
# Event ingest benchmark: starts the distribution with bin/opencem on 127.0.0.1, a fresh H2 data dir
# and an admin API token, and measures in one run (see bench/README.md, "Event ingest"): the
# authenticated no-op baseline, single-event POSTs, 100-event batches, single events at half their
# peak rate (open loop), and a raw JDBC batch insert of the same rows into a fresh H2 file.
#
# Usage: bench/ingest.sh [options] [TARBALL]
#   TARBALL               the distribution (default: dist/target/opencem-*.tar.gz, built when missing)
#   --seconds N           each saturation phase (default 10); the open-loop phase takes 1.5 times that
#   --warmup-seconds N    warm-up per route before measuring (default 5)
#   --connections N       connections of the baseline and single-event phases (default 64)
#   --batch-connections N connections of the batch phase (default 16: 1,600 events in flight, so
#                         commit groups can reach the 1,000 rows of the raw JDBC batches)
#   --customers N         known customers, seeded before the measurements (default 100000)
#   --raw-rows N          rows of the timed raw JDBC insert (default 500000, after 100000 untimed)
#   --event-loops N       event loops of the load generator's HTTP client (default 1)
#   --quiet SECONDS       before each phase, wait up to this long for a second in which the machine
#                         is less than 10% busy (default 300; 0 measures at once). Other jobs on the
#                         two cores make the numbers meaningless; each phase reports what they took
#   --jfr                 also record the server with Java Flight Recorder over each phase
#                         (<phase>.jfr, profile settings) and print where its CPU time went
#                         (<phase>-hotspots.txt): for diagnosis, sampling costs the server some CPU
#   --readme              also write the report into the "Event ingest" results of bench/README.md
#
# Environment: JAVA_OPTS is passed to bin/opencem (after its own defaults, so it wins).
# The server and the load generator share the machine's cores: nothing is pinned. The load
# generator is one JVM with one client event loop and pre-encoded request bodies; its CPU use is
# reported next to the server's for every phase.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/common.sh
. "$here/common.sh"

seconds=10
bench_args=()
jfr=no
update_readme=no
tarball=
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --warmup-seconds | --connections | --batch-connections | --customers | --raw-rows | --quiet | --event-loops)
      bench_args+=("$1" "$2"); shift 2 ;;
    --jfr) jfr=yes; shift ;;
    --readme) update_readme=yes; shift ;;
    -h | --help) print_help "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) tarball=$1; shift ;;
  esac
done

tarball=$(dist_tarball "$tarball")
ensure_bench_module IngestBench

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$root/bench/target/ingest/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work"
tar xzf "$tarball" -C "$work"
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'opencem-*' | head -n 1)
[ -x "$home/bin/opencem" ] || { echo "no bin/opencem in $tarball" >&2; exit 1; }

port=$(free_port)
token=$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)
[ ${#token} -ge 32 ] || token="${token}bench-token-padding-0123456789"

server_opts=${JAVA_OPTS:-}
if [ $jfr = yes ]; then
  # Deep stacks: the ingest path runs below Vert.x, jOOQ and H2 frames that JFR's default 64 would cut.
  server_opts="$server_opts -XX:FlightRecorderOptions=stackdepth=512"
  bench_args+=(--jfr true)
fi
echo "OpenCEM ingest benchmark: $(basename "$tarball"), port $port, work dir $work"
OPENCEM_HTTP_HOST=127.0.0.1 OPENCEM_HTTP_PORT=$port OPENCEM_DATA_DIR=$work/data OPENCEM_ADMIN_TOKEN=$token \
  JAVA_HOME=${JAVA_HOME:-} JAVA_OPTS=$server_opts "$home/bin/opencem" >"$work/server.log" 2>&1 &
pid=$!
stop_server() {
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid" || true
  fi
}
trap stop_server EXIT

for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "the server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
[ "$(cat "/proc/$pid/comm")" = java ] || { echo "process $pid is not the JVM (bin/opencem must exec java)" >&2; exit 1; }

# The load generator runs on the distribution's own jars (the same Vert.x, and H2, Flyway and the
# server's migrations for the raw JDBC baseline), with the server's GC and heap defaults.
status=0
OPENCEM_BENCH_TOKEN=$token "$java" -XX:+UseSerialGC -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError \
  "-Dlogback.configurationFile=$home/conf/logback.xml" \
  -cp "$root/bench/target/classes:$home/lib/*" org.opencem.bench.IngestBench \
  --url "http://127.0.0.1:$port" --server-pid "$pid" --out "$work" \
  --seconds "$seconds" --open-seconds $((seconds * 3 / 2)) ${bench_args[@]+"${bench_args[@]}"} || status=$?
if [ $status -ne 0 ]; then
  echo "the load generator failed (exit status $status); server output: $work/server.log" >&2
  exit $status
fi

stop_server
trap - EXIT
if grep -En '(^|\s)(ERROR|FATAL)\s|^Exception in thread' "$work/server.log" >/dev/null; then
  echo "**Warning:** the server logged errors (see $work/server.log)" | tee -a "$work/report.md"
fi

report=$work/report.md
{
  echo
  echo "$(basename "$tarball") (sha256 $(sha256sum "$tarball" | cut -c1-12)), server JVM defaults of bin/opencem" \
    "(\`JAVA_OPTS=${JAVA_OPTS:-}\`); machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
  echo "$("$java" -version 2>&1 | sed -n 2p), Linux $(uname -r). Raw results: \`results.properties\`."
} >>"$report"

if [ $jfr = yes ]; then
  for recording in "$work"/*.jfr; do
    "$java" -cp "$root/bench/target/classes" org.opencem.bench.JfrHotspots "$recording" org.opencem. 25 \
      | tee "${recording%.jfr}-hotspots.txt"
  done
fi

if [ $update_readme = yes ]; then
  readme=$here/README.md
  if grep -q '<!-- ingest-results:start -->' "$readme"; then
    replace_section "$readme" ingest-results "$report"
    echo "results written to $readme"
  else
    echo "no <!-- ingest-results:start --> marker in $readme: not updated" >&2
  fi
fi
echo "report: $report"
