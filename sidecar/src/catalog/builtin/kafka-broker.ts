/**
 * Kafka broker metrics (Kafka 3.9 / 4.x MBean names), covering the proposal's metric table
 * (`proposal` = row numbers). Counters (`Count`) are stored as per-second rates.
 * Request metrics are read for Produce, FetchConsumer and FetchFollower only (the proposal's
 * request types): one entry per MBean sharing an id, instead of a request=* pattern that would
 * read ~65 request types on every cycle.
 */
import type { CatalogEntry } from '../../model';
import { jmx, type JmxOpts } from './define';

const b = (id: string, mbean: string, attribute: string, type: 'gauge' | 'counter', unit: string, d: [string, string], o?: JmxOpts): CatalogEntry =>
  jmx('kafka-broker', id, mbean, attribute, type, unit, d, o);

const BTM = 'kafka.server:type=BrokerTopicMetrics';
export const KAFKA_BROKER_ENTRIES: CatalogEntry[] = [
  b('kafka.broker.state', 'kafka.server:type=KafkaServer,name=BrokerState', 'Value', 'gauge', 'code', ['Broker state (3 = running)', '브로커 상태 (3 = 실행 중)'], { proposal: [1] }),
  b('kafka.broker.heap_used', 'java.lang:type=Memory', 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap used', 'JVM 힙 사용량'], { path: 'used', proposal: [2, 20] }),
  b('kafka.broker.heap_max', 'java.lang:type=Memory', 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap maximum', 'JVM 최대 힙'], { path: 'max', proposal: [2, 20] }),
  b('kafka.broker.heap_committed', 'java.lang:type=Memory', 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap committed', 'JVM 커밋된 힙'], { path: 'committed', proposal: [20] }),
  b('kafka.broker.physical_memory_total', 'java.lang:type=OperatingSystem', 'TotalPhysicalMemorySize', 'gauge', 'bytes', ['Physical memory of the host', '호스트 물리 메모리'], { proposal: [2] }),
  b('kafka.broker.physical_memory_free', 'java.lang:type=OperatingSystem', 'FreePhysicalMemorySize', 'gauge', 'bytes', ['Free physical memory of the host (page cache counts as used)', '호스트 여유 물리 메모리'], { proposal: [2] }),
  // Swap used (proposal #3) has no MBean attribute of its own: the UI computes swap_total − swap_free.
  b('kafka.broker.swap_total', 'java.lang:type=OperatingSystem', 'TotalSwapSpaceSize', 'gauge', 'bytes', ['Swap space of the host', '호스트 스왑 크기'], { proposal: [3] }),
  b('kafka.broker.swap_free', 'java.lang:type=OperatingSystem', 'FreeSwapSpaceSize', 'gauge', 'bytes', ['Free swap space (used = total − free)', '여유 스왑 (사용량 = 전체 − 여유)'], { proposal: [3] }),
  b('kafka.broker.process_cpu_load', 'java.lang:type=OperatingSystem', 'ProcessCpuLoad', 'gauge', 'ratio', ['CPU load of the broker process (0..1)', '브로커 프로세스 CPU 부하 (0..1)']),
  b('kafka.broker.open_fds', 'java.lang:type=OperatingSystem', 'OpenFileDescriptorCount', 'gauge', 'count', ['Open file descriptors', '열린 파일 디스크립터 수']),
  b('kafka.broker.gc_time', 'java.lang:type=GarbageCollector,name=*', 'CollectionTime', 'counter', 'ms/s', ['Time spent in garbage collection per second', '초당 GC 소요 시간'], { labelKeys: ['name'], proposal: [20] }),
  b('kafka.broker.bytes_in', `${BTM},name=BytesInPerSec`, 'Count', 'counter', 'bytes/s', ['Bytes received from clients', '클라이언트로부터 받은 바이트'], { proposal: [4, 11] }),
  b('kafka.broker.bytes_out', `${BTM},name=BytesOutPerSec`, 'Count', 'counter', 'bytes/s', ['Bytes sent to clients', '클라이언트로 보낸 바이트'], { proposal: [4, 11] }),
  b('kafka.broker.messages_in', `${BTM},name=MessagesInPerSec`, 'Count', 'counter', 'msgs/s', ['Messages received', '받은 메시지 수'], { proposal: [10] }),
  b('kafka.broker.replication_bytes_in', `${BTM},name=ReplicationBytesInPerSec`, 'Count', 'counter', 'bytes/s', ['Bytes received from other brokers (replication)', '복제로 받은 바이트'], { proposal: [4] }),
  b('kafka.broker.replication_bytes_out', `${BTM},name=ReplicationBytesOutPerSec`, 'Count', 'counter', 'bytes/s', ['Bytes sent to other brokers (replication)', '복제로 보낸 바이트'], { proposal: [4] }),
  // Per-topic beans appear only once this broker has led a partition of the topic with traffic
  // (live: broker 2 had none at all, so the pattern can legitimately match nothing).
  b('kafka.broker.topic_bytes_in', `${BTM},name=BytesInPerSec,topic=*`, 'Count', 'counter', 'bytes/s', ['Bytes received per topic', '토픽별 받은 바이트'], { labelKeys: ['topic'], proposal: [11] }),
  b('kafka.broker.topic_bytes_out', `${BTM},name=BytesOutPerSec,topic=*`, 'Count', 'counter', 'bytes/s', ['Bytes sent per topic', '토픽별 보낸 바이트'], { labelKeys: ['topic'], proposal: [11] }),
  b('kafka.broker.topic_messages_in', `${BTM},name=MessagesInPerSec,topic=*`, 'Count', 'counter', 'msgs/s', ['Messages received per topic', '토픽별 받은 메시지 수'], { labelKeys: ['topic'], proposal: [10] }),
  // RequestsPerSec carries a `version` key and a bean appears only once that request type/version
  // has been served (traffic-dependent). Fetches are counted twice: under `Fetch` and under
  // `FetchConsumer` or `FetchFollower`, so never sum over all request types.
  b('kafka.broker.requests', 'kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,version=*', 'Count', 'counter', 'req/s', ['Requests per second by request type and version (sum the versions; Fetch = FetchConsumer + FetchFollower)', '요청 유형·버전별 초당 요청 수 (버전은 합산; Fetch = FetchConsumer + FetchFollower)'], { labelKeys: ['request', 'version'], proposal: [12] }),
  b('kafka.broker.requests', 'kafka.network:type=RequestMetrics,name=RequestsPerSec,request=FetchConsumer,version=*', 'Count', 'counter', 'req/s', ['Requests per second by request type and version (sum the versions; Fetch = FetchConsumer + FetchFollower)', '요청 유형·버전별 초당 요청 수 (버전은 합산; Fetch = FetchConsumer + FetchFollower)'], { labelKeys: ['request', 'version'], proposal: [12] }),
  b('kafka.broker.requests', 'kafka.network:type=RequestMetrics,name=RequestsPerSec,request=FetchFollower,version=*', 'Count', 'counter', 'req/s', ['Requests per second by request type and version (sum the versions; Fetch = FetchConsumer + FetchFollower)', '요청 유형·버전별 초당 요청 수 (버전은 합산; Fetch = FetchConsumer + FetchFollower)'], { labelKeys: ['request', 'version'], proposal: [12] }),
  // TotalTimeMs beans exist for every request type from startup (~65 per broker); the proposal's
  // charts use request = Produce, FetchConsumer, FetchFollower. Histograms decay: 0 without traffic.
  b('kafka.broker.request_total_time_mean', 'kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce', 'Mean', 'gauge', 'ms', ['Mean total time to serve a request, by request type', '요청 유형별 요청 처리 총 시간 (평균)'], { labelKeys: ['request'], proposal: [13] }),
  b('kafka.broker.request_total_time_mean', 'kafka.network:type=RequestMetrics,name=TotalTimeMs,request=FetchConsumer', 'Mean', 'gauge', 'ms', ['Mean total time to serve a request, by request type', '요청 유형별 요청 처리 총 시간 (평균)'], { labelKeys: ['request'], proposal: [13] }),
  b('kafka.broker.request_total_time_mean', 'kafka.network:type=RequestMetrics,name=TotalTimeMs,request=FetchFollower', 'Mean', 'gauge', 'ms', ['Mean total time to serve a request, by request type', '요청 유형별 요청 처리 총 시간 (평균)'], { labelKeys: ['request'], proposal: [13] }),
  b('kafka.broker.request_total_time_p99', 'kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce', '99thPercentile', 'gauge', 'ms', ['99th percentile of the total time to serve a request, by request type', '요청 유형별 요청 처리 총 시간 (99 백분위)'], { labelKeys: ['request'], proposal: [13] }),
  b('kafka.broker.request_total_time_p99', 'kafka.network:type=RequestMetrics,name=TotalTimeMs,request=FetchConsumer', '99thPercentile', 'gauge', 'ms', ['99th percentile of the total time to serve a request, by request type', '요청 유형별 요청 처리 총 시간 (99 백분위)'], { labelKeys: ['request'], proposal: [13] }),
  b('kafka.broker.request_total_time_p99', 'kafka.network:type=RequestMetrics,name=TotalTimeMs,request=FetchFollower', '99thPercentile', 'gauge', 'ms', ['99th percentile of the total time to serve a request, by request type', '요청 유형별 요청 처리 총 시간 (99 백분위)'], { labelKeys: ['request'], proposal: [13] }),
  b('kafka.broker.under_replicated_partitions', 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions', 'Value', 'gauge', 'count', ['Partitions whose replicas have not caught up', '복제가 따라잡지 못한 파티션 수'], { proposal: [7] }),
  // Controller metrics exist on every broker; only the active controller reports non-zero values.
  b('kafka.broker.offline_partitions', 'kafka.controller:type=KafkaController,name=OfflinePartitionsCount', 'Value', 'gauge', 'count', ['Partitions without a leader (active controller only)', '리더가 없는 파티션 수 (활성 컨트롤러만)'], { proposal: [8] }),
  b('kafka.broker.active_controller', 'kafka.controller:type=KafkaController,name=ActiveControllerCount', 'Value', 'gauge', 'count', ['1 on the active controller; the sum over brokers must be 1', '활성 컨트롤러면 1; 브로커 합계는 1이어야 함'], { proposal: [9] }),
  // ControllerStats count on the active controller only (and across controller moves they restart).
  b('kafka.broker.unclean_leader_elections', 'kafka.controller:type=ControllerStats,name=UncleanLeaderElectionsPerSec', 'Count', 'counter', '1/s', ['Leaders elected from out-of-sync replicas (data loss)', '동기화되지 않은 복제본에서 선출된 리더 (데이터 손실)'], { proposal: [14] }),
  // ZooKeeper mode only.
  b('kafka.broker.leader_elections', 'kafka.controller:type=ControllerStats,name=LeaderElectionRateAndTimeMs', 'Count', 'counter', '1/s', ['Leader elections', '리더 선출 수']),
  // Flushes happen only with traffic (and mostly at segment roll unless flush.messages/ms is set).
  b('kafka.broker.log_flush_rate', 'kafka.log:type=LogFlushStats,name=LogFlushRateAndTimeMs', 'Count', 'counter', '1/s', ['Log flushes to disk', '디스크 로그 플러시 횟수'], { proposal: [15] }),
  b('kafka.broker.log_flush_time_mean', 'kafka.log:type=LogFlushStats,name=LogFlushRateAndTimeMs', 'Mean', 'gauge', 'ms', ['Mean time of a log flush', '로그 플러시 평균 시간'], { proposal: [15] }),
  b('kafka.broker.partitions', 'kafka.server:type=ReplicaManager,name=PartitionCount', 'Value', 'gauge', 'count', ['Partitions on this broker', '이 브로커의 파티션 수'], { proposal: [16] }),
  b('kafka.broker.leaders', 'kafka.server:type=ReplicaManager,name=LeaderCount', 'Value', 'gauge', 'count', ['Partitions this broker leads', '이 브로커가 리더인 파티션 수'], { proposal: [16] }),
  b('kafka.broker.isr_shrinks', 'kafka.server:type=ReplicaManager,name=IsrShrinksPerSec', 'Count', 'counter', '1/s', ['Replicas leaving the in-sync set', 'ISR에서 빠진 복제본'], { proposal: [17] }),
  b('kafka.broker.isr_expands', 'kafka.server:type=ReplicaManager,name=IsrExpandsPerSec', 'Count', 'counter', '1/s', ['Replicas rejoining the in-sync set', 'ISR에 다시 합류한 복제본'], { proposal: [17] }),
  b('kafka.broker.network_processor_idle', 'kafka.network:type=SocketServer,name=NetworkProcessorAvgIdlePercent', 'Value', 'gauge', 'ratio', ['Idle share of the network threads (alert below 0.3)', '네트워크 스레드 유휴 비율 (0.3 미만 경고)'], { proposal: [18] }),
  b('kafka.broker.request_handler_idle', 'kafka.server:type=KafkaRequestHandlerPool,name=RequestHandlerAvgIdlePercent', 'OneMinuteRate', 'gauge', 'ratio', ['Idle share of the request handler threads (alert below 0.3)', '요청 핸들러 스레드 유휴 비율 (0.3 미만 경고)'], { proposal: [19] }),
  b('kafka.broker.log_size', 'kafka.log:type=Log,name=Size,topic=*,partition=*', 'Value', 'gauge', 'bytes', ['Size of each partition log on this broker', '이 브로커의 파티션 로그 크기'], { labelKeys: ['topic', 'partition'], cadence: 'slow', proposal: [5] }),
  // Linux only: I/O of the broker process from /proc/self/io (cumulative, hence counter).
  b('kafka.broker.disk_read_bytes', 'kafka.server:type=KafkaServer,name=linux-disk-read-bytes', 'Value', 'counter', 'bytes/s', ['Bytes the broker process read from disk', '브로커 프로세스의 디스크 읽기 바이트'], { proposal: [6] }),
  b('kafka.broker.disk_write_bytes', 'kafka.server:type=KafkaServer,name=linux-disk-write-bytes', 'Value', 'counter', 'bytes/s', ['Bytes the broker process wrote to disk', '브로커 프로세스의 디스크 쓰기 바이트'], { proposal: [6] }),
  b('kafka.broker.under_min_isr_partitions', 'kafka.server:type=ReplicaManager,name=UnderMinIsrPartitionCount', 'Value', 'gauge', 'count', ['Partitions whose ISR is below min.insync.replicas (acks=all produce fails)', 'ISR이 min.insync.replicas 미만인 파티션 수 (acks=all 전송 실패)'], { proposal: [7] }),
  // Active controller only (0 on the other brokers).
  b('kafka.broker.global_partitions', 'kafka.controller:type=KafkaController,name=GlobalPartitionCount', 'Value', 'gauge', 'count', ['Partitions in the cluster (active controller only)', '클러스터 전체 파티션 수 (활성 컨트롤러만)'], { proposal: [16] }),
  b('kafka.broker.global_topics', 'kafka.controller:type=KafkaController,name=GlobalTopicCount', 'Value', 'gauge', 'count', ['Topics in the cluster (active controller only)', '클러스터 전체 토픽 수 (활성 컨트롤러만)']),
  b('kafka.broker.preferred_replica_imbalance', 'kafka.controller:type=KafkaController,name=PreferredReplicaImbalanceCount', 'Value', 'gauge', 'count', ['Partitions not led by their preferred replica (active controller only)', '선호 복제본이 리더가 아닌 파티션 수 (활성 컨트롤러만)']),
  // Group coordinator: counts only the groups this broker coordinates.
  b('kafka.broker.consumer_groups', 'kafka.coordinator.group:type=GroupMetadataManager,name=NumGroups', 'Value', 'gauge', 'count', ['Consumer groups coordinated by this broker', '이 브로커가 코디네이터인 컨슈머 그룹 수']),
  // ZooKeeper mode only (gone in Kafka 4.x / KRaft).
  b('kafka.broker.zk_request_latency_mean', 'kafka.server:type=ZooKeeperClientMetrics,name=ZooKeeperRequestLatencyMs', 'Mean', 'gauge', 'ms', ['Mean latency of the broker\'s ZooKeeper requests (ZooKeeper mode only)', '브로커의 ZooKeeper 요청 평균 지연 (ZooKeeper 모드만)']),
];
