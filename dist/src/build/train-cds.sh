#!/usr/bin/env bash
# Build-time training run: starts the staged distribution once, so that bin/opencem records the
# class-data sharing archive (lib/opencem-cds-*.jsa) when it stops, and the first start of an unpacked
# distribution is as fast as a restart. Data and expanded plugins go to a temporary directory, so the
# staged tree gains only the archive. Never fails the build: without an archive the server still runs
# and records one at its own first stop.
set -uo pipefail

home=${1:?usage: train-cds.sh <staged distribution home>}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$home"/lib/opencem-cds-*.jsa
cp -r "$home/plugins" "$work/plugins"

unset JAVA_OPTS OPENCEM_CONFIG
OPENCEM_HTTP_HOST=127.0.0.1 OPENCEM_HTTP_PORT=0 OPENCEM_DATA_DIR="$work/data" \
  OPENCEM_PLUGINS_DIR="$work/plugins" OPENCEM_ADMIN_PASSWORD="training-run-$RANDOM$RANDOM" \
  "$home/bin/opencem" >"$work/server.log" 2>&1 &
pid=$!

for _ in $(seq 1 1200); do
  grep -q 'OpenCEM ready on' "$work/server.log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q 'OpenCEM ready on' "$work/server.log"; then
  echo "train-cds: the server did not become ready; no AppCDS archive in the distribution:" >&2
  cat "$work/server.log" >&2
  kill -9 "$pid" 2>/dev/null
  exit 0
fi
kill -TERM "$pid"
wait "$pid"
if ls "$home"/lib/opencem-cds-*.jsa >/dev/null 2>&1; then
  echo "train-cds: recorded $(basename "$home"/lib/opencem-cds-*.jsa) ($(du -m "$home"/lib/opencem-cds-*.jsa | cut -f1) MB)"
else
  echo "train-cds: this JVM recorded no AppCDS archive; the first start of the distribution will record one" >&2
fi
exit 0
