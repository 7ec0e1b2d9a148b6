#!/usr/bin/env bash
# Startup benchmark: time from spawn to /health/ready UP and idle RSS of the OpenCEM distribution,
# against a bare Vert.x hello-world server measured in the same run (see bench/README.md).
#
# Usage: bench/startup.sh [options] [TARBALL [RUNS]]
#   TARBALL          the distribution (default: dist/target/opencem-*.tar.gz, built when missing)
#   RUNS             runs of each kind (default: 10)
#   --idle SECONDS   idle time after ready before VmRSS is read (default: 10)
#   --readme         also write the results into the results section of bench/README.md
#   --label TEXT     a name for this configuration in the report (default: "default")
#   --quiet SECONDS  before each start, wait up to this long for a second in which the machine is
#                    less than 10% busy (default: 300; 0 measures at once). Other jobs on the two
#                    cores make wall times meaningless; each start also reports the share of the
#                    machine others used while it started ("others %").
#
# Environment:
#   JAVA_OPTS        passed to bin/opencem (it adds them after its own defaults, so they win)
#   BARE_JAVA_OPTS   JVM options of the bare server (default: the same defaults as bin/opencem:
#                    -XX:+UseSerialGC -Xms64m -Xmx512m), so the ratio is OpenCEM's own cost
#   KEEP_WORK=1      also keep the unpacked distributions (results and logs are always kept under
#                    bench/target/startup/<timestamp>/)
#
# Each run unpacks the tarball afresh and, in alternating order (bare first on odd runs, last on
# even ones), starts: the bare server; OpenCEM on an empty data dir (first start: migrations, admin
# creation, and the JVM records the AppCDS archive when it stops); OpenCEM again on the same home
# and data dir (warm start, the typical restart), which then also logs the admin in once and idles
# again. Every server listens on 127.0.0.1 only.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/common.sh
. "$here/common.sh"

idle=10
update_readme=no
quiet=300
label=default
positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --idle) idle=$2; shift 2 ;;
    --readme) update_readme=yes; shift ;;
    --label) label=$2; shift 2 ;;
    --quiet) quiet=$2; shift 2 ;;
    -h | --help) print_help "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
tarball=${positional[0]:-}
runs=${positional[1]:-10}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number, not '$runs'" >&2; exit 2; }

tarball=$(dist_tarball "$tarball")
ensure_bench_module StartupProbe BareHelloServer

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cp="$root/bench/target/classes:$root/bench/target/lib/*"
bare_cp="$root/bench/target/classes:$root/bench/target/bare-lib/*"
bare_opts=${BARE_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8}
# The probe is a client: a small heap and the serial collector keep it out of the servers' way.
probe=("$java" -XX:+UseSerialGC -Xmx64m -cp "$cp" org.opencem.bench.StartupProbe --idle-seconds "$idle"
  --quiet-wait-seconds "$quiet")

work=$root/bench/target/startup/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work/logs"
# Freeze the tarball: the one in dist/target may be rebuilt while we run.
cp "$tarball" "$work/opencem.tar.gz"
results=$work/results.tsv
printf 'kind\trun\tready_ms\tlisten_ms\tserver_ms\tcpu_ms\tothers_pct\trss_kb\thwm_kb\tthreads\tstop_ms\texit\tpost_status\tpost_rss_kb\n' \
  >"$results"

record() { # kind run probe-output
  local kind=$1 run=$2 line=$3
  case $line in
    *error=*) echo "  $kind run $run FAILED: $line" >&2; exit 1 ;;
  esac
  declare -A v=()
  local kv
  for kv in $line; do v[${kv%%=*}]=${kv#*=}; done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$run" "${v[ready_ms]}" "${v[listen_ms]}" \
    "${v[server_ms]}" "${v[cpu_ms]}" "${v[others_pct]}" "${v[rss_kb]}" "${v[hwm_kb]}" "${v[threads]}" \
    "${v[stop_ms]}" "${v[exit]}" "${v[post_status]}" "${v[post_rss_kb]}" >>"$results"
  printf '  %-6s ready %7s ms (server says %5s ms, CPU %5s ms, others %3s%%)  RSS %4d MiB  stop %7s ms  exit %s\n' \
    "$kind" "${v[ready_ms]}" "${v[server_ms]}" "${v[cpu_ms]}" "${v[others_pct]}" $((v[rss_kb] / 1024)) \
    "${v[stop_ms]}" "${v[exit]}"
  if [ "${v[post_status]}" != - ]; then
    printf '         after one login (HTTP %s): RSS %4d MiB\n' "${v[post_status]}" $((v[post_rss_kb] / 1024))
  fi
}

