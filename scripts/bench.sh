#!/usr/bin/env bash
# `npm run bench`: measures Doflamingo against real parts and writes bench/RESULTS.md (with the
# command that made each number). Not a test: nothing here passes or fails on a number.
#   1. collection cost per target on the real local cluster (wall, sidecar CPU, broker CPU)
#   2. insert throughput and bytes per sample in MySQL/MariaDB
#   3. scale: N simulated brokers (real Jolokia protocol) every 10 s; sidecar CPU and RSS
#   4. query-30d: 30-day charts over generated history (rollups), through the API read model
#   5. jmx-exporter-compare: broker CPU of one Doflamingo collection vs one jmx_exporter scrape, same
#      broker JVM (restarts broker-3 with the jmx_exporter agent, then normally again; ~2.5 min)
#   6. latency: the real sidecar process every 10 s, fake brokers; metric change -> socket `update`,
#      stopped agent -> `alert-fired` target-down (~3.5 min; BENCH_LATENCY_* sizes it)
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

log "bench: collect-cost"
node dist/bench/collect-cost.js >> "$TMP/results.md"
echo >> "$TMP/results.md"

log "bench: insert-throughput (a whole day at 10 s; a burst of many series with and without rollups, then COMPRESSED)"
{
  echo "## 2. MySQL insert throughput and size"
  echo
  echo "Command: \`node dist/bench/insert-throughput.js\` through SampleWriter (5000-row INSERTs; random values; rollups computed by the writer as minutes and hours close, on a clock following the ticks). Rows: first one whole day at 10 s (\`BENCH_INSERT_SERIES=1000 BENCH_INSERT_TICKS=8640 BENCH_INSERT_ROLLUPS=0\`: what a closed day of a real install holds), then 10 000 series × 100 ticks with rollups, without (\`BENCH_INSERT_ROLLUPS=0\`) and with \`BENCH_INSERT_ROW_FORMAT='COMPRESSED KEY_BLOCK_SIZE=8'\`. 'After compaction' is after each day went through the sidecar's online compaction (copy in key order + EXCHANGE PARTITION, sidecar/src/store/partition-compaction.ts)."
  echo
  echo "| server | row format | series × ticks | rollups | samples / s | bytes / sample as written | after compaction (took) | 1m / 1h bytes / row as written |"
  echo "|---|---|---|---|---|---|---|---|"
  for run in "1000|8640|0|" "10000|100|1|" "10000|100|0|" "10000|100|1|COMPRESSED KEY_BLOCK_SIZE=8"; do
    IFS='|' read -r series ticks rollups format <<< "$run"
    BENCH_INSERT_SERIES="$series" BENCH_INSERT_TICKS="$ticks" BENCH_INSERT_ROLLUPS="$rollups" BENCH_INSERT_ROW_FORMAT="$format" node dist/bench/insert-throughput.js | node -e '
      const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const roll = r.rollups ? `${r.bytesPerRow1m} / ${r.bytesPerRow1h}` : "-";
      console.log(`| ${r.server} | ${r.rowFormat} | ${r.series} × ${r.ticks} | ${r.rollups ? "yes" : "no"} | ${r.samplesPerSec} | ${r.bytesPerSample} | ${r.bytesPerSampleCompacted} (${r.compactMs} ms) | ${roll} |`);'
  done
  echo
} >> "$TMP/results.md"

log "bench: scale"
node dist/bench/scale.js >> "$TMP/results.md"
echo >> "$TMP/results.md"

log "bench: query-30d"
node dist/bench/query-30d.js >> "$TMP/results.md"
echo >> "$TMP/results.md"

log "bench: jmx-exporter-compare (restarts broker-3 with the jmx_exporter agent, then normally)"
node dist/bench/jmx-exporter-compare.js >> "$TMP/results.md"
echo >> "$TMP/results.md"

log "bench: latency (real sidecar process, fake brokers: metric change -> chart, dead broker -> alert)"
node dist/bench/latency.js >> "$TMP/results.md"
echo >> "$TMP/results.md"
# the hand-written reading of the numbers (bench/READING.md) goes after the measured sections
cat "$ROOT/bench/READING.md" >> "$TMP/results.md"
mv "$TMP/results.md" "$OUT"
log "results written to bench/RESULTS.md"
cat "$OUT"
