/**
 * Kafka broker metrics (MBean names checked on Kafka 3.9.2 in ZooKeeper mode; the same names
 * exist in 4.x unless noted). `proposal` = row numbers of the proposal's metric table.
 * Counters (Yammer Meter `Count`) are stored as per-second rates; the Meter's own
 * `OneMinuteRate` is not used (a moving average hides spikes and restarts).
 *
 * Where values live: the `kafka.controller:type=KafkaController,...` gauges exist on every broker
 * but only the active controller reports non-zero values (sum ActiveControllerCount over brokers,
 * it must be 1). `kafka.log:type=Log,name=Size,...` beans exist only for partitions the broker
 * hosts; per-topic `BrokerTopicMetrics` beans appear after the topic's first traffic.
 */
import type { CatalogEntry, MetricType } from '../core/model';
import { jmx, type Desc, type JmxOpts } from './define';

const b = (id: string, mbean: string, attribute: string, type: MetricType, unit: string, d: Desc, o?: JmxOpts): CatalogEntry =>
  jmx('kafka-broker', id, mbean, attribute, type, unit, d, o);

const BTM = 'kafka.server:type=BrokerTopicMetrics';
const RM = 'kafka.server:type=ReplicaManager';
const KC = 'kafka.controller:type=KafkaController';
const CS = 'kafka.controller:type=ControllerStats';

/** Request types the proposal charts; reading `request=*` would give ~70 types × versions. */
const CHARTED_REQUESTS = ['Produce', 'FetchConsumer', 'FetchFollower'] as const;

/** RequestsPerSec carries a `version` key: read with a wildcard; versions collapse into one `request` series (summed). */
const requestRate = (req: string): CatalogEntry =>
  b(
    'kafka.request.requests',
    `kafka.network:type=RequestMetrics,name=RequestsPerSec,request=${req},version=*`,
    'Count',
    'counter',
    'req/s',
    ['Requests per second by request type (all API versions summed)', '요청 유형별 초당 요청 수 (모든 API 버전 합계)'],
    { labelKeys: ['request'], proposal: [12] },
  );
const requestTime = (req: string, attr: 'Mean' | '99thPercentile'): CatalogEntry =>
  attr === 'Mean'
    ? b(
        'kafka.request.total_time_ms_mean',
        `kafka.network:type=RequestMetrics,name=TotalTimeMs,request=${req}`,
        'Mean',
        'gauge',
        'ms',
        ['Total time to serve a request, mean since broker start', '요청 처리 총 시간, 브로커 시작 이후 평균'],
        { labelKeys: ['request'], proposal: [13] },
      )
    : b(
        'kafka.request.total_time_ms_p99',
        `kafka.network:type=RequestMetrics,name=TotalTimeMs,request=${req}`,
        '99thPercentile',
        'gauge',
        'ms',
        ['Total time to serve a request, 99th percentile (recent samples)', '요청 처리 총 시간, 99 백분위 (최근 표본)'],
        { labelKeys: ['request'], proposal: [13] },
      );

