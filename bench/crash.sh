#!/usr/bin/env bash
# Crash test, nightly style: the distribution's CrashIT for many rounds. Each round starts the server
# (bin/opencem, one H2 data dir kept across rounds), loads it with events from several clients,
# kills the JVM with SIGKILL at a random moment, restarts it, stops it cleanly and checks the H2 file:
# every acknowledged event stored exactly once, nothing the loader never sent, no interaction or
# identity without its customer, no ERROR in the server's output (see bench/README.md, "Crash test").
#
# Usage: bench/crash.sh [ROUNDS [SEED]]
#   ROUNDS  kill-and-restart rounds (default 50; CI runs 5 as part of `./mvnw verify`)
#   SEED    repeats the random choices of an earlier run (CrashIT prints its seed)
#
# Runs, from this checkout's sources (the reactor builds the modules the distribution needs, running
# no other test):
#   ./mvnw -B -o verify -pl dist -am -Dit.test=CrashIT -Dtest=none -Dcrash.rounds=ROUNDS
# The log is kept under bench/target/crash/<timestamp>.log.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

rounds=${1:-50}
seed=${2:-}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive number, not '$rounds'" >&2; exit 2; }

log=$root/bench/target/crash/$(date -u +%Y%m%dT%H%M%SZ).log
mkdir -p "$(dirname "$log")"
cd "$root"
echo "running CrashIT, $rounds rounds; log: $log"
started=$(date +%s)
status=0
./mvnw -B -o verify -pl dist -am -Dit.test=CrashIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dcrash.rounds="$rounds" ${seed:+-Dcrash.seed="$seed"} >"$log" 2>&1 \
  || status=$?
grep -E '^CrashIT' "$log" || true
grep -E 'Tests run:|FAIL|BUILD' "$log" | tail -n 5
echo "$rounds rounds in $(($(date +%s) - started)) s, exit status $status; log: $log"
exit $status
