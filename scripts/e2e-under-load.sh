#!/usr/bin/env bash
# Runs the end-to-end suite N times in a row (default 3) while stress-ng keeps both cores busy,
# the way CI's shared machine can be. Stops at the first failing run. stress-ng is started and
# stopped here, by its process id, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
workers="${STRESS_WORKERS:-$(nproc)}"
if ! command -v stress-ng >/dev/null 2>&1; then
  echo "stress-ng is not installed: apt-get install stress-ng (Debian/Ubuntu)" >&2
  exit 1
fi
stress-ng --cpu "$workers" --timeout 2h --quiet &
stress_pid=$!
trap 'kill "$stress_pid" 2>/dev/null || true; wait "$stress_pid" 2>/dev/null || true' EXIT
echo "[under-load] stress-ng --cpu $workers running (pid $stress_pid)"
for ((run = 1; run <= runs; run++)); do
  start=$SECONDS
  echo "[under-load] run $run of $runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  npx vitest run --project e2e
  echo "[under-load] run $run passed in $((SECONDS - start)) s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "[under-load] $runs of $runs runs passed"
