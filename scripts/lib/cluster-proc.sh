# Starting and stopping the JVMs of the local cluster (sourced by scripts/cluster.sh).
# A node's JVM carries -Ddoflamingo.node=<node> and -Ddoflamingo.sandbox=<sandbox>; a pid is only
# ever signalled when /proc says it is a java process with both markers.

# is_our_java <pid> <node>
is_our_java() {
  local pid="$1" node="$2" cmd
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$(basename "${cmd%% *}")" == java* ]] || return 1
  [[ " $cmd " == *" -Ddoflamingo.node=$node "* && " $cmd " == *" -Ddoflamingo.sandbox=$SANDBOX "* ]]
}

# node_pid <node>: prints the pid when the node's recorded JVM is alive; fails otherwise.
node_pid() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f" 2>/dev/null)"
  is_our_java "$pid" "$1" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# JVM options shared by every node: small heap, serial GC, C1 only (spares CPU on 2 cores),
# log4j to the node's log file and the read-only Jolokia agent.
jvm_opts() {
  local node="$1" heap="$2"
  printf '%s\n' \
    "-Xms64m" "-Xmx$heap" "-XX:+UseSerialGC" "-XX:TieredStopAtLevel=1" "-Xss512k" \
    "-Djava.awt.headless=true" "-Djava.net.preferIPv4Stack=true" \
    "-Ddoflamingo.node=$node" "-Ddoflamingo.sandbox=$SANDBOX" \
    "-Dlog4j.configuration=file:$LOG4J_FILE" "-Ddoflamingo.log.file=$(node_log "$node")" \
    "-javaagent:$AGENT_JAR=host=$HOST,port=$(node_port "$node" jolokia),policyLocation=file://$POLICY_FILE,discoveryEnabled=false"
  jmx_exporter_opts "$node"
}

# Opt-in, for the jmx_exporter comparison only: when DOFLAMINGO_JMX_EXPORTER_PORT is set, a broker
# started by `cluster.sh start|restart <broker>` also carries Prometheus' jmx_exporter Java agent
# on that port, with DOFLAMINGO_JMX_EXPORTER_CONFIG (default: an "everything" config written next
# to the broker's server.properties). `cluster.sh up` ignores the variables.
jmx_exporter_opts() {
  local node="$1" port config
  port="$(jmx_exporter_port "$node")" || return 0
  config="${DOFLAMINGO_JMX_EXPORTER_CONFIG:-$CONF_DIR/$node/jmx-exporter.yaml}"
  echo "-javaagent:$JMX_EXPORTER_JAR=$HOST:$port:$config"
}

# jmx_exporter_port <node>: the opt-in jmx_exporter port when it applies to this node; fails otherwise.
jmx_exporter_port() {
  [[ -n "${DOFLAMINGO_JMX_EXPORTER_PORT:-}" && "$(node_kind "$1")" == kafka-broker ]] || return 1
  echo "$DOFLAMINGO_JMX_EXPORTER_PORT"
}

# node_command <node>: the full java command line, one argument per line.
node_command() {
  local node="$1"
  echo java
  case "$(node_kind "$node")" in
    zookeeper)
      jvm_opts "$node" 128m
      printf '%s\n' "-Dzookeeper.jmx.log4j.disable=true" "-cp" "$LIB_DIR/*" \
        org.apache.zookeeper.server.quorum.QuorumPeerMain "$CONF_DIR/$node/zoo.cfg"
      ;;
    kafka-broker)
      jvm_opts "$node" 384m
      printf '%s\n' "-Dzookeeper.jmx.log4j.disable=true" "-cp" "$LIB_DIR/*" \
        kafka.Kafka "$CONF_DIR/$node/server.properties"
      ;;
    kafka-client)
      jvm_opts "$node" 128m
      case "$node" in
        producer-*)
          printf '%s\n' "-cp" "$CLASSES_DIR:$LIB_DIR/*" DemoProducer "$BOOTSTRAP" "$node" "${PRODUCER_RATES[@]}"
          ;;
        consumer-*)
          # commits every second: committed-offset lag then reflects how far behind the group really is
          # (with 5 s commits a group that keeps up shows ~5 s of traffic as lag, above the proposal's 50)
          printf '%s\n' "-cp" "$LIB_DIR/*" org.apache.kafka.tools.consumer.ConsoleConsumer \
            --bootstrap-server "$BOOTSTRAP" --include "$TOPIC_REGEX" --group "$CONSUMER_GROUP" \
            --consumer-property "client.id=$node" \
            --consumer-property "enable.auto.commit=true" \
            --consumer-property "auto.commit.interval.ms=1000"
          ;;
      esac
      ;;
  esac
}