export const KAFKA_BROKER_ENTRIES: CatalogEntry[] = [
  // 1. process
  b(
    'kafka.broker.state',
    'kafka.server:type=KafkaServer,name=BrokerState',
    'Value',
    'gauge',
    'code',
    [
      'Broker state: 0 not running, 1 starting, 2 recovery, 3 running, 6 pending controlled shutdown, 7 shutting down',
      '브로커 상태: 0 중지, 1 시작 중, 2 복구 중, 3 실행 중, 6 제어된 종료 대기, 7 종료 중',
    ],
    { proposal: [1] },
  ),
  b(
    'kafka.broker.start_time_ms',
    'kafka.server:type=app-info',
    'start-time-ms',
    'gauge',
    'ms',
    ['When the broker started (epoch ms; changes on restart)', '브로커 시작 시각 (epoch ms, 재시작 시 바뀜)'],
    { proposal: [1] },
  ),
  // 4, 10, 11. traffic
  b('kafka.broker.bytes_in', `${BTM},name=BytesInPerSec`, 'Count', 'counter', 'bytes/s', ['Bytes received from clients', '클라이언트로부터 받은 초당 바이트'], {
    proposal: [4, 11],
  }),
  b('kafka.broker.bytes_out', `${BTM},name=BytesOutPerSec`, 'Count', 'counter', 'bytes/s', ['Bytes sent to clients', '클라이언트로 보낸 초당 바이트'], {
    proposal: [4, 11],
  }),
  b('kafka.broker.messages_in', `${BTM},name=MessagesInPerSec`, 'Count', 'counter', 'msgs/s', ['Messages received', '초당 받은 메시지 수'], { proposal: [10] }),
  b(
    'kafka.broker.replication_bytes_in',
    `${BTM},name=ReplicationBytesInPerSec`,
    'Count',
    'counter',
    'bytes/s',
    ['Bytes received from other brokers (replication)', '다른 브로커로부터 복제로 받은 초당 바이트'],
    { proposal: [4] },
  ),
  b(
    'kafka.broker.replication_bytes_out',
    `${BTM},name=ReplicationBytesOutPerSec`,
    'Count',
    'counter',
    'bytes/s',
    ['Bytes sent to other brokers (replication)', '다른 브로커로 복제로 보낸 초당 바이트'],
    { proposal: [4] },
  ),
  b('kafka.broker.failed_produce_requests', `${BTM},name=FailedProduceRequestsPerSec`, 'Count', 'counter', 'req/s', [
    'Produce requests that failed',
    '실패한 produce 요청 수',
  ]),
  b('kafka.broker.failed_fetch_requests', `${BTM},name=FailedFetchRequestsPerSec`, 'Count', 'counter', 'req/s', [
    'Fetch requests that failed',
    '실패한 fetch 요청 수',
  ]),
  b(
    'kafka.topic.bytes_in',
    `${BTM},name=BytesInPerSec,topic=*`,
    'Count',
    'counter',
    'bytes/s',
    ['Bytes received per topic (bean appears with the first traffic)', '토픽별 받은 초당 바이트 (첫 트래픽 후 생김)'],
    { labelKeys: ['topic'], proposal: [4, 11] },
  ),
  b(
    'kafka.topic.bytes_out',
    `${BTM},name=BytesOutPerSec,topic=*`,
    'Count',
    'counter',
    'bytes/s',
    ['Bytes sent per topic (bean appears with the first traffic)', '토픽별 보낸 초당 바이트 (첫 트래픽 후 생김)'],
    { labelKeys: ['topic'], proposal: [4, 11] },
  ),
  b(
    'kafka.topic.messages_in',
    `${BTM},name=MessagesInPerSec,topic=*`,
    'Count',
    'counter',
    'msgs/s',
    ['Messages received per topic', '토픽별 초당 받은 메시지 수'],
    { labelKeys: ['topic'], proposal: [10] },
  ),
  // 12, 13. requests
  ...CHARTED_REQUESTS.map(requestRate),
  ...CHARTED_REQUESTS.map((r) => requestTime(r, 'Mean')),
  ...CHARTED_REQUESTS.map((r) => requestTime(r, '99thPercentile')),
  // 5, 6. disk
  b(
    'kafka.log.size',
    'kafka.log:type=Log,name=Size,topic=*,partition=*',
    'Value',
    'gauge',
    'bytes',
    [
      'Size of each partition log on this broker (read every Nth cycle: one bean per partition)',
      '이 브로커의 파티션별 로그 크기 (파티션마다 빈이 있어 N번째 주기마다 읽음)',
    ],
    { labelKeys: ['topic', 'partition'], cadence: 'slow', proposal: [5] },
  ),
  // no MBean gives a log dir's size: the partition logs' sizes, summed per broker by the parser (no labels)
  b(
    'kafka.broker.log_dir_bytes',
    'kafka.log:type=Log,name=Size,topic=*,partition=*',
    'Value',
    'gauge',
    'bytes',
    [
      'Bytes in the log dirs of this broker: every partition log it hosts, summed (read every Nth cycle)',
      '이 브로커 로그 디렉터리의 바이트 수: 호스팅하는 모든 파티션 로그 크기 합계 (N번째 주기마다 읽음)',
    ],
    { cadence: 'slow', proposal: [5] },
  ),
  b(
    'kafka.log.offline_log_dirs',
    'kafka.log:type=LogManager,name=OfflineLogDirectoryCount',
    'Value',
    'gauge',
    'count',
    ['Log directories that went offline (disk failure)', '오프라인이 된 로그 디렉터리 수 (디스크 장애)'],
    { proposal: [5] },
  ),
  b(
    'kafka.broker.disk_read_bytes',
    'kafka.server:type=KafkaServer,name=linux-disk-read-bytes',
    'Value',
    'counter',
    'bytes/s',
    ['Bytes the broker process read from disk (Linux only)', '브로커 프로세스의 초당 디스크 읽기 바이트 (Linux만)'],
    { proposal: [6] },
  ),
  b(
    'kafka.broker.disk_write_bytes',
    'kafka.server:type=KafkaServer,name=linux-disk-write-bytes',
    'Value',
    'counter',
    'bytes/s',
    ['Bytes the broker process wrote to disk (Linux only)', '브로커 프로세스의 초당 디스크 쓰기 바이트 (Linux만)'],
    { proposal: [6] },
  ),
  // 15. flush
  b(
    'kafka.log.flush_rate',
    'kafka.log:type=LogFlushStats,name=LogFlushRateAndTimeMs',
    'Count',
    'counter',
    '1/s',
    ['Log flushes to disk per second', '초당 디스크 로그 플러시 횟수'],
    { proposal: [15] },
  ),
  b(
    'kafka.log.flush_time_ms_mean',
    'kafka.log:type=LogFlushStats,name=LogFlushRateAndTimeMs',
    'Mean',
    'gauge',
    'ms',
    ['Mean time of a log flush', '로그 플러시 평균 시간'],
    { proposal: [15] },
  ),
  b(
    'kafka.log.flush_time_ms_p99',
    'kafka.log:type=LogFlushStats,name=LogFlushRateAndTimeMs',
    '99thPercentile',
    'gauge',
    'ms',
    ['Log flush time, 99th percentile', '로그 플러시 시간 99 백분위'],
    { proposal: [15] },
  ),
  // 7, 16, 17. replication
  b(
    'kafka.broker.under_replicated_partitions',
    `${RM},name=UnderReplicatedPartitions`,
    'Value',
    'gauge',
    'count',
    ['Partitions led by this broker whose replicas have not caught up (alert > 0)', '이 브로커가 리더인 파티션 중 복제가 따라잡지 못한 수 (0 초과 시 경고)'],
    { proposal: [7] },
  ),
  b(
    'kafka.broker.under_min_isr_partitions',
    `${RM},name=UnderMinIsrPartitionCount`,
    'Value',
    'gauge',
    'count',
    [
      'Partitions with fewer in-sync replicas than min.insync.replicas (producers with acks=all fail)',
      'ISR이 min.insync.replicas보다 적은 파티션 수 (acks=all 프로듀서 실패)',
    ],
    { proposal: [7] },
  ),
  b('kafka.broker.partitions', `${RM},name=PartitionCount`, 'Value', 'gauge', 'count', ['Partitions on this broker', '이 브로커의 파티션 수'], {
    proposal: [16],
  }),
  b('kafka.broker.leaders', `${RM},name=LeaderCount`, 'Value', 'gauge', 'count', ['Partitions this broker leads', '이 브로커가 리더인 파티션 수'], {
    proposal: [16],
  }),
  b('kafka.broker.isr_shrinks', `${RM},name=IsrShrinksPerSec`, 'Count', 'counter', '1/s', ['Replicas leaving the in-sync set', '초당 ISR에서 빠진 복제본 수'], {
    proposal: [17],
  }),
  b(
    'kafka.broker.isr_expands',
    `${RM},name=IsrExpandsPerSec`,
    'Count',
    'counter',
    '1/s',
    ['Replicas rejoining the in-sync set', '초당 ISR에 다시 합류한 복제본 수'],
    { proposal: [17] },
  ),
  b(
    'kafka.broker.replica_max_lag',
    'kafka.server:type=ReplicaFetcherManager,name=MaxLag,clientId=Replica',
    'Value',
    'gauge',
    'messages',
    ["Largest lag of this broker's follower replicas behind their leaders", '이 브로커의 팔로워 복제본이 리더보다 뒤처진 최대 메시지 수'],
    { proposal: [7] },
  ),
  // 18, 19. thread pools
  b(
    'kafka.broker.network_processor_idle',
    'kafka.network:type=SocketServer,name=NetworkProcessorAvgIdlePercent',
    'Value',
    'gauge',
    'ratio',
    ['Idle share of the network threads (alert below 0.3)', '네트워크 스레드 유휴 비율 (0.3 미만 경고)'],
    { proposal: [18] },
  ),
  b(
    'kafka.broker.request_handler_idle',
    'kafka.server:type=KafkaRequestHandlerPool,name=RequestHandlerAvgIdlePercent',
    'OneMinuteRate',
    'gauge',
    'ratio',
    ['Idle share of the request handler threads, one-minute average (alert below 0.3)', '요청 핸들러 스레드 유휴 비율, 1분 평균 (0.3 미만 경고)'],
    { proposal: [19] },
  ),
  // 8, 9, 14. controller (non-zero only on the active controller)
  b(
    'kafka.controller.active_controller_count',
    `${KC},name=ActiveControllerCount`,
    'Value',
    'gauge',
    'count',
    ['1 on the active controller, 0 elsewhere; the sum over brokers must be 1', '활성 컨트롤러면 1, 아니면 0; 브로커 합계는 반드시 1'],
    { proposal: [9] },
  ),
  b(
    'kafka.controller.offline_partitions',
    `${KC},name=OfflinePartitionsCount`,
    'Value',
    'gauge',
    'count',
    ['Partitions without a leader (reported by the active controller; alert > 0)', '리더가 없는 파티션 수 (활성 컨트롤러가 보고, 0 초과 시 경고)'],
    { proposal: [8] },
  ),
  b('kafka.controller.preferred_replica_imbalance', `${KC},name=PreferredReplicaImbalanceCount`, 'Value', 'gauge', 'count', [
    'Partitions not led by their preferred replica (active controller)',
    '선호 복제본이 리더가 아닌 파티션 수 (활성 컨트롤러)',
  ]),
  b(
    'kafka.controller.global_partitions',
    `${KC},name=GlobalPartitionCount`,
    'Value',
    'gauge',
    'count',
    ['Partitions in the cluster (active controller)', '클러스터의 파티션 수 (활성 컨트롤러)'],
    { proposal: [16] },
  ),
  b('kafka.controller.global_topics', `${KC},name=GlobalTopicCount`, 'Value', 'gauge', 'count', [
    'Topics in the cluster (active controller)',
    '클러스터의 토픽 수 (활성 컨트롤러)',
  ]),
  b(
    'kafka.controller.unclean_leader_elections',
    `${CS},name=UncleanLeaderElectionsPerSec`,
    'Count',
    'counter',
    '1/s',
    ['Leaders elected from out-of-sync replicas: data loss (alert > 0)', '동기화되지 않은 복제본에서 선출된 리더: 데이터 손실 (0 초과 시 경고)'],
    { proposal: [14] },
  ),
  b(
    'kafka.controller.leader_elections',
    `${CS},name=LeaderElectionRateAndTimeMs`,
    'Count',
    'counter',
    '1/s',
    ['Partition leader elections per second (ZooKeeper mode)', '초당 파티션 리더 선출 수 (ZooKeeper 모드)'],
    { proposal: [14] },
  ),
  // ZooKeeper client of the broker (ZooKeeper mode only)
  b('kafka.broker.zk_request_latency_ms_mean', 'kafka.server:type=ZooKeeperClientMetrics,name=ZooKeeperRequestLatencyMs', 'Mean', 'gauge', 'ms', [
    "Latency of the broker's ZooKeeper requests, mean (ZooKeeper mode)",
    '브로커의 ZooKeeper 요청 지연 평균 (ZooKeeper 모드)',
  ]),
  // group coordinator
  b('kafka.broker.consumer_groups', 'kafka.coordinator.group:type=GroupMetadataManager,name=NumGroups', 'Value', 'gauge', 'count', [
    'Consumer groups this broker coordinates',
    '이 브로커가 코디네이터인 컨슈머 그룹 수',
  ]),
  b('kafka.broker.yammer_metrics', 'kafka.server:type=KafkaServer,name=yammer-metrics-count', 'Value', 'gauge', 'count', [
    'Metrics the broker registered (a proxy for polling cost)',
    '브로커가 등록한 메트릭 수 (수집 비용 지표)',
  ]),
];
