# Status output, endpoints.json and the sidecar config doflamingo.json (sourced by scripts/cluster.sh).

json_str() {
  local s="${1//\\/\\\\}"
  printf '"%s"' "${s//\"/\\\"}"
}

# node_ports_json <node> -> {"client":2181,...}
node_ports_json() {
  local node="$1" names name out=""
  case "$(node_kind "$node")" in
    zookeeper) names="client quorum election admin jolokia" ;;
    kafka-broker) names="kafka jolokia" ;;
    kafka-client) names="jolokia" ;;
  esac
  for name in $names; do out+="${out:+,}\"$name\":$(node_port "$node" "$name")"; done
  printf '{%s}' "$out"
}

# node_state <node> -> up | starting | down
node_state() {
  local p
  node_pid "$1" >/dev/null || { echo down; return; }
  for p in $(node_listen_ports "$1"); do
    port_open "$p" || { echo starting; return; }
  done
  echo up
}

all_up() {
  local n
  for n in "${ALL_NODES[@]}"; do [[ "$(node_state "$n")" == up ]] || return 1; done
}

client_role() {
  case "$1" in producer-*) echo producer ;; consumer-*) echo consumer ;; esac
}

print_status_table() {
  local n state pid
  printf '%-11s %-13s %-9s %-8s %s\n' NODE KIND STATE PID PORTS
  for n in "${ALL_NODES[@]}"; do
    state="$(node_state "$n")"
    pid="$(node_pid "$n" || echo -)"
    printf '%-11s %-13s %-9s %-8s %s\n' "$n" "$(node_kind "$n")" "$state" "$pid" \
      "$(node_ports_json "$n" | tr -d '{}"' | tr ',' ' ')"
  done
}

print_status_json() {
  local n first=1 state pid
  printf '{"root":%s,"allUp":%s,"nodes":[' "$(json_str "$CLUSTER_ROOT")" "$(all_up && echo true || echo false)"
  for n in "${ALL_NODES[@]}"; do
    state="$(node_state "$n")"
    pid="$(node_pid "$n" || echo null)"
    ((first)) || printf ','
    first=0
    printf '{"node":%s,"kind":%s,"state":%s,"pid":%s,"ports":%s}' \
      "$(json_str "$n")" "$(json_str "$(node_kind "$n")")" "$(json_str "$state")" "$pid" "$(node_ports_json "$n")"
  done
  printf ']}\n'
}

# One node of endpoints.json.
endpoint_json() {
  local n="$1" kind extra=""
  kind="$(node_kind "$n")"
  case "$kind" in
    zookeeper)
      extra=",\"id\":$(node_id "$n"),\"admin\":$(json_str "http://$HOST:$(node_port "$n" admin)")"
      extra+=",\"client\":$(json_str "$HOST:$(node_port "$n" client)")"
      extra+=",\"config\":$(json_str "$CONF_DIR/$n/zoo.cfg")"
      ;;
    kafka-broker)
      extra=",\"id\":$(node_id "$n"),\"bootstrap\":$(json_str "$HOST:$(node_port "$n" kafka)")"
      extra+=",\"config\":$(json_str "$CONF_DIR/$n/server.properties")"
      ;;
    kafka-client)
      extra=",\"role\":$(json_str "$(client_role "$n")"),\"clientId\":$(json_str "$n")"
      [[ "$n" == consumer-* ]] && extra+=",\"group\":$(json_str "$CONSUMER_GROUP")"
      ;;
  esac
  printf '{"key":%s,"kind":%s%s,"host":%s,"ports":%s,"jolokia":%s,"pid":%s,"state":%s,"log":%s,"out":%s}' \
    "$(json_str "$n")" "$(json_str "$kind")" "$extra" "$(json_str "$HOST")" "$(node_ports_json "$n")" \
    "$(json_str "$(jolokia_url "$n")")" "$(node_pid "$n" || echo null)" "$(json_str "$(node_state "$n")")" \
    "$(json_str "$(node_log "$n")")" "$(json_str "$(node_out "$n")")"
}

topics_json() {
  local t out=""
  for t in "${TOPICS[@]}"; do out+="${out:+,}{\"name\":$(json_str "${t%%:*}"),\"partitions\":${t#*:},\"replicationFactor\":3}"; done
  printf '[%s]' "$out"
}

write_endpoints_json() {
  local n first=1 tmp="$ENDPOINTS_JSON.tmp"
  {
    printf '{\n  "generatedAt": %s,\n  "root": %s,\n' "$(json_str "$(date -Is)")" "$(json_str "$CLUSTER_ROOT")"
    printf '  "bootstrap": %s,\n' "$(json_str "$BOOTSTRAP")"
    printf '  "zookeeperConnect": %s,\n' "$(json_str "$ZK_CONNECT$KAFKA_CHROOT")"
    printf '  "consumerGroup": %s,\n  "topics": %s,\n' "$(json_str "$CONSUMER_GROUP")" "$(topics_json)"
    printf '  "sidecarConfig": %s,\n  "nodes": [\n' "$(json_str "$SIDECAR_JSON")"
    for n in "${ALL_NODES[@]}"; do
      ((first)) || printf ',\n'
      first=0
      printf '    %s' "$(endpoint_json "$n")"
    done
    printf '\n  ]\n}\n'
  } >"$tmp"
  mv "$tmp" "$ENDPOINTS_JSON"
}

# The sidecar configuration for this cluster (must validate against sidecar/src/config/schema.ts).
write_sidecar_json() {
  local n mysql_url brokers="" zks="" clients="" bootstrap="" tmp="$SIDECAR_JSON.tmp"
  mysql_url="$(bash "$SCRIPTS_DIR/mysql.sh" url 2>/dev/null || true)"
  [[ -n "$mysql_url" ]] || mysql_url="mysql://root@127.0.0.1:3306/doflamingo"
  for n in "${BROKER_NODES[@]}"; do
    bootstrap+="${bootstrap:+, }$(json_str "$HOST:$(node_port "$n" kafka)")"
    brokers+="${brokers:+,}
        { \"key\": $(json_str "$n"), \"jolokia\": $(json_str "$(jolokia_url "$n")") }"
  done
  for n in "${ZK_NODES[@]}"; do
    zks+="${zks:+,}
        { \"key\": $(json_str "$n"), \"jolokia\": $(json_str "$(jolokia_url "$n")"), \"admin\": $(json_str "http://$HOST:$(node_port "$n" admin)"), \"client\": $(json_str "$HOST:$(node_port "$n" client)") }"
  done
  for n in "${CLIENT_NODES[@]}"; do
    clients+="${clients:+,}
        { \"key\": $(json_str "$n"), \"jolokia\": $(json_str "$(jolokia_url "$n")") }"
  done
  cat >"$tmp" <<EOF
{
  "mysql": { "url": $(json_str "$mysql_url") },
  "clusters": [
    {
      "id": "1",
      "name": "local",
      "bootstrap": [$bootstrap],
      "brokers": [$brokers
      ],
      "zookeepers": [$zks
      ],
      "clients": [$clients
      ],
      "discovery": {
        "zookeeper": $(json_str "$ZK_CONNECT$KAFKA_CHROOT"),
        "jolokiaUrlTemplate": "http://{host}:{port}/jolokia",
        "jolokiaPortBase": 8780
      }
    }
  ],
  "api": { "port": 8787, "demo": true }
}
EOF
  mv "$tmp" "$SIDECAR_JSON"
}
