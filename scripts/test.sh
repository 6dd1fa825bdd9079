#!/usr/bin/env bash
# The test command (README Quick start, and .ci/run): sets up everything on a fresh machine,
# then runs unit, integration (real ZooKeeper ensemble, Kafka brokers, Jolokia agents, MariaDB)
# and browser tests (real sidecar + headless Chromium).
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
use_node 24 # the primary runtime; the unit tests run once more on Node 22 below
cd "$ROOT"

ensure_node_modules
ensure_chromium
build_all

log "type check"
npx tsc -p tsconfig.json --noEmit

log "lint, format and dependency rules"
npm run --silent lint
npm run --silent format:check
npm run --silent deps:check

log "unit tests on Node.js $(node -v)"
npx jest --selectProjects unit --ci
# Node.js 22 LTS is supported too (package.json engines): the unit tests once more on it.
(
  use_node 22
  log "unit tests on Node.js $(node -v)"
  npx jest --selectProjects unit --ci
)

log "MySQL/MariaDB"
DOFLAMINGO_MYSQL_URL="$(bash scripts/mysql.sh ensure)"
export DOFLAMINGO_MYSQL_URL
log "using $DOFLAMINGO_MYSQL_URL (each test creates and drops its own database)"

started_cluster=0
if ! bash scripts/cluster.sh status --quiet >/dev/null 2>&1; then started_cluster=1; fi
compat_started=() # MySQL 5.7 / 8.0 servers (scripts/mysql-compat.sh) this run started
stop_compat_servers() {
  local v
  for v in "${compat_started[@]}"; do bash scripts/mysql-compat.sh down "$v" || true; done
  compat_started=()
}
cleanup() {
  stop_compat_servers
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

# The integration tests that need only MySQL (no Kafka cluster) again, on real MySQL 5.7 and 8.0
# (the run above used MariaDB); binaries from Maven Central, see sql/README.md "Tested on".
log "MySQL 5.7 / 8.0 compatibility"
STORE_TESTS='test/integration/(store|rollups|compaction|events-rules-store|snapshot-at|api-read-model|flamingo-install|store-outage|mysql-session)\.test\.ts'
for v in 57 80; do bash scripts/mysql-compat.sh url "$v" >/dev/null 2>&1 || compat_started+=("$v"); done
bash scripts/mysql-compat.sh up all
for v in 57 80; do
  compat_url="$(bash scripts/mysql-compat.sh url "$v")/doflamingo_test"
  log "store tests on MySQL $v ($compat_url)"
  DOFLAMINGO_MYSQL_URL="$compat_url" npx jest --selectProjects integration --ci --runInBand --testPathPattern "$STORE_TESTS"
done
stop_compat_servers

# Flamingo 2's own Ext JS 5.1.1 and theme (not in the repository, README "Tests"): the browser tests run the
# panels on it too when found; without it they run on extjs-gpl 6.2 only, and this says so loudly.
not_on_511=""
flamingo2_ui="$(realpath -m "${DOFLAMINGO_FLAMINGO2_UI:-$ROOT/../shared/flamingo2-ui}")"
for f in ext-all.js ext-theme-classic.js theme/Flamingo2-all.css; do
  if [[ ! -f "$flamingo2_ui/$f" ]]; then
    not_on_511="$flamingo2_ui has no $f (set DOFLAMINGO_FLAMINGO2_UI to the folder holding Flamingo 2's ext-all.js, ext-theme-classic.js, theme/Flamingo2-all.css)"
    break
  fi
done
warn_not_on_511() {
  [[ -n "$not_on_511" ]] || return 0
  printf '\033[1;33m%s\n!! The panels were NOT tested on Flamingo 2'"'"'s Ext JS 5.1.1 and theme, only on extjs-gpl 6.2:\n!! %s\n%s\033[0m\n' \
    "$(printf '!%.0s' {1..100})" "$not_on_511" "$(printf '!%.0s' {1..100})" >&2
}

if grep -q "displayName: 'browser'" jest.config.js; then
  log "browser tests"
  warn_not_on_511
  npx jest --selectProjects browser --ci --runInBand
fi
log "all tests passed"
warn_not_on_511
