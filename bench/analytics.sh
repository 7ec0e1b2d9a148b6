#!/usr/bin/env bash
# Analytics benchmark: latency of a one-year daily NPS series (and per survey, per channel, a breakdown by
# touchpoint) read from the rollups of the started distribution, against the same series computed with one GROUP
# BY over the raw responses, at 1,000,000 and 10,000,000 responses (see bench/README.md, "Analytics").
#
# Usage: bench/analytics.sh [options] [TARBALL]
#   TARBALL              the distribution (default: dist/target/opencem-*.tar.gz, built when missing)
#   --sizes LIST         comma-separated response counts, each loaded into its own data dir
#                        (default: 1000000,10000000)
#   --requests N         measured requests per kind of analytics request (default 200, after N/4 warm-up)
#   --raw-runs N         timed runs of the raw GROUP BY per size (default 10, after 2 untimed ones)
#   --random-ids         random response ids, as the server makes them, instead of time-ordered ones: a much
#                        slower load (H2 rewrites pages all over the primary keys), and a slower raw GROUP BY
#   --ingest-seconds N   seconds of each response ingest phase (default 10; 0: no ingest)
#   --quiet SECONDS      before timing, wait up to this long for a second in which the machine is less than
#                        10% busy (default 300; other jobs on the same cores change every number here)
#   --keep               keep the data dirs of 10,000,000 responses or more (deleted after their run otherwise)
#   --readme             also write the report into the "Analytics" results of bench/README.md
#
# For each size: AnalyticsDataLoader fills a data dir under bench/target/analytics/ through the store's own
# migrations (surveys, customers, responses, answers, the rollups folded by the distribution's metric plugins
# and written by the core's RollupWriter, rollup state 'ready'), unless it exists already; RawNpsSeries times the
# GROUP BY on it while no server runs; then bin/opencem serves it on 127.0.0.1 and AnalyticsLatencyProbe checks
# that the API's series equals the raw one and times the requests.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/common.sh
. "$here/common.sh"

sizes=1000000,10000000
requests=200
raw_runs=10
quiet=300
ingest_seconds=10
random_ids=no
keep=no
update_readme=no
tarball=
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --raw-runs) raw_runs=$2; shift 2 ;;
    --quiet) quiet=$2; shift 2 ;;
    --ingest-seconds) ingest_seconds=$2; shift 2 ;;
    --random-ids) random_ids=yes; shift ;;
    --keep) keep=yes; shift ;;
    --readme) update_readme=yes; shift ;;
    -h | --help) print_help "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) tarball=$1; shift ;;
  esac
done

tarball=$(dist_tarball "$tarball")
ensure_bench_module AnalyticsDataLoader RawNpsSeries AnalyticsLatencyProbe ResponseIngestProbe

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
base=$root/bench/target/analytics
work=$base/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work/plugins"
tar xzf "$tarball" -C "$work"
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'opencem-*' | head -n 1)
# The tools run on the distribution's own jars (core, H2, jOOQ, migrations) and fold answers with its own metric
# plugins: the classes of each plugin zip, on the class path.
plugin_classes=
for zip in "$home"/plugins/opencem-metric-*.zip; do
  name=$(basename "$zip" .zip)
  unzip -q "$zip" 'classes/*' -d "$work/plugins/$name"
  plugin_classes=$plugin_classes:$work/plugins/$name/classes
done
cp="$root/bench/target/classes:$home/lib/*$plugin_classes"
token=analytics-bench-token-0123456789abcdefghijkl
port=$(free_port)
report=$work/report.md
ids=time-ordered
loader_args=()
if [ $random_ids = yes ]; then
  ids=random
  loader_args=(--random-ids)
fi

# Prints the value of KEY in a probe's output: "NAME k=v k=v ..." lines.
pick() { # output name key
  echo "$1" | awk -v name="$2" -v key="$3" '$1 == name { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }'
}

