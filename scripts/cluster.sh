#!/usr/bin/env bash
# The local real cluster for Doflamingo: a 3-server ZooKeeper 3.8 ensemble, 3 Kafka 3.9 brokers
# (ZooKeeper mode), a producer and a two-member consumer group, every JVM with a read-only
# Jolokia 2.x agent. 127.0.0.1 only; state under .sandbox/cluster (git-ignored).
#
#   scripts/cluster.sh up                 start whatever is not running, wait until all is ready
#   scripts/cluster.sh down               stop every node this script started
#   scripts/cluster.sh status [--json] [--quiet]   exit 0 when every node is up, 3 otherwise
#   scripts/cluster.sh stop <node>        e.g. stop broker-2
#   scripts/cluster.sh start <node>       e.g. start broker-2
#   scripts/cluster.sh restart <node>     stop, then start (a broker also gets its leaderships back)
#   Opt-in (benchmark only): DOFLAMINGO_JMX_EXPORTER_PORT=8799 scripts/cluster.sh restart broker-3
#   also loads Prometheus' jmx_exporter agent into that broker (config: DOFLAMINGO_JMX_EXPORTER_CONFIG).
#
# Nodes: zk-1 zk-2 zk-3 broker-1 broker-2 broker-3 producer-1 consumer-1 consumer-2.
# Writes .sandbox/cluster/endpoints.json and .sandbox/cluster/doflamingo.json (sidecar config).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/cluster-env.sh"
source "$HERE/lib/detach.sh"
source "$HERE/lib/cluster-setup.sh"
source "$HERE/lib/cluster-proc.sh"
source "$HERE/lib/cluster-ready.sh"
source "$HERE/lib/cluster-output.sh"

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# One cluster.sh changing the cluster at a time (fd 9 is closed for the JVMs it starts).
take_lock() {
  mkdir -p "$CLUSTER_DIR"
  exec 9>"$CLUSTER_DIR/.lock"
  if ! flock -n 9; then
    log "another cluster.sh is changing the cluster; waiting for it"
    flock -w 600 9 || die "could not get $CLUSTER_DIR/.lock"
  fi
}

# Log tail of a node, for error messages.
tail_hint() {
  local n="$1"
  printf '\n--- last lines of %s ---\n' "$(node_out "$n")"
  tail -n 15 "$(node_out "$n")" 2>/dev/null || true
  printf -- '--- last lines of %s ---\n' "$(node_log "$n")"
  tail -n 15 "$(node_log "$n")" 2>/dev/null || true
}

ready_or_die() {
  wait_node_ready "$1" "${2:-120}" || die "$1 is not ready$(tail_hint "$1")"
}

# Runs a Kafka tool class (short-lived: no Jolokia agent, warnings to stderr).
run_tool() {
  java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true \
    -Dlog4j.configuration="file:$SCRIPTS_DIR/conf/tools-log4j.properties" \
    -cp "$LIB_DIR/*" "$@" 9>&-
}

