#!/usr/bin/env bash
# The demo command (README Quick start): on a fresh machine, brings up the local cluster
# (ZooKeeper ensemble, Kafka brokers, producer, consumer group, Jolokia agents), MySQL/MariaDB,
# the schema, a Flamingo-shaped menu, and a collecting sidecar serving the UI. Ctrl-C stops
# the sidecar; the cluster keeps running (`npm run cluster:down` stops it).
#
# Safe to run any number of times: every step only adds what is missing (npm ci when the lock file
# changed, cluster.sh up starts only stopped nodes, migrate applies pending migrations, demo-menu
# adds missing rows) or rewrites its own file (the config); the admin token is made once and kept.
# Env: DOFLAMINGO_PORT (default 8787), DOFLAMINGO_MYSQL_URL (else scripts/mysql.sh picks a server),
# DOFLAMINGO_DEMO_DIR (config and token; default .sandbox/demo).
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$ROOT"

ensure_node_modules
build_all

log "MySQL/MariaDB"
DOFLAMINGO_MYSQL_URL="$(bash scripts/mysql.sh ensure)"
export DOFLAMINGO_MYSQL_URL

log "local cluster (ZooKeeper x3, Kafka x3, producer, consumer group)"
bash scripts/cluster.sh up

DEMO_DIR="${DOFLAMINGO_DEMO_DIR:-$ROOT/.sandbox/demo}"
mkdir -p "$DEMO_DIR"
CONFIG="$DEMO_DIR/doflamingo.json"
# the admin token (alert rule changes in the Configuration tab): made once, kept in the sandbox, never in the page
TOKEN_FILE="$DEMO_DIR/admin-token"
if [[ ! -s "$TOKEN_FILE" ]]; then
  (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(12).toString("hex"))' > "$TOKEN_FILE.new")
  mv "$TOKEN_FILE.new" "$TOKEN_FILE"
fi
chmod 600 "$TOKEN_FILE"
DOFLAMINGO_ADMIN_TOKEN="$(cat "$TOKEN_FILE")"
export DOFLAMINGO_ADMIN_TOKEN
node -e '
  const fs = require("fs");
  const cfg = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  cfg.mysql = { url: process.argv[2] };
  cfg.api = { ...(cfg.api || {}), port: Number(process.env.DOFLAMINGO_PORT || 8787), demo: true, adminTokenEnv: "DOFLAMINGO_ADMIN_TOKEN" };
  fs.writeFileSync(process.argv[3], JSON.stringify(cfg, null, 2));
' "$ROOT/.sandbox/cluster/doflamingo.json" "$DOFLAMINGO_MYSQL_URL" "$CONFIG"

log "schema"
node bin/doflamingo.js migrate --config "$CONFIG"

log "Flamingo-shaped menu (FL_COMM_MENU) in the demo database"
node bin/doflamingo.js demo-menu --config "$CONFIG"

PORT="$(node -e 'console.log(require(process.argv[1]).api.port)' "$CONFIG")"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  log "port $PORT is already in use (a demo still running?): stop it, or choose another with DOFLAMINGO_PORT"
  exit 1
fi
cat >&2 <<MSG

  Doflamingo demo
  ---------------
  UI (Flamingo-shaped host page):  http://127.0.0.1:$PORT/
  REST API:                        http://127.0.0.1:$PORT/api/v1/clusters
  Admin token (Configuration tab → edit an alert rule):  $DOFLAMINGO_ADMIN_TOKEN
  Data:                            $DOFLAMINGO_MYSQL_URL  (tables FL_DOF_*, see sql/README.md)
  Collector status:                node bin/doflamingo.js status --config $CONFIG
  Config:                          $CONFIG
  Stop the cluster afterwards:     bash scripts/cluster.sh down

MSG
log "starting the sidecar (Ctrl-C to stop)"
exec node bin/doflamingo.js serve --config "$CONFIG"