{
  echo "| responses | load | store | series p50 / p95 / p99 | per survey p95 | per channel p95 | breakdown by touchpoint p95 | CPU others | raw GROUP BY p50 / p95 | CPU others | raw / rollups (p50, p95) |"
  echo "|---:|---|---:|---|---:|---:|---:|---:|---|---:|---|"
} >"$report"

IFS=, read -r -a size_list <<<"$sizes"
declare -A series_p95
for responses in "${size_list[@]}"; do
  data=$base/data-$responses-$ids
  if [ ! -f "$data/dataset.properties" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    echo "loading $responses responses ($ids ids) into $data" >&2
    "$java" -Xmx5g -XX:+UseParallelGC -cp "$cp" org.opencem.bench.AnalyticsDataLoader ${loader_args[@]+"${loader_args[@]}"} \
      "$home/conf/opencem.yaml" "$data/store" "$responses" "$data/dataset.properties.part" | tee "$data/load.txt" >&2
    mv "$data/dataset.properties.part" "$data/dataset.properties"
  fi
  echo "store: $(du -sh "$data/store" | cut -f1), disk: $(df -h "$base" | awk 'NR == 2 { print $4 " free" }')" >&2
  load_rate=$(sed -n 's/.*: \([0-9]*\) responses\/s$/\1/p' "$data/load.txt")
  load_time=$(sed -n 's/^loaded .* in \([0-9.]*\) s: .*/\1/p' "$data/load.txt")
  store_mib=$(sed -n 's/^compacted in .* store \([0-9]*\) MiB$/\1/p' "$data/load.txt")
  end=$(sed -n 's/^end=//p' "$data/dataset.properties")
  from=$(date -u -d "$end -365 days" +%F)
  to=$(date -u -d "$end -1 day" +%F)

  echo "raw GROUP BY over $from..$to, $raw_runs runs (no server running)" >&2
  raw=$("$java" -Xmx1g -cp "$cp" org.opencem.bench.RawNpsSeries "$data/store" "$data/dataset.properties" \
    "$from" "$to" "$raw_runs" "$quiet" "$work/raw-series-$responses.tsv")
  echo "$raw" | tee "$work/raw-$responses.txt" >&2

  OPENCEM_DATA_DIR=$data/store OPENCEM_HTTP_HOST=127.0.0.1 OPENCEM_HTTP_PORT=$port \
    OPENCEM_ADMIN_TOKEN=$token OPENCEM_ADMIN_PASSWORD=analytics-bench-password \
    "$home/bin/opencem" >"$work/server-$responses.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.1
  done
  [ "$(cat "/proc/$server/comm")" = java ] || { echo "process $server is not the JVM (bin/opencem must exec java)" >&2; exit 1; }
  status=0
  out=$("$java" -cp "$cp" org.opencem.bench.AnalyticsLatencyProbe "http://127.0.0.1:$port" "$token" "$server" "$quiet" \
    "$data/dataset.properties" "$from" "$to" "$requests" "$work/raw-series-$responses.tsv") || status=$?
  # Response ingest, against the same server, after the reads (it adds responses, today's): only when the
  # distribution serves POST /api/v1/surveys/{id}/responses.
  ingest=
  served=$(unzip -p "$home"/lib/opencem-core-*.jar openapi/opencem.yaml | grep -c '^  /api/v1/surveys/{id}/responses:' || true)
  if [ $status -eq 0 ] && [ "$ingest_seconds" -gt 0 ] && [ "$served" -gt 0 ]; then
    ingest=$("$java" -cp "$cp" org.opencem.bench.ResponseIngestProbe "http://127.0.0.1:$port" "$token" "$server" \
      "$quiet" "$data/dataset.properties" "$ingest_seconds") || status=$?
  fi
  kill -TERM "$server"
  wait "$server" || true
  echo "$out" | tee "$work/probe-$responses.txt" >&2
  echo "$ingest" | tee "$work/ingest-$responses.txt" >&2
  if [ $status -ne 0 ]; then
    echo "the probe failed at $responses responses (server log: $work/server-$responses.log)" >&2
    exit $status
  fi

  series_p95[$responses]=$(pick "$out" series p95_ms)
  raw_p50=$(pick "$raw" raw p50_ms)
  raw_p95=$(pick "$raw" raw p95_ms)
  others=$(for kind in series series-survey series-channel breakdown-touchpoint; do pick "$out" $kind others_cores; done |
    sort -n | tail -n 1)
  printf '| %s | %s s (%s responses/s) | %s MiB | %s / %s / %s ms | %s ms | %s ms | %s ms | up to %s | %s / %s ms | %s | %s, %s |\n' \
    "$responses" "$load_time" "$load_rate" "$store_mib" \
    "$(pick "$out" series p50_ms)" "$(pick "$out" series p95_ms)" "$(pick "$out" series p99_ms)" \
    "$(pick "$out" series-survey p95_ms)" "$(pick "$out" series-channel p95_ms)" \
    "$(pick "$out" breakdown-touchpoint p95_ms)" "$others" "$raw_p50" "$raw_p95" "$(pick "$raw" raw others_cores)" \
    "$(awk -v a="$raw_p50" -v b="$(pick "$out" series p50_ms)" 'BEGIN { printf "%.0f", a / b }')" \
    "$(awk -v a="$raw_p95" -v b="$(pick "$out" series p95_ms)" 'BEGIN { printf "%.0f", a / b }')" >>"$report"
  for connections in 8 64; do
    if [ -n "$(pick "$ingest" "responses-$connections" per_s)" ]; then
      printf '| %s | %s | %s | %s / %s ms | %s | %s | %s |\n' "$responses" "$connections" \
        "$(pick "$ingest" "responses-$connections" per_s)" "$(pick "$ingest" "responses-$connections" p50_ms)" \
        "$(pick "$ingest" "responses-$connections" p99_ms)" "$(pick "$ingest" "responses-$connections" errors)" \
        "$(pick "$ingest" "responses-$connections" server_cores)" \
        "$(pick "$ingest" "responses-$connections" others_cores)" >>"$work/ingest.md"
    fi
  done
  if [ "$responses" -ge 10000000 ] && [ $keep = no ]; then
    rm -rf "$data"
  fi
done

if [ -s "$work/ingest.md" ]; then
  {
    echo
    echo "Response ingest, \`POST /api/v1/surveys/{id}/responses\`, one response per request, closed loop, $ingest_seconds s:"
    echo
    echo "| store (responses) | connections | responses/s | p50 / p99 | errors | CPU server | CPU others |"
    echo "|---:|---:|---:|---|---:|---:|---:|"
    cat "$work/ingest.md"
  } >>"$report"
fi
{
  echo
  echo "CPU others: cores (of $(nproc)) that other processes took while timing; above 0.2 the numbers are disturbed."
  echo
  echo "Targets, on the one-year daily series (p95):"
  for responses in "${size_list[@]}"; do
    if [ "$responses" -ge 10000000 ]; then
      awk -v p="${series_p95[$responses]}" -v n="$responses" \
        'BEGIN { printf "- under 50 ms at %d responses: %.2f ms, %s\n", n, p, p < 50 ? "met" : "**MISSED**" }'
    fi
  done
  if [ -n "${series_p95[1000000]:-}" ] && [ -n "${series_p95[10000000]:-}" ]; then
    awk -v a="${series_p95[10000000]}" -v b="${series_p95[1000000]}" \
      'BEGIN { r = a / b; printf "- p95 at 10,000,000 / p95 at 1,000,000 no more than 1.5: %.2f, %s\n", r, r <= 1.5 ? "met" : "**MISSED**" }'
  fi
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC with \`bench/analytics.sh\`: $ids response ids, $requests requests per kind,"
  echo "$raw_runs raw runs; $(basename "$tarball") (sha256 $(sha256sum "$tarball" | cut -c1-12)), server JVM defaults of bin/opencem;"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $("$java" -version 2>&1 | sed -n 2p)."
} >>"$report"
cat "$report"
if [ $update_readme = yes ]; then
  replace_section "$root/bench/README.md" analytics-results "$report"
fi
