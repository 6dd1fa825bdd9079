# Paths, the node table and small helpers for scripts/cluster.sh (sourced, not run).
# Every port is fixed (node_port below) and everything binds to 127.0.0.1:
#   ZooKeeper zk-1..3   client 2181-2183, quorum 28881-28883, election 38881-38883,
#                       AdminServer 8081-8083, Jolokia 8771-8773
#   Kafka broker-1..3   9092-9094, Jolokia 8781-8783 (8780 + broker id)
#   clients             producer-1, consumer-1, consumer-2: Jolokia 8791-8793
# (The demo's sidecar listens on 8787, the private fallback MariaDB on 3307.)

CLUSTER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPTS_DIR="$CLUSTER_ROOT/scripts"
SANDBOX="$CLUSTER_ROOT/.sandbox"
LIB_DIR="$SANDBOX/lib"
AGENT_JAR="$LIB_DIR/agent/jolokia-agent-jvm-javaagent.jar"
# Opt-in, benchmark only (bench/jmx-exporter-compare.ts): see jmx_exporter_opts in cluster-proc.sh.
JMX_EXPORTER_JAR="$LIB_DIR/jmx-exporter/jmx_prometheus_javaagent.jar"
CLUSTER_DIR="$SANDBOX/cluster"
PID_DIR="$CLUSTER_DIR/pids"
LOG_DIR="$CLUSTER_DIR/logs"
CONF_DIR="$CLUSTER_DIR/conf"
DATA_DIR="$CLUSTER_DIR/data"
CLASSES_DIR="$CLUSTER_DIR/classes"
ENDPOINTS_JSON="$CLUSTER_DIR/endpoints.json"
SIDECAR_JSON="$CLUSTER_DIR/doflamingo.json"
POLICY_FILE="$SCRIPTS_DIR/jolokia-access.xml"
LOG4J_FILE="$SCRIPTS_DIR/conf/log4j.properties"

HOST=127.0.0.1
ZK_NODES=(zk-1 zk-2 zk-3)
BROKER_NODES=(broker-1 broker-2 broker-3)
CLIENT_NODES=(producer-1 consumer-1 consumer-2)
ALL_NODES=("${ZK_NODES[@]}" "${BROKER_NODES[@]}" "${CLIENT_NODES[@]}")

ZK_CONNECT="$HOST:2181,$HOST:2182,$HOST:2183"
KAFKA_CHROOT=/kafka
BOOTSTRAP="$HOST:9092,$HOST:9093,$HOST:9094"
CONSUMER_GROUP=doflamingo-demo
# topic:partitions (replication factor 3 for all)
TOPICS=(orders:6 payments:3 clicks:3)
TOPIC_REGEX='orders|payments|clicks'
# Producer rates, records/s (clicks swings 40±30 over five minutes).
PRODUCER_RATES=(orders=20 payments=10 clicks=40~30)

log() { printf '\033[1;36m[cluster]\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m[cluster] warning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[cluster] error:\033[0m %s\n' "$*" >&2; exit 1; }

is_node() {
  local n
  for n in "${ALL_NODES[@]}"; do [[ "$n" == "$1" ]] && return 0; done
  return 1
}

# node_kind <node> -> zookeeper | kafka-broker | kafka-client
node_kind() {
  case "$1" in
    zk-*) echo zookeeper ;;
    broker-*) echo kafka-broker ;;
    producer-* | consumer-*) echo kafka-client ;;
    *) die "unknown node '$1'" ;;
  esac
}

# node_id <node> -> the trailing number (ZooKeeper myid, broker.id, client index)
node_id() { echo "${1##*-}"; }

# node_port <node> <name> -> a fixed port; names: client quorum election admin (ZooKeeper),
# kafka (broker), jolokia (all).
node_port() {
  local node="$1" name="$2" id
  id="$(node_id "$node")"
  case "$(node_kind "$node"):$name" in
    zookeeper:client) echo $((2180 + id)) ;;
    zookeeper:quorum) echo $((28880 + id)) ;;
    zookeeper:election) echo $((38880 + id)) ;;
    zookeeper:admin) echo $((8080 + id)) ;;
    zookeeper:jolokia) echo $((8770 + id)) ;;
    kafka-broker:kafka) echo $((9091 + id)) ;;
    kafka-broker:jolokia) echo $((8780 + id)) ;;
    kafka-client:jolokia)
      case "$node" in
        producer-1) echo 8791 ;;
        consumer-1) echo 8792 ;;
        consumer-2) echo 8793 ;;
        *) die "no Jolokia port for $node" ;;
      esac ;;
    *) return 1 ;;
  esac
}

# Ports a node listens on when it is up (quorum port: leader only, so not listed).
node_listen_ports() {
  case "$(node_kind "$1")" in
    zookeeper) echo "$(node_port "$1" client) $(node_port "$1" admin) $(node_port "$1" jolokia)" ;;
    kafka-broker) echo "$(node_port "$1" kafka) $(node_port "$1" jolokia)" ;;
    kafka-client) node_port "$1" jolokia ;;
  esac
}

jolokia_url() { echo "http://$HOST:$(node_port "$1" jolokia)/jolokia"; }
node_log() { echo "$LOG_DIR/$1.log"; }
node_out() { echo "$LOG_DIR/$1.out"; }
pid_file() { echo "$PID_DIR/$1.pid"; }

# Seconds since the epoch with a fraction, for timings.
now() { date +%s.%N; }
elapsed_since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
