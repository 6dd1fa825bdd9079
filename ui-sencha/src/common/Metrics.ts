/**
 * Catalogue ids (see `doflamingo catalog --json`) the panels read, in one place.
 * JVM metrics (`jvm.*`) share one id across target kinds: always filter them by kind.
 * Broker-wide totals have no labels; per-topic series carry `topic`, per-request series `request`,
 * client series `client-id`, lag series `group`, `topic`, `partition`.
 */
Ext.define('Flamingo2.view.monitoring.common.Metrics', {
  singleton: true,

  // Kafka brokers
  BROKER_STATE: 'kafka.broker.state',
  HEAP_USED: 'jvm.heap.used',
  HEAP_MAX: 'jvm.heap.max',
  SWAP_USED: 'jvm.os.swap_used',
  MESSAGES_IN: 'kafka.broker.messages_in',
  BYTES_IN: 'kafka.broker.bytes_in',
  BYTES_OUT: 'kafka.broker.bytes_out',
  LOG_DIR_BYTES: 'kafka.broker.log_dir_bytes',
  REQUEST_TIME_MEAN: 'kafka.request.total_time_ms_mean',
  REQUEST_TIME_P99: 'kafka.request.total_time_ms_p99',
  REQUESTS: 'kafka.request.requests',
  UNDER_REPLICATED: 'kafka.broker.under_replicated_partitions',
  OFFLINE_PARTITIONS: 'kafka.controller.offline_partitions',
  ACTIVE_CONTROLLER: 'kafka.controller.active_controller_count',
  ISR_SHRINKS: 'kafka.broker.isr_shrinks',
  ISR_EXPANDS: 'kafka.broker.isr_expands',
  NETWORK_IDLE: 'kafka.broker.network_processor_idle',
  REQUEST_HANDLER_IDLE: 'kafka.broker.request_handler_idle',
  UNCLEAN_ELECTIONS: 'kafka.controller.unclean_leader_elections',
  PARTITIONS: 'kafka.broker.partitions',
  LEADERS: 'kafka.broker.leaders',
  // per topic, measured on brokers (label topic)
  TOPIC_MESSAGES_IN: 'kafka.topic.messages_in',
  TOPIC_BYTES_IN: 'kafka.topic.bytes_in',
  TOPIC_BYTES_OUT: 'kafka.topic.bytes_out',
  LOG_SIZE: 'kafka.log.size',
  // per topic, from the Kafka protocol (label topic)
  TOPIC_PARTITIONS: 'kafka.topic.partitions',
  TOPIC_UNDER_REPLICATED: 'kafka.topic.under_replicated_partitions',

  // Kafka consumers (client JVMs, label client-id)
  FETCH_RATE: 'kafka.consumer.fetch_rate',
  RECORDS_CONSUMED: 'kafka.consumer.records_consumed_rate',
  BYTES_CONSUMED: 'kafka.consumer.bytes_consumed_rate',
  RECORDS_LAG_MAX: 'kafka.consumer.records_lag_max',
  COMMIT_RATE: 'kafka.consumer.commit_rate',
  ASSIGNED_PARTITIONS: 'kafka.consumer.assigned_partitions',
  // consumer groups through the Kafka protocol (labels group, topic, partition)
  GROUP_LAG: 'kafka.consumer_group.lag',

  // ZooKeeper (keys of the AdminServer `monitor` command, plus JVM heap)
  ZK_UP: 'zookeeper.up',
  ZK_IS_LEADER: 'zookeeper.is_leader',
  ZK_AVG_LATENCY: 'zookeeper.avg_latency',
  ZK_MAX_LATENCY: 'zookeeper.max_latency',
  ZK_OUTSTANDING: 'zookeeper.outstanding_requests',
  ZK_CONNECTIONS: 'zookeeper.num_alive_connections',
  ZK_ZNODES: 'zookeeper.znode_count',
  ZK_WATCHES: 'zookeeper.watch_count',
  ZK_OPEN_FDS: 'zookeeper.open_file_descriptor_count',
  ZK_MAX_FDS: 'zookeeper.max_file_descriptor_count',
  ZK_DATA_SIZE: 'zookeeper.approximate_data_size',
  ZK_SYNCED_FOLLOWERS: 'zookeeper.synced_followers',
  ZK_PENDING_SYNCS: 'zookeeper.pending_syncs',
  ZK_HEAP_USED: 'jvm.heap.used',
  ZK_HEAP_MAX: 'jvm.heap.max',
  ZK_DATA_DIR_SIZE: 'zookeeper.data_dir_size',
  ZK_LOG_DIR_SIZE: 'zookeeper.log_dir_size',
  ZK_DIR_GROWTH_UNPURGED: 'zookeeper.dir_growth_unpurged',
});
