# Readiness checks for scripts/cluster.sh (sourced). Each check_* answers once (0 = ready);
# wait_for retries a check until it passes or the deadline is reached.

# wait_for <seconds> <description> <command...>
wait_for() {
  local limit="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      warn "gave up after ${limit}s waiting for: $what"
      return 1
    fi
    sleep 1
  done
}

# zk_4lw <port> <word>: a ZooKeeper four-letter word over bash's /dev/tcp.
zk_4lw() {
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" || exit 1; printf "%s" "$2" >&3; cat <&3' "$HOST" "$1" "$2" 2>/dev/null
}

# jolokia_post <port> <json>: raw response of one Jolokia request (POST).
jolokia_post() {
  curl -fsS --max-time 5 -H 'Content-Type: application/json' -d "$2" "http://$HOST:$1/jolokia/" 2>/dev/null
}

# jolokia_value <port> <mbean> <attribute>: the "value" of a read, as JSON text.
jolokia_value() {
  local body
  body="$(jolokia_post "$1" "{\"type\":\"read\",\"mbean\":\"$2\",\"attribute\":\"$3\"}")" || return 1
  [[ "$body" == *'"status":200'* ]] || return 1
  sed -n 's/.*"value":\([^,}]*\).*/\1/p' <<<"$body" | tr -d '"'
}

# jolokia_search_count <port> <pattern>: number of MBeans matching a pattern.
jolokia_search_count() {
  local body
  body="$(jolokia_post "$1" "{\"type\":\"search\",\"mbean\":\"$2\"}")" || return 1
  [[ "$body" == *'"status":200'* ]] || return 1
  sed -n 's/.*"value":\[\([^]]*\)\].*/\1/p' <<<"$body" | { grep -o '"[^"]*"' || true; } | wc -l
}

check_jolokia() {
  curl -fsS --max-time 3 "$(jolokia_url "$1")/version" 2>/dev/null | grep -q '"agent"'
}

check_zk_node() {
  check_jolokia "$1" && [[ "$(zk_4lw "$(node_port "$1" client)" ruok)" == imok ]] \
    && curl -fsS --max-time 3 "http://$HOST:$(node_port "$1" admin)/commands/ruok" >/dev/null 2>&1
}

# zk_mode <node> -> leader | follower | standalone | (empty when not serving)
zk_mode() { zk_4lw "$(node_port "$1" client)" srvr | sed -n 's/^Mode: //p'; }

# The running ensemble members all serve, and exactly one of them leads.
check_zk_quorum() {
  local n leaders=0 mode
  for n in "${ZK_NODES[@]}"; do
    node_pid "$n" >/dev/null || continue
    mode="$(zk_mode "$n")"
    case "$mode" in
      leader) leaders=$((leaders + 1)) ;;
      follower) ;;
      *) return 1 ;;
    esac
  done
  ((leaders == 1))
}

# BrokerState 3 = RUNNING (registered in ZooKeeper, serving).
check_broker() {
  [[ "$(jolokia_value "$(node_port "$1" jolokia)" 'kafka.server:type=KafkaServer,name=BrokerState' Value)" == 3 ]]
}

first_running_broker() {
  local n
  for n in "${BROKER_NODES[@]}"; do
    if check_broker "$n"; then echo "$n"; return 0; fi
  done
  return 1
}

# Every running broker reports UnderReplicatedPartitions = 0.
check_in_sync() {
  local b
  for b in "${BROKER_NODES[@]}"; do
    node_pid "$b" >/dev/null || continue
    [[ "$(jolokia_value "$(node_port "$b" jolokia)" 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions' Value)" == 0 ]] || return 1
  done
}

# check_topic <topic> <partitions>: a running broker hosts a log for every partition (RF 3 on
# 3 brokers puts every partition on every broker).
check_topic() {
  local b count
  b="$(first_running_broker)" || return 1
  count="$(jolokia_search_count "$(node_port "$b" jolokia)" "kafka.log:type=Log,name=Size,topic=$1,*")" || return 1
  ((count == $2))
}

check_producer() {
  local v
  v="$(jolokia_value "$(node_port "$1" jolokia)" "kafka.producer:type=producer-metrics,client-id=$1" record-send-total)" || return 1
  awk -v v="$v" 'BEGIN { exit !(v + 0 > 0) }'
}

# consumer_assigned <node>: partitions currently assigned to this group member.
consumer_assigned() {
  local v
  v="$(jolokia_value "$(node_port "$1" jolokia)" "kafka.consumer:type=consumer-coordinator-metrics,client-id=$1" assigned-partitions)" || return 1
  awk -v v="$v" 'BEGIN { printf "%d", v }'
}

check_consumer() {
  local a
  a="$(consumer_assigned "$1")" || return 1
  ((a > 0))
}

# Every running member holds partitions and together they hold all partitions of the topics.
check_group() {
  local n a total=0 want=0 t
  for t in "${TOPICS[@]}"; do want=$((want + ${t#*:})); done
  for n in "${CLIENT_NODES[@]}"; do
    [[ "$n" == consumer-* ]] || continue
    node_pid "$n" >/dev/null || continue
    a="$(consumer_assigned "$n")" || return 1
    ((a > 0)) || return 1
    total=$((total + a))
  done
  ((total == want))
}

# wait_node_ready <node> [seconds]: the node-specific readiness check.
wait_node_ready() {
  local node="$1" limit="${2:-120}"
  case "$node" in
    zk-*) wait_for "$limit" "$node (Jolokia, ruok=imok, AdminServer)" check_zk_node "$node" ;;
    broker-*)
      wait_for "$limit" "$node Jolokia" check_jolokia "$node" &&
        wait_for "$limit" "$node BrokerState=3 (RUNNING)" check_broker "$node"
      ;;
    producer-*)
      wait_for "$limit" "$node Jolokia" check_jolokia "$node" &&
        wait_for "$limit" "$node sending (record-send-total > 0)" check_producer "$node"
      ;;
    consumer-*)
      wait_for "$limit" "$node Jolokia" check_jolokia "$node" &&
        wait_for "$limit" "$node assigned partitions in $CONSUMER_GROUP" check_consumer "$node"
      ;;
  esac
}