run_bare() { # run
  local out
  # shellcheck disable=SC2086 # bare_opts is a list of words
  out=$("${probe[@]}" --log "$work/logs/bare-$1.log" -- "$java" $bare_opts -cp "$bare_cp" \
    org.opencem.bench.BareHelloServer '{port}' 127.0.0.1) || true
  record bare "$1" "$out"
}

admin_password=bench-admin-password-1
run_opencem() { # kind run home data [probe options]
  local out kind=$1 run=$2 home=$3 data=$4
  shift 4
  out=$("${probe[@]}" "$@" --log "$work/logs/$kind-$run.log" \
    --env 'OPENCEM_HTTP_PORT={port}' --env OPENCEM_HTTP_HOST=127.0.0.1 \
    --env "OPENCEM_DATA_DIR=$data" --env "OPENCEM_ADMIN_PASSWORD=$admin_password" \
    -- "$home/bin/opencem") || true
  record "$kind" "$run" "$out"
}

echo "OpenCEM startup benchmark: $runs runs, idle $idle s, tarball $(basename "$tarball"), JAVA_OPTS='${JAVA_OPTS:-}'"
echo "work dir: $work"
for run in $(seq 1 "$runs"); do
  echo "run $run/$runs"
  dir=$work/run-$run
  mkdir -p "$dir"
  tar xzf "$work/opencem.tar.gz" -C "$dir"
  home=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'opencem-*' | head -n 1)
  [ -x "$home/bin/opencem" ] || { echo "no bin/opencem in $tarball" >&2; exit 1; }
  if [ $((run % 2)) -eq 1 ]; then run_bare "$run"; fi
  run_opencem first "$run" "$home" "$dir/data"
  # The warm start also logs the admin in once, then idles again: memory of a server in use.
  run_opencem warm "$run" "$home" "$dir/data" \
    --post /api/v1/auth/login "{\"email\":\"admin@localhost\",\"password\":\"$admin_password\"}"
  if [ $((run % 2)) -eq 0 ]; then run_bare "$run"; fi
  if [ "$run" -eq 1 ]; then
    cds=$(find "$home/lib" -name 'opencem-cds-*.jsa' -printf '%s\n' 2>/dev/null | head -n 1)
    cds_note=${cds:+AppCDS archive recorded by the first start: $((cds / 1048576)) MiB}
    cds_note=${cds_note:-no AppCDS archive after the first start}
  fi
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$dir"
done

# Median (mean of the two middle values for an even count) and p90 (nearest rank) per kind.
stats() { # column
  awk -F '\t' -v col="$1" '
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
    { v[$1] = v[$1] " " $c }
    END {
      for (k in v) {
        n = split(substr(v[k], 2), a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        med = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        r = int(0.9 * n); if (r < 0.9 * n) r++
        printf "%s %s %s\n", k, med, a[r]
      }
    }' "$results"
}
declare -A med=() p90=()
for col in ready_ms server_ms cpu_ms others_pct rss_kb stop_ms post_rss_kb; do
  while read -r kind m p; do
    med[$kind.$col]=$m
    p90[$kind.$col]=$p
  done < <(stats "$col")
done

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
sec() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { # kind
  local ready=${med[$1.ready_ms]} rss=${med[$1.rss_kb]}
  awk -v r="$ready" -v m="$rss" 'BEGIN {
    printf "ready %s (%.2f s %s 1.5 s), RSS %s (%.0f MiB %s 200 MiB)",
      (r < 1500 ? "met" : "MISSED"), r / 1000, (r < 1500 ? "<" : ">="),
      (m < 200 * 1024 ? "met" : "MISSED"), m / 1024, (m < 200 * 1024 ? "<" : ">=") }'
}

