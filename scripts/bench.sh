#!/usr/bin/env bash
# `npm run bench`: measures Doflamingo against real parts and writes bench/RESULTS.md (with the
# command that made each number). Not a test: nothing here passes or fails on a number.
#   1. collection cost per target on the real local cluster (wall, sidecar CPU, broker CPU)
#   2. insert throughput and bytes per sample in MySQL/MariaDB
#   3. scale: N simulated brokers (real Jolokia protocol) every 10 s; sidecar CPU and RSS
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$ROOT"

ensure_node_modules
build_all

DOFLAMINGO_MYSQL_URL="$(bash scripts/mysql.sh ensure)"
export DOFLAMINGO_MYSQL_URL
bash scripts/cluster.sh up

OUT="$ROOT/bench/RESULTS.md"
TMP="$ROOT/bench/tmp"
mkdir -p "$TMP"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`npm run bench\` (scripts/bench.sh) on $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), Node $(node --version)."
  echo "The local cluster (3 ZooKeeper, 3 Kafka brokers, 3 client JVMs) runs on the same machine."
  echo
} > "$TMP/results.md"

for b in collect-cost store-insert scale; do
  script="dist/bench/$b.js"
  [[ -f "$script" ]] || { log "bench $b: $script missing, skipped"; continue; }
  log "bench: $b"
  node --expose-gc "$script" >> "$TMP/results.md"
  echo >> "$TMP/results.md"
done
mv "$TMP/results.md" "$OUT"
log "results written to bench/RESULTS.md"
cat "$OUT"
