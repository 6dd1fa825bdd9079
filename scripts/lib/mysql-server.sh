# Helpers for the MySQL/MariaDB servers the scripts start themselves (sourced by scripts/mysql.sh and
# scripts/mysql-compat.sh, which define `log`).

# mysql_answers <port>: a root login over TCP works (or, without a client binary, the port is open).
mysql_answers() {
  if command -v mariadb >/dev/null; then
    mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$1" -uroot --connect-timeout=3 -e 'select 1' >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# server_pid <pid file> <datadir>: prints the pid when that process is alive and really ours (its
# command line names our datadir); fails otherwise.
server_pid() {
  local pid
  [[ -f "$1" ]] || return 1
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--datadir=$2" || return 1
  echo "$pid"
}

# stop_server <name> <pid> <seconds>: SIGTERM, then SIGKILL when still running after that long.
stop_server() {
  local name="$1" pid="$2" i
  log "stopping $name (pid $pid)"
  kill -TERM "$pid"
  for ((i = 0; i < $3 * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { log "$name stopped"; return 0; }
    sleep 0.1
  done
  log "$name still running after $3s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}