report=$work/report.md
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC'), $runs runs, idle ${idle} s, configuration \`$label\`"
  echo "(\`JAVA_OPTS=${JAVA_OPTS:-}\`), $(basename "$tarball") (sha256 $(sha256sum "$work/opencem.tar.gz" | cut -c1-12))."
  echo "Medians, p90 in parentheses."
  echo
  echo "| server | ready (s) | server's own \"ready in\" (ms) | CPU to ready (ms) | idle RSS (MiB) | stop on SIGTERM (ms) | ready vs bare | CPU vs bare | RSS vs bare |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for kind in bare first warm; do
    case $kind in
      bare) name="bare Vert.x hello world" ;;
      first) name="OpenCEM, first start (empty data dir)" ;;
      warm) name="OpenCEM, warm start (restart)" ;;
    esac
    if [ $kind = bare ]; then rr="1"; rc="1"; rm_="1"; else
      rr=$(ratio "${med[$kind.ready_ms]}" "${med[bare.ready_ms]}")
      rc=$(ratio "${med[$kind.cpu_ms]}" "${med[bare.cpu_ms]}")
      rm_=$(ratio "${med[$kind.rss_kb]}" "${med[bare.rss_kb]}")
    fi
    printf '| %s | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %.0f (%.0f) | %s | %s | %s |\n' "$name" \
      "$(sec "${med[$kind.ready_ms]}")" "$(sec "${p90[$kind.ready_ms]}")" \
      "${med[$kind.server_ms]}" "${p90[$kind.server_ms]}" "${med[$kind.cpu_ms]}" "${p90[$kind.cpu_ms]}" \
      "$(mib "${med[$kind.rss_kb]}")" "$(mib "${p90[$kind.rss_kb]}")" \
      "${med[$kind.stop_ms]}" "${p90[$kind.stop_ms]}" "$rr" "$rc" "$rm_"
  done
  echo
  echo "Targets (ready < 1.5 s, idle RSS < 200 MiB, on the median):"
  echo "- first start: $(verdict first)"
  echo "- warm start: $(verdict warm)"
  logins=$(awk -F '\t' 'NR > 1 && $1 == "warm" { print $13 }' "$results" | sort | uniq -c | awk '{ printf "%s%s x HTTP %s", s, $1, $2; s = ", " }')
  echo "- warm start, idle RSS ${idle} s after one admin login ($logins): $(mib "${med[warm.post_rss_kb]}") MiB"
  echo "  (p90 $(mib "${p90[warm.post_rss_kb]}")), $(ratio "${med[warm.post_rss_kb]}" "${med[bare.rss_kb]}") x bare:" \
    "$(awk -v m="${med[warm.post_rss_kb]}" 'BEGIN { print (m < 200 * 1024 ? "met" : "MISSED") }')"
  others=$(awk -F '\t' 'NR > 1 && $7 > m { m = $7 } END { print m + 0 }' "$results")
  if [ "$others" -gt 10 ]; then
    echo
    echo "**Warning:** other processes used up to ${others}% of the machine while a server started; wall"
    echo "times of this run are inflated (CPU to ready is less affected). Rerun on a quiet machine."
  fi
  echo
  echo "$cds_note. Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
  echo "$(free -h | awk '/^Mem:/ { print $2 }') memory, $("$java" -version 2>&1 | sed -n 2p), Linux $(uname -r)."
} >"$report"
rm -f "$work/opencem.tar.gz" # its sha256 is in the report
echo
cat "$report"
echo
echo "raw results: $results"

machine=$work/machine.md
machine_info "$java" >"$machine"

if [ $update_readme = yes ]; then
  readme=$here/README.md
  if grep -q '<!-- results:start -->' "$readme" 2>/dev/null; then
    replace_section "$readme" results "$report"
    grep -q '<!-- machine:start -->' "$readme" && replace_section "$readme" machine "$machine"
    echo "results written to $readme"
  else
    echo "no <!-- results:start --> marker in $readme: not updated" >&2
  fi
fi
