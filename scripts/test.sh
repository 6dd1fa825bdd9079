#!/usr/bin/env bash
# The test command (README Quick start, and .ci/run): sets up everything on a fresh machine,
# then runs unit, integration (real ZooKeeper ensemble, Kafka brokers, Jolokia agents, MariaDB)
# and browser tests (real sidecar + headless Chromium).
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$ROOT"

ensure_node_modules
ensure_chromium
build_all

log "type check"
npx tsc -p tsconfig.json --noEmit

log "unit tests"
npx jest --selectProjects unit --ci

log "MySQL/MariaDB"
DOFLAMINGO_MYSQL_URL="$(bash scripts/mysql.sh ensure)"
export DOFLAMINGO_MYSQL_URL
log "using $DOFLAMINGO_MYSQL_URL (each test creates and drops its own database)"

started_cluster=0
if ! bash scripts/cluster.sh status --quiet >/dev/null 2>&1; then started_cluster=1; fi
cleanup() {
  if [[ $started_cluster -eq 1 && "${KEEP_CLUSTER:-0}" != "1" ]]; then
    log "stopping the local cluster the tests started"
    bash scripts/cluster.sh down || true
  fi
}
trap cleanup EXIT
log "local cluster"
bash scripts/cluster.sh up

log "integration tests"
npx jest --selectProjects integration --ci --runInBand

if grep -q "displayName: 'browser'" jest.config.js; then
  log "browser tests"
  npx jest --selectProjects browser --ci --runInBand
fi
log "all tests passed"
