#!/usr/bin/env bash
# Customer profile benchmark: latency of reading one customer the way the console does (the profile,
# then the first timeline page) as the store grows, against the started distribution (see
# bench/README.md, "Customer profile and timeline").
#
# Usage: bench/profile.sh [options] [TARBALL]
#   TARBALL              the distribution (default: dist/target/opencem-*.tar.gz, built when missing)
#   --sizes LIST         comma-separated CUSTOMERS:INTERACTIONS sizes, each loaded into a fresh data dir
#                        (default: 10000:100000,100000:1000000,1000000:10000000)
#   --requests N         measured profile+timeline pairs per size (default 5000, after N/5 warm-up)
#   --readme             also write the report into the "Customer profile" results of bench/README.md
#
# For each size: ProfileDataLoader fills a fresh H2 data dir through the store's own migrations (JDBC
# batches: an email per customer, a phone for a third, interactions over two years on 5 channels and 50
# touchpoints), compacts it, then bin/opencem serves it on 127.0.0.1 and ProfileLatencyProbe reads random
# customers one request at a time. Data dirs are kept under bench/target/profile/ for reruns
# (KEEP_DATA=0 deletes each after use: 10M interactions take about 4 GB).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/common.sh
. "$here/common.sh"

sizes=10000:100000,100000:1000000,1000000:10000000
requests=5000
update_readme=no
tarball=
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --readme) update_readme=yes; shift ;;
    -h | --help) print_help "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) tarball=$1; shift ;;
  esac
done

tarball=$(dist_tarball "$tarball")
ensure_bench_module ProfileDataLoader ProfileLatencyProbe

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cp="$root/bench/target/classes:$root/bench/target/lib/*"
base=$root/bench/target/profile
work=$base/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work"
tar xzf "$tarball" -C "$work"
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'opencem-*' | head -n 1)
token=profile-bench-token-0123456789abcdefghijkl
port=$(free_port)
report=$work/report.md

{
  echo "| customers | interactions | profile p50 / p99 | timeline p50 / p99 | both p50 / p99 | load time |"
  echo "|---:|---:|---|---|---|---:|"
} >"$report"

IFS=, read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
  customers=${size%%:*}
  interactions=${size##*:}
  data=$base/data-$customers-$interactions
  if [ ! -f "$data/sample.txt" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    echo "loading $customers customers and $interactions interactions into $data" >&2
    "$java" -Xmx2g -cp "$cp" org.opencem.bench.ProfileDataLoader "$data/store" "$customers" "$interactions" \
      "$data/sample.txt.part" | tee "$data/load.txt" >&2
    mv "$data/sample.txt.part" "$data/sample.txt"
  fi
  load=$(sed -n 's/.* in \([0-9.]* s\)$/\1/p' "$data/load.txt")
  OPENCEM_DATA_DIR=$data/store OPENCEM_HTTP_HOST=127.0.0.1 OPENCEM_HTTP_PORT=$port \
    OPENCEM_ADMIN_TOKEN=$token OPENCEM_ADMIN_PASSWORD=profile-bench-password \
    "$home/bin/opencem" >"$work/server-$customers.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.1
  done
  out=$("$java" -cp "$cp" org.opencem.bench.ProfileLatencyProbe "http://127.0.0.1:$port" "$token" \
    "$data/sample.txt" "$requests")
  kill -TERM "$server"
  wait "$server" || true
  echo "$out" | tee "$work/probe-$customers.txt" >&2
  pick() { echo "$out" | awk -v name="$1" -v key="$2" '$1 == name { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }'; }
  printf '| %s | %s | %s / %s ms | %s / %s ms | %s / %s ms | %s |\n' "$customers" "$interactions" \
    "$(pick profile p50_ms)" "$(pick profile p99_ms)" "$(pick timeline p50_ms)" "$(pick timeline p99_ms)" \
    "$(pick profile+timeline p50_ms)" "$(pick profile+timeline p99_ms)" "$load" >>"$report"
  if [ "${KEEP_DATA:-1}" = 0 ]; then
    rm -rf "$data"
  fi
done

{
  echo
  echo "Measured $(date -u +%Y-%m-%d) with \`bench/profile.sh\`, $requests requests per size; machine:"
  echo
  machine_info "$java"
} >>"$report"
cat "$report"
if [ $update_readme = yes ]; then
  replace_section "$root/bench/README.md" profile-results "$report"
fi