# launch_node <node>: starts the JVM detached (own session), records its pid. No waiting.
launch_node() {
  local node="$1" pid p
  if pid="$(node_pid "$node")"; then
    log "$node already running (pid $pid)"
    return 0
  fi
  for p in $(node_listen_ports "$node") $(jmx_exporter_port "$node" || true); do
    if port_open "$p"; then
      die "$node: port $p is already in use by a process this script did not start (see: ss -ltnp 'sport = :$p')"
    fi
  done
  local -a cmd
  mapfile -t cmd < <(node_command "$node")
  mkdir -p "$PID_DIR" "$LOG_DIR"
  {
    echo "==== $(date -Is) starting $node"
    printf '%q ' "${cmd[@]}"
    echo
  } >>"$(node_out "$node")"
  # setsid: the cluster outlives the shell (and the process group) that started it.
  # Not a group leader here, so setsid execs java in place and $! is the java pid. The JVM keeps
  # none of our descriptors (lib/detach.sh).
  (
    close_inherited_fds
    exec setsid "${cmd[@]}"
  ) </dev/null >>"$(node_out "$node")" 2>&1 &
  pid=$!
  echo "$pid" >"$(pid_file "$node")"
  sleep 0.2
  if ! is_our_java "$pid" "$node"; then
    # setsid may have forked (e.g. when run as a group leader): find the java child.
    local child
    child="$(pgrep -P "$pid" 2>/dev/null | head -n1 || true)"
    if [[ -n "$child" ]] && is_our_java "$child" "$node"; then
      echo "$child" >"$(pid_file "$node")"
      pid="$child"
    elif ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$(pid_file "$node")"
      die "$node exited at once; last lines of $(node_out "$node"):$(printf '\n'; tail -n 20 "$(node_out "$node")")"
    fi
  fi
  log "$node started (pid $pid)"
}

stop_timeout() {
  case "$(node_kind "$1")" in
    kafka-broker) echo 60 ;;
    *) echo 20 ;;
  esac
}

# stop_node <node>: SIGTERM, then SIGKILL after the node's timeout. Only our recorded pid.
stop_node() {
  local node="$1" pid i limit
  if ! pid="$(node_pid "$node")"; then
    rm -f "$(pid_file "$node")"
    log "$node is not running"
    return 0
  fi
  limit="$(stop_timeout "$node")"
  log "stopping $node (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < limit * 5; i++)); do
    is_our_java "$pid" "$node" || break
    sleep 0.2
  done
  if is_our_java "$pid" "$node"; then
    warn "$node did not stop within ${limit}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      is_our_java "$pid" "$node" || break
      sleep 0.1
    done
  fi
  rm -f "$(pid_file "$node")"
  echo "==== $(date -Is) stopped $node" >>"$(node_out "$node")"
  log "$node stopped"
}

# Runs stop_node for several nodes at once and waits for all of them.
stop_nodes_parallel() {
  local n
  local -a pids=()
  for n in "$@"; do
    stop_node "$n" &
    pids+=($!)
  done
  local p rc=0
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  return $rc
}