ensure_topics() {
  local t name parts
  local -a missing=() pids=()
  for t in "${TOPICS[@]}"; do
    check_topic "${t%%:*}" "${t#*:}" || missing+=("$t")
  done
  ((${#missing[@]} == 0)) && return 0
  for t in "${missing[@]}"; do
    name="${t%%:*}"
    parts="${t#*:}"
    log "creating topic $name ($parts partitions, RF 3) with TopicCommand --if-not-exists"
    run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "$name" --partitions "$parts" --replication-factor 3 >/dev/null &
    pids+=($!)
  done
  local p
  for p in "${pids[@]}"; do wait "$p" || die "TopicCommand failed (output above)"; done
  for t in "${missing[@]}"; do
    wait_for 60 "topic ${t%%:*} on the brokers" check_topic "${t%%:*}" "${t#*:}" || die "topic ${t%%:*} did not appear"
  done
}

start_group() {
  local n
  for n in "$@"; do launch_node "$n"; done
  for n in "$@"; do ready_or_die "$n"; done
}

cmd_up() {
  local t0 n
  t0="$(now)"
  if [[ -n "${DOFLAMINGO_JMX_EXPORTER_PORT:-}" ]]; then
    warn "DOFLAMINGO_JMX_EXPORTER_PORT is for 'start|restart <broker>' only; 'up' ignores it"
    unset DOFLAMINGO_JMX_EXPORTER_PORT DOFLAMINGO_JMX_EXPORTER_CONFIG
  fi
  take_lock
  ensure_jars
  ensure_producer_class
  write_all_configs

  start_group "${ZK_NODES[@]}"
  wait_for 90 "ZooKeeper quorum with one leader" check_zk_quorum || die "ZooKeeper ensemble has no leader"
  log "ZooKeeper ensemble ready: $(for n in "${ZK_NODES[@]}"; do printf '%s=%s ' "$n" "$(zk_mode "$n")"; done)"

  start_group "${BROKER_NODES[@]}"
  log "brokers RUNNING"

  ensure_topics
  log "topics ready: ${TOPICS[*]}"

  start_group "${CLIENT_NODES[@]}"
  wait_for 90 "consumer group $CONSUMER_GROUP to own every partition" check_group \
    || die "consumer group $CONSUMER_GROUP is not balanced"
  log "producer sending, group $CONSUMER_GROUP: consumer-1=$(consumer_assigned consumer-1) consumer-2=$(consumer_assigned consumer-2) partitions"

  write_endpoints_json
  write_sidecar_json
  print_status_table >&2
  log "cluster up in $(elapsed_since "$t0")s — endpoints: ${ENDPOINTS_JSON#"$CLUSTER_ROOT"/}, sidecar config: ${SIDECAR_JSON#"$CLUSTER_ROOT"/}"
}

cmd_down() {
  local t0
  t0="$(now)"
  take_lock
  stop_nodes_parallel "${CLIENT_NODES[@]}"
  stop_nodes_parallel "${BROKER_NODES[@]}"
  stop_nodes_parallel "${ZK_NODES[@]}"
  [[ -d "$CLUSTER_DIR" ]] && write_endpoints_json
  log "cluster down in $(elapsed_since "$t0")s (data kept in ${DATA_DIR#"$CLUSTER_ROOT"/})"
}

cmd_start() {
  local node="$1" t0
  t0="$(now)"
  take_lock
  ensure_jars
  ensure_producer_class
  write_all_configs
  ensure_jmx_exporter "$node"
  launch_node "$node"
  ready_or_die "$node"
  write_endpoints_json
  log "$node ready in $(elapsed_since "$t0")s"
}

# A restarted broker leads nothing until Kafka's auto rebalance (up to 5 minutes): once every
# replica is back in sync, a preferred leader election gives it its partitions back.
cmd_restart() {
  local node="$1"
  cmd_stop "$node"
  cmd_start "$node"
  [[ "$(node_kind "$node")" == kafka-broker ]] || return 0
  if ! wait_for 120 "every replica in sync" check_in_sync; then
    warn "replicas not in sync yet: no preferred leader election"
    return 0
  fi
  run_tool org.apache.kafka.tools.LeaderElectionCommand --bootstrap-server "$BOOTSTRAP" \
    --election-type PREFERRED --all-topic-partitions >/dev/null 2>&1 || warn "preferred leader election reported errors"
  log "preferred leaders elected"
}

cmd_stop() {
  take_lock
  stop_node "$1"
  [[ -d "$CLUSTER_DIR" ]] && write_endpoints_json
}

cmd_status() {
  local json=0 quiet=0 a
  for a in "$@"; do
    case "$a" in
      --json) json=1 ;;
      --quiet | -q) quiet=1 ;;
      *) die "status: unknown option $a" ;;
    esac
  done
  if ((quiet)); then
    all_up && return 0 || return 3
  fi
  if ((json)); then print_status_json; else print_status_table; fi
  all_up || return 3
}

need_node() {
  [[ $# -ge 1 ]] || die "which node? one of: ${ALL_NODES[*]}"
  is_node "$1" || die "unknown node '$1'; one of: ${ALL_NODES[*]}"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status "$@" ;;
    start) need_node "$@"; cmd_start "$1" ;;
    stop) need_node "$@"; cmd_stop "$1" ;;
    restart) need_node "$@"; cmd_restart "$1" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
