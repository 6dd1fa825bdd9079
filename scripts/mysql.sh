#!/usr/bin/env bash
# MySQL/MariaDB for the sidecar and the integration tests.
#
#   scripts/mysql.sh ensure   make sure a server answers; prints the URL to use (stdout, nothing else)
#   scripts/mysql.sh url      prints the URL in use; exit 1 when nothing answers there
#   scripts/mysql.sh stop     stops the private MariaDB (only the one this script started)
#
# Order: $DOFLAMINGO_MYSQL_URL if set; else the shared MariaDB at 127.0.0.1:3306 (root, no
# password); else a PRIVATE mariadbd on 127.0.0.1:3307 with its datadir in .sandbox/mariadb
# (Debian's mariadb-server is installed first when missing). The shared server is never touched
# beyond `CREATE DATABASE IF NOT EXISTS doflamingo`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/mysql-server.sh
source "$ROOT/scripts/lib/mysql-server.sh"
# shellcheck source=lib/detach.sh
source "$ROOT/scripts/lib/detach.sh"
MDB_DIR="$ROOT/.sandbox/mariadb"
MDB_DATA="$MDB_DIR/data"
MDB_SOCK="$MDB_DIR/mysqld.sock"
MDB_PID="$MDB_DIR/mariadbd.pid"
MDB_LOG="$MDB_DIR/error.log"
SHARED_PORT="${DOFLAMINGO_SHARED_MYSQL_PORT:-3306}"
PRIVATE_PORT=3307
DATABASE=doflamingo

log() { printf '\033[1;36m[mysql]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[mysql] error:\033[0m %s\n' "$*" >&2; exit 1; }

url_for_port() { echo "mysql://root@127.0.0.1:$1/$DATABASE"; }

answers() { mysql_answers "$1"; }

create_database() {
  command -v mariadb >/dev/null || return 0
  mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$1" -uroot \
    -e "CREATE DATABASE IF NOT EXISTS \`$DATABASE\` CHARACTER SET utf8mb4" >/dev/null 2>&1 \
    || log "could not create database $DATABASE on port $1 (the sidecar may create it itself)"
}

# The private server's pid, when it is alive and really ours (cmdline names our datadir).
private_pid() { server_pid "$MDB_PID" "$MDB_DATA"; }

install_server_if_missing() {
  command -v mariadbd >/dev/null && command -v mariadb-install-db >/dev/null && return 0
  [[ $(id -u) -eq 0 ]] || die "mariadb-server is not installed and this is not root: apt-get install -y mariadb-server"
  log "installing Debian's mariadb-server (the package's own service is not used)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >&2
}

start_private() {
  install_server_if_missing
  mkdir -p "$MDB_DIR"
  if [[ ! -d "$MDB_DATA/mysql" ]]; then
    log "initialising private datadir ${MDB_DATA#"$ROOT"/}"
    mariadb-install-db --no-defaults --user=root --datadir="$MDB_DATA" \
      --auth-root-authentication-method=normal --skip-test-db >"$MDB_DIR/install.log" 2>&1 \
      || die "mariadb-install-db failed, see $MDB_DIR/install.log"
  fi
  log "starting private mariadbd on 127.0.0.1:$PRIVATE_PORT"
  (
    close_inherited_fds
    exec setsid mariadbd --no-defaults --user=root --datadir="$MDB_DATA" --port="$PRIVATE_PORT" \
      --bind-address=127.0.0.1 --socket="$MDB_SOCK" --pid-file="$MDB_PID" --log-error="$MDB_LOG" \
      --skip-name-resolve --innodb-buffer-pool-size=128M
  ) </dev/null >>"$MDB_DIR/mariadbd.out" 2>&1 &
  local i
  for ((i = 0; i < 60; i++)); do
    # root over TCP from 127.0.0.1: make sure the account exists (created through the socket).
    if mariadb --no-defaults -uroot --socket="$MDB_SOCK" -e \
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION" \
      >/dev/null 2>&1 && answers "$PRIVATE_PORT"; then
      return 0
    fi
    sleep 1
  done
  die "private mariadbd did not answer on $PRIVATE_PORT; see $MDB_LOG"
}

# Prints the URL in use; fails when no server answers.
current_url() {
  if [[ -n "${DOFLAMINGO_MYSQL_URL:-}" ]]; then
    echo "$DOFLAMINGO_MYSQL_URL"
  elif answers "$SHARED_PORT"; then
    url_for_port "$SHARED_PORT"
  elif answers "$PRIVATE_PORT" && private_pid >/dev/null; then
    url_for_port "$PRIVATE_PORT"
  else
    url_for_port "$SHARED_PORT"
    return 1
  fi
}

cmd_ensure() {
  if [[ -n "${DOFLAMINGO_MYSQL_URL:-}" ]]; then
    echo "$DOFLAMINGO_MYSQL_URL"
    return 0
  fi
  if answers "$SHARED_PORT"; then
    create_database "$SHARED_PORT"
    url_for_port "$SHARED_PORT"
    return 0
  fi
  log "nothing answers on 127.0.0.1:$SHARED_PORT"
  if ! answers "$PRIVATE_PORT"; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$PRIVATE_PORT") 2>/dev/null; then
      die "port $PRIVATE_PORT is taken by something that is not a MariaDB root login"
    fi
    start_private
  fi
  create_database "$PRIVATE_PORT"
  url_for_port "$PRIVATE_PORT"
}

cmd_stop() {
  local pid
  if ! pid="$(private_pid)"; then
    log "private mariadbd is not running"
    return 0
  fi
  stop_server "private mariadbd" "$pid" 30
}

case "${1:-}" in
  ensure) cmd_ensure ;;
  url) current_url ;;
  stop) cmd_stop ;;
  *) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
